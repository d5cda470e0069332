// The matrix entry for runtimes with a process (Node, Bun, Deno): the
// configuration comes in environment variables, the result goes out as one
// JSON line.
import { readFile } from 'node:fs/promises';
import { runChecks } from './checks.mjs';

const env = process.env;
const outcome = await runChecks({
  origin: env.MATRIX_ORIGIN,
  apiKey: env.MATRIX_API_KEY,
  spokenText: env.MATRIX_SPOKEN_TEXT,
  speechPCM: env.MATRIX_SPEECH_PCM
    ? new Uint8Array(await readFile(env.MATRIX_SPEECH_PCM))
    : undefined,
  webSocketModes: env.MATRIX_WEBSOCKET_MODES
    ? env.MATRIX_WEBSOCKET_MODES.split(',')
    : [],
});
console.log(`MATRIX-RESULT ${JSON.stringify(outcome)}`);
process.exit(outcome.ok ? 0 : 1);
