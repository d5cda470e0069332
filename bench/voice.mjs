// `npm run bench:voice`: the voice benchmarks of the transcription and speech
// issues. Starts the emulator in its own process, runs each case in a fresh
// child process, ours and raw interleaved over several repetitions, and
// writes bench/VOICE-RESULTS.md. Build first (`npm run bench:voice` does).
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { VOICE_DEPLOYMENTS } from './voice-deployments.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REPS = Number(process.env.BENCH_REPS ?? 3);
const CHILD_TIMEOUT_MS = 300_000;

function startServer() {
  const script = `
    const { startBasetenEmulator } = await import(${JSON.stringify(join(here, '..', 'dist', 'emulator', 'index.js'))});
    const emulator = await startBasetenEmulator({
      voiceDeployments: ${JSON.stringify(VOICE_DEPLOYMENTS)},
    });
    // no request log: ten minutes of audio would otherwise be kept in it
    setInterval(() => { emulator.requests.length = 0; }, 200).unref();
    console.log(JSON.stringify({ origin: emulator.origin }));
    process.stdin.resume();
    process.stdin.on('end', () => emulator.close().then(() => process.exit(0)));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', line =>
      resolve({ child, origin: JSON.parse(line).origin }),
    );
    child.once('exit', code =>
      reject(new Error(`emulator exited with ${code}`)),
    );
  });
}

function measure(caseName, origin, env = {}) {
  const out = execFileSync(
    process.execPath,
    [join(here, 'voice-client.mjs'), caseName, origin],
    {
      cwd: here,
      timeout: CHILD_TIMEOUT_MS,
      encoding: 'utf8',
      env: { ...process.env, BASETEN_API_KEY: '', OPENAI_API_KEY: '', ...env },
    },
  );
  return JSON.parse(out.trim().split('\n').pop());
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const PAIRS = [
  [
    'Whisper: time to first partial transcript (WebSocket), ms',
    'ttfp',
    'medianMs',
    'difference ≤ 1 ms',
  ],
  [
    'Qwen3-ASR: time to first partial transcript (WebSocket), ms',
    'ttfp-qwen3',
    'medianMs',
    'difference ≤ 1 ms',
  ],
  [
    "Qwen3-ASR as above, `ai`'s `streamTranscribe` around a bare model doing the raw session (the least a provider can cost through `ai`)",
    'ttfp-qwen3',
    'medianMs',
    '—',
    'ttfp-qwen3:ai-bare',
  ],
  [
    'Batch: 200 short files, 100 in flight — client CPU per file, ms',
    'batch',
    'cpuMsPerFile',
    'ratio ≤ 1.1',
  ],
  [
    "Batch as above, `ai`'s `transcribe` around a bare model doing the raw request (the least a provider can cost through `ai`)",
    'batch',
    'cpuMsPerFile',
    '—',
    'batch:ai-bare',
  ],
  [
    'Orpheus: time to first audio part (WebSocket), ms',
    'ttfa-ws',
    'medianMs',
    'difference ≤ 1 ms',
  ],
  [
    'Orpheus: time to first audio part (/predict), ms',
    'ttfa-predict',
    'medianMs',
    'difference ≤ 1 ms',
  ],
  [
    'Qwen3-TTS: time to first audio part (WebSocket, voice cloned from 2 s of reference audio), ms',
    'ttfa-qwen3',
    'medianMs',
    'difference ≤ 1 ms',
  ],
  [
    "Qwen3-TTS as above, `ai`'s `streamSpeech` around a bare model doing the raw session",
    'ttfa-qwen3',
    'medianMs',
    '—',
    'ttfa-qwen3:ai-bare',
  ],
];
const SINGLES = [
  [
    'Whisper: streaming ten minutes of audio in (transcription), sent as fast as possible (`realTimePacing: false`)',
    'stream10min:ours',
  ],
  [
    'Qwen3-ASR: streaming ten minutes of audio in (transcription), sent as fast as possible (Qwen3-ASR is not paced)',
    'stream10min-qwen3:ours',
  ],
  ['Orpheus: streaming ten minutes of audio out (speech)', 'speech10min:ours'],
];

const { child, origin } = await startServer();
const lines = [
  '# Voice benchmarks',
  '',
  `Ours (the provider through \`ai\`) against a raw client speaking the same protocol (\`ws\` or fetch) to the same local emulator, each case in a fresh process, interleaved, ${REPS} repetitions; medians of the repetitions' values. Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. The machine is shared and noisy: read ratios, not absolute numbers.`,
  '',
  "The raw clients send the frames the provider sends: Whisper 512-sample binary frames after the metadata; Orpheus the metadata, one word a frame, two whitespace frames, `__END__`; Qwen3-ASR the handshake with Qwen3's defaults, 100 ms `input_audio_buffer.append` frames (base64 encoded as sent), one commit, closing after the final with `is_end_of_audio_flush`; Qwen3-TTS the same `session.config` (the reference audio encoded per call), `input.text`, `input.done`. The emulator serves the Qwen3 protocols on `deployment/q3asr001` and `deployment/q3tts001` (its `voiceDeployments` option). The `ai`-around-a-bare-model rows run the raw client's session inside a minimal model called through the same `ai` function: what any provider pays for `ai` and for reading its input as streams.",
  '',
  '| Measure | ours | raw | ours − raw | ours / raw | target |',
  '|---|---|---|---|---|---|',
];
try {
  for (const [title, prefix, key, target, oursCase] of PAIRS) {
    const ours = [];
    const raw = [];
    for (let rep = 0; rep < REPS; rep++) {
      ours.push(measure(oursCase ?? `${prefix}:ours`, origin)[key]);
      raw.push(measure(`${prefix}:raw`, origin)[key]);
    }
    const [o, r] = [median(ours), median(raw)];
    lines.push(
      `| ${title} | ${o.toFixed(3)} | ${r.toFixed(3)} | ${(o - r).toFixed(3)} | ${(o / r).toFixed(2)} | ${target} |`,
    );
    console.log(lines.at(-1));
  }
  // Where batch CPU goes, layer by layer, once the JIT has settled.
  const steady = { VOICE_BATCH_FILES: '2000', VOICE_BATCH_WARMUP: '200' };
  const layers = [
    ['raw fetch loop', 'batch:raw'],
    [
      "`ai`'s `transcribe` around a bare model doing the raw request",
      'batch:ai-bare',
    ],
    [
      "the raw request through provider-utils' `postJsonToApi`",
      'batch:postJsonToApi',
    ],
    ["the provider's `doGenerate` (no `ai`)", 'batch:model'],
    ["the provider through `ai`'s `transcribe` (ours)", 'batch:ours'],
  ];
  const perLayer = layers.map(() => []);
  for (let rep = 0; rep < REPS; rep++)
    layers.forEach(([, caseName], i) =>
      perLayer[i].push(measure(caseName, origin, steady).cpuMsPerFile),
    );
  const [raw, aiBare, post, model, ours] = perLayer.map(median);
  lines.push(
    '',
    `Batch CPU per file layer by layer, steady state (${steady.VOICE_BATCH_FILES} files, 100 in flight, after ${steady.VOICE_BATCH_WARMUP} warm-up calls; medians of ${REPS}):`,
    '',
    '| Layer | CPU per file, ms | vs raw fetch |',
    '|---|---|---|',
  );
  layers.forEach(([title], i) => {
    const value = median(perLayer[i]);
    lines.push(
      `| ${title} | ${value.toFixed(3)} | ${(value / raw).toFixed(2)} |`,
    );
    console.log(lines.at(-1));
  });
  const ms = value => `${value.toFixed(3)} ms`;
  lines.push(
    '',
    `Added per file: \`ai\`'s \`transcribe\` ${ms(aiBare - raw)}, provider-utils' \`postJsonToApi\` ${ms(post - raw)}, the provider's own code ${ms(model - post)}; ours through \`ai\` against the bare model through \`ai\`: ${(ours / aiBare).toFixed(2)}×.`,
  );
  console.log(lines.at(-1));
  lines.push(
    '',
    '| Long stream | heap at 10 % / 50 % / 100 % (MB) | max RSS (MB) | details |',
    '|---|---|---|---|',
  );
  for (const [title, caseName] of SINGLES) {
    const result = measure(caseName, origin);
    const heaps = Object.keys(result)
      .filter(name => name.startsWith('heapMB@'))
      .map(name => result[name]);
    const details = Object.entries(result)
      .filter(
        ([name]) =>
          !name.startsWith('heapMB@') && name !== 'maxRssMB' && name !== 'case',
      )
      .map(
        ([name, value]) =>
          `${name} ${typeof value === 'number' ? Math.round(value) : value}`,
      )
      .join(', ');
    lines.push(
      `| ${title} | ${heaps.join(' / ')} | ${result.maxRssMB} | ${details} |`,
    );
    console.log(lines.at(-1));
  }
} finally {
  child.stdin.end();
}
writeFileSync(join(here, 'VOICE-RESULTS.md'), `${lines.join('\n')}\n`);
console.log('wrote bench/VOICE-RESULTS.md');
