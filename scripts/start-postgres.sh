#!/usr/bin/env bash
# Start a local PostgreSQL server for the test suite and print its SQLAlchemy URL on stdout.
#
#   export STRIFE_TEST_PG_URL="$(bash scripts/start-postgres.sh)"
#
# Uses the Debian cluster (pg_ctlcluster) when there is one, otherwise initdb into a
# temporary directory; creates the role and database if missing. Safe to run twice.
# Everything but the URL goes to stderr. Environment: STRIFE_PG_PORT (default 5432),
# STRIFE_PG_DATA (data directory for the initdb route; default: a new temporary one).
set -euo pipefail

role=strife
password=strife
database=strife_test
port="${STRIFE_PG_PORT:-5432}"

log() { printf '%s\n' "$*" >&2; }

as_postgres() {
    # Server commands must not run as root: use the postgres account when we are root.
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        log "PostgreSQL is not installed: installing it with apt-get"
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    else
        log "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin) and we cannot install it"
        exit 1
    fi
fi

socket_dir=/var/run/postgresql
if command -v pg_lsclusters >/dev/null && [ "$(id -u)" -eq 0 ] \
    && pg_lsclusters -h 2>/dev/null | awk -v p="$port" '$3 == p' | grep -q .; then
    read -r version cluster _ status _ < <(pg_lsclusters -h | awk -v p="$port" '$3 == p' | head -n 1)
    if [ "$status" != "online" ]; then
        log "starting cluster $version/$cluster on port $port"
        pg_ctlcluster "$version" "$cluster" start >&2
    fi
    psql_as_admin() { as_postgres psql -p "$port" -h "$socket_dir" -v ON_ERROR_STOP=1 -qtA "$@"; }
else
    data="${STRIFE_PG_DATA:-$(mktemp -d)/pgdata}"
    socket_dir="$(dirname "$data")"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$socket_dir"
    fi
    if [ ! -s "$data/PG_VERSION" ]; then
        log "initdb into $data"
        as_postgres "$bindir/initdb" -D "$data" -U postgres --auth=trust >&2
    fi
    if ! as_postgres "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_postgres "$bindir/pg_ctl" -D "$data" -w -l "$data/server.log" \
            -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1" start >&2
    fi
    psql_as_admin() { as_postgres "$bindir/psql" -U postgres -p "$port" -h "$socket_dir" -v ON_ERROR_STOP=1 -qtA "$@"; }
fi

for _ in $(seq 1 30); do
    if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        break
    fi
    sleep 1
done
"$bindir/pg_isready" -h 127.0.0.1 -p "$port" >&2

if [ "$(psql_as_admin -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
    psql_as_admin -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB" >&2
fi
if [ "$(psql_as_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
    psql_as_admin -d postgres -c "CREATE DATABASE $database OWNER $role" >&2
fi

printf 'postgresql+psycopg://%s:%s@127.0.0.1:%s/%s\n' "$role" "$password" "$port" "$database"
