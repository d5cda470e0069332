#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startBasetenEmulator, type BasetenEmulatorOptions } from './baseten-emulator';
import { FAULT_HEADER } from './emulator-faults';

const USAGE = `Usage: baseten-emulator [options]

A local emulator of Baseten's inference APIs (Model APIs and dedicated
deployments) on one port that speaks HTTP/1.1 and HTTP/2 (h2c).

Options:
  --port <n>                  port to listen on (default: a free port)
  --host <address>            interface to bind (default: 127.0.0.1)
  --api-key <key>             accept only this API key (default: any non-empty key)
  --exit-after <seconds>      stop by itself after this many seconds
  --chunk-delay-ms <ms>       pause between streamed chunks (default: 0)
  --embedding-dimensions <n>  embedding size without "dimensions" (default: 1024)
  -h, --help                  show this help
`;

function numberOption(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || (integer && !Number.isInteger(number))) {
    throw new Error(`--${name} needs a non-negative ${integer ? 'integer' : 'number'}, got "${value}"`);
  }
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'exit-after': { type: 'string' },
      'chunk-delay-ms': { type: 'string' },
      'embedding-dimensions': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const options: BasetenEmulatorOptions = {
    port: numberOption('port', values.port, true),
    host: values.host,
    apiKey: values['api-key'],
    chunkDelayMs: numberOption('chunk-delay-ms', values['chunk-delay-ms'], false),
    embeddingDimensions: numberOption('embedding-dimensions', values['embedding-dimensions'], true),
  };
  const exitAfter = numberOption('exit-after', values['exit-after'], false);

  const emulator = await startBasetenEmulator(options);
  const sync = `${emulator.origin}/environments/production/sync`;
  process.stdout.write(
    [
      `Baseten emulator listening on ${emulator.origin} (HTTP/1.1 and h2c)`,
      `  Model APIs baseURL:          ${emulator.baseURL}`,
      `  Deployment modelURL (chat):  ${emulator.modelURL}`,
      `  Deployment modelURL (embeddings, rerank): ${sync}`,
      `  Other deployment prefixes:   ${emulator.origin}/development/sync/v1, ${emulator.origin}/deployment/{id}/sync/v1`,
      `  Faults per request: header "${FAULT_HEADER}: status=429; retry-after=1" (or latency-ms, drop-after-chunks, malformed-chunk-at, hang)`,
      `  API key: ${options.apiKey === undefined ? 'any non-empty key' : 'only the one given with --api-key'}`,
      exitAfter === undefined ? 'Press Ctrl+C to stop.' : `Stopping by itself after ${exitAfter} s (or on Ctrl+C).`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Stopping the Baseten emulator (${reason}).\n`);
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (exitAfter !== undefined) setTimeout(() => stop(`--exit-after ${exitAfter}`), exitAfter * 1000).unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`baseten-emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
});
