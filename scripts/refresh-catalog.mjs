// Rewrites src/catalog/baseten-catalog-snapshot.ts from Baseten's live GET /v1/models.
//
//   BASETEN_API_KEY=... node scripts/refresh-catalog.mjs
//
// Needs Node 22.18+ (it imports the TypeScript data file) and network access;
// it is a maintainer's tool, never run by tests or CI. BASETEN_BASE_URL
// overrides https://inference.baseten.co/v1. Models that left the listing move
// to BASETEN_CATALOG_EARLIER, so users who still name them keep their warnings.
import { readFile, writeFile } from 'node:fs/promises';

const dataFile = new URL(
  '../src/catalog/baseten-catalog-snapshot.ts',
  import.meta.url,
);
const baseURL = (
  process.env.BASETEN_BASE_URL ?? 'https://inference.baseten.co/v1'
).replace(/\/+$/, '');
const apiKey = process.env.BASETEN_API_KEY;
if (!apiKey) {
  console.error('Set BASETEN_API_KEY to read the live catalog.');
  process.exit(1);
}

const FIELDS = {
  id: 'string',
  object: 'string',
  created: 'number',
  owned_by: 'string',
  name: 'string',
  description: 'string',
  context_length: 'number',
  max_completion_tokens: 'number',
  quantization: 'string',
  pricing: 'pricing',
  supported_sampling_parameters: 'strings',
  supported_features: 'strings',
  input_modalities: 'strings',
  output_modalities: 'strings',
};
const PRICES = ['prompt', 'completion', 'image', 'request'];

/** The entry in the data file's shape, or a reason it does not fit. */
function checkEntry(entry, index) {
  const problems = [];
  for (const [field, kind] of Object.entries(FIELDS)) {
    const value = entry?.[field];
    const fits =
      kind === 'strings'
        ? Array.isArray(value) && value.every(item => typeof item === 'string')
        : kind === 'pricing'
          ? value != null &&
            PRICES.every(price =>
              ['string', 'number'].includes(typeof value[price]),
            )
          : typeof value === kind;
    if (!fits) problems.push(`data[${index}].${field}`);
  }
  const extra = Object.keys(entry ?? {}).filter(field => !(field in FIELDS));
  if (extra.length > 0) {
    console.warn(
      `note: ${entry.id} has fields the data file does not keep: ${extra.join(', ')}`,
    );
  }
  return problems;
}

const response = await fetch(`${baseURL}/models`, {
  headers: { Authorization: `Bearer ${apiKey}` },
});
const text = await response.text();
if (!response.ok) {
  console.error(
    `GET ${baseURL}/models answered ${response.status}: ${text.slice(0, 500)}`,
  );
  process.exit(1);
}
const live = JSON.parse(text).data;
if (!Array.isArray(live) || live.length === 0) {
  console.error(
    `GET ${baseURL}/models did not list any models; the data file is unchanged.`,
  );
  process.exit(1);
}
const problems = live.flatMap(checkEntry);
if (problems.length > 0) {
  console.error(
    `The listing does not fit BasetenCatalogEntry (${problems.join(', ')}); unchanged.`,
  );
  process.exit(1);
}

const previous = await import(dataFile.href);
const liveIds = new Set(live.map(entry => entry.id));
const earlier = [
  ...previous.BASETEN_CATALOG_CURRENT,
  ...previous.BASETEN_CATALOG_EARLIER,
].filter(
  (entry, index, all) =>
    !liveIds.has(entry.id) &&
    all.findIndex(other => other.id === entry.id) === index,
);

const quote = value => {
  const escaped = JSON.stringify(String(value)).slice(1, -1);
  return `'${escaped.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
};
const list = values => `[${values.map(quote).join(', ')}]`;

function entrySource(entry) {
  const pricing = PRICES.map(
    price => `${price}: ${quote(entry.pricing[price])}`,
  ).join(', ');
  const lines = Object.entries(FIELDS).map(([field, kind]) => {
    const value = entry[field];
    if (kind === 'strings') return `${field}: ${list(value)}`;
    if (kind === 'pricing') return `pricing: { ${pricing} }`;
    return `${field}: ${kind === 'number' ? value : quote(value)}`;
  });
  return `  {\n${lines.map(line => `    ${line},`).join('\n')}\n  },`;
}

const source = await readFile(dataFile, 'utf8');
const start = source.indexOf('/** One entry of');
const end = source.indexOf('/** The day the current listing was read. */');
if (start < 0 || end < 0) {
  console.error(
    'The data file lacks the markers this script looks for; update the script.',
  );
  process.exit(1);
}
const today = new Date().toISOString().slice(0, 10);
const output = `// Baseten Model APIs catalog snapshot, in the live \`GET /v1/models\` entry shape.
// Refresh: \`BASETEN_API_KEY=... node scripts/refresh-catalog.mjs\` rewrites this file from
// the live https://inference.baseten.co/v1/models (see README "Model catalog").
// Written by that script from the listing of ${today}; earlier entries are kept as they were.

${source.slice(start, end)}/** The day the current listing was read. */
export const BASETEN_CATALOG_DATE = '${today}';

/** The current listing. */
export const BASETEN_CATALOG_CURRENT = [
${live.map(entrySource).join('\n')}
] as const satisfies readonly BasetenCatalogEntry[];

/** Models of earlier listings that have since left the catalog. */
export const BASETEN_CATALOG_EARLIER = [
${earlier.map(entrySource).join('\n')}
] as const satisfies readonly BasetenCatalogEntry[];
`;
await writeFile(dataFile, output);
const wasCurrent = entry =>
  previous.BASETEN_CATALOG_CURRENT.some(old => old.id === entry.id);
const left = earlier.filter(wasCurrent);
const added = live.filter(entry => !wasCurrent(entry));
console.log(
  `Wrote ${live.length} current and ${earlier.length} earlier models (${today}).` +
    (added.length > 0
      ? ` New: ${added.map(entry => entry.id).join(', ')}.`
      : '') +
    (left.length > 0
      ? ` Left the catalog: ${left.map(entry => entry.id).join(', ')}.`
      : ''),
);
console.log(
  'Run `npx tsc --noEmit` and the catalog tests, then commit the data file.',
);
