import {
  AISDKError,
  APICallError,
  InvalidResponseDataError,
  type LanguageModelV4StreamPart,
  type SharedV4ProviderMetadata,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { getErrorMessage, isAbortError } from '@ai-sdk/provider-utils';
import { copyAPICallError } from '../baseten-api-call-error';
import { withRequestId } from '../baseten-error';
import { redactApiKey } from '../baseten-redaction';
import {
  basetenResponseMetadata,
  type BasetenResponseMetadata,
} from '../baseten-response-metadata';
import {
  BodyEndedInsideEventError,
  isStreamEndMarker,
  takeStreamEnd,
} from './baseten-sse-end';

type Part = LanguageModelV4StreamPart;
type FinishPart = Extract<Part, { type: 'finish' }>;

/** One read of the inner stream, tagged. */
type Next =
  | { kind: 'part'; part: Part }
  | { kind: 'end' }
  | { kind: 'failed'; error: unknown };

async function readNext(
  reader: ReadableStreamDefaultReader<Part>,
): Promise<Next> {
  try {
    const { done, value } = await reader.read();
    return done ? { kind: 'end' } : { kind: 'part', part: value };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** Options of {@link guardStream}. */
export interface StreamGuardOptions {
  /** The API key in use, redacted from every error. */
  apiKey: string | undefined;
  /** The response's headers: their request ids go to the finish part and to cut errors. */
  responseHeaders?: Record<string, string>;
  /** Warnings added to the stream-start part. */
  warnings?: readonly SharedV4Warning[];
}

/**
 * What `doStream` returns, made to follow Baseten's real stream endings: a
 * stream is complete at `data: [DONE]`, or when a finish reason arrived and
 * the body then ended cleanly; `[DONE]` without a finish reason finishes as
 * `other`. A body that ends with neither, or a transport failure before
 * completion, rejects with a retryable `APICallError` after the parts so
 * far. Parse and validation errors keep their own identity. A stream that
 * carried an error part finishes with `error`. The key is redacted.
 */
export function guardStream(
  stream: ReadableStream<Part>,
  { apiKey, responseHeaders, warnings = [] }: StreamGuardOptions,
): ReadableStream<Part> {
  const reader = stream.getReader();
  let textCharacters = 0;
  let reasoningCharacters = 0;
  let sawError = false;
  // The OpenAI-compatible model's "no finish reason" error part, held until
  // the finish part shows whether [DONE] arrived.
  let missingFinishReason: Part | undefined;

  const finishMetadata = basetenResponseMetadata(responseHeaders);
  const cut = (error: unknown, how: string) => {
    const received = { textCharacters, reasoningCharacters, responseHeaders };
    return redactApiKey(streamCutError(error, how, received), apiKey);
  };

  /** The part to pass on for an inner part; an Error ends the stream with it. */
  const check = (part: Part): Part | undefined | Error => {
    switch (part.type) {
      case 'text-delta':
        textCharacters += part.delta.length;
        return part;
      case 'reasoning-delta':
        reasoningCharacters += part.delta.length;
        return part;
      case 'stream-start':
        return warnings.length === 0
          ? part
          : { ...part, warnings: [...part.warnings, ...warnings] };
      case 'raw':
        return isStreamEndMarker(part.rawValue) ? undefined : part;
      case 'error':
        if (isMissingFinishReason(part.error)) {
          missingFinishReason = part;
          return undefined;
        }
        sawError = true;
        return { ...part, error: redactApiKey(part.error, apiKey) };
      case 'finish':
        return checkFinish(part);
      default:
        return part;
    }
  };

  const checkFinish = (part: FinishPart): Part | Error => {
    const { end, metadata } = takeStreamEnd(part.providerMetadata);
    let finishReason = part.finishReason;
    if (missingFinishReason !== undefined) {
      const reason = (missingFinishReason as Extract<Part, { type: 'error' }>)
        .error;
      if (end !== 'done')
        return cut(reason, 'the body ended without data: [DONE]');
      finishReason = { unified: 'other', raw: undefined };
    } else if (sawError && finishReason.unified !== 'error') {
      finishReason = { unified: 'error', raw: finishReason.raw };
    }
    return {
      ...part,
      finishReason,
      providerMetadata: withFinishMetadata(metadata, finishMetadata),
    };
  };

  const fail = (error: unknown): unknown => {
    if (isAbortError(error)) return error;
    // Body read failures reach here wrapped in provider-utils' APICallError.
    const cause = APICallError.isInstance(error) ? error.cause : error;
    if (cause instanceof BodyEndedInsideEventError) {
      return cut(error, 'the body ended without data: [DONE]');
    }
    // A response we received but could not read keeps its own error.
    if (AISDKError.isInstance(error) && !APICallError.isInstance(error)) {
      return redactApiKey(error, apiKey);
    }
    return cut(error, 'connection closed');
  };

  return new ReadableStream<Part>(
    {
      // Several parts per pull while the queue has room, one await each.
      async pull(controller) {
        for (;;) {
          const next = await readNext(reader);
          switch (next.kind) {
            case 'end':
              controller.close();
              return;
            case 'failed':
              controller.error(fail(next.error));
              return;
            case 'part': {
              const checked = check(next.part);
              if (checked instanceof Error) {
                controller.error(checked);
                void reader.cancel().catch(() => {});
                return;
              }
              if (checked !== undefined) controller.enqueue(checked);
              break;
            }
          }
          if ((controller.desiredSize ?? 0) <= 0) return;
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 16 },
  );
}

/** The error part the OpenAI-compatible model adds when no chunk had a finish reason. */
function isMissingFinishReason(error: unknown): boolean {
  return InvalidResponseDataError.isInstance(error) && error.data === undefined;
}

function withFinishMetadata(
  metadata: SharedV4ProviderMetadata | undefined,
  extra: BasetenResponseMetadata | undefined,
): SharedV4ProviderMetadata | undefined {
  if (extra === undefined) return metadata;
  return { ...metadata, baseten: { ...metadata?.baseten, ...extra } };
}

/** The error for a stream that stopped before the server finished it. */
function streamCutError(
  error: unknown,
  how: string,
  received: {
    textCharacters: number;
    reasoningCharacters: number;
    responseHeaders: Record<string, string> | undefined;
  },
): APICallError {
  const { textCharacters, reasoningCharacters } = received;
  const original = APICallError.isInstance(error) ? error : undefined;
  const reasons = original === undefined ? [] : causeMessages(original);
  const amount =
    reasoningCharacters > 0
      ? `${textCharacters} characters of text and ${reasoningCharacters} of reasoning`
      : `${textCharacters} characters of text`;
  const detail = reasons.length > 0 ? `: ${reasons.join(': ')}` : '';
  const responseHeaders = original?.responseHeaders ?? received.responseHeaders;
  const message = withRequestId(
    `The Baseten stream ended before it finished (${how} after ${amount})${detail}`,
    responseHeaders,
  );
  const changes = { message, responseHeaders, cause: error, isRetryable: true };
  return original !== undefined
    ? copyAPICallError(original, changes)
    : new APICallError({ ...changes, url: '', requestBodyValues: undefined });
}

/** The messages along a cause chain, without the AI SDK's generic wrapper. */
function causeMessages(error: Error): string[] {
  const messages: string[] = [];
  for (
    let cause: unknown = error, depth = 0;
    cause != null && depth < 5;
    depth++
  ) {
    const message =
      cause instanceof Error ? cause.message : getErrorMessage(cause);
    if (message !== '' && message !== 'Failed to process successful response') {
      messages.push(message);
    }
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return messages;
}
