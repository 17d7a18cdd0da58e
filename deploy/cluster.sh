#!/usr/bin/env bash
# The production topology of deploy/compose.yaml on one machine, on loopback and without Docker, for trying it
# and for the scale-out test: a PostgreSQL 15 primary and its streaming replica, two app nodes (Production),
# and nginx spreading requests over both nodes.
#   bash deploy/cluster.sh start          start everything; prints the address and writes cluster.env
#   bash deploy/cluster.sh status         what runs where, and the replica's lag
#   bash deploy/cluster.sh stop-node N    stop app node N (1 or 2) as a rolling deploy does: SIGTERM, in-flight
#                                         requests finish, running jobs are handed back to the queue
#   bash deploy/cluster.sh start-node N   start it again
#   bash deploy/cluster.sh stop           stop everything and remove the folder (the data is throwaway)
# Settings, from the environment:
#   GOTAKEREN_CLUSTER_DIR   data, logs, configuration and pids (default /tmp/gotakeren-cluster)
#   GOTAKEREN_PROXY_PORT    nginx (8080); GOTAKEREN_NODE_PORTS ("5081 5082"); GOTAKEREN_PG_PORTS ("5441 5442")
#   GOTAKEREN_APP_DLL       a built or published GotaKeren.Web.dll (default: published into the folder first)
#   GOTAKEREN_PROXY_PROTO   what nginx tells the app the client used (default https: in production nginx
#                           terminates TLS; here the loopback listener stands in for it, so the app runs exactly
#                           as in production: Secure cookies, no redirect). "http" needs Web__AllowHttpCookies=true.
#   Demo__Enabled           true by default here: the demo regencies' accounts (password GotaKeren#2026)
# Any other app setting in the environment (Jobs__PollSeconds=0.5) reaches both nodes.
# PostgreSQL refuses to run as root: as root its processes run as the postgres user.
set -Eeuo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${GOTAKEREN_CLUSTER_DIR:-/tmp/gotakeren-cluster}
pg_bin=${GOTAKEREN_PG_BIN:-/usr/lib/postgresql/15/bin}
app_password=gotakeren_cluster
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

psql_on() { # port, sql
  "$pg_bin/psql" -X -q -t -A -h 127.0.0.1 -p "$1" -U postgres -d "${3:-postgres}" -c "$2"
}

load_env() {
  if [ ! -f "$dir/cluster.env" ]; then
    echo "Tidak ada klaster di $dir." >&2
    return 1
  fi
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_http() { # url, seconds, pid file
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null; do
    if [ -n "${3:-}" ] && ! alive "$3"; then
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      return 1
    fi
    sleep 0.3
  done
}

start_node() { # n
  local n=$1 port
  port=$(echo "$NODE_PORTS" | cut -d' ' -f"$n")
  # The content root is the source folder: tenants/ and templates/ are found from it.
  (
    cd "$root/src/GotaKeren.Web"
    export ASPNETCORE_ENVIRONMENT=Production
    export ConnectionStrings__Default="Host=127.0.0.1;Port=$PRIMARY_PORT;Database=gotakeren;Username=postgres"
    # Dashboards and read-only reports read from the replica, as gotakeren_reader; everything else from the primary.
    export ConnectionStrings__Reader="Host=127.0.0.1;Port=$REPLICA_PORT;Database=gotakeren;Username=gotakeren_reader;Password=$app_password"
    export Database__AppPassword=$app_password Database__MigrateOnStartup=false
    export Protection__NikHashKey=$NIK_HASH_KEY
    export Tenancy__Directory="$root/tenants"
    export Demo__Enabled=${Demo__Enabled:-true} Demo__RosterSize=${Demo__RosterSize:-0}
    export Web__NodeName="node$n"
    exec nohup dotnet "$APP_DLL" --urls "http://127.0.0.1:$port" </dev/null >"$dir/log/node$n.log" 2>&1
  ) &
  echo $! >"$dir/run/node$n.pid"
  if ! wait_http "http://127.0.0.1:$port/health/ready" 180 "$dir/run/node$n.pid"; then
    echo "Node $n tidak siap; akhir lognya:" >&2
    tail -n 30 "$dir/log/node$n.log" >&2
    return 1
  fi
  echo "Node $n: http://127.0.0.1:$port (pid $(cat "$dir/run/node$n.pid"))"
}

stop_node() { # n
  local pidfile="$dir/run/node$1.pid" pid
  if alive "$pidfile"; then
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    # Kestrel stops listening at once, finishes what is in flight and hands running jobs back (30 s at most).
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pidfile"
}

start_nginx() {
  local n1 n2
  n1=$(echo "$NODE_PORTS" | cut -d' ' -f1)
  n2=$(echo "$NODE_PORTS" | cut -d' ' -f2)
  mkdir -p "$dir/nginx/temp"
  # As root, nginx's workers run as nobody: they write request bodies and buffers here.
  chmod 1777 "$dir/nginx/temp"
  cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $dir/run/nginx.pid;
error_log $dir/log/nginx-error.log warn;
events { worker_connections 1024; }
http {
  log_format upstream '\$remote_addr "\$request" \$status upstream=\$upstream_addr/\$upstream_status \$request_time';
  access_log $dir/log/nginx-access.log upstream;
  client_body_temp_path $dir/nginx/temp/body;
  proxy_temp_path $dir/nginx/temp/proxy;
  fastcgi_temp_path $dir/nginx/temp/fastcgi;
  uwsgi_temp_path $dir/nginx/temp/uwsgi;
  scgi_temp_path $dir/nginx/temp/scgi;
  # Roster files are up to 20 MB.
  client_max_body_size 25m;

  upstream gotakeren {
    # No sticky sessions: any node reads any node's cookie (data-protection keys in PostgreSQL). A node that
    # refuses a connection is left alone for 5 s. No keepalive to the nodes on purpose: a POST on a reused
    # connection that a stopping node closes could not be retried; a fresh connection it refuses can.
    server 127.0.0.1:$n1 max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$n2 max_fails=1 fail_timeout=5s;
  }

  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://gotakeren;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $PROXY_PROTO;
      proxy_set_header X-Forwarded-Host \$http_host;
      # A node that is stopping refuses the connection: the request goes to the other node. GET and HEAD are also
      # retried when a node dies while answering; a POST already sent is not (it may have taken effect).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 300s;
    }
  }
}
EOF
  "$nginx_bin" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/log/nginx-error.log" </dev/null >"$dir/log/nginx-start.log" 2>&1 \
    || { cat "$dir/log/nginx-start.log" >&2; false; }
  wait_http "http://127.0.0.1:$PROXY_PORT/health/ready" 30
  echo "nginx: http://127.0.0.1:$PROXY_PORT (pid $(cat "$dir/run/nginx.pid"))"
}

stop_all() {
  [ -f "$dir/cluster.env" ] && . "$dir/cluster.env"
  if alive "$dir/run/nginx.pid"; then
    kill -QUIT "$(cat "$dir/run/nginx.pid")" 2>/dev/null || true
  fi
  for n in 1 2; do stop_node "$n"; done
  for db in replica primary; do
    if [ -f "$dir/pg/$db/postmaster.pid" ]; then
      as_pg "$pg_bin/pg_ctl" -D "$dir/pg/$db" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
  done
  if [ "${GOTAKEREN_KEEP:-}" != "1" ]; then
    rm -rf "$dir"
  fi
}

start_all() {
  if [ -f "$dir/cluster.env" ]; then
    echo "Klaster sudah ada di $dir (bash deploy/cluster.sh status | stop)." >&2
    exit 1
  fi
  [ -x "$nginx_bin" ] || { echo "Pasang dulu: apt-get install nginx" >&2; exit 1; }
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL 15 tidak ada di $pg_bin: apt-get install postgresql-15" >&2; exit 1; }
  mkdir -p "$dir/log" "$dir/run" "$dir/pg"
  chmod 755 "$dir"
  # A failed start stops what it started and keeps the folder for its logs (then: bash deploy/cluster.sh stop).
  trap 'trap - ERR; echo "Gagal memulai; semua dihentikan. Log: $dir/log" >&2; GOTAKEREN_KEEP=1 stop_all' ERR

  local pg_ports node_ports
  pg_ports=${GOTAKEREN_PG_PORTS:-5441 5442}
  node_ports=${GOTAKEREN_NODE_PORTS:-5081 5082}
  local app_dll=${GOTAKEREN_APP_DLL:-}
  if [ -z "$app_dll" ]; then
    echo "Menerbitkan GotaKeren.Web ..."
    dotnet publish "$root/src/GotaKeren.Web" -c Release -o "$dir/app" -v q -nologo >"$dir/log/publish.log" 2>&1
    app_dll="$dir/app/GotaKeren.Web.dll"
  fi
  cat >"$dir/cluster.env" <<EOF
PROXY_PORT=${GOTAKEREN_PROXY_PORT:-8080}
PROXY_PROTO=${GOTAKEREN_PROXY_PROTO:-https}
NODE_PORTS="$node_ports"
PRIMARY_PORT=$(echo "$pg_ports" | cut -d' ' -f1)
REPLICA_PORT=$(echo "$pg_ports" | cut -d' ' -f2)
APP_DLL="$app_dll"
NIK_HASH_KEY=$(head -c 32 /dev/urandom | base64)
EOF
  load_env

  # The primary: a private cluster, trusted on loopback only (a production server has passwords and TLS).
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir/pg"
  as_pg "$pg_bin/initdb" -D "$dir/pg/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-instructions >"$dir/log/initdb.log"
  cat >>"$dir/pg/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$dir/pg'
max_connections = 200
wal_level = replica
max_wal_senders = 5
hot_standby = on
EOF
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/primary" -l "$dir/pg/primary.log" -w -t 60 start >/dev/null
  echo "PostgreSQL primer: 127.0.0.1:$PRIMARY_PORT"

  # The explicit deployment step, once: migrations, roles and grants (gotakeren_app, _jobs, _reader), row-level
  # security. The replica receives all of it, roles included, through the WAL.
  (cd "$root/src/GotaKeren.Web" && ASPNETCORE_ENVIRONMENT=Production Database__AppPassword=$app_password \
    ConnectionStrings__Default="Host=127.0.0.1;Port=$PRIMARY_PORT;Database=gotakeren;Username=postgres" \
    dotnet "$APP_DLL" migrate >"$dir/log/migrate.log" 2>&1) || { tail -n 30 "$dir/log/migrate.log" >&2; false; }
  echo "Migrasi selesai."

  # The replica: a copy of the primary that follows its WAL (-R writes primary_conninfo and standby.signal).
  as_pg "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$dir/pg/replica" -R -X stream -c fast
  echo "port = $REPLICA_PORT" >>"$dir/pg/replica/postgresql.conf"
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg/replica" -l "$dir/pg/replica.log" -w -t 60 start >/dev/null
  for _ in $(seq 1 100); do
    [ "$(psql_on "$PRIMARY_PORT" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = "1" ] && break
    sleep 0.2
  done
  [ "$(psql_on "$REPLICA_PORT" "SELECT pg_is_in_recovery()")" = "t" ]
  echo "PostgreSQL replika: 127.0.0.1:$REPLICA_PORT (streaming)"

  # One node after the other: each imports tenants/ and the demo accounts at start-up.
  start_node 1
  start_node 2
  start_nginx
  trap - ERR
  echo "GotaKeren: http://127.0.0.1:$PROXY_PORT/t/kendal/ (folder $dir)"
}

status() {
  load_env
  for n in 1 2; do
    if alive "$dir/run/node$n.pid"; then
      echo "node$n: berjalan, pid $(cat "$dir/run/node$n.pid"), http://127.0.0.1:$(echo "$NODE_PORTS" | cut -d' ' -f"$n")"
    else
      echo "node$n: berhenti"
    fi
  done
  if alive "$dir/run/nginx.pid"; then echo "nginx: berjalan, http://127.0.0.1:$PROXY_PORT"; else echo "nginx: berhenti"; fi
  psql_on "$PRIMARY_PORT" "SELECT 'primer: ' || count(*) || ' replika streaming, tertinggal ' || coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0) || ' bita' FROM pg_stat_replication" 2>/dev/null || echo "primer: berhenti"
  psql_on "$REPLICA_PORT" "SELECT 'replika: ' || CASE WHEN pg_is_in_recovery() THEN 'mengikuti primer' ELSE 'BUKAN replika' END" 2>/dev/null || echo "replika: berhenti"
}

case "${1:-}" in
  start) start_all ;;
  status) status ;;
  stop-node) load_env; stop_node "${2:?nomor node: 1 atau 2}"; echo "node$2 berhenti." ;;
  start-node) load_env; start_node "${2:?nomor node: 1 atau 2}" ;;
  stop) stop_all; echo "Klaster dihentikan." ;;
  *) echo "Pakai: bash deploy/cluster.sh start | status | stop-node N | start-node N | stop" >&2; exit 2 ;;
esac
