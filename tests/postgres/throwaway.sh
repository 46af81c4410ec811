# Sourced by .ci/run and tests/scale-out/run: a throwaway PostgreSQL cluster in a temporary folder, on a free
# loopback port, trusting local connections, gone when stopped. Uses Debian's server binaries (the `postgresql`
# package); as root it runs them as the `postgres` user, since PostgreSQL refuses to run as root.
#   start_throwaway_postgres   sets POSTGRES_CONNECTION (a connection string without a database name)
#   stop_throwaway_postgres    stops the server and deletes the folder

start_throwaway_postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [ -z "$bin" ]; then
        echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2
        return 1
    fi
    POSTGRES_DIR=$(mktemp -d /tmp/trustagain-pg-XXXXXX)
    POSTGRES_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$POSTGRES_DIR"
        as=(runuser -u postgres --)
    fi
    POSTGRES_BIN=$bin
    POSTGRES_AS=("${as[@]}")
    "${as[@]}" "$bin/initdb" -D "$POSTGRES_DIR/data" -U trustagain --auth=trust -E UTF8 --no-locale >"$POSTGRES_DIR/initdb.log" 2>&1 \
        || { cat "$POSTGRES_DIR/initdb.log" >&2; return 1; }
    # fsync stays on: the scale-out test counts acknowledged writes, and they must mean what they mean in production.
    "${as[@]}" "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $POSTGRES_PORT -k $POSTGRES_DIR -c max_connections=300" start >/dev/null \
        || { cat "$POSTGRES_DIR/server.log" >&2; return 1; }
    POSTGRES_CONNECTION="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=trustagain"
    export POSTGRES_CONNECTION
}

stop_throwaway_postgres() {
    [ -n "${POSTGRES_DIR:-}" ] || return 0
    "${POSTGRES_AS[@]}" "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$POSTGRES_DIR"
    POSTGRES_DIR=
}
