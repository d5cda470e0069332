// The matrix entry for Vercel's edge runtime (a script with a fetch listener).
import { runChecks } from './checks.mjs';

addEventListener('fetch', event => {
  event.respondWith(
    event.request
      .json()
      .then(runChecks)
      .then(outcome => Response.json(outcome)),
  );
});
