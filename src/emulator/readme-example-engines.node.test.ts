import { streamText, tool } from 'ai';
import { createBaseten } from '../index';
import { startBasetenEmulator } from './index';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';

const emulator = await startBasetenEmulator({
  deploymentEngines: { '/environments/staging': 'sglang' },
});
afterAll(() => emulator.close());

it('streams a tool call from an SGLang deployment', async () => {
  const baseten = createBaseten({
    apiKey: 'test',
    modelURL: `${emulator.origin}/environments/staging/sync/v1`,
  });
  const result = streamText({
    model: baseten(),
    prompt: 'Weather in Paris?',
    tools: {
      getWeather: tool({ inputSchema: z.object({ city: z.string() }) }),
    },
  });
  expect(await result.toolCalls).toMatchObject([
    { toolName: 'getWeather', input: { city: 'sample city' } },
  ]);
});
