#!/usr/bin/env bash
# Benchmarks: starts a throwaway PostgreSQL and the host in Release, loads a realistic data set, drives
# load with wrk from a separate process on loopback, and prints a Markdown table (also bench/results.md).
#   BENCH_MEMBERS (100000)  BENCH_BRANCHES (50)  BENCH_SECONDS per run (10)  BENCH_CONCURRENCY ("1 16 64")
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

MEMBERS=${BENCH_MEMBERS:-100000}
BRANCHES=${BENCH_BRANCHES:-50}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONCURRENCY=${BENCH_CONCURRENCY:-"1 16 64"}
HOST_PORT=${BENCH_PORT:-5081}

WORK=$(mktemp -d /tmp/wp-bench.XXXXXX)
HOST_PID=""
cleanup() {
  [[ -n "$HOST_PID" ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null || true
  pg_stop_cluster "$WORK/pg"
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi

pg_find_or_install
PG_PORT=$(pg_free_port 56432)
pg_start_cluster "$WORK/pg" "$PG_PORT" fast
pg_create_database "$WORK/pg" "$PG_PORT" bench
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=bench;Maximum Pool Size=200"
export Auth__SigningKey="bench-signing-key-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export Bootstrap__AdminEmail=bench-admin@workerspower.org Bootstrap__AdminPassword="bench admin passphrase 2026"
export ASPNETCORE_ENVIRONMENT=Production
export GraphQL__MaxComplexity=100000

echo "Building (Release)"
dotnet build src/Host/WorkersPower.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/WorkersPower.Bench/WorkersPower.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly

echo "Loading $MEMBERS members in $BRANCHES branches"
SEED=$(cd "$WORK" && dotnet "$ROOT/bench/WorkersPower.Bench/bin/Release/net10.0/WorkersPower.Bench.dll" seed "$MEMBERS" "$BRANCHES" | grep '^SEED')
echo "$SEED"
EVENTS_PER_SECOND=$(sed -E 's/.*events_per_second=([0-9]+).*/\1/' <<<"$SEED")
SEED_SECONDS=$(sed -E 's/.*seconds=([0-9.]+) .*/\1/' <<<"$SEED")

echo "Starting the host on port $HOST_PORT"
START_NS=$(date +%s%N)
(cd "$WORK" && ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT" exec dotnet "$ROOT/src/Host/bin/Release/net10.0/WorkersPower.Host.dll" >"$WORK/host.log" 2>&1) &
HOST_PID=$!
URL="http://127.0.0.1:$HOST_PORT/graphql"
until curl -sf -o /dev/null -X POST "$URL" -H 'Content-Type: application/json' -d '{"query":"{ branches { id } }"}'; do
  kill -0 "$HOST_PID" 2>/dev/null || { echo "The host stopped:"; tail -30 "$WORK/host.log"; exit 1; }
  sleep 0.05
done
STARTUP_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
sleep 2
IDLE_RSS_MB=$(( $(ps -o rss= -p "$(pgrep -P "$HOST_PID" -f WorkersPower.Host.dll || echo "$HOST_PID")" | tr -d ' ') / 1024 ))

TOKEN=$(curl -s -X POST "$URL" -H 'Content-Type: application/json' \
  -d "{\"query\":\"mutation { signIn(input: {email: \\\"$Bootstrap__AdminEmail\\\", password: \\\"$Bootstrap__AdminPassword\\\"}) { accessToken } }\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["signIn"]["accessToken"])')

# name | GraphQL body
SCENARIOS=(
  'members(filter: {search}) at '"$MEMBERS"' members, admin, first 20|{"query":"{ members(filter: {search: \"okafor.1234\"}, first: 20) { totalCount nodes { id givenName familyName email status } } }"}'
  'members(filter: {search}) broad match, admin, first 20|{"query":"{ members(filter: {search: \"smith\"}, first: 20) { totalCount nodes { id givenName familyName email status } } }"}'
  'members(filter: {status, branch}) page of 20|{"query":"query { members(filter: {status: ACTIVE}, first: 20) { totalCount nodes { id givenName familyName branch { name } } } }"}'
)

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for scenario in "${SCENARIOS[@]}"; do
  name=${scenario%%|*}
  body=${scenario#*|}
  check=$(curl -s -X POST "$URL" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d "$body")
  if grep -q '"errors"' <<<"$check"; then echo "Scenario '$name' fails: $check"; exit 1; fi
  for c in $CONCURRENCY; do
    threads=$(( c < 2 ? 1 : 2 ))
    line=$(TOKEN="$TOKEN" BODY="$body" wrk -t"$threads" -c"$c" -d"${SECONDS_PER_RUN}s" --latency -s bench/scenarios/post.lua "$URL" | grep '^RESULT')
    echo "$name | c=$c | $line"
    echo "$name|$c|$line" >>"$RESULTS"
  done
done
LOAD_RSS_MB=$(( $(ps -o rss= -p "$(pgrep -P "$HOST_PID" -f WorkersPower.Host.dll || echo "$HOST_PID")" | tr -d ' ') / 1024 ))

python3 - "$RESULTS" "$MEMBERS" "$BRANCHES" "$EVENTS_PER_SECOND" "$SEED_SECONDS" "$STARTUP_MS" "$IDLE_RSS_MB" "$LOAD_RSS_MB" "$SECONDS_PER_RUN" >"$WORK/results.md" <<'PY'
import sys, re, datetime, platform, os
path, members, branches, eps, seed_s, startup, idle, load, secs = sys.argv[1:]
print(f"# Benchmark results\n")
print(f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores; wrk on loopback, {secs} s per run; host in Release, PostgreSQL 15 (fsync off).\n")
print(f"Data: {int(members):,} members in {branches} branches, loaded at {int(eps):,} events/s ({seed_s} s).  ")
print(f"Host start-up to first answered query: {startup} ms. Resident memory: {idle} MB idle, {load} MB after the load.\n")
print("| Scenario | Connections | Requests/s | p50 ms | p99 ms | Errors |")
print("|---|---:|---:|---:|---:|---:|")
for raw in open(path):
    name, c, line = raw.rstrip("\n").split("|", 2)
    v = dict(kv.split("=") for kv in line.split()[1:])
    print(f"| {name} | {c} | {float(v['rps']):,.0f} | {v['p50_ms']} | {v['p99_ms']} | {v['errors']} |")
PY
mkdir -p bench
cp "$WORK/results.md" bench/results.md
echo
cat bench/results.md
