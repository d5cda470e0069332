import { describe, expect, it } from 'vitest';
import type { BasetenChatModelId } from '../chat/baseten-chat-options';
import {
  BASETEN_CATALOG_CURRENT,
  BASETEN_CATALOG_EARLIER,
} from './baseten-catalog-snapshot';
import {
  basetenModelCapabilities,
  findSnapshotEntry,
  JSON_MODE_ONLY_CONDITION,
  type BasetenCatalogModelId,
} from './baseten-model-capabilities';

// Compile-time checks (tsc --noEmit): today's slugs, older ones and any string type.
const slugs: BasetenChatModelId[] = [
  'moonshotai/Kimi-K3',
  'thinkingmachines/inkling-small',
  'deepseek-ai/DeepSeek-V3.1',
  'moonshotai/Kimi-K2-Instruct-0905',
  'my-org/my-fine-tune',
];
// @ts-expect-error a slug that is in no snapshot listing
const notInSnapshot: BasetenCatalogModelId = 'acme/brand-new-model';

describe('the catalog snapshot', () => {
  it('has each slug once across the current and earlier listings', () => {
    const ids = [...BASETEN_CATALOG_CURRENT, ...BASETEN_CATALOG_EARLIER].map(
      entry => entry.id,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds entries of both listings by exact slug', () => {
    expect(findSnapshotEntry('moonshotai/Kimi-K3')?.name).toBe('Kimi K3');
    expect(findSnapshotEntry('MiniMaxAI/MiniMax-M2.5')?.context_length).toBe(
      204000,
    );
    expect(findSnapshotEntry('moonshotai/kimi-k3')).toBeUndefined();
    expect(findSnapshotEntry(slugs[4])).toBeUndefined();
    expect(notInSnapshot).toBe('acme/brand-new-model');
  });

  it('gives the snapshot capabilities of a slug from its entry', () => {
    const inkling = findSnapshotEntry('thinkingmachines/inkling');
    expect(inkling && basetenModelCapabilities(inkling)).toEqual({
      language: {
        inputs: { image: true, audio: false },
        objectGeneration: true,
        tools: { usage: true, streaming: true },
        reasoning: { support: true },
        sampling: { temperature: true, topP: false, logprobs: false },
      },
    });
  });
});

describe('basetenModelCapabilities', () => {
  it('reads JSON mode without structured outputs as object generation with a condition', () => {
    const capabilities = basetenModelCapabilities({
      id: 'acme/json-mode-model',
      supported_features: ['json_mode'],
      supported_sampling_parameters: ['temperature', 'top_p', 'stop'],
      input_modalities: ['text', 'audio'],
    });

    expect(capabilities.language).toMatchObject({
      objectGeneration: { condition: JSON_MODE_ONLY_CONDITION },
      inputs: { image: false, audio: true },
      tools: { usage: false },
      reasoning: { support: false },
      sampling: { topP: true },
    });
  });

  it('names efforts only for reasoning_effort models with documented values', () => {
    const withoutEffort = basetenModelCapabilities({
      id: 'openai/gpt-oss-120b',
      supported_features: ['reasoning'],
    });
    const undocumented = basetenModelCapabilities({
      id: 'acme/effort-model',
      supported_features: ['reasoning_effort'],
    });

    expect(withoutEffort.language?.reasoning).toEqual({ support: true });
    expect(undocumented.language?.reasoning).toEqual({ support: true });
  });
});
