/**
 * `build()`'s result, made on the first call and kept (for zod schemas: checked synchronously,
 * so not provider-utils' `lazySchema`, and not built when the package is imported).
 */
export function builtOnce<T>(build: () => T): () => T {
  let value: T | undefined;
  let isBuilt = false;
  return () => {
    if (!isBuilt) {
      value = build();
      isBuilt = true;
    }
    return value as T;
  };
}
