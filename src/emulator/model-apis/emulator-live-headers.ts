import { findCatalogModel } from './emulator-catalog';
import { modelHeaders, requestHeaders } from '../edge/emulator-headers';
import type { HeaderMap } from '../edge/emulator-exchange';
import { isRecord } from '../edge/emulator-is-record';
import type { EmulatorRoute } from '../edge/emulator-routes';

// Which headers an answer carries, by route and, on Model APIs chat, by model
// (the `headers` and `strictTransportSecurity` habits of emulator-model-habits.ts).

/**
 * `GET /v1/models` is served by Baseten's web app, not the inference edge:
 * no `X-Baseten-*` header, the app's security headers instead (recorded
 * listing of 2026-08-17, maruel/genai@23c16cde24c8:…/TestClient/Warmup.yaml).
 */
const LISTING_HEADERS: HeaderMap = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

const STRICT_TRANSPORT_SECURITY: HeaderMap = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/** The model-id headers of the deployment behind a deployment route. */
function deploymentHeaders(route: EmulatorRoute): HeaderMap {
  if (route.kind !== 'deployment' || route.action === 'unknown') return {};
  const [, kind, id] = route.target.split('/');
  return modelHeaders(
    `deployment ${route.target}`,
    kind === 'deployment' ? id : undefined,
  );
}

/**
 * The headers every answer of this exchange carries (200 and errors alike):
 * on Model APIs chat, the `X-Baseten-*` set the requested model sends (all
 * six, or only `X-Baseten-Accepted-At`) and HSTS where it sends it; on the
 * listing, the web app's headers; elsewhere the full `X-Baseten-*` set.
 */
export function answerHeaders(
  route: EmulatorRoute,
  body: unknown,
  acceptedAt: number,
): HeaderMap {
  if (route.kind === 'model-apis-models') return LISTING_HEADERS;
  const request = requestHeaders(acceptedAt);
  if (route.kind !== 'model-apis-chat')
    return { ...request, ...deploymentHeaders(route) };
  const slug = isRecord(body) ? body.model : undefined;
  const model = findCatalogModel(slug);
  if (model === undefined) return request;
  const hsts = model.strictTransportSecurity ? STRICT_TRANSPORT_SECURITY : {};
  if (model.headers === 'accepted-at')
    return { 'x-baseten-accepted-at': String(acceptedAt), ...hsts };
  return { ...request, ...modelHeaders(String(slug)), ...hsts };
}
