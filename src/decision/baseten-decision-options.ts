/**
 * Decision model IDs on Baseten Model APIs (System One protocol). Laya, by ConvAI
 * Innovations, is the one Baseten documents; any other slug still types.
 */
export type BasetenDecisionModelId = 'decision-models/laya' | (string & {});

/** The decision model used when `decisionModel()` is called without an ID. */
export const DEFAULT_DECISION_MODEL_ID: BasetenDecisionModelId =
  'decision-models/laya';
