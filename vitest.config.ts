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
export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
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
        },
      },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.native.test.ts'],
        },
      },
    ],
  },
});
