import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// The README's emulator example is readme-example.node.test.ts, which runs in
// this suite, with the package's import specifiers in place of source paths.
it("the README's vitest example is the one this suite runs", () => {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8',
  );
  const section = readme.slice(readme.indexOf('## Local Baseten emulator'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const tested = readFileSync(
    new URL('./readme-example.node.test.ts', import.meta.url),
    'utf8',
  )
    .replace("from '../index'", "from 'ai-sdk-provider-baseten'")
    .replace("from './index'", "from 'ai-sdk-provider-baseten/emulator'");
  expect(block).toBe(tested);
});

it("the README's engine example is the one this suite runs", () => {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8',
  );
  const section = readme.slice(
    readme.indexOf('**Dedicated deployments on the emulator.**'),
  );
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const tested = readFileSync(
    new URL('./readme-example-engines.node.test.ts', import.meta.url),
    'utf8',
  )
    .replace("from '../index'", "from 'ai-sdk-provider-baseten'")
    .replace("from './index'", "from 'ai-sdk-provider-baseten/emulator'");
  expect(block).toBe(tested);
});
