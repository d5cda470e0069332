import {
  BASETEN_CATALOG_CURRENT,
  BASETEN_CATALOG_EARLIER,
  type BasetenCatalogEntry,
} from '../../catalog/baseten-catalog-snapshot';

import {
  DEFAULT_HABITS,
  habitRowOf,
  type EmulatorModelHabits,
  type EmulatorReasoningMode,
} from './emulator-model-habits';

export type {
  EmulatorChunkFraming,
  EmulatorReasoningMode,
  EmulatorToolCallDeltas,
  EmulatorToolCallIds,
} from './emulator-model-habits';

/** A model the emulated Model APIs serve, with the wire habits recorded for it (emulator-model-habits.ts). */
export interface EmulatorCatalogModel extends Omit<
  EmulatorModelHabits,
  'reasoning' | 'requiresSchemaName'
> {
  readonly id: string;
  readonly reasoning: EmulatorReasoningMode;
  readonly contextLength: number;
  /** `['text']`, or `['text', 'image']` for models that take image parts. */
  readonly inputModalities: readonly string[];
  /** Listed at `GET /v1/models` (the current catalog); other slugs answer chat only. */
  readonly listed: boolean;
  /** Refuses a `json_schema` with an empty `name`. */
  readonly requiresSchemaName: boolean;
}

/**
 * Slugs no listing has that users may still name: those the live recordings
 * show, and those Baseten's docs now use. Served for chat, text only.
 */
const UNLISTED: readonly { id: string; contextLength: number }[] = [
  { id: 'moonshotai/Kimi-K2-Thinking', contextLength: 262144 },
  { id: 'moonshotai/Kimi-K2-Instruct-0905', contextLength: 262144 },
  { id: 'deepseek-ai/DeepSeek-V3-0324', contextLength: 163840 },
  { id: 'zai-org/GLM-4.6', contextLength: 200000 },
  { id: 'zai-org/GLM-5.1', contextLength: 202752 },
  { id: 'zai-org/GLM-5.3', contextLength: 1048576 },
];

function profile(
  id: string,
  contextLength: number,
  inputModalities: readonly string[],
  features: readonly string[],
  listed: boolean,
): EmulatorCatalogModel {
  const habits = { ...DEFAULT_HABITS, ...habitRowOf(id)?.habits };
  return {
    ...habits,
    id,
    reasoning:
      habits.reasoning ??
      (features.includes('reasoning') ? 'default-on' : 'opt-in'),
    contextLength,
    inputModalities,
    listed,
    requiresSchemaName: habits.requiresSchemaName ?? listed,
  };
}

function fromEntry(
  entry: BasetenCatalogEntry,
  listed: boolean,
): EmulatorCatalogModel {
  return profile(
    entry.id,
    entry.context_length,
    entry.input_modalities,
    entry.supported_features,
    listed,
  );
}

const currentIds = new Set<string>(
  BASETEN_CATALOG_CURRENT.map(entry => entry.id),
);

/**
 * The Model APIs slugs the emulator serves for chat: the current catalog
 * (listed at `GET /v1/models`), then the earlier listing's, the recorded and
 * the documented slugs that are not listed (chat only, as users may still name them).
 */
export const EMULATOR_MODEL_APIS_CATALOG: readonly EmulatorCatalogModel[] = [
  ...BASETEN_CATALOG_CURRENT.map(entry => fromEntry(entry, true)),
  ...BASETEN_CATALOG_EARLIER.filter(entry => !currentIds.has(entry.id)).map(
    entry => fromEntry(entry, false),
  ),
  ...UNLISTED.map(model =>
    profile(model.id, model.contextLength, ['text'], [], false),
  ),
];

export function findCatalogModel(
  id: unknown,
): EmulatorCatalogModel | undefined {
  return EMULATOR_MODEL_APIS_CATALOG.find(model => model.id === id);
}

/** The `GET /v1/models` entries: the current listing, with the `hugging_face_id` some entries carry. */
export function listedEntries(): Record<string, unknown>[] {
  return BASETEN_CATALOG_CURRENT.map(entry => {
    const id = habitRowOf(entry.id)?.habits.huggingFaceId;
    return id === undefined ? { ...entry } : { ...entry, hugging_face_id: id };
  });
}
