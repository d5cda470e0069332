import { describe, expect, it } from 'vitest';
import { CliUsageError, startFromCommandLine } from './emulator-cli';

describe('the baseten-emulator banner and failures', () => {
  it('lists the voice URLs and says WebSockets are on (ws is installed here)', async () => {
    let output = '';
    const run = await startFromCommandLine([], text => (output += text));
    try {
      const { origin } = run!.emulator;
      const port = new URL(origin).port;
      expect(output).toContain(
        `  Voice modelURL (batch):      ${origin}/environments/production/predict (Whisper and Orpheus)\n`,
      );
      expect(output).toContain(
        `  Voice modelURL (streaming):  ws://127.0.0.1:${port}/environments/production/websocket (Whisper and Orpheus)\n`,
      );
      expect(output).toContain(
        '  WebSockets: on (the ws package is installed)\n',
      );
    } finally {
      run!.stop('test over');
      await run!.stopped;
    }
  });

  it('a busy port is one sentence naming the port and --port, not a usage error', async () => {
    const first = await startFromCommandLine([], () => {});
    try {
      const port = new URL(first!.emulator.origin).port;
      const failure = await startFromCommandLine(
        ['--port', port],
        () => {},
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(CliUsageError);
      expect((failure as Error).message).toBe(
        `port ${port} on 127.0.0.1 is already in use; stop what listens there or pick another with --port (leave it out for a free one).`,
      );
    } finally {
      first!.stop('test over');
      await first!.stopped;
    }
  });

  it('bad arguments are usage errors (the CLI prints the usage after them)', async () => {
    for (const argv of [['--port', 'eighty'], ['--verbose']]) {
      const failure = await startFromCommandLine(argv, () => {}).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(CliUsageError);
    }
  });
});
