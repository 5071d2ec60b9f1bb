#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster, and stops the
# cluster when the command ends (however it ends).
#
#   scripts/with-postgres.sh npm test -- test/adapters/sql
#
# - DATABASE_URL already set: the command runs against that database; nothing is started.
# - Otherwise the Debian `postgresql` package is installed when missing (root only), a cluster is
#   made with initdb in a temporary directory and started with pg_ctl on 127.0.0.1 at a free port,
#   as a non-root user (`postgres` when run as root), with fsync off (test data only;
#   WITH_POSTGRES_FSYNC=on keeps PostgreSQL's durable defaults, for benchmarks) and the
#   server's TimeZone set to Pacific/Chatham (UTC+12:45/+13:45): a store that buckets or compares
#   instants in the session's zone fails the tests instead of passing by luck.
# - Exports DATABASE_URL (trust authentication, user `postgres`, database `postgres`).
set -euo pipefail

if [[ -n "${DATABASE_URL:-}" ]]; then
  exec "$@"
fi

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

bin="$(find_bin || true)"
if [[ -z "$bin" ]]; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "with-postgres: PostgreSQL is not installed and installing needs root (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "with-postgres: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

# initdb and the server refuse to run as root: use the postgres account (made by the package).
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /bin/sh postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

dir="$(mktemp -d /tmp/customer-account-pg.XXXXXX)"
chmod 755 "$dir"
[[ "$(id -u)" == 0 ]] && chown postgres "$dir"

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[[ "${WITH_POSTGRES_FSYNC:-off}" == on ]] && durability=""
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
  "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir $durability -c TimeZone=Pacific/Chatham -c max_connections=200" >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at 127.0.0.1:$port (TimeZone Pacific/Chatham)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
