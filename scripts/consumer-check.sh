#!/usr/bin/env bash
# Installs the packed tarball into a fresh project with ai@7 and calls a local
# OpenAI-compatible server through it, from ESM and from CommonJS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
ai_version="$(node -p "require('$root/node_modules/ai/package.json').version")"
zod_version="$(node -p "require('$root/node_modules/zod/package.json').version")"

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "./$tarball" "ai@$ai_version" "zod@$zod_version" >/dev/null
cp "$root/scripts/consumer-check.mjs" "$root/scripts/consumer-check.cjs" .
node consumer-check.mjs
node consumer-check.cjs
