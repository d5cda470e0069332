// Runs checks.mjs in every runtime against one local Baseten emulator and
// prints a table; exits non-zero if any check in any runtime fails.
//
//   node run.mjs <app dir> <runtimes dir> <node 20 binary>
//
// <app dir> is a fresh project with the packed package, ai, zod and ws
// installed (scripts/runtime-matrix.sh makes it); <runtimes dir> holds bun,
// deno, miniflare, wrangler and edge-runtime from the npm registry.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [app, tools, node20] = process.argv.slice(2);
const TIMEOUT_MS = 120_000;
const KEY = 'runtime-matrix-key';
const SPOKEN = 'Every runtime hears this.';
const COMPATIBILITY_DATE = '2026-07-30';

const load = path => import(pathToFileURL(path).href);
const { startBasetenEmulator, emulatorSpeechPCM } = await load(
  join(app, 'node_modules/ai-sdk-provider-baseten/dist/emulator/index.js'),
);
const emulator = await startBasetenEmulator({ apiKey: KEY });
const speechFile = join(app, 'speech.pcm');
await writeFile(speechFile, emulatorSpeechPCM(SPOKEN, 16_000));
const config = { origin: emulator.origin, apiKey: KEY };
const bin = name => join(tools, 'node_modules', '.bin', name);

function withTimeout(promise, what, onTimeout = () => {}) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        onTimeout();
        reject(
          new Error(`${what} did not finish within ${TIMEOUT_MS / 1000} s`),
        );
      }, TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs cli-entry.mjs under a runtime; resolves to its outcome. */
function runProcess(command, args, webSocketModes) {
  const child = spawn(command, args, {
    cwd: app,
    env: {
      ...process.env,
      NO_COLOR: '1',
      MATRIX_ORIGIN: config.origin,
      MATRIX_API_KEY: KEY,
      MATRIX_SPOKEN_TEXT: SPOKEN,
      MATRIX_SPEECH_PCM: speechFile,
      MATRIX_WEBSOCKET_MODES: webSocketModes.join(','),
      DENO_NO_UPDATE_CHECK: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', chunk => (output += chunk));
  child.stderr.on('data', chunk => (output += chunk));
  const done = new Promise(resolve => child.on('close', resolve)).then(code => {
    const line = output
      .split('\n')
      .find(text => text.startsWith('MATRIX-RESULT '));
    if (line === undefined)
      throw new Error(`exited with ${code} and no result:\n${output}`);
    return JSON.parse(line.slice('MATRIX-RESULT '.length));
  });
  return withTimeout(done, command, () => child.kill('SIGKILL'));
}

async function bundle(entry, format, conditions) {
  const esbuild = await load(join(tools, 'node_modules/esbuild/lib/main.js'));
  const outfile = join(app, `${entry}.${format}.bundle.js`);
  await esbuild.build({
    entryPoints: [join(app, entry)],
    absWorkingDir: app,
    bundle: true,
    format,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

async function miniflare() {
  const scriptPath = await bundle('worker-entry.mjs', 'esm', [
    'workerd',
    'worker',
    'browser',
    'import',
  ]);
  const { Miniflare } = await load(
    join(tools, 'node_modules/miniflare/dist/src/index.js'),
  );
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    compatibilityDate: COMPATIBILITY_DATE,
  });
  try {
    const response = await mf.dispatchFetch('http://matrix.local/', {
      method: 'POST',
      body: JSON.stringify(config),
    });
    return await response.json();
  } finally {
    await mf.dispose();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function wranglerDev() {
  await writeFile(
    join(app, 'wrangler.json'),
    JSON.stringify({
      name: 'runtime-matrix',
      main: 'worker-entry.mjs',
      compatibility_date: COMPATIBILITY_DATE,
    }),
  );
  const port = await freePort();
  const child = spawn(
    bin('wrangler'),
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--show-interactive-dev-session=false',
    ],
    {
      cwd: app,
      env: {
        ...process.env,
        CI: 'true',
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_LOG_PATH: join(app, 'wrangler-logs'),
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = chunk => {
      output += chunk;
      if (/Ready on/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', code =>
      reject(new Error(`wrangler dev exited with ${code}:\n${output}`)),
    );
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await withTimeout(ready, 'wrangler dev (start)', stop);
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      body: JSON.stringify(config),
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(
        `wrangler dev answered ${response.status}: ${text}\n${output}`,
      );
    }
  } finally {
    stop();
  }
}

async function edgeRuntime() {
  const script = await bundle('edge-entry.mjs', 'iife', [
    'edge-light',
    'worker',
    'browser',
    'import',
  ]);
  const { readFile } = await import('node:fs/promises');
  const { EdgeRuntime } = await load(
    join(tools, 'node_modules/edge-runtime/dist/index.js'),
  );
  const runtime = new EdgeRuntime({
    initialCode: await readFile(script, 'utf8'),
  });
  const response = await runtime.dispatchFetch('http://matrix.local/', {
    method: 'POST',
    body: JSON.stringify(config),
  });
  const outcome = await response.json();
  await response.waitUntil();
  return outcome;
}

const both = ['unset', 'own'];
const runtimes = [
  ['Node 22', () => runProcess(process.execPath, ['cli-entry.mjs'], both)],
  [
    'Node 20',
    // Node 20's own WebSocket is behind --experimental-websocket
    () =>
      runProcess(node20, ['--experimental-websocket', 'cli-entry.mjs'], both),
  ],
  ['Bun', () => runProcess(bin('bun'), ['cli-entry.mjs'], both)],
  ['Deno', () => runProcess(bin('deno'), ['run', '-A', 'cli-entry.mjs'], both)],
  [
    'workerd (Miniflare, modules: true)',
    () => withTimeout(miniflare(), 'Miniflare'),
  ],
  ['workerd (wrangler dev)', wranglerDev],
  ['Vercel edge runtime', () => withTimeout(edgeRuntime(), 'edge-runtime')],
];

const only = process.env.MATRIX_ONLY?.split(',');
const failed = [];
try {
  for (const [name, run] of runtimes) {
    if (only && !only.some(part => name.toLowerCase().includes(part))) continue;
    const started = Date.now();
    let outcome;
    try {
      outcome = await run();
    } catch (error) {
      outcome = {
        ok: false,
        results: { start: `FAILED: ${error?.stack ?? error}` },
      };
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`-- ${name} (${seconds} s): ${outcome.ok ? 'ok' : 'FAILED'}`);
    for (const [check, result] of Object.entries(outcome.results))
      console.log(
        `   ${result === 'ok' ? 'ok    ' : 'FAILED'} ${check}${result === 'ok' ? '' : `\n${result}`}`,
      );
    if (!outcome.ok) failed.push(name);
  }
} finally {
  await emulator.close();
}
if (failed.length > 0) {
  console.error(`runtime matrix FAILED in: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('runtime matrix: every runtime green');
