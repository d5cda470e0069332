#!/usr/bin/env bash
# Installs the packed tarball into a fresh project with ai@7 and checks it as a
# user would: ESM and CommonJS consumers (a local server, the emulator entry,
# the baseten-emulator bin), and a TypeScript file written for @ai-sdk/baseten
# compiled against the tarball's types. Servers bind 127.0.0.1 only.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version_of() { node -p "require('$root/node_modules/$1/package.json').version"; }

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "./$tarball" \
  "ai@$(version_of ai)" "zod@$(version_of zod)" \
  "baseten-anchor@npm:@ai-sdk/baseten@$(version_of baseten-anchor)" \
  "typescript@$(version_of typescript)" >/dev/null
cp "$root/scripts/consumer-check.mjs" "$root/scripts/consumer-check.cjs" .
node consumer-check.mjs
node consumer-check.cjs

help="$(npx --no-install baseten-emulator --help)"
if [[ "$help" != *"Usage: baseten-emulator"* ]]; then
  echo "npx baseten-emulator --help printed no usage:" >&2
  echo "$help" >&2
  exit 1
fi
echo "npx baseten-emulator --help ok"

# The same type check `npm run typecheck` runs against src, here against the
# tarball's index.d.ts (ESM) and index.d.cts (CommonJS). skipLibCheck as in
# most projects: the AI SDK's own .d.ts files need @types/node and
# @types/json-schema, which a consumer may not have.
cp "$root/src/test/drop-in-types.ts" consumer-check-types.mts
cp "$root/src/test/drop-in-types.ts" consumer-check-types.cts
cat >tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "target": "es2022",
    "lib": ["es2022", "dom"],
    "types": [],
    "strict": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "files": ["consumer-check-types.mts", "consumer-check-types.cts"]
}
JSON
npx --no-install tsc -p tsconfig.json
echo "TypeScript consumer ok: code typed for @ai-sdk/baseten compiles against the tarball (ESM and CommonJS)"
