// Runs every examples/*.ts in its own Node process, one after the other.
//
// Without BASETEN_API_KEY the examples run against the local Baseten emulator
// (from dist/emulator, so build first: `npm run examples` does), with every
// URL variable pointed at it. With a key they run against Baseten, and an
// example that reads a BASETEN_*_URL variable which is unset is skipped
// (BASETEN_BASE_URL is optional and never causes a skip).
//
// Exits non-zero if any example fails.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installedNode22 } from '../scripts/node22.mjs';

const examplesDir = dirname(fileURLToPath(import.meta.url));
const emulatorEntry = join(examplesDir, '..', 'dist', 'emulator', 'index.js');
const TIMEOUT_MS = 120_000;

/**
 * The Node that runs the examples: they are TypeScript, which Node runs as is
 * from 22.18 (22.6–22.17 behind a flag); an older Node gets a Node 22 from
 * the npm registry in .tools (scripts/node22.mjs).
 */
function exampleRunner() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 18))
    return { node: process.execPath, flags: [] };
  if (major === 22 && minor >= 6) {
    return {
      node: process.execPath,
      flags: ['--experimental-strip-types', '--no-warnings'],
    };
  }
  return { node: installedNode22(), flags: [] };
}

const runner = exampleRunner();

const examples = readdirSync(examplesDir)
  .filter(name => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .sort();

/** The URL variables an example reads and cannot do without. */
function requiredURLVariables(file) {
  const source = readFileSync(join(examplesDir, file), 'utf8');
  const names = new Set();
  for (const [, name] of source.matchAll(
    /process\.env\.(BASETEN_[A-Z0-9_]*URL)\b/g,
  )) {
    if (name !== 'BASETEN_BASE_URL') names.add(name);
  }
  return [...names];
}

function runExample(file, env) {
  return new Promise(resolve => {
    const child = spawn(
      runner.node,
      [...runner.flags, join(examplesDir, file)],
      {
        env,
        stdio: 'inherit',
      },
    );
    const timer = setTimeout(() => {
      console.error(
        `${file} did not finish within ${TIMEOUT_MS / 1000} s; stopping it.`,
      );
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 && signal === null);
    });
    child.on('error', error => {
      clearTimeout(timer);
      console.error(error);
      resolve(false);
    });
  });
}

let emulator;
const env = { ...process.env };
if (!process.env.BASETEN_API_KEY) {
  if (!existsSync(emulatorEntry)) {
    console.error(
      'dist/emulator is missing: run `npm run build` first (or use `npm run examples`).',
    );
    process.exit(1);
  }
  const { startBasetenEmulator } = await import(
    pathToFileURL(emulatorEntry).href
  );
  // A short pause between chunks so streamed output visibly streams.
  // The webhook secret the emulator signs async results with (examples/async-webhook.ts).
  const webhookSecret = 'whsec_emulatorExampleSecret';
  emulator = await startBasetenEmulator({
    chunkDelayMs: 15,
    webhookSecrets: webhookSecret,
    voiceDeployments: {
      'deployment/qwen3asrbatch': 'qwen3-asr-batch',
      'deployment/qwen3asr': 'qwen3-asr',
      'deployment/qwen3tts': 'qwen3-tts',
    },
  });
  console.log(
    `BASETEN_API_KEY is not set: running the examples against the local Baseten emulator at ${emulator.origin}`,
  );
  Object.assign(env, {
    BASETEN_API_KEY: 'emulator-key',
    BASETEN_BASE_URL: emulator.baseURL,
    BASETEN_MODEL_URL: emulator.modelURL,
    BASETEN_EMBEDDING_MODEL_URL: `${emulator.origin}/environments/production/sync`,
    BASETEN_RERANK_MODEL_URL: `${emulator.origin}/deployment/reranker/sync`,
    BASETEN_CLASSIFIER_MODEL_URL: `${emulator.origin}/deployment/classifier/sync`,
    BASETEN_TRANSCRIPTION_MODEL_URL: `${emulator.origin}/environments/production/predict`,
    BASETEN_ASYNC_MODEL_URL: `${emulator.origin}/environments/production/predict`,
    BASETEN_WEBHOOK_SECRET: webhookSecret,
    BASETEN_SPEECH_MODEL_URL: `${emulator.origin.replace('http', 'ws')}/environments/production/websocket`,
    BASETEN_QWEN3_ASR_BATCH_URL: `${emulator.origin}/deployment/qwen3asrbatch/sync/v1`,
    BASETEN_QWEN3_ASR_URL: `${emulator.origin.replace('http', 'ws')}/deployment/qwen3asr/websocket`,
    BASETEN_QWEN3_TTS_URL: `${emulator.origin.replace('http', 'ws')}/deployment/qwen3tts/websocket`,
  });
} else {
  console.log('BASETEN_API_KEY is set: running the examples against Baseten.');
}

const failed = [];
const skipped = [];
try {
  for (const file of examples) {
    console.log(`\n=== ${file} ===`);
    const missing = requiredURLVariables(file).filter(name => !env[name]);
    if (missing.length > 0) {
      console.log(
        `skipped: set ${missing.join(' and ')} to run it against your deployment`,
      );
      skipped.push(file);
      continue;
    }
    if (!(await runExample(file, env))) {
      console.log(`FAILED: ${file}`);
      failed.push(file);
    }
  }
} finally {
  await emulator?.close();
}

const passed = examples.length - failed.length - skipped.length;
console.log(
  `\n${passed} example(s) passed, ${failed.length} failed, ${skipped.length} skipped` +
    (failed.length > 0 ? `: ${failed.join(', ')}` : ''),
);
process.exit(failed.length > 0 ? 1 : 0);
