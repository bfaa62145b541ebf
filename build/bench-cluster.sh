#!/usr/bin/env bash
# Benchmark scenario 1 (the campaign page) through nginx in front of one node, then in front of three
# (build/cluster.sh, Cluster:Mode=Balanced), on one throwaway PostgreSQL with the soak's data set.
# Prints a Markdown table and writes it to bench/cluster-results.md (copied into bench/results.md by hand).
#   BENCH_SECONDS (30) per run, BENCH_CONNECTIONS (16), BENCH_WARMUP (30)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SECONDS_PER_RUN=${BENCH_SECONDS:-30}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
WARMUP=${BENCH_WARMUP:-30}
WORK=$(mktemp -d /tmp/wp-bench-cluster.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  CLUSTER_DIR="$WORK/cluster" build/cluster.sh stop >/dev/null 2>&1 || true
  pg_stop_cluster "$WORK/pg"
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

pg_find_or_install
PG_PORT=$(pg_free_port 57532)
pg_start_cluster "$WORK/pg" "$PG_PORT" fast
pg_create_database "$WORK/pg" "$PG_PORT" benchcluster
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=benchcluster;Maximum Pool Size=60"
export Auth__SigningKey="bench-cluster-key-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export Demo__Seed=false ASPNETCORE_ENVIRONMENT=Staging Logging__LogLevel__Default=Warning

dotnet build src/Host/WorkersPower.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/WorkersPower.Bench/WorkersPower.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly
(cd "$WORK" && dotnet "$ROOT/bench/WorkersPower.Bench/bin/Release/net10.0/WorkersPower.Bench.dll" seed "$WORK" 10000 10 100 20 40000 1000 500) | grep '^SEED'

doc() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }
BODY="{\"query\":$(doc src/Host/PersistedDocuments/CampaignPage.graphql),\"variables\":{\"slug\":\"{{v}}\"}}"
PROXY_PORT=$(pg_free_port 5300)
URL="http://127.0.0.1:$PROXY_PORT/graphql"
run() { # run <seconds> -> RESULT line
  BODY="$BODY" LINES="$WORK/campaign-slugs.txt" THREADS=2 OFFSET=0 RUN=cluster \
    wrk -t2 -c"$CONNECTIONS" -d"${1}s" --latency -s bench/scenarios/load.lua "$URL" | grep '^RESULT'
}
: >"$WORK/results.txt"
for nodes in 1 3; do
  CLUSTER_DIR="$WORK/cluster" CLUSTER_PORT=$PROXY_PORT CLUSTER_NODES=$nodes CLUSTER_SKIP_BUILD=1 build/cluster.sh start >/dev/null
  run "$WARMUP" >/dev/null
  echo "$nodes|$(run "$SECONDS_PER_RUN")" | tee -a "$WORK/results.txt"
  CLUSTER_DIR="$WORK/cluster" build/cluster.sh stop >/dev/null
done

python3 - "$WORK/results.txt" "$SECONDS_PER_RUN" "$CONNECTIONS" >bench/cluster-results.md <<'PY'
import sys, re, os, datetime
rows = [l.rstrip("\n").split("|", 1) for l in open(sys.argv[1]) if l.strip()]
print(f"## Scenario 1 through one node and through three\n")
print(f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `build/bench-cluster.sh` on {os.cpu_count()} cores: "
      f"the campaign page, {sys.argv[3]} connections, {sys.argv[2]} s after a warm-up, through nginx in front of the nodes "
      f"(`build/cluster.sh`, Cluster:Mode=Balanced), 10,000 members, 100 campaigns, 2,000 actions. wrk, nginx, the nodes and PostgreSQL share the machine.\n")
print("| Nodes | Requests/s | p50 ms | p99 ms | Errors |\n|---:|---:|---:|---:|---:|")
base = None
for nodes, line in rows:
    v = dict(re.findall(r"(\w+)=(\S+)", line))
    rps = float(v["rps"]); base = base or rps
    print(f"| {nodes} | {rps:,.0f} ({rps / base:.2f}x) | {v['p50_ms']} | {v['p99_ms']} | {v['errors']} |")
PY
cat bench/cluster-results.md
