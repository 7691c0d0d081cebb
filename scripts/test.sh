#!/usr/bin/env bash
# `npm test`: typecheck, unit tests, then the integration tests once per PostgreSQL major
# (15 and 17) against a real OpenBao + PostgreSQL stack. Runs every phase, prints counts,
# exits non-zero if any phase failed or any stack container was left behind.
#
# Stack: VAULT_ADDR + VAULT_TOKEN + DATABASE_URL point at an existing one. Otherwise
# containers: VAULT_IMAGE / POSTGRES_IMAGE (`{major}` is replaced), defaulting to the
# local images that scripts/provision-test-images.sh builds (and is run to build when missing).
set -uo pipefail
cd "$(dirname "$0")/.."

MAJORS="${TEST_POSTGRES_MAJORS:-15 17}"
OUT=.tmp/test-results
rm -rf "$OUT" && mkdir -p "$OUT"
export LAMIN_VAULT_TEST_RUN="${LAMIN_VAULT_TEST_RUN:-$(node -e 'console.log(crypto.randomUUID())')}"
external=false
if [ -n "${VAULT_ADDR:-}" ] && [ -n "${VAULT_TOKEN:-}" ] && [ -n "${DATABASE_URL:-}" ]; then external=true; fi

log() { printf '\n==> %s\n' "$*"; }
summary=()
failed=0
record() { # name status seconds [counts]
  summary+=("$(printf '%-22s %-4s %4ss  %s' "$1" "$2" "$3" "${4:-}")")
  [ "$2" = ok ] || failed=1
}
counts() { # vitest JSON report -> "N passed, N failed, N skipped"
  node -e 'const r=require(process.argv[1]);console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests+r.numTodoTests} skipped (${r.numTotalTestSuites} suites)`)' \
    "$PWD/$1" 2>/dev/null || echo "no report"
}
phase() { # name report-file command...
  local name="$1" report="$2" start=$SECONDS status=ok
  shift 2
  log "$name"
  "$@" || status=FAIL
  record "$name" "$status" "$((SECONDS - start))" "$([ -n "$report" ] && counts "$report")"
}

if [ ! -d node_modules ]; then
  log "npm ci"
  npm ci --no-audit --no-fund || exit 1
fi

if ! $external; then
  if [ -z "${VAULT_IMAGE:-}" ] && [ -z "${POSTGRES_IMAGE:-}" ]; then
    export VAULT_IMAGE="local/openbao:2.7.2" POSTGRES_IMAGE="local/postgres:{major}"
  fi
  # Local images mean no registry: testcontainers' reaper image cannot be pulled either.
  case "$VAULT_IMAGE $POSTGRES_IMAGE" in *local/*) export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}" ;; esac
  missing=""
  for image in "${VAULT_IMAGE:-}" $(for m in $MAJORS; do echo "${POSTGRES_IMAGE:-}" | sed "s/{major}/$m/g"; done); do
    case "$image" in local/*) docker image inspect "$image" >/dev/null 2>&1 || missing="$missing $image" ;; esac
  done
  if [ -n "$missing" ]; then
    phase "provision images" "" bash scripts/provision-test-images.sh
    [ "$failed" = 0 ] || { echo "cannot run integration tests without:$missing" >&2; exit 1; }
  fi
fi

phase "typecheck" "" npx tsc --noEmit
phase "lint" "" npm run --silent lint
phase "package" "" bash scripts/check-package.sh --smoke
phase "unit" "$OUT/unit.json" npx vitest run --project unit \
  --reporter=default --reporter=./test/reliability/leak-guard/reporter.ts --reporter=json --outputFile.json="$OUT/unit.json"
for major in $MAJORS; do
  POSTGRES_MAJOR="$major" phase "integration pg$major" "$OUT/integration-pg$major.json" \
    npx vitest run --project integration \
    --reporter=default --reporter=./test/reliability/leak-guard/reporter.ts --reporter=json --outputFile.json="$OUT/integration-pg$major.json"
done

if ! $external; then
  left="$(docker ps -aq --filter "label=lamin-vault.test.run=$LAMIN_VAULT_TEST_RUN")"
  if [ -n "$left" ]; then
    record "no leftover containers" FAIL 0 "$(echo "$left" | wc -l) left; removing"
    docker rm -f $left >/dev/null
  else
    record "no leftover containers" ok 0
  fi
fi

log "summary"
printf '%s\n' "${summary[@]}"
# One plain closing line over every phase's report, for humans and CI alike.
node -e '
  const fs = require("fs"), dir = process.argv[1];
  let p = 0, f = 0, s = 0;
  for (const file of fs.readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    const r = JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8"));
    p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests + r.numTodoTests;
    // Name each failure here too: the summary is what survives a truncated CI log.
    for (const t of r.testResults.flatMap((x) => x.assertionResults.map((a) => ({ ...a, file: x.name }))))
      if (t.status === "failed") console.log(`failed (${file}): ${t.file.replace(process.cwd() + "/", "")} > ${t.fullName}\n  ${String(t.failureMessages[0] ?? "").split("\n")[0]}`);
  }
  console.log(`total: ${p} passed, ${f} failed, ${s} skipped`);
' "$OUT"
exit "$failed"
