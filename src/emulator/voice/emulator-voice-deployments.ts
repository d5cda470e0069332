/**
 * Which protocol a voice deployment of the emulator speaks. A deployment's
 * protocol cannot be told from its URL, so the emulator is told, per
 * deployment target; targets it is not told about keep the older behaviour
 * (Whisper or Orpheus, chosen by the first WebSocket message).
 */

/** The Qwen3 voice protocols the emulator can serve on a deployment. */
export type EmulatorVoiceProtocol =
  /** Qwen3-ASR "Deploy Streaming": the v1 streaming socket on `…/websocket`. */
  | 'qwen3-asr'
  /** Qwen3-ASR "Deploy Batch": `…/sync/v1/audio/transcriptions` and `…/sync/v1/chat/completions`. */
  | 'qwen3-asr-batch'
  /** The older Qwen3-ASR preset: `…/sync/v1/chat/completions` only (the upload route answers 404). */
  | 'qwen3-asr-chat'
  /** Qwen3-TTS Streaming (Baseten's vLLM-Omni, Base checkpoint) on `…/websocket`. */
  | 'qwen3-tts';

/** A voice deployment of the emulator, with the settings its server is started with. */
export interface EmulatorVoiceDeployment {
  readonly protocol: EmulatorVoiceProtocol;
  /**
   * vLLM's `--served-model-name`: a request naming another model is refused.
   * Defaults: `Qwen/Qwen3-ASR-1.7B`, `Qwen/Qwen3-TTS-12Hz-1.7B-Base`.
   */
  readonly servedModelName?: string;
  /**
   * Word timestamps available: Qwen3-ASR streaming with `STREAM_ALIGNER` set
   * (else `show_word_timestamps` is ignored), Qwen3-TTS with a forced aligner
   * loaded (else `timestamp_type` ends the session with an error). Default false.
   */
  readonly wordTimestamps?: boolean;
  /** Qwen3-TTS: ms to wait for `session.config` (default 10 000, the server's 10 s). */
  readonly configTimeoutMs?: number;
  /** Qwen3-TTS: ms between messages before "Idle timeout" ends the session (default 30 000). */
  readonly idleTimeoutMs?: number;
}

/** The `voiceDeployments` option: deployment target → protocol (or its full settings). */
export type EmulatorVoiceDeployments = Readonly<
  Record<string, EmulatorVoiceProtocol | EmulatorVoiceDeployment>
>;

const PROTOCOLS: readonly EmulatorVoiceProtocol[] = [
  'qwen3-asr',
  'qwen3-asr-batch',
  'qwen3-asr-chat',
  'qwen3-tts',
];

/** `/environments/production/` → `environments/production`. */
function normalTarget(target: string): string {
  return target
    .split('/')
    .filter(segment => segment !== '')
    .join('/');
}

const TARGET =
  /^(?:environments\/[^/]+|deployment\/[^/]+|production|development)$/;

/**
 * Checks the option and returns its lookup by deployment target (the path a
 * route names, e.g. `/deployment/q3tts001`). Throws a `RangeError` naming a bad entry.
 */
export function voiceDeploymentLookup(
  deployments: EmulatorVoiceDeployments | undefined,
): (target: string) => EmulatorVoiceDeployment | undefined {
  const table = new Map<string, EmulatorVoiceDeployment>();
  for (const [target, entry] of Object.entries(deployments ?? {})) {
    const key = normalTarget(target);
    if (!TARGET.test(key)) {
      throw new RangeError(
        `voiceDeployments: "${target}" is not a deployment target; use e.g. "deployment/q3tts001", "environments/production", "production" or "development".`,
      );
    }
    const deployment = typeof entry === 'string' ? { protocol: entry } : entry;
    if (!PROTOCOLS.includes(deployment.protocol)) {
      throw new RangeError(
        `voiceDeployments["${target}"]: unknown protocol ${JSON.stringify(deployment.protocol)}; use ${PROTOCOLS.join(', ')}.`,
      );
    }
    for (const name of ['configTimeoutMs', 'idleTimeoutMs'] as const) {
      const value = deployment[name];
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
        throw new RangeError(
          `voiceDeployments["${target}"].${name} must be a positive number of milliseconds.`,
        );
      }
    }
    table.set(key, deployment);
  }
  return target => table.get(normalTarget(target));
}
