import { generateText } from 'ai';
import { createBaseten } from '../index';
import { startBasetenEmulator } from './index';
import { afterAll, expect, it } from 'vitest';

const emulator = await startBasetenEmulator();
afterAll(() => emulator.close());

it('answers through Baseten', async () => {
  const baseten = createBaseten({ apiKey: 'test', baseURL: emulator.baseURL });
  const { text } = await generateText({
    model: baseten('openai/gpt-oss-120b'),
    prompt: 'Hi',
  });
  expect(text).toBe('Hello from the Baseten emulator ✨ You said: Hi');
});
