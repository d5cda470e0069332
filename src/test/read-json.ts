/**
 * Reads a response body as JSON of the shape the calling test declares. The
 * body is not validated: `T` states what the test expects on the wire, and its
 * assertions check it. One cast here instead of one per test line.
 */
export async function readJson<T>(response: Response): Promise<T> {
  const body: unknown = await response.json();
  return body as T;
}
