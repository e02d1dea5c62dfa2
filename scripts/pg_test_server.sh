#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests (tests/test_store.py runs its
# PostgreSQL cases when SITREP_TEST_PG_URL is set).
#
#   scripts/pg_test_server.sh start         start it; prints the URL to export
#   scripts/pg_test_server.sh stop          stop it and delete its files
#   scripts/pg_test_server.sh run CMD...    start, run CMD with SITREP_TEST_PG_URL set, stop
#
# It listens on 127.0.0.1 and a unix socket in its own directory only, trusts local
# connections and skips fsync: test data, nothing else. Needs the PostgreSQL server
# binaries (Debian: apt-get install postgresql). Run as root, it runs the server as
# the "postgres" user, since PostgreSQL refuses to run as root.
# Settings: SITREP_PG_DIR (default /tmp/sitrep-pg), SITREP_PG_PORT (default 55432).
set -euo pipefail

DIR="${SITREP_PG_DIR:-/tmp/sitrep-pg}"
PORT="${SITREP_PG_PORT:-55432}"
URL="postgresql://sitrep@127.0.0.1:${PORT}/sitrep_test"

bindir() {
    if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$found" ]; then
        echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "$found"
}

BIN="$(bindir)"
AS=()
if [ "$(id -u)" = 0 ]; then
    AS=(runuser -u postgres --)
fi

start() {
    if [ -f "$DIR/data/postmaster.pid" ]; then
        echo "already running in $DIR" >&2
    else
        rm -rf "$DIR"
        mkdir -p "$DIR"
        if [ ${#AS[@]} -gt 0 ]; then chown postgres: "$DIR"; fi
        "${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U sitrep --auth=trust -E UTF8 --locale=C \
            >"$DIR/initdb.log"
        "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start -o \
            "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
        "${AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U sitrep sitrep_test
    fi
    echo "export SITREP_TEST_PG_URL=$URL"
}

stop() {
    if [ -f "$DIR/data/postmaster.pid" ]; then
        "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    run)
        shift
        start >/dev/null
        trap stop EXIT
        SITREP_TEST_PG_URL="$URL" "$@"
        ;;
    *)
        echo "usage: $0 start|stop|run CMD..." >&2
        exit 2
        ;;
esac
