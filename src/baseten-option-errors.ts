import { InvalidArgumentError } from '@ai-sdk/provider';
import { PROVIDER_OPTIONS_KEY } from './baseten-options';

/** One schema issue as `path: message` (`(root)` for the value itself). */
function describeIssue(issue: unknown): string {
  const { path, message } = issue as { path?: unknown[]; message?: string };
  return `${(path ?? []).join('.') || '(root)'}: ${message ?? 'invalid'}`;
}

/** Lists a schema failure's issues as `path: message`, at most `limit` of them. */
export function describeSchemaIssues(cause: unknown, limit = Infinity): string {
  const issues = (cause as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return String(cause);
  return issues.slice(0, limit).map(describeIssue).join('; ');
}

/**
 * The error for a `providerOptions.baseten` that breaks its schema: the issues, and the options
 * type to look up (`purpose`, e.g. `embeddings`, where the type is not the chat one).
 */
export function invalidProviderOptionsError(
  issues: unknown,
  typeName: string,
  purpose?: string,
): InvalidArgumentError {
  const scope = purpose === undefined ? '' : ` for ${purpose}`;
  return new InvalidArgumentError({
    argument: `providerOptions.${PROVIDER_OPTIONS_KEY}`,
    message:
      `Invalid providerOptions.${PROVIDER_OPTIONS_KEY}${scope}: ${describeSchemaIssues(issues)}. ` +
      `See ${typeName} for the accepted options and types.`,
    cause: issues,
  });
}
