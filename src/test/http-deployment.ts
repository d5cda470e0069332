import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';

/** The API key the HTTP deployment tests use. */
export const TEST_KEY = 'test-key.0123456789';

/** A provider for the deployment at `root`, HTTP only (msw intercepts fetch, not native). */
export function httpDeployment(
  root: string,
  settings: BasetenProviderSettings = {},
) {
  const modelURL = `${root}/sync`;
  return createBaseten({
    apiKey: TEST_KEY,
    modelURL,
    performanceClient: false,
    ...settings,
  });
}
