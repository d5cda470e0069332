import { parseArgs } from 'node:util';
import {
  startBasetenEmulator,
  type BasetenEmulator,
  type BasetenEmulatorOptions,
} from './baseten-emulator';
import { FAULT_HEADER } from './emulator-faults';
import type {
  EmulatorVoiceDeployments,
  EmulatorVoiceProtocol,
} from './emulator-voice-deployments';

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
  --voice-deployment <target>=<protocol>
                              a deployment that speaks a Qwen3 protocol, e.g.
                              deployment/q3tts001=qwen3-tts (qwen3-asr,
                              qwen3-asr-batch, qwen3-asr-chat, qwen3-tts);
                              repeat for more
  -h, --help                  show this help
`;

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
    throw new Error(
      `--${name} needs a non-negative ${integer ? 'integer' : 'number'}, got "${value}"`,
    );
  }
  return number;
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
): Promise<CliRun | undefined> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'exit-after': { type: 'string' },
      'chunk-delay-ms': { type: 'string' },
      'embedding-dimensions': { type: 'string' },
      'voice-deployment': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    write(CLI_USAGE);
    return undefined;
  }
  const options: BasetenEmulatorOptions = {
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
    voiceDeployments: voiceDeploymentsOption(values['voice-deployment']),
  };
  const exitAfter = numberOption('exit-after', values['exit-after'], false);

  const emulator = await startBasetenEmulator(options);
  const { origin } = emulator;
  write(
    [
      `Baseten emulator listening on ${origin} (HTTP/1.1 and h2c)`,
      `  Model APIs baseURL:          ${emulator.baseURL}`,
      `  Deployment modelURL (chat):  ${emulator.modelURL}`,
      `  Deployment modelURL (embeddings, rerank): ${origin}/environments/production/sync`,
      `  Other deployment prefixes:   ${origin}/development/sync/v1, ${origin}/deployment/{id}/sync/v1`,
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
