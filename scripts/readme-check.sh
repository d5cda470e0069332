#!/usr/bin/env bash
# Type-checks every TypeScript block of README.md (strict) and runs the
# runnable ones against the local emulator, with the packed package in a fresh
# project (scripts/readme-check.mjs; the block convention is at the top of
# README.md). Needs Node 22 on PATH and a build in dist/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# Outside the repository, so the repository's tsconfig paths (the package name
# mapped to src/) are not picked up. README_CHECK_WORK keeps it for a look.
work="${README_CHECK_WORK:-$(mktemp -d)}"
[ -n "${README_CHECK_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
app="$work/app"
mkdir -p "$app"

version_of() { node -p "require('$root/node_modules/$1/package.json').version"; }
tarball="$(cd "$root" && npm pack --silent --pack-destination "$app" | tail -n 1)"
cd "$app"
echo '{"name":"readme-check","private":true,"type":"module"}' >package.json
npm install --no-audit --no-fund --loglevel=error "./$tarball" \
  "ai@$(version_of ai)" "zod@$(version_of zod)" "ws@$(version_of ws)" \
  "@basetenlabs/performance-client@$(version_of @basetenlabs/performance-client)" \
  "typescript@$(version_of typescript)" "@types/node@$(version_of @types/node)" \
  "@types/ws@$(version_of @types/ws)"
# The blocks run in $app: the recordings of examples/audio lie beside them.
cp "$root"/examples/audio/*.wav "$app/"
node "$root/scripts/readme-check.mjs" "$root/README.md" "$app"
