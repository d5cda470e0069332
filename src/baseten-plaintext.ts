import { checkPlaintextURL } from './baseten-url';

/** A resolved http(s) URL, refused if it is plaintext to a host other than this machine (unless allowed). */
export function checkedPlaintext(
  setting: 'baseURL' | 'modelURL',
  value: unknown,
  resolved: string,
  allowInsecureHttp: boolean | undefined,
): string {
  checkPlaintextURL(setting, value, new URL(resolved), allowInsecureHttp);
  return resolved;
}
