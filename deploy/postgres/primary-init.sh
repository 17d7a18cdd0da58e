#!/usr/bin/env bash
# Run once by the postgres image on the primary's first start (docker-entrypoint-initdb.d): the role the replica
# copies and streams with, allowed to connect for replication from the compose network only.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator 172.30.0.0/24 scram-sha-256" >>"$PGDATA/pg_hba.conf"
