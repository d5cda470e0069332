/** When a Model APIs model emits `reasoning_content`. */
export type EmulatorReasoningMode = 'default-on' | 'opt-in';

/** A model the emulated Model APIs serve. */
export interface EmulatorCatalogModel {
  readonly id: string;
  /** `default-on`: reasons unless `reasoning_effort: 'none'`; `opt-in`: only with `chat_template_args.enable_thinking`. */
  readonly reasoning: EmulatorReasoningMode;
  readonly contextLength: number;
}

/** The Model APIs slugs the emulator serves (and lists at `GET /v1/models`). */
export const EMULATOR_MODEL_APIS_CATALOG: readonly EmulatorCatalogModel[] = [
  { id: 'openai/gpt-oss-120b', reasoning: 'default-on', contextLength: 131072 },
  { id: 'deepseek-ai/DeepSeek-V4-Pro', reasoning: 'default-on', contextLength: 163840 },
  { id: 'deepseek-ai/DeepSeek-V3.2', reasoning: 'opt-in', contextLength: 163840 },
  { id: 'deepseek-ai/DeepSeek-V3.1', reasoning: 'default-on', contextLength: 163840 },
  { id: 'deepseek-ai/DeepSeek-V3-0324', reasoning: 'opt-in', contextLength: 163840 },
  { id: 'deepseek-ai/DeepSeek-R1-0528', reasoning: 'default-on', contextLength: 163840 },
  { id: 'zai-org/GLM-5.1', reasoning: 'opt-in', contextLength: 202752 },
  { id: 'zai-org/GLM-5', reasoning: 'opt-in', contextLength: 202752 },
  { id: 'zai-org/GLM-4.7', reasoning: 'opt-in', contextLength: 200000 },
  { id: 'zai-org/GLM-4.6', reasoning: 'opt-in', contextLength: 200000 },
  { id: 'moonshotai/Kimi-K2.6', reasoning: 'opt-in', contextLength: 262144 },
  { id: 'moonshotai/Kimi-K2.5', reasoning: 'opt-in', contextLength: 262144 },
  { id: 'moonshotai/Kimi-K2-Thinking', reasoning: 'default-on', contextLength: 262144 },
  { id: 'moonshotai/Kimi-K2-Instruct-0905', reasoning: 'opt-in', contextLength: 262144 },
  { id: 'MiniMaxAI/MiniMax-M2.5', reasoning: 'default-on', contextLength: 204800 },
  { id: 'nvidia/Nemotron-120B-A12B', reasoning: 'opt-in', contextLength: 131072 },
  { id: 'Qwen/Qwen3-235B-A22B-Instruct-2507', reasoning: 'opt-in', contextLength: 262144 },
  { id: 'Qwen/Qwen3-Coder-480B-A35B-Instruct', reasoning: 'opt-in', contextLength: 262144 },
];

export function findCatalogModel(id: unknown): EmulatorCatalogModel | undefined {
  return EMULATOR_MODEL_APIS_CATALOG.find(model => model.id === id);
}
