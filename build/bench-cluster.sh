#!/usr/bin/env bash
# Benchmark scenario 1 (the campaign page) through nginx in front of one node, then in front of three
# (build/cluster.sh, Cluster:Mode=Balanced), on one throwaway PostgreSQL with the soak's data set.
# Prints a Markdown table and writes it to bench/cluster-results.md (copied into bench/results.md by hand).
# Fails (no table written) when a run gives no result or any error.
#   BENCH_SECONDS (30) per run, BENCH_CONNECTIONS (16), BENCH_WARMUP (30; 0 for none), BENCH_NODES ("1 3")
#   BENCH_OUTPUT (bench/cluster-results.md)
#   BENCH_SMOKE=1  a quick check that it all still works (300 members, 5 campaigns, one and two nodes,
#                  2 s at 8 connections each after 4 s of warm-up (its errors forgiven), as a node's first requests are slow;
#                  the table goes to a temporary file). build/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ "${BENCH_SMOKE:-0}" == 1 ]]; then
  SECONDS_PER_RUN=${BENCH_SECONDS:-2}
  CONNECTIONS=${BENCH_CONNECTIONS:-8}
  WARMUP=${BENCH_WARMUP:-4}
  NODE_COUNTS=${BENCH_NODES:-"1 2"}
  SIZES="300 5 5 20 500 50 200"   # members branches campaigns actions/campaign sign-ups articles accounts
  FIRST_PORT=5700
  OUTPUT=${BENCH_OUTPUT:-${TMPDIR:-/tmp}/wp-bench-cluster-smoke-results.md}
  if [[ "$(realpath -m "$OUTPUT")" == "$(realpath -m bench/cluster-results.md)" ]]; then
    echo "A smoke run does not write bench/cluster-results.md" >&2; exit 2
  fi
else
  SECONDS_PER_RUN=${BENCH_SECONDS:-30}
  CONNECTIONS=${BENCH_CONNECTIONS:-16}
  WARMUP=${BENCH_WARMUP:-30}
  NODE_COUNTS=${BENCH_NODES:-"1 3"}
  SIZES="10000 10 100 20 40000 1000 500"
  FIRST_PORT=5300
  OUTPUT=${BENCH_OUTPUT:-bench/cluster-results.md}
fi
WORK=$(mktemp -d /tmp/wp-bench-cluster.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  local rc=$?
  [[ -f "$WORK/cluster/pids" ]] && { CLUSTER_DIR="$WORK/cluster" build/cluster.sh stop >/dev/null 2>&1 || true; }
  [[ -n "${PG_BIN:-}" ]] && pg_stop_cluster "$WORK/pg"
  rm -rf "$WORK"
  [[ $rc -ne 0 ]] && echo "build/bench-cluster.sh FAILED (exit code $rc); no table written" >&2
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
command -v wrk >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

pg_find_or_install
PG_PORT=$(pg_free_port 27532)
pg_start_cluster "$WORK/pg" "$PG_PORT" fast
pg_create_database "$WORK/pg" "$PG_PORT" benchcluster
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=benchcluster;Maximum Pool Size=60"
export Auth__SigningKey="bench-cluster-key-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export Demo__Seed=false ASPNETCORE_ENVIRONMENT=Staging Logging__LogLevel__Default=Warning

dotnet build src/Host/WorkersPower.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/WorkersPower.Bench/WorkersPower.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly
# shellcheck disable=SC2086 # SIZES is a list of numbers
(cd "$WORK" && dotnet "$ROOT/bench/WorkersPower.Bench/bin/Release/net10.0/WorkersPower.Bench.dll" seed "$WORK" $SIZES) | grep '^SEED'

doc() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }
BODY="{\"query\":$(doc src/Host/PersistedDocuments/CampaignPage.graphql),\"variables\":{\"slug\":\"{{v}}\"}}"
PROXY_PORT=$(pg_free_port "$FIRST_PORT")
URL="http://127.0.0.1:$PROXY_PORT/graphql"
run() { # run <seconds> [warm-up] -> RESULT line; fails on no result, or (but in a warm-up, whose first requests may
  # time out while fresh nodes compile their code on a busy machine) on any error or no requests
  local out result
  out=$(BODY="$BODY" LINES="$WORK/campaign-slugs.txt" THREADS=2 OFFSET=0 RUN=cluster \
    wrk -t2 -c"$CONNECTIONS" -d"${1}s" --timeout 10s --latency -s bench/scenarios/load.lua "$URL" 2>&1 || true)
  result=$(grep '^RESULT' <<<"$out" | tail -1 || true)
  [[ -n "$result" ]] || { echo "$out" >&2; echo "wrk gave no RESULT line" >&2; return 1; }
  [[ -n "${2:-}" ]] && { echo "$result"; return 0; }
  [[ "$result" =~ (^| )errors=0( |$) && ! "$result" =~ (^| )requests=0( |$) ]] \
    || { echo "$result" >&2; tail -n 20 "$WORK"/cluster/node*.log >&2; echo "the campaign page answered with errors or not at all" >&2; return 1; }
  echo "$result"
}
: >"$WORK/results.txt"
for nodes in $NODE_COUNTS; do
  CLUSTER_DIR="$WORK/cluster" CLUSTER_PORT=$PROXY_PORT CLUSTER_NODES=$nodes CLUSTER_SKIP_BUILD=1 build/cluster.sh start >/dev/null
  (( WARMUP > 0 )) && { run "$WARMUP" warm-up >/dev/null || exit 1; }
  result=$(run "$SECONDS_PER_RUN") || exit 1
  echo "$nodes|$result" | tee -a "$WORK/results.txt"
  CLUSTER_DIR="$WORK/cluster" build/cluster.sh stop >/dev/null
done

python3 - "$WORK/results.txt" "$SECONDS_PER_RUN" "$CONNECTIONS" "$SIZES" "${BENCH_SMOKE:-0}" "$NODE_COUNTS" >"$WORK/cluster-results.md" <<'PY'
import sys, re, os, datetime
rows = [l.rstrip("\n").split("|", 1) for l in open(sys.argv[1]) if l.strip()]
members, _, campaigns, per_campaign = (int(x) for x in sys.argv[4].split()[:4])
if [n for n, _ in rows] != sys.argv[6].split():
    sys.exit(f"results for nodes {[n for n, _ in rows]}, expected {sys.argv[6].split()}")
if sys.argv[5] == "1":
    print("**Smoke run** (`BENCH_SMOKE=1`): tiny data set, 2-second runs; the figures mean nothing.\n")
print(f"## Scenario 1 through {' and then '.join(n for n, _ in rows)} node{'s' if len(rows) > 1 or rows[0][0] != '1' else ''}\n")
print(f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `build/bench-cluster.sh` on {os.cpu_count()} cores: "
      f"the campaign page, {sys.argv[3]} connections, {sys.argv[2]} s after a warm-up, through nginx in front of the nodes "
      f"(`build/cluster.sh`, Cluster:Mode=Balanced), {members:,} members, {campaigns:,} campaigns, {campaigns * per_campaign:,} actions. wrk, nginx, the nodes and PostgreSQL share the machine.\n")
print("| Nodes | Requests/s | p50 ms | p99 ms | Errors |\n|---:|---:|---:|---:|---:|")
base = None
for nodes, line in rows:
    v = dict(re.findall(r"(?:^| )(\w+)=(\S+)", line))
    rps = float(v["rps"]); base = base or rps
    print(f"| {nodes} | {rps:,.0f} ({rps / base:.2f}x) | {v['p50_ms']} | {v['p99_ms']} | {v['errors']} |")
PY
mkdir -p "$(dirname "$OUTPUT")"
cp "$WORK/cluster-results.md" "$OUTPUT"
cat "$OUTPUT"
echo "Table written to $OUTPUT"
