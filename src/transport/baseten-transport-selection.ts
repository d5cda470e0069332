import { LoadSettingError, type SharedV4Warning } from '@ai-sdk/provider';
import { normalizeHeaders } from '@ai-sdk/provider-utils';
import type { BasetenDeploymentConfig } from '../deployment/baseten-deployment-config';
import {
  loadPerformanceClient,
  performanceClientMissingError,
  type PerformanceClientConstructor,
} from './baseten-native-client';

/** `performanceClient`: the class, `true` (require it), `false` (HTTP), unset (when installed). */
export type BasetenPerformanceClientSetting =
  boolean | PerformanceClientConstructor;

/** What a call asks for that the native client (0.0.10) cannot do. */
export interface NativeBlockers {
  /** Whether a custom `fetch` setting is given. */
  readonly hasCustomFetch: boolean;
  /** Names of provider or call headers other than `user-agent`. */
  readonly customHeaders: readonly string[];
  /** Whether the `hedgeDelayMs` option is set (`batchPost` does not hedge). */
  readonly isHedged: boolean;
}

/** Which transport a call uses, and why when it is not the one asked for. */
export type TransportChoice =
  | { readonly kind: 'http'; readonly warning?: SharedV4Warning }
  | {
      readonly kind: 'native';
      readonly clientClass: PerformanceClientConstructor;
    };

/**
 * The rules in order: `false` → HTTP; custom fetch, headers or hedging → HTTP (warned if
 * native was asked for); a class → native; `true` → native or an error; unset → if it loads.
 */
export async function chooseTransport(
  setting: BasetenPerformanceClientSetting | undefined,
  blockers: NativeBlockers,
): Promise<TransportChoice> {
  if (setting === false) return { kind: 'http' };

  const reasons = nativeBlockReasons(blockers);
  if (reasons.length > 0) {
    return setting === undefined
      ? { kind: 'http' }
      : {
          kind: 'http',
          warning: {
            type: 'unsupported',
            feature: 'performanceClient',
            details: `The native performance client cannot honour ${reasons.join(', ')}; this call was sent over HTTP instead.`,
          },
        };
  }

  if (typeof setting === 'function')
    return { kind: 'native', clientClass: setting };
  try {
    return { kind: 'native', clientClass: await loadPerformanceClient() };
  } catch (error) {
    if (setting === true) throw performanceClientMissingError(error);
    // installed but of an unsupported version: say so; not installed: HTTP as usual
    return LoadSettingError.isInstance(error)
      ? {
          kind: 'http',
          warning: {
            type: 'unsupported',
            feature: 'performanceClient',
            details: `${error.message} This call was sent over HTTP.`,
          },
        }
      : { kind: 'http' };
  }
}

/** What in a call keeps it off the native client, as the warning names it. */
function nativeBlockReasons(blockers: NativeBlockers): string[] {
  return [
    blockers.hasCustomFetch ? 'a custom fetch' : undefined,
    blockers.customHeaders.length > 0
      ? `custom headers (${blockers.customHeaders.join(', ')})`
      : undefined,
    blockers.isHedged ? 'hedgeDelayMs' : undefined,
  ].filter((reason): reason is string => reason !== undefined);
}

/**
 * Starts importing the native client when a model is created whose calls may use it (by the
 * rules of `chooseTransport`), so the first call does not wait for the import; a failed import
 * is left for the call to handle.
 */
export function preloadPerformanceClient(
  config: BasetenDeploymentConfig,
): void {
  const setting = config.performanceClient;
  // false: HTTP; a class: nothing to import
  if (setting !== undefined && setting !== true) return;
  const blockers = {
    hasCustomFetch: config.fetch !== undefined,
    customHeaders: customHeaderNames(config.headers),
    isHedged: false, // a per-call option
  };
  if (nativeBlockReasons(blockers).length > 0) return;
  loadPerformanceClient().catch(() => undefined);
}

/** Header names that stop the native client from being used. */
export function customHeaderNames(
  ...headerSets: Array<Record<string, string | undefined> | undefined>
): string[] {
  const names = new Set(
    headerSets.flatMap(headers => Object.keys(normalizeHeaders(headers))),
  );
  // the AI SDK adds its user-agent to every call; the native client sends its own
  names.delete('user-agent');
  return [...names];
}
