#!/usr/bin/env node
import { CLI_USAGE, startFromCommandLine } from './emulator-cli';

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
  process.stderr.write(
    `baseten-emulator: ${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}`,
  );
  process.exit(1);
});
