#!/usr/bin/env bash
# `npm run bench`: builds the package into a private copy (.tmp/bench/node_modules/lamin-vault,
# the same tsup config as `npm run build`), starts an OpenBao + PostgreSQL stack the way
# scripts/test.sh does, runs bench/run.ts, prints the table and writes bench/latest.json.
# Exits 0 when every scenario ran (a missed target is a result, not a failure).
#
# BENCH_ONLY=clientCost,coldImport runs a subset; BENCH_QUICK=1 shrinks counts; BENCH_ROUNDS=n;
# BENCH_PKG_DIR=<dir>/node_modules/lamin-vault measures that build as it is (an experiment).
# Stack: VAULT_ADDR + VAULT_TOKEN + DATABASE_URL use an existing one; otherwise containers from
# VAULT_IMAGE / POSTGRES_IMAGE (default: the local images scripts/provision-test-images.sh builds).
set -uo pipefail
cd "$(dirname "$0")/.."

export LAMIN_VAULT_TEST_RUN="${LAMIN_VAULT_TEST_RUN:-bench-$(node -e 'console.log(crypto.randomUUID())')}"
export POSTGRES_MAJOR="${POSTGRES_MAJOR:-17}"
log() { printf '==> %s\n' "$*" >&2; }

[ -d node_modules ] || { log "npm ci"; npm ci --no-audit --no-fund >&2 || exit 1; }

external=false
if [ -n "${VAULT_ADDR:-}" ] && [ -n "${VAULT_TOKEN:-}" ] && [ -n "${DATABASE_URL:-}" ]; then external=true; fi
if ! $external; then
  if [ -z "${VAULT_IMAGE:-}" ] && [ -z "${POSTGRES_IMAGE:-}" ]; then
    export VAULT_IMAGE="local/openbao:2.7.2" POSTGRES_IMAGE="local/postgres:{major}"
  fi
  case "$VAULT_IMAGE $POSTGRES_IMAGE" in *local/*) export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}" ;; esac
  for image in "$VAULT_IMAGE" "${POSTGRES_IMAGE//\{major\}/$POSTGRES_MAJOR}"; do
    case "$image" in local/*)
      docker image inspect "$image" >/dev/null 2>&1 || { log "provision images"; bash scripts/provision-test-images.sh >&2 || exit 1; break; } ;;
    esac
  done
fi

if [ -n "${BENCH_PKG_DIR:-}" ]; then
  log "measuring the build in $BENCH_PKG_DIR as it is"
else
  export BENCH_PKG_DIR=.tmp/bench/node_modules/lamin-vault
  log "build into $BENCH_PKG_DIR"
  rm -rf "$BENCH_PKG_DIR" && mkdir -p "$BENCH_PKG_DIR"
  npx tsup --config bench/tsup.config.ts >.tmp/bench/build.log 2>&1 || { cat .tmp/bench/build.log >&2; exit 1; }
  cp package.json "$BENCH_PKG_DIR/"
  for f in README.md LICENSE CHANGELOG.md; do [ -f "$f" ] && cp "$f" "$BENCH_PKG_DIR/"; done
fi

log "run"
node --import tsx bench/run.ts
status=$?

if ! $external; then
  left="$(docker ps -aq --filter "label=lamin-vault.test.run=$LAMIN_VAULT_TEST_RUN")"
  if [ -n "$left" ]; then log "removing leftover containers"; docker rm -f $left >/dev/null; status=1; fi
fi
exit "$status"
