// The matrix entry for workerd (Miniflare and wrangler dev): POST the
// configuration as JSON, get the result as JSON.
import { runChecks } from './checks.mjs';

export default {
  async fetch(request) {
    const config = await request.json();
    return Response.json(await runChecks(config));
  },
};
