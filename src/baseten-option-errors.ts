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
