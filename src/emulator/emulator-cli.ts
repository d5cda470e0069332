import { parseArgs } from 'node:util';
import {
  startBasetenEmulator,
  type BasetenEmulator,
  type BasetenEmulatorOptions,
} from './baseten-emulator';
import {
  EMULATOR_ENGINES,
  type EmulatorEngine,
} from './deployments/emulator-deployment-engines';
import { FAULT_HEADER } from './faults/emulator-faults';
import type {
  EmulatorVoiceDeployments,
  EmulatorVoiceProtocol,
} from './voice/emulator-voice-deployments';

export const CLI_USAGE = `Usage: baseten-emulator [options]

A local emulator of Baseten's inference APIs (Model APIs and dedicated
deployments) on one port that speaks HTTP/1.1 and HTTP/2 (h2c).

Options:
  --port <n>                  port to listen on (default: a free port)
  --host <address>            interface to bind (default: 127.0.0.1)
  --api-key <key>             accept only this API key, 403 for others
                              (default: every non-empty key)
  --exit-after <seconds>      stop by itself after this many seconds
  --chunk-delay-ms <ms>       pause between streamed chunks (default: 0)
  --embedding-dimensions <n>  embedding size without "dimensions" (default: 1024)
  --engine <name>             engine of every deployment's /sync/v1 chat:
                              vllm, sglang or trtllm (default: vllm)
  --voice-deployment <target>=<protocol>
                              a deployment that speaks a Qwen3 protocol, e.g.
                              deployment/q3tts001=qwen3-tts (qwen3-asr,
                              qwen3-asr-batch, qwen3-asr-chat, qwen3-tts);
                              repeat for more
  -h, --help                  show this help

Environment:
  BASETEN_WEBHOOK_SECRET      secret(s) async webhooks are signed with,
                              comma-separated during a rotation (newest first)
`;

/** A bad command line: the CLI prints the usage after its message. */
export class CliUsageError extends Error {}

/** Whether the emulator can serve `…/websocket` (it needs the optional `ws` package). */
async function webSocketsAvailable(): Promise<boolean> {
  return import('ws').then(
    () => true,
    () => false,
  );
}

/** The emulator, with a busy port said in one line. */
async function startOrExplain(
  options: BasetenEmulatorOptions,
): Promise<BasetenEmulator> {
  try {
    return await startBasetenEmulator(options);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'EADDRINUSE') {
      throw new Error(
        `port ${options.port} on ${options.host ?? '127.0.0.1'} is already in use; stop what listens there or pick another with --port (leave it out for a free one).`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** A running CLI emulator. */
export interface CliRun {
  readonly emulator: BasetenEmulator;
  /** Resolves with the reason once the emulator has stopped. */
  readonly stopped: Promise<string>;
  /** Stops the emulator (once; later calls do nothing). */
  stop(reason: string): void;
}

function numberOption(
  name: string,
  value: string | undefined,
  integer: boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(number) ||
    number < 0 ||
    (integer && !Number.isInteger(number))
  ) {
    throw new CliUsageError(
      `--${name} needs a non-negative ${integer ? 'integer' : 'number'}, got "${value}"`,
    );
  }
  return number;
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        'exit-after': { type: 'string' },
        'chunk-delay-ms': { type: 'string' },
        'embedding-dimensions': { type: 'string' },
        engine: { type: 'string' },
        'voice-deployment': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(
      error instanceof Error ? error.message : String(error),
      { cause: error },
    );
  }
}

function engineOption(value: string | undefined): EmulatorEngine | undefined {
  if (value === undefined) return undefined;
  const engine = EMULATOR_ENGINES.find(name => name === value);
  if (engine === undefined)
    throw new Error(
      `--engine needs one of ${EMULATOR_ENGINES.join(', ')}, got "${value}"`,
    );
  return engine;
}

/** `--voice-deployment target=protocol`, repeated; the emulator checks the values. */
function voiceDeploymentsOption(
  values: readonly string[] | undefined,
): EmulatorVoiceDeployments | undefined {
  if (values === undefined) return undefined;
  const deployments: Record<string, EmulatorVoiceProtocol> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    if (at <= 0)
      throw new Error(
        `--voice-deployment needs <target>=<protocol>, e.g. deployment/q3tts001=qwen3-tts; got "${value}"`,
      );
    deployments[value.slice(0, at)] = value.slice(
      at + 1,
    ) as EmulatorVoiceProtocol;
  }
  return deployments;
}

/**
 * Parses the command line, starts the emulator and prints its URLs; returns
 * `undefined` after printing the usage for `--help`. Throws on bad arguments.
 */
export async function startFromCommandLine(
  argv: readonly string[],
  write: (text: string) => void,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CliRun | undefined> {
  const { values } = parseCommandLine(argv);
  if (values.help) {
    write(CLI_USAGE);
    return undefined;
  }
  // from the environment, not an argument, so the secret is not in the process list
  const webhookSecrets = (env.BASETEN_WEBHOOK_SECRET ?? '')
    .split(',')
    .map(secret => secret.trim())
    .filter(secret => secret !== '');
  const options: BasetenEmulatorOptions = {
    webhookSecrets,
    port: numberOption('port', values.port, true),
    host: values.host,
    apiKey: values['api-key'],
    chunkDelayMs: numberOption(
      'chunk-delay-ms',
      values['chunk-delay-ms'],
      false,
    ),
    embeddingDimensions: numberOption(
      'embedding-dimensions',
      values['embedding-dimensions'],
      true,
    ),
    engine: engineOption(values.engine),
    voiceDeployments: voiceDeploymentsOption(values['voice-deployment']),
  };
  const exitAfter = numberOption('exit-after', values['exit-after'], false);

  const emulator = await startOrExplain(options);
  const { origin } = emulator;
  const webSocketOrigin = origin.replace(/^http/, 'ws');
  const webSockets = await webSocketsAvailable();
  write(
    [
      `Baseten emulator listening on ${origin} (HTTP/1.1 and h2c)`,
      `  Model APIs baseURL:          ${emulator.baseURL}`,
      `  Deployment modelURL (chat):  ${emulator.modelURL}`,
      `  Deployment modelURL (embeddings, rerank): ${origin}/environments/production/sync`,
      `  Other deployment prefixes:   ${origin}/development/sync/v1, ${origin}/deployment/{id}/sync/v1`,
      `  Voice modelURL (batch):      ${origin}/environments/production/predict (Whisper and Orpheus)`,
      `  Voice modelURL (streaming):  ${webSocketOrigin}/environments/production/websocket (Whisper and Orpheus)`,
      webSockets
        ? '  WebSockets: on (the ws package is installed)'
        : "  WebSockets: off: …/websocket needs the 'ws' package; run `npm install -D ws` and restart the emulator",
      `  Async inference:             ${origin}/environments/production/async_predict (webhooks ${
        webhookSecrets.length === 0
          ? 'unsigned: set BASETEN_WEBHOOK_SECRET to sign them'
          : `signed with the ${webhookSecrets.length} secret(s) of BASETEN_WEBHOOK_SECRET`
      })`,
      `  Faults per request: header "${FAULT_HEADER}: status=429; retry-after=1" (or latency-ms, drop-after-chunks, malformed-chunk-at, hang)`,
      `  API key: ${
        options.apiKey === undefined
          ? 'every non-empty key'
          : 'only the one given with --api-key (others: 403)'
      }`,
      exitAfter === undefined
        ? 'Press Ctrl+C to stop.'
        : `Stopping by itself after ${exitAfter} s (or on Ctrl+C).`,
      '',
    ].join('\n'),
  );

  let resolveStopped: (reason: string) => void = () => {};
  const stopped = new Promise<string>(resolve => (resolveStopped = resolve));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    write(`Stopping the Baseten emulator (${reason}).\n`);
    void emulator.close().then(() => resolveStopped(reason));
  };
  if (exitAfter !== undefined)
    timer = setTimeout(
      () => stop(`--exit-after ${exitAfter}`),
      exitAfter * 1000,
    );
  return { emulator, stopped, stop };
}
