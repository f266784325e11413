#!/usr/bin/env bash
# Installs (Debian's package) and starts a PostgreSQL server of its own on 127.0.0.1:${CRMKIT_PG_PORT:-55432} with a database
# and a user for crmkit's tests, then writes their coordinates to target/ci-postgres.env.
# Safe to run twice. Developers can run it too: `.ci/postgres.sh && source target/ci-postgres.env`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
# a port of our own: a cluster that Debian's package may have started on 5432 is left alone
PG_PORT=${CRMKIT_PG_PORT:-55432}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_DATA=/var/tmp/crmkit-pg-$PG_PORT

if ! "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; then
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    rm -rf "$PG_DATA"
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    su postgres -c "$PG_BIN/initdb -D $PG_DATA -A trust -U postgres" >/dev/null
  fi
  su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA -o '-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp' -l $PG_DATA/server.log -w start" >/dev/null
fi

psql_() { su postgres -c "psql -h 127.0.0.1 -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
[ "$(psql_ "SELECT 1 FROM pg_roles WHERE rolname='crmkit'")" = 1 ] || psql_ "CREATE ROLE crmkit LOGIN PASSWORD 'crmkit'"
[ "$(psql_ "SELECT 1 FROM pg_database WHERE datname='crmkit'")" = 1 ] || psql_ "CREATE DATABASE crmkit OWNER crmkit"

cat > target/ci-postgres.env <<ENV
CRMKIT_PG_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/crmkit
CRMKIT_PG_USER=crmkit
CRMKIT_PG_PASSWORD=crmkit
ENV
echo "PostgreSQL ready at jdbc:postgresql://127.0.0.1:$PG_PORT/crmkit"
