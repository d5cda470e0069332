// Extracts every TypeScript block of README.md, type-checks each file with
// `strict`, and runs the runnable ones against the local Baseten emulator.
//
//   node readme-check.mjs <README.md> <app dir>
//
// <app dir> is a fresh project with the packed package, ai, zod, ws, the
// native client, typescript and @types/node installed (scripts/readme-check.sh
// makes it). The block convention is described at the top of README.md:
//
//   a ```ts block is a complete file: type-checked and run;
//   <!-- readme: continues -->      the block continues the file of the block before;
//   <!-- readme: typecheck-only (why) -->  type-checked, not run;
//   <!-- readme: skip (why) -->     neither (say why; e.g. a test file the suite runs).
//
// The marker is the last non-blank line before the opening fence. To run,
// https://model-<id>.api.baseten.co and wss://model-<id>.api.baseten.co are
// pointed at the emulator, and the variables of EMULATOR_ENV are set. The
// emulator is started with EMULATOR_OPTIONS (Qwen3 voice deployments, a
// webhook secret); the README's header comment lists what blocks can rely on.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [readmePath, app] = process.argv.slice(2);
const TIMEOUT_MS = 60_000;
const MARKER = /^<!--\s*readme:\s*(continues|typecheck-only|skip)\b(.*)-->\s*$/;

/** The README's TypeScript blocks, with the marker before each. */
function blocksOf(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(ts|typescript|tsx)\s*$/.exec(lines[index]);
    if (!open) {
      if (/^```/.test(lines[index])) {
        // skip any other fenced block whole
        index++;
        while (index < lines.length && !/^```\s*$/.test(lines[index])) index++;
      }
      continue;
    }
    let before = index - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const marker = before >= 0 ? MARKER.exec(lines[before].trim()) : null;
    const body = [];
    const line = index + 1;
    for (
      index++;
      index < lines.length && !/^```\s*$/.test(lines[index]);
      index++
    )
      body.push(lines[index]);
    blocks.push({
      line,
      kind: marker ? marker[1] : 'run',
      why: marker ? marker[2].trim() : '',
      code: body.join('\n'),
    });
  }
  return blocks;
}

/** Blocks joined into files: a continuation extends the file before it. */
function filesOf(blocks) {
  const files = [];
  for (const block of blocks) {
    if (block.kind === 'skip') continue;
    const last = files[files.length - 1];
    if (block.kind === 'continues') {
      if (last === undefined)
        throw new Error(
          `README.md:${block.line}: "continues" with no block before it`,
        );
      last.code += `\n\n// README.md:${block.line}\n${block.code}`;
      last.lines.push(block.line);
      continue;
    }
    files.push({
      name: `readme-${block.line}.ts`,
      lines: [block.line],
      run: block.kind === 'run',
      code: `// README.md:${block.line}\n${block.code}`,
    });
  }
  return files;
}

const blocks = blocksOf(readFileSync(readmePath, 'utf8'));
const files = filesOf(blocks);
const skipped = blocks.filter(block => block.kind === 'skip');
for (const block of skipped) {
  if (block.why === '')
    throw new Error(`README.md:${block.line}: a skipped block must say why`);
}

const { startBasetenEmulator } = await import(
  pathToFileURL(
    join(app, 'node_modules/ai-sdk-provider-baseten/dist/emulator/index.js'),
  ).href
);
const WEBHOOK_SECRET = 'whsec_readmeCheckSecret';
/** What the README's blocks may rely on, besides Whisper, Orpheus and chat. */
const EMULATOR_OPTIONS = {
  webhookSecrets: WEBHOOK_SECRET,
  voiceDeployments: {
    'deployment/q3asr001': 'qwen3-asr',
    'deployment/q3bat001': 'qwen3-asr-batch',
    'deployment/q3tts001': 'qwen3-tts',
  },
};
const emulator = await startBasetenEmulator(EMULATOR_OPTIONS);
const wsOrigin = emulator.origin.replace(/^http/, 'ws');
/** The environment every block runs with. */
const EMULATOR_ENV = {
  BASETEN_API_KEY: 'readme-check-key',
  BASETEN_BASE_URL: emulator.baseURL,
  BASETEN_ASYNC_MODEL_URL: `${emulator.origin}/environments/production/predict`,
  BASETEN_WEBHOOK_SECRET: WEBHOOK_SECRET,
};
const pointed = code =>
  code
    .replace(/https:\/\/model-[a-z0-9]+\.api\.baseten\.co/g, emulator.origin)
    .replace(/wss:\/\/model-[a-z0-9]+\.api\.baseten\.co/g, wsOrigin);

const dir = join(app, 'readme');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
for (const file of files)
  writeFileSync(join(dir, file.name), pointed(file.code));
writeFileSync(
  join(app, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      moduleDetection: 'force',
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: ['node'],
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['readme/*.ts'],
  }),
);

let failed = false;
const tsc = spawnSync(
  process.execPath,
  [join(app, 'node_modules/typescript/bin/tsc'), '-p', app],
  { cwd: app, encoding: 'utf8' },
);
if (tsc.status !== 0) {
  failed = true;
  console.error(
    `README blocks do not type-check (strict):\n${tsc.stdout}${tsc.stderr}`,
  );
} else {
  console.log(
    `type-check (strict): ${files.length} files from ${blocks.length - skipped.length} blocks ok`,
  );
}

function run(file) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [join(dir, file.name)], {
      cwd: app,
      env: { ...process.env, ...EMULATOR_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(stopped after ${TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

try {
  for (const file of files) {
    const where = `README.md:${file.lines.join('+')}`;
    if (!file.run) {
      console.log(`type-checked only  ${where}`);
      continue;
    }
    const { ok, output } = await run(file);
    console.log(`${ok ? 'ran ok' : 'FAILED'}             ${where}`);
    if (!ok) {
      failed = true;
      console.error(output);
    }
  }
  for (const block of skipped)
    console.log(`skipped            README.md:${block.line} ${block.why}`);
} finally {
  await emulator.close();
}
if (failed) {
  console.error('README blocks FAILED');
  process.exit(1);
}
console.log('README blocks: every runnable block ran against the emulator');
