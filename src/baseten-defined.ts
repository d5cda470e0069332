/** The entries of a request body that are set (`undefined` ones dropped; `null` is sent as given). */
export function defined<T extends object>(entries: T): T {
  return Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== undefined),
  ) as T;
}
