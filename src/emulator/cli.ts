#!/usr/bin/env node
import { CLI_USAGE, CliUsageError, startFromCommandLine } from './emulator-cli';

async function main(): Promise<void> {
  const run = await startFromCommandLine(process.argv.slice(2), text =>
    process.stdout.write(text),
  );
  if (run === undefined) return;
  process.once('SIGINT', () => run.stop('SIGINT'));
  process.once('SIGTERM', () => run.stop('SIGTERM'));
  await run.stopped;
  process.exit(0);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // the usage only for a bad command line; anything else is one line
  const usage = error instanceof CliUsageError ? `\n${CLI_USAGE}` : '';
  process.stderr.write(`baseten-emulator: ${message}\n${usage}`);
  process.exit(1);
});
