/** Lists a schema failure's issues as `path: message`, for option errors. */
export function describeOptionIssues(cause: unknown): string {
  const issues = (cause as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return String(cause);
  return issues
    .map(issue => {
      const { path, message } = issue as { path?: unknown[]; message?: string };
      return `${(path ?? []).join('.') || '(root)'}: ${message ?? 'invalid'}`;
    })
    .join('; ');
}
