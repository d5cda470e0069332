import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as {
  version: string;
};

export default defineConfig({
  // The emulator is its own entry so that importing the provider never loads
  // node:http2 and friends; the CLI is the `baseten-emulator` bin.
  entry: {
    index: 'src/index.ts',
    'emulator/index': 'src/emulator/index.ts',
    'emulator/cli': 'src/emulator/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: {
    entry: { index: 'src/index.ts', 'emulator/index': 'src/emulator/index.ts' },
  },
  sourcemap: true,
  clean: true,
  target: 'node22',
  // import.meta.url in the CommonJS build (the optional peers are required from there)
  shims: true,
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
