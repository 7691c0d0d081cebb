#!/usr/bin/env bash
# `npm run demo [-- --json] [-- --postgres 15|17]`: the lifecycle demo (scripts/demo.ts).
# Like scripts/test.sh: an existing stack via VAULT_ADDR + VAULT_TOKEN + DATABASE_URL, or
# containers from VAULT_IMAGE / POSTGRES_IMAGE, defaulting to the local images that
# scripts/provision-test-images.sh builds (run here when they or the Docker engine are missing).
# Everything but the demo's own output goes to stderr, so `--json` keeps stdout clean.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "==> npm ci" >&2
  npm ci --no-audit --no-fund >&2
fi

if [ -z "${VAULT_ADDR:-}" ] || [ -z "${VAULT_TOKEN:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
  if [ -z "${VAULT_IMAGE:-}" ] && [ -z "${POSTGRES_IMAGE:-}" ]; then
    export VAULT_IMAGE="local/openbao:2.7.2" POSTGRES_IMAGE="local/postgres:{major}"
  fi
  # Local images mean no registry: testcontainers' reaper image cannot be pulled either.
  case "${VAULT_IMAGE:-} ${POSTGRES_IMAGE:-}" in *local/*) export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}" ;; esac
  missing=""
  docker info >/dev/null 2>&1 || missing=" docker-engine"
  for image in "${VAULT_IMAGE:-}" $(for m in 15 17; do echo "${POSTGRES_IMAGE:-}" | sed "s/{major}/$m/g"; done); do
    case "$image" in local/*) docker image inspect "$image" >/dev/null 2>&1 || missing="$missing $image" ;; esac
  done
  if [ -n "$missing" ]; then
    echo "==> provisioning (missing:$missing)" >&2
    bash scripts/provision-test-images.sh >&2
  fi
fi

# tsx runs the TypeScript sources directly: no build step is needed for the demo.
exec node --import tsx scripts/demo.ts "$@"
