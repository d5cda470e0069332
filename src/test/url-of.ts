/** The URL a fetch call was given, whichever form it came in (string, URL or Request). */
export function urlOf(input: string | URL | Request): string {
  return input instanceof Request ? input.url : input.toString();
}
