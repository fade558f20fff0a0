#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for the store tests: tests/postgres.sh start|stop [folder]
#   start: initdb in a temp folder as the unprivileged user postgres (PostgreSQL refuses root), listen on
#          127.0.0.1 at a free port; prints the connection string (database postgres: the store tests
#          create a database of their own per store).
#   stop:  stops the cluster and removes its folder.
set -euo pipefail
action=${1:?usage: tests/postgres.sh start|stop [folder]}
folder=${2:-${TMPDIR:-/tmp}/provcap-postgres}
# From /: the user postgres may not enter the caller's folder (a mktemp clone), and says so on stdout.
as_postgres() { if [ "$(id -u)" = "0" ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
case "$action" in
  start)
    rm -rf "$folder"
    mkdir -p "$folder"
    [ "$(id -u)" = "0" ] && chown postgres "$folder"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
      || echo $((20000 + RANDOM % 20000)))
    as_postgres initdb -D "$folder/data" -U postgres --auth=trust -E UTF8 >"$folder/initdb.log" 2>&1 \
      || { cat "$folder/initdb.log" >&2; exit 1; }
    as_postgres pg_ctl -D "$folder/data" -l "$folder/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder -c fsync=off -c max_connections=50" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres"
    ;;
  stop)
    if [ -d "$folder/data" ]; then
      as_postgres pg_ctl -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$folder"
    ;;
  *) echo "usage: tests/postgres.sh start|stop [folder]" >&2; exit 2 ;;
esac
