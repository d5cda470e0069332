import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as {
  version: string;
};

// Both projects run every test file, except that the edge-runtime project
// skips the ones that load the native performance client (a Node addon),
// named `*.native.test.ts`. Files named `*.node.test.ts` start Node servers
// on loopback (the emulator); under edge-runtime the provider still sees only
// the edge globals (fetch, Response, web streams) on its side of the socket.
//
// Speed on two cores: most files wait on sockets and timers, so three run at
// once (vitest's default is cores - 1: one at a time). The CPU-bound load test
// runs afterwards, alone with its edge twin (sequence.groupOrder), so its 200
// concurrent streams do not starve the others' timers or are starved by them.
const LOAD_TEST = 'src/hardening/load.node.test.ts';

export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    // A passing run prints nothing but the results: console output (and the
    // AI SDK's warnings, see setup-quiet.ts) is shown for failing tests only.
    silent: 'passed-only',
    setupFiles: ['src/test/setup-quiet.ts'],
    // Headroom for CPU-heavy property tests when files share the cores.
    testTimeout: 20_000,
    // In CI a JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results.json' }]]
      : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          exclude: [LOAD_TEST],
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.native.test.ts', LOAD_TEST],
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'node-load',
          environment: 'node',
          include: [LOAD_TEST],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'edge-load',
          environment: 'edge-runtime',
          include: [LOAD_TEST],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
