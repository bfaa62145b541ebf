#!/usr/bin/env bash
# Several host nodes on one PostgreSQL behind nginx, all on loopback:
#   build/cluster.sh          start everything, print the addresses, Ctrl-C stops it all
#   build/cluster.sh start    start everything and return (what was started is listed in $CLUSTER_DIR/pids)
#   build/cluster.sh stop     stop what `start` started
# Settings (environment):
#   CLUSTER_NODES (3)             how many host nodes
#   CLUSTER_PORT (5100)           nginx listens here; node i listens on CLUSTER_PORT + i
#   CLUSTER_DIR (.data/cluster)   PostgreSQL data, the shared keys, logs, nginx's files
#   ConnectionStrings__Postgres   use this database instead of starting a cluster
#   Auth__SigningKey              the shared JWT key (default: one made once in $CLUSTER_DIR)
#   CLUSTER_SKIP_BUILD=1          the host is built already (Release)
# Every node runs with Cluster:Mode=Balanced, the same signing key and the same data protection keys.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

NODES=${CLUSTER_NODES:-3}
PROXY_PORT=${CLUSTER_PORT:-5100}
DIR=${CLUSTER_DIR:-$ROOT/.data/cluster}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
PIDS="$DIR/pids"
MODE=${1:-foreground}

stop_all() {
  [[ -f "$PIDS" ]] || return 0
  # nodes first (SIGTERM: a node that stops cleanly hands its work over at once), then nginx, then PostgreSQL
  while read -r kind pid _; do
    [[ "$kind" == node* ]] && kill -TERM "$pid" 2>/dev/null || true
  done <"$PIDS"
  for _ in $(seq 1 100); do
    alive=0
    while read -r kind pid _; do [[ "$kind" == node* ]] && kill -0 "$pid" 2>/dev/null && alive=1; done <"$PIDS"
    [[ $alive -eq 0 ]] && break
    sleep 0.2
  done
  while read -r kind pid _; do
    case "$kind" in
      node*) kill -KILL "$pid" 2>/dev/null || true ;;
      nginx) kill -QUIT "$pid" 2>/dev/null || true ;;
    esac
  done <"$PIDS"
  if grep -q '^postgres ' "$PIDS"; then pg_find_or_install >/dev/null && pg_stop_cluster "$DIR/postgres"; fi
  rm -f "$PIDS"
}

if [[ "$MODE" == "stop" ]]; then
  stop_all
  echo "Cluster stopped"
  exit 0
fi
[[ "$MODE" == "start" || "$MODE" == "foreground" ]] || { echo "usage: build/cluster.sh [start|stop]" >&2; exit 2; }
[[ -f "$PIDS" ]] && { echo "A cluster is already running from $DIR (build/cluster.sh stop first)" >&2; exit 1; }
: >"$PIDS"
if [[ "$MODE" == "foreground" ]]; then trap 'stop_all; exit 0' INT TERM; fi
trap '[[ $? -ne 0 ]] && stop_all' EXIT

# nginx from Debian's package
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  echo "Installing Debian's nginx"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# PostgreSQL
if [[ -z "${ConnectionStrings__Postgres:-}" ]]; then
  pg_find_or_install
  if [[ -f "$DIR/pg-port" ]]; then PG_PORT=$(cat "$DIR/pg-port"); else PG_PORT=$(pg_free_port 5480); echo "$PG_PORT" >"$DIR/pg-port"; fi
  pg_start_cluster "$DIR/postgres" "$PG_PORT"
  echo "postgres 0" >>"$PIDS"
  pg_create_database "$DIR/postgres" "$PG_PORT" workerspower
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=workerspower"
  export Demo__Seed=${Demo__Seed:-true}
fi

# What every node shares: the signing key and the data protection keys.
if [[ -z "${Auth__SigningKey:-}" ]]; then
  [[ -s "$DIR/jwt-signing-key" ]] || (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' >"$DIR/jwt-signing-key")
  export Auth__SigningKey=$(cat "$DIR/jwt-signing-key")
fi
mkdir -p "$DIR/data-protection-keys"
export DataProtection__KeysDirectory="$DIR/data-protection-keys"
export Cluster__Mode=Balanced
export Proxy__KnownProxies=127.0.0.1
# Not Production: that environment would have three nodes write Wolverine's generated code to one folder.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Staging}

if [[ "${CLUSTER_SKIP_BUILD:-}" != "1" ]]; then
  echo "Building the host (Release)"
  dotnet build src/Host/WorkersPower.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly
fi
HOST_DIR="$ROOT/src/Host/bin/Release/net10.0"

UPSTREAMS=""
for i in $(seq 1 "$NODES"); do
  port=$((PROXY_PORT + i))
  UPSTREAMS+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  # only the first node loads the demo data (once; it checks what is there)
  seed=false; [[ $i -eq 1 ]] && seed=${Demo__Seed:-false}
  (cd "$HOST_DIR" && ASPNETCORE_URLS="http://127.0.0.1:$port" Demo__Seed=$seed \
    exec dotnet WorkersPower.Host.dll >"$DIR/node$i.log" 2>&1) &
  echo "node$i $! $port" >>"$PIDS"
done

mkdir -p "$DIR/nginx"
cat >"$DIR/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $DIR/nginx/body;
  proxy_temp_path $DIR/nginx/proxy;
  fastcgi_temp_path $DIR/nginx/fastcgi;
  uwsgi_temp_path $DIR/nginx/uwsgi;
  scgi_temp_path $DIR/nginx/scgi;
  client_max_body_size 2m;
  upstream platform {
    least_conn;
$UPSTREAMS    keepalive 64;
  }
  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://platform;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      proxy_read_timeout 1h;
      # A node that refuses connections or answers 502/503 is skipped. Mutations (POST) are never sent twice:
      # nginx retries a non-idempotent request only with 'non_idempotent', which is not given.
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
CONF
"$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" >"$DIR/nginx/stdout.log" 2>&1 &
echo "nginx $!" >>"$PIDS"

URL="http://127.0.0.1:$PROXY_PORT"
echo "Waiting for $NODES nodes"
for i in $(seq 1 "$NODES"); do
  port=$((PROXY_PORT + i))
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    pid=$(awk -v k="node$i" '$1 == k { print $2 }' "$PIDS")
    kill -0 "$pid" 2>/dev/null || { echo "node$i exited; the end of $DIR/node$i.log:" >&2; tail -20 "$DIR/node$i.log" >&2; exit 1; }
    sleep 0.2
  done
done
curl -sf -o /dev/null "$URL/health/ready" || { echo "nginx does not answer on $URL; see $DIR/nginx/error.log" >&2; exit 1; }

STOP="Ctrl-C"; [[ "$MODE" == "start" ]] && STOP="build/cluster.sh stop"
cat <<BANNER

  Workers Power platform: $NODES nodes behind nginx
  GraphQL endpoint: $URL/graphql   (nodes: $(for i in $(seq 1 "$NODES"); do printf '%s ' $((PROXY_PORT + i)); done))
  Logs:             $DIR/node*.log
  Stop:             $STOP

BANNER
[[ "$MODE" == "start" ]] && { trap - EXIT; exit 0; }
wait
