#!/usr/bin/env bash
# Runs a command against a private, throw-away PostgreSQL server.
#
#   scripts/with_postgres.sh COMMAND [ARGS...]
#
# Installs PostgreSQL from the Debian packages when no server binaries are
# found, creates a data directory under a temporary folder, starts a server
# that listens on 127.0.0.1 only (its own port, its Unix socket in the same
# temporary folder, no password: nothing but this machine can reach it), runs
# COMMAND with the connection in DBT_POSTGRES_* variables, and stops the server
# and removes the folder whatever happens (success, failure, Ctrl-C).
set -euo pipefail

PG_PORT="${DBT_POSTGRES_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
PG_DATABASE="${DBT_POSTGRES_DATABASE:-customer_insights}"

pg_bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
        fi
    done | sort -V | tail -n 1
}

if [ -z "$(pg_bin_dir)" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "PostgreSQL is not installed: run 'apt-get install postgresql' as root" >&2
        exit 1
    fi
    echo "Installing PostgreSQL from the Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 install -y -q postgresql \
        || { apt-get -o DPkg::Lock::Timeout=600 update -q \
             && apt-get -o DPkg::Lock::Timeout=600 install -y -q postgresql; }
fi
PG_BIN="$(pg_bin_dir)"

# initdb and the server refuse to run as root: use the postgres account then.
if [ "$(id -u)" = 0 ]; then
    PG_USER=postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    PG_USER="$(id -un)"
    as_pg() { "$@"; }
fi

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/customer-insights-pg.XXXXXX")"
chmod 755 "$WORK_DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK_DIR"

stop_server() {
    local status=$?
    if [ -f "$WORK_DIR/data/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK_DIR"
    exit "$status"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$PG_BIN/initdb" -D "$WORK_DIR/data" -U "$PG_USER" --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$WORK_DIR/initdb.log" 2>&1 \
    || { cat "$WORK_DIR/initdb.log" >&2; exit 1; }
# Throw-away data: durability settings off; the server listens on 127.0.0.1 only.
as_pg "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -l "$WORK_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK_DIR -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 \
        -c timezone=UTC" >/dev/null \
    || { cat "$WORK_DIR/server.log" >&2; exit 1; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$PG_DATABASE"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $NF}') on 127.0.0.1:$PG_PORT, database $PG_DATABASE (stopped on exit)"

export DBT_POSTGRES_HOST=127.0.0.1
export DBT_POSTGRES_PORT="$PG_PORT"
export DBT_POSTGRES_USER="$PG_USER"
export DBT_POSTGRES_PASSWORD=""
export DBT_POSTGRES_DATABASE="$PG_DATABASE"
"$@"
