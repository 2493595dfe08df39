#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster, for `.ci/run` and `npm run bench` alike.
#
#   .ci/pg-cluster.sh start DBNAME [PORT]   prints "DIR URL" on one line
#   .ci/pg-cluster.sh stop DIR              stops it and deletes DIR
#
# As root the cluster is owned by `postgres`, because initdb refuses to run as
# root. It lives under /tmp rather than $TMPDIR so that the postgres user can
# reach it and the socket path stays under the 107-byte limit. Without PORT
# the kernel chooses a free one. UTF8 because the tests store "Café" and
# emoji; fsync off because the data is thrown away anyway. A start that fails
# cleans up after itself, prints the server's log to stderr and exits non-zero.
set -euo pipefail

pg_bin=/usr/lib/postgresql/15/bin

as_owner() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  local dir=$1
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

start_cluster() {
  local db=$1 port=${2:-}
  [[ -x $pg_bin/initdb ]] || { echo "no PostgreSQL 15 binaries in $pg_bin" >&2; exit 1; }
  if ((EUID == 0)) && ! id -u postgres >/dev/null 2>&1; then
    echo "running as root and there is no postgres user to own the cluster" >&2
    exit 1
  fi
  if [[ -z $port ]]; then
    # Port 0 makes the kernel choose a free port; the cluster then takes it.
    port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
  fi

  dir=$(mktemp -d /tmp/factcheck-pg.XXXXXX)
  # Whatever fails (or is interrupted) from here on leaves nothing behind.
  trap '[[ -n ${started:-} ]] || stop_cluster "$dir"' EXIT
  trap 'exit 130' INT TERM
  if ((EUID == 0)); then chown postgres: "$dir"; fi

  as_owner "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null ||
    { cat "$dir/server.log" >&2; false; }
  as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  started=1

  echo "$dir postgres://postgres@127.0.0.1:$port/$db"
}

case ${1:-} in
  start) (($# >= 2)) || { echo "usage: $0 start DBNAME [PORT]" >&2; exit 2; }; start_cluster "$2" "${3:-}" ;;
  stop) (($# == 2)) || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop_cluster "$2" ;;
  *) echo "usage: $0 start DBNAME [PORT] | stop DIR" >&2; exit 2 ;;
esac
