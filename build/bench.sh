#!/usr/bin/env bash
# Benchmarks, in one run: starts a throwaway PostgreSQL, loads a realistic data set through the platform's own
# Marten configuration, starts the host in Release with pre-generated Wolverine code and the plain-Npgsql
# baseline beside it, drives each scenario with wrk from a separate process on loopback, and prints a
# Markdown report (also written to bench/results.md).
#
# It fails (non-zero exit, no report written) when any scenario gives no result or answers any request
# with an error, or when a figure the report needs is missing; it writes the report but still fails when
# the sign-up integrity check finds a lost or duplicated sign-up.
#
# Settings (environment):
#   BENCH_SECONDS      seconds per load run (5)          BENCH_CONCURRENCY  connections per run ("1 16 64")
#   BENCH_WARMUP       seconds of unreported load before each scenario (5; 0 for none)
#   BENCH_FIRST_WARMUP the same before the first scenario a host serves after its start (40; 0 for none): a host
#                      just started runs its ReadyToRun code, and Dynamic PGO's instrumented, then optimised code
#                      replaces it only after about 35 s of load (bench/analysis/startup.md)
#   BENCH_MEMBERS      members (100000)                  BENCH_BRANCHES     branches (50)
#   BENCH_CAMPAIGNS    campaigns (1000), 20 actions each BENCH_SIGNUPS      sign-ups loaded (500000)
#   BENCH_ARTICLES     articles (10000)                  BENCH_ACCOUNTS     member accounts (2000)
#   BENCH_PORT         host port (5081; the baseline uses +1)
#   BENCH_SCENARIOS    which scenarios to run, e.g. "baseline campaign" (all: baseline campaign articles members members-asof baseline-signups signups apply subscriptions pages mail)
#   BENCH_OUTPUT       where the report goes (bench/results.md)
#   BENCH_MAIL_MEMBERS members who accept email in the mail scenario's branch (5000)
#   BENCH_MAIL_CONNECTIONS  Mail:Smtp:Connections of the host in the mail scenario (4)
#   BENCH_MAIL_TIMEOUT seconds the mail scenario waits for every mail before it fails (600)
#   BENCH_PAGE_RUNS    loads of each web page per cache state in the pages scenario (10)
#   BENCH_SUBSCRIBERS  WebSocket subscribers in the subscriptions scenario (1000; smoke 20)
#   BENCH_SUBSCRIPTION_RATE     sign-ups per second while they watch (100)
#   BENCH_SUBSCRIPTION_SECONDS  seconds of sign-ups (15; smoke 2)
#   BENCH_SUBSCRIPTION_WARMUP   seconds of unmeasured sign-ups at the same rate before them (5; smoke 1)
#   BENCH_TRACING_ON   the host's settings for "tracing on", space-separated NAME=value ({sink}: the stand-in collector's
#                      address); default "OpenTelemetry__Endpoint={sink} OpenTelemetry__Protocol=http/protobuf OpenTelemetry__SamplingRatio=0.1"
#   BENCH_TRACING_ROUNDS  rounds of the tracing scenario, each one run with tracing off and one with it on (2; smoke 1)
#   BENCH_SMOKE=1      a quick check that every part still works (about a minute and a half of its own, plus the
#                      builds): 300 members, 5 campaigns, one 1 s run at 16 connections per scenario, no warm-up,
#                      one timed start, 200 mails, 2 loads of each web page; the report goes to a temporary file (never bench/results.md). build/test.sh runs it.
#
# The pages scenario: the web client's campaign page and newest article of build/run.sh's demo data (loaded by a
# second host, on a database of its own, with Demo:Seed on), each opened BENCH_PAGE_RUNS times in Debian's chromium
# with a cold cache and as often with a warm one (tests/conformance/pages-bench.mjs): the browser's navigation timing
# and the moment the main heading shows the page's data; median and p95 per page.
#
# The subscriptions scenario: BENCH_SUBSCRIBERS WebSockets (graphql-transport-ws, anonymous) subscribe to one
# campaign's campaignProgress (a campaign of its own, seeded for it), then members sign up for its actions over HTTP
# at BENCH_SUBSCRIPTION_RATE a second for BENCH_SUBSCRIPTION_SECONDS (bench/WorkersPower.Bench/Subscribers.cs):
# delivery latency from each sign-up's answer to each subscriber's first value that includes it (p50, p99, max), and
# the host's and the client's CPU. It fails when a sign-up fails or any subscriber does not end on the final count.
#
# The tracing scenario: scenario 1 (the campaign page) at 16 connections with tracing off, on the host that served every
# scenario, and on, on a second node started beside it on the same database (Cluster:Mode=Balanced; OpenTelemetry:Endpoint
# set, OTLP over HTTP to a stand-in collector that takes and counts the exports, bench/WorkersPower.Bench/OtlpSink.cs;
# OpenTelemetry:SamplingRatio 0.1) and warmed for BENCH_FIRST_WARMUP seconds; then the two measured in turn,
# BENCH_TRACING_ROUNDS times: the cost of tracing is the drop in throughput (the mean over the rounds), with the host's CPU time
# per request beside it. It fails when no export reached the collector.
#
# The mail scenario (last, on a host restarted with mail on): an admin sends one organisers' message
# (sendMessageToMembers) to a branch of BENCH_MAIL_MEMBERS members who accept email; the local mail catcher
# (tools/MailCatcher) takes them over SMTP and writes each as an .eml file. Measured: from the mutation's answer
# until every mail is in the catcher's directory. It fails when they do not all arrive in time, or more arrive.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

SMOKE=${BENCH_SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then
  MEMBERS=${BENCH_MEMBERS:-300}
  BRANCHES=${BENCH_BRANCHES:-5}
  CAMPAIGNS=${BENCH_CAMPAIGNS:-5}
  SIGNUPS=${BENCH_SIGNUPS:-500}
  ARTICLES=${BENCH_ARTICLES:-50}
  ACCOUNTS=${BENCH_ACCOUNTS:-200}
  SECONDS_PER_RUN=${BENCH_SECONDS:-1}
  WARMUP_SECONDS=${BENCH_WARMUP:-0}
  FIRST_WARMUP_SECONDS=${BENCH_FIRST_WARMUP:-0}
  CONCURRENCY=${BENCH_CONCURRENCY:-16}
  OUTPUT=${BENCH_OUTPUT:-${TMPDIR:-/tmp}/wp-bench-smoke-results.md}
  STARTS=1            # timed starts of the host
  IDLE_WAIT=1         # seconds after start-up before the idle memory is read
  MEASURE_SECONDS=2   # load under dotnet-counters per measurement
  HOST_PORT=${BENCH_PORT:-5581}
  MAIL_MEMBERS=${BENCH_MAIL_MEMBERS:-200}
  MAIL_TIMEOUT=${BENCH_MAIL_TIMEOUT:-120}
  PAGE_RUNS=${BENCH_PAGE_RUNS:-2}
else
  MEMBERS=${BENCH_MEMBERS:-100000}
  BRANCHES=${BENCH_BRANCHES:-50}
  CAMPAIGNS=${BENCH_CAMPAIGNS:-1000}
  SIGNUPS=${BENCH_SIGNUPS:-500000}
  ARTICLES=${BENCH_ARTICLES:-10000}
  ACCOUNTS=${BENCH_ACCOUNTS:-2000}
  SECONDS_PER_RUN=${BENCH_SECONDS:-5}
  WARMUP_SECONDS=${BENCH_WARMUP:-5}
  FIRST_WARMUP_SECONDS=${BENCH_FIRST_WARMUP:-40}
  CONCURRENCY=${BENCH_CONCURRENCY:-"1 16 64"}
  OUTPUT=${BENCH_OUTPUT:-bench/results.md}
  STARTS=3
  IDLE_WAIT=3
  MEASURE_SECONDS=2
  HOST_PORT=${BENCH_PORT:-5081}
  MAIL_MEMBERS=${BENCH_MAIL_MEMBERS:-5000}
  MAIL_TIMEOUT=${BENCH_MAIL_TIMEOUT:-600}
  PAGE_RUNS=${BENCH_PAGE_RUNS:-10}
fi
MAIL_CONNECTIONS=${BENCH_MAIL_CONNECTIONS:-4}
# --- subscriptions scenario: settings ---
if [[ "$SMOKE" == 1 ]]; then
  SUBSCRIBERS=${BENCH_SUBSCRIBERS:-20} SUBSCRIPTION_RATE=${BENCH_SUBSCRIPTION_RATE:-100} SUBSCRIPTION_SECONDS=${BENCH_SUBSCRIPTION_SECONDS:-2}
  SUBSCRIPTION_WARMUP=${BENCH_SUBSCRIPTION_WARMUP:-1}
else
  SUBSCRIBERS=${BENCH_SUBSCRIBERS:-1000} SUBSCRIPTION_RATE=${BENCH_SUBSCRIPTION_RATE:-100} SUBSCRIPTION_SECONDS=${BENCH_SUBSCRIPTION_SECONDS:-15}
  SUBSCRIPTION_WARMUP=${BENCH_SUBSCRIPTION_WARMUP:-5}
fi
# --- end subscriptions scenario: settings ---
TRACING_ON=${BENCH_TRACING_ON:-"OpenTelemetry__Endpoint={sink} OpenTelemetry__Protocol=http/protobuf OpenTelemetry__SamplingRatio=0.1"}
TRACING_ROUNDS=${BENCH_TRACING_ROUNDS:-$([[ "$SMOKE" == 1 ]] && echo 1 || echo 2)}
ALL_SCENARIOS="baseline campaign articles members members-asof baseline-signups signups apply subscriptions pages tracing mail"
ONLY=${BENCH_SCENARIOS:-$ALL_SCENARIOS}
BASELINE_PORT=$((HOST_PORT + 1))
DEMO_PORT=$((HOST_PORT + 2))
SINK_PORT=$((HOST_PORT + 3))
TRACED_PORT=$((HOST_PORT + 4))
ACTIONS_PER_CAMPAIGN=20

for key in $ONLY; do
  [[ " $ALL_SCENARIOS " == *" $key "* ]] || { echo "Unknown scenario '$key' in BENCH_SCENARIOS (known: $ALL_SCENARIOS)" >&2; exit 2; }
done
[[ -n "${ONLY// /}" ]] || { echo "BENCH_SCENARIOS selects no scenario" >&2; exit 2; }
selected() { [[ " $ONLY " == *" $1 "* ]]; }
RUN_ORDER="$(tr ' ' '\n' <<<"$CONCURRENCY" | sort -n | awk 'NR == 1 { fewest = $0; next } { print } END { print fewest }' | xargs)"
if [[ "$SMOKE" == 1 && "$(realpath -m "$OUTPUT")" == "$(realpath -m bench/results.md)" ]]; then
  echo "A smoke run does not write bench/results.md: its figures mean nothing" >&2; exit 2
fi
for port in "$HOST_PORT" "$BASELINE_PORT" $(selected pages && echo "$DEMO_PORT") $(selected tracing && echo "$SINK_PORT $TRACED_PORT"); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "Port $port is in use (BENCH_PORT chooses another)" >&2; exit 2; fi
done

WORK=$(mktemp -d /tmp/wp-bench.XXXXXX)
chmod 755 "$WORK"
# phase <name>: the run's time from here to the next phase goes to <name> (the report's "Where the run's time went").
phase() { echo "$1|$(date +%s)" >>"$WORK/phases.txt"; }
HOST_PID="" BASELINE_PID="" CATCHER_PID="" DEMO_PID="" SINK_PID="" PUBLISH_PID="" TRACED_PID=""
stop_host() {
  [[ -n "$HOST_PID" ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null || true
  HOST_PID=""
}
# Puts back the host's ordinary build (src/Host/bin and obj), saved before the build with the pre-generated
# code: the tests and the other scripts never run the generated code, and the next build is not a rebuild.
restore_host_build() {
  local dir
  for dir in bin obj; do
    [[ -d "$WORK/host-$dir.ordinary" ]] || continue
    rm -rf "$ROOT/src/Host/$dir/Release/net10.0" && mv "$WORK/host-$dir.ordinary" "$ROOT/src/Host/$dir/Release/net10.0"
  done
}
cleanup() {
  local rc=$?
  stop_host
  [[ -n "$BASELINE_PID" ]] && kill "$BASELINE_PID" 2>/dev/null && wait "$BASELINE_PID" 2>/dev/null || true
  [[ -n "$CATCHER_PID" ]] && kill "$CATCHER_PID" 2>/dev/null && wait "$CATCHER_PID" 2>/dev/null || true
  [[ -n "$DEMO_PID" ]] && kill "$DEMO_PID" 2>/dev/null && wait "$DEMO_PID" 2>/dev/null || true
  [[ -n "$SINK_PID" ]] && kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
  [[ -n "$TRACED_PID" ]] && kill "$TRACED_PID" 2>/dev/null && wait "$TRACED_PID" 2>/dev/null || true
  # (dotnet publish leaves build servers and compilers behind as its children: the whole group goes)
  [[ -n "$PUBLISH_PID" ]] && { pkill -TERM -P "$PUBLISH_PID" 2>/dev/null; kill "$PUBLISH_PID" 2>/dev/null; wait "$PUBLISH_PID" 2>/dev/null; } || true
  [[ -n "${PG_BIN:-}" ]] && pg_stop_cluster "$WORK/pg"
  # Pre-generated code is for this run only: a later build must not compile it after the handlers change.
  rm -rf "$ROOT/src/Host/Internal/Generated"
  rmdir "$ROOT/src/Host/Internal" 2>/dev/null || true
  restore_host_build
  rm -rf "$WORK"
  [[ $rc -ne 0 ]] && echo "build/bench.sh FAILED (exit code $rc); no report written" >&2
  return 0
}
trap cleanup EXIT
# Stop on Ctrl-C or kill as on an error, cleaning up on the way out.
trap 'exit 130' INT
trap 'exit 143' TERM
fail() { echo "FAILED: $*" >&2; exit 1; }
BEGIN_S=$(date +%s)
phase "set-up (tools, PostgreSQL)"

for tool in wrk; do
  command -v $tool >/dev/null && continue
  echo "Installing $tool (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done
TOOLS="$ROOT/.data/tools"
if [[ ! -x "$TOOLS/dotnet-counters" ]]; then
  echo "Installing dotnet-counters (NuGet tool) into .data/tools"
  dotnet tool install --tool-path "$TOOLS" dotnet-counters >/dev/null
fi

pg_find_or_install
PG_PORT=$(pg_free_port 26432)
pg_start_cluster "$WORK/pg" "$PG_PORT" fast
pg_create_database "$WORK/pg" "$PG_PORT" bench
psql_bench() { PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -XAtq -c "$1"; }
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=bench;Maximum Pool Size=200"
export Auth__SigningKey="bench-signing-key-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export Bootstrap__AdminEmail=bench-admin@workerspower.org Bootstrap__AdminPassword="bench admin passphrase 2026"
export ASPNETCORE_ENVIRONMENT=Production
export GraphQL__MaxComplexity=100000
# The application scenario sends thousands of applications from one address: lift the per-address limit.
export Membership__Applications__PermitLimit=100000000
# --- subscriptions scenario: limits ---
# Every subscriber connects from 127.0.0.1: lift the host's sockets-per-address limit (GraphQL:MaxSocketsPerAddress)
# above the subscriber count, and let this shell's children (host, client) hold a socket each plus their other files.
export GraphQL__MaxSocketsPerAddress=$(( SUBSCRIBERS + 100 ))
if selected subscriptions && (( $(ulimit -n) < SUBSCRIBERS * 2 + 1024 )); then
  ulimit -n "$(( SUBSCRIBERS * 2 + 1024 ))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  (( $(ulimit -n) >= SUBSCRIBERS + 256 )) || fail "ulimit -n is $(ulimit -n): too low for $SUBSCRIBERS subscribers (raise the hard limit)"
fi
# --- end subscriptions scenario: limits ---

phase "building the host (Release) and its pre-generated code"
echo "Building (Release)"
# Left behind by a run that was killed outright: it must not go into the ordinary build.
rm -rf "$ROOT/src/Host/Internal/Generated"
# (the benchmark's program references the host: one build builds both)
dotnet build bench/WorkersPower.Bench/WorkersPower.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly
selected mail && dotnet build tools/MailCatcher/WorkersPower.MailCatcher.csproj -c Release -nologo -v q -clp:ErrorsOnly
echo "Pre-generating Wolverine's handler code, then building it into a host of this run's own"
(cd src/Host && dotnet bin/Release/net10.0/WorkersPower.Host.dll codegen write >"$WORK/codegen.log" 2>&1) || { cat "$WORK/codegen.log"; fail "codegen write"; }
# The host with the generated code runs from the work directory; src/Host/bin and obj get their ordinary
# build back at once (cleanup puts it back too, should the build fail).
cp -a "$ROOT/src/Host/bin/Release/net10.0" "$WORK/host-bin.ordinary"
cp -a "$ROOT/src/Host/obj/Release/net10.0" "$WORK/host-obj.ordinary"
# --- start-up block (issue 20): the benchmarked host is published for linux-x64, so ReadyToRun
# (PublishReadyToRun in the host's project) precompiles it and its libraries, as a production host would be.
# The publish runs beside the data set's loading (which needs only the benchmark's program, built above): the
# loading waits on PostgreSQL much of the time, and the two together take about a minute less than one after the other.
# (at the lowest priority: the loading keeps its pace, the publish takes the time the loading leaves idle)
nice -n 19 dotnet publish src/Host/WorkersPower.Host.csproj -c Release -r linux-x64 --self-contained false -o "$WORK/host" -nologo -v q -clp:ErrorsOnly \
  >"$WORK/publish.log" 2>&1 &
PUBLISH_PID=$!
# --- end of the start-up block
BENCH_DLL="$ROOT/bench/WorkersPower.Bench/bin/Release/net10.0/WorkersPower.Bench.dll"
HOST_DLL="$WORK/host/WorkersPower.Host.dll"

phase "loading the data set (the ReadyToRun publish beside it)"
echo "Loading the data set (the host's ReadyToRun publish beside it)"
(cd "$WORK" && dotnet "$BENCH_DLL" seed "$WORK" "$MEMBERS" "$BRANCHES" "$CAMPAIGNS" "$ACTIONS_PER_CAMPAIGN" "$SIGNUPS" "$ARTICLES" "$ACCOUNTS" \
  "$(selected mail && echo "$MAIL_MEMBERS" || echo 0)") | tee "$WORK/seed.txt" | grep '^SEED' || fail "seeding printed no SEED line"
phase "waiting for the ReadyToRun publish"
wait "$PUBLISH_PID" || { cat "$WORK/publish.log" >&2; PUBLISH_PID=""; fail "dotnet publish (ReadyToRun) failed"; }
PUBLISH_PID=""
rm -rf "$ROOT/src/Host/Internal/Generated"
rmdir "$ROOT/src/Host/Internal" 2>/dev/null || true
restore_host_build
phase "rebuilding the asynchronous projection"
echo "Rebuilding the asynchronous projection from the event store"
(cd "$WORK" && dotnet "$BENCH_DLL" rebuild CampaignDay) | tee "$WORK/rebuild.txt" | grep '^REBUILD' || fail "the rebuild printed no REBUILD line"
psql_bench "vacuum analyze" >/dev/null

# --- start-up block (issue 20): besides the resident set, its parts (smaps_rollup: anonymous, file-backed,
# the runtime's double-mapped code and type data) go to memory.txt, and the CPU time the host used to its first
# answer (less disturbed than the wall-clock time when other work shares the machine) to startups-cpu.txt.
host_rss_mb() {
  echo $(( $(ps -o rss= -p "$HOST_PID" | tr -d ' ') / 1024 ))
  awk -v at="$1" '/^(Rss|Pss|Pss_Anon|Pss_File|Pss_Shmem|Private_Dirty):/ { parts = parts " " $1 int($2 / 1024) } END { if (at != "") print at parts }' \
    "/proc/$HOST_PID/smaps_rollup" >>"$WORK/memory.txt" 2>/dev/null || true
}
host_cpu_ms() { awk -v tck="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / tck) }' "/proc/${1:-$HOST_PID}/stat"; }
# --- end of the start-up block
# quiet_machine <what comes next>: waits (up to 20 s) until the machine's CPUs were at most 10 % busy over the last
# second, so that no scenario starts while the one before it still echoes (the host's background work, PostgreSQL's
# autovacuum and checkpoints, the load average of the runs before); how long it waited goes to quiet.txt.
quiet_machine() {
  local begin_ns busy=100 a b
  begin_ns=$(date +%s%N)
  while :; do
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    busy=$(awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; print (t > 0 ? int((y[1] - x[1]) * 100 / t) : 0) }')
    (( busy <= 10 )) && break
    (( $(date +%s%N) - begin_ns > 20000000000 )) && break
  done
  echo "$1|$(( ($(date +%s%N) - begin_ns) / 1000000 ))|$busy" >>"$WORK/quiet.txt"
}
# start_host [untimed]: starts the host and waits for its first answer; the time to it is kept unless "untimed".
start_host() {
  local start_ns
  start_ns=$(date +%s%N)
  # From its output directory, so its appsettings.json (log levels, limits) applies as in production.
  (cd "$(dirname "$HOST_DLL")" && ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT" exec dotnet "$HOST_DLL" >>"$WORK/host.log" 2>&1) &
  HOST_PID=$!
  until curl -sf -o /dev/null -X POST "http://127.0.0.1:$HOST_PORT/graphql" -H 'Content-Type: application/json' -d '{"query":"{ branches { id } }"}'; do
    kill -0 "$HOST_PID" 2>/dev/null || { tail -30 "$WORK/host.log"; fail "the host stopped"; }
    (( $(date +%s%N) - start_ns > 120000000000 )) && { tail -30 "$WORK/host.log"; fail "the host did not answer within 120 s"; }
    sleep 0.02
  done
  case "${1:-}" in
    untimed) ;;
    deployed) echo $(( ($(date +%s%N) - start_ns) / 1000000 )) >>"$WORK/startups-deployed.txt"; host_cpu_ms >>"$WORK/startups-deployed-cpu.txt" ;;
    *) echo $(( ($(date +%s%N) - start_ns) / 1000000 )) >>"$WORK/startups.txt"; host_cpu_ms >>"$WORK/startups-cpu.txt" ;;
  esac
}

phase "timing start-ups"
# Production as the README recommends it for several nodes: the deployment applies the schema once
# (`WorkersPower.Host db-apply`) and the nodes start with Database:ApplySchemaOnStartup=false. Timed apart.
(cd "$(dirname "$HOST_DLL")" && dotnet "$HOST_DLL" db-apply >"$WORK/db-apply.log" 2>&1) || { tail -30 "$WORK/db-apply.log"; fail "db-apply"; }
echo "Starting the host on port $HOST_PORT ($STARTS times with the schema applied by db-apply, to time start-up)"
for ((i = 0; i < STARTS; i++)); do Database__ApplySchemaOnStartup=false start_host deployed; stop_host; done
echo "Starting the host on port $HOST_PORT ($STARTS times, to time start-up)"
for ((i = 1; i < STARTS; i++)); do start_host; stop_host; done
start_host
sleep "$IDLE_WAIT"
IDLE_RSS_MB=$(host_rss_mb idle)
(cd "$WORK" && exec dotnet "$BENCH_DLL" baseline "http://127.0.0.1:$BASELINE_PORT" >"$WORK/baseline.log" 2>&1) &
BASELINE_PID=$!
for ((i = 0; ; i++)); do
  curl -sf -o /dev/null "http://127.0.0.1:$BASELINE_PORT/campaign-page/none" && break
  kill -0 "$BASELINE_PID" 2>/dev/null || { tail -30 "$WORK/baseline.log"; fail "the baseline stopped"; }
  (( i > 1200 )) && fail "the baseline did not answer within 60 s"
  sleep 0.05
done

URL="http://127.0.0.1:$HOST_PORT/graphql"
gql() { curl -s -X POST "$URL" -H 'Content-Type: application/json' ${2:+-H "Authorization: Bearer $2"} -d "$1"; }
json_document() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }
ADMIN_TOKEN=$(gql "{\"query\":\"mutation { signIn(input: {email: \\\"$Bootstrap__AdminEmail\\\", password: \\\"$Bootstrap__AdminPassword\\\"}) { accessToken } }\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["signIn"]["accessToken"])')

# Scenarios: key | name | base URL | METHOD | URL_PATH | BODY | TOKEN | LINES
CAMPAIGN_PAGE="{\"query\":$(json_document src/Host/PersistedDocuments/CampaignPage.graphql),\"variables\":{\"slug\":\"{{v}}\"}}"
ARTICLES_PAGE="{\"query\":$(json_document src/Host/PersistedDocuments/LatestArticles.graphql),\"variables\":{\"first\":20}}"
SCENARIOS=(
  "baseline|Baseline: campaign page, plain Npgsql|http://127.0.0.1:$BASELINE_PORT|GET|/campaign-page/{{v}}|||$WORK/campaign-slugs.txt"
  "campaign|1. Campaign page: campaign(slug) with progress and 20 upcoming actions|$URL|POST|/graphql|$CAMPAIGN_PAGE||$WORK/campaign-slugs.txt"
  "articles|2. articles(first: 20) with authors|$URL|POST|/graphql|$ARTICLES_PAGE||"
  "members|3. members(filter: {search}) at $MEMBERS members, admin|$URL|POST|/graphql|{\"query\":\"{ members(filter: {search: \\\"okafor.1234\\\"}, first: 20) { totalCount nodes { id givenName familyName email status } } }\"}|$ADMIN_TOKEN|"
  # --- members-asof scenario (issue 22): who was a member in good standing of a branch (MEMBERS / BRANCHES members) at the end of
  # yesterday, from the standing intervals; a different branch each request, an admin's token
  "members-asof|3a. membersAsOf(date, branchId) for a branch of $(( MEMBERS / BRANCHES )) members at $MEMBERS members, admin|$URL|POST|/graphql|{\"query\":\"query(\$b: ID!) { membersAsOf(date: \\\"$(date -u -d yesterday +%F)\\\", branchId: \$b, first: 20) { totalCount nodes { id givenName familyName status } } }\",\"variables\":{\"b\":\"{{v}}\"}}|$ADMIN_TOKEN|$WORK/asof-branches.txt"
  # --- end members-asof scenario
  # --- sign-up baseline (signups helper): plain Npgsql, the same checks and rows as scenario 4, its own fresh pairs
  "baseline-signups|Baseline: sign-up, plain Npgsql|http://127.0.0.1:$BASELINE_PORT|POST|/sign-up/{{v}}|||$WORK/signup-baseline-pairs.txt"
  # --- end of the sign-up baseline
  "signups|4. signUpForAction, a different member and action each time|$URL|POST|/graphql|{\"query\":\"mutation(\$id: ID!) { signUpForAction(input: {actionId: \$id}) { action { signUpCount } errors { code message } } }\",\"variables\":{\"id\":\"{{v}}\"}}||$WORK/signup-pairs.tsv"
  "apply|5. applyForMembership, a new applicant each time|$URL|POST|/graphql|{\"query\":\"mutation { applyForMembership(input: {givenName: \\\"Bench\\\", familyName: \\\"Applicant\\\", email: \\\"applicant.{{n}}@apply.workerspower.org\\\", postcode: \\\"E1 6AN\\\", contribution: {amount: 10, currency: \\\"GBP\\\"}, contributionFrequency: MONTHLY, acceptsProgramme: true, consentToContact: true}) { application { id } errors { code message } } }\"}||"
)

# field <key> <RESULT line>: the value of key=value in the line (load.lua's RESULT line: requests=, seconds=,
# rps=, p50_ms=, p99_ms=, errors=, answered=, lines_used=, codes=); fails when the key is missing.
field() {
  local pattern="(^| )$1=([^ ]*)( |$)"
  [[ "$2" =~ $pattern && -n "${BASH_REMATCH[2]}" ]] || fail "no '$1=' in the result line: $2"
  echo "${BASH_REMATCH[2]}"
}

# Runs wrk once: run_wrk <scenario> <connections> <seconds>; the RESULT line is left in LAST_RESULT.
# Fails when wrk gives no RESULT line, or when any request failed (transport errors, a status other than
# 200, GraphQL or user errors): a scenario that answers with errors is broken, not fast.
# (Not called in a subshell: OFFSETS must remember which lines of a scenario's file were used.)
declare -A OFFSETS
run_wrk() {
  local key name base method path body token lines
  IFS='|' read -r key name base method path body token lines <<<"$1"
  local c=$2 threads=$(( $2 < 2 ? 1 : 2 )) offset=${OFFSETS[$key]:-0} out="$WORK/wrk.out"
  METHOD="$method" URL_PATH="$path" BODY="$body" TOKEN="$token" LINES="$lines" THREADS=$threads OFFSET=$offset RUN="$(date +%s%N)" \
    wrk -t"$threads" -c"$c" -d"${3}s" --timeout 10s --latency -s bench/scenarios/load.lua "$base" >"$out" 2>&1 || true
  LAST_RESULT=$(grep '^RESULT' "$out" | tail -1 || true)
  [[ -n "$LAST_RESULT" ]] || { cat "$out" >&2; fail "scenario '$key' at $c connections gave no RESULT line"; }
  echo "$key|$c|$LAST_RESULT" >>"$WORK/all-runs.txt"
  local used requests errors
  used=$(field lines_used "$LAST_RESULT"); requests=$(field requests "$LAST_RESULT"); errors=$(field errors "$LAST_RESULT")
  [[ "$used" =~ ^[0-9]+$ && "$requests" =~ ^[0-9]+$ && "$errors" =~ ^[0-9]+$ ]] || fail "scenario '$key': unreadable result line: $LAST_RESULT"
  if (( errors > 0 || requests == 0 )); then
    echo "Scenario '$key' at $c connections: $errors errors in $requests requests (codes: $(field codes "$LAST_RESULT"))" >&2
    tail -20 "$WORK/host.log" >&2
    fail "scenario '$key' answered with errors or not at all"
  fi
  OFFSETS[$key]=$(( offset + used ))
}

# SQL round trips and allocations per request, from Npgsql's and the runtime's own counters (dotnet-counters),
# in the process that serves it, with one connection for MEASURE_SECONDS (or the seconds given):
# measure <scenario> [seconds]; leaves MEASURED="<round trips> <bytes allocated>".
measure() {
  local csv="$WORK/counters.csv" seconds=${2:-$MEASURE_SECONDS}
  rm -f "$csv"
  local pid=$HOST_PID
  [[ "$1" == baseline* ]] && pid=$BASELINE_PID
  "$TOOLS/dotnet-counters" collect -p "$pid" --refresh-interval 1 --format csv -o "$csv" --duration "00:00:00:$(printf %02d $((seconds + 3)))" \
    --counters 'System.Runtime[dotnet.gc.heap.total_allocated],Npgsql[total-commands]' >"$WORK/counters.log" 2>&1 &
  local counters=$!
  sleep 2
  run_wrk "$1" 1 "$seconds"
  wait $counters || true
  [[ -s "$csv" ]] || { cat "$WORK/counters.log" >&2; fail "dotnet-counters wrote nothing for '${1%%|*}'"; }
  MEASURED=$(python3 - "$csv" "$(field requests "$LAST_RESULT")" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))[1:]
commands = [float(r[4]) for r in rows if r[2] == "Total Commands"]
allocated = sum(float(r[4]) for r in rows if r[2].startswith("dotnet.gc.heap.total_allocated"))
n = int(sys.argv[2])
if len(commands) < 2 or allocated <= 0 or n <= 0:
    sys.exit(f"dotnet-counters gave {len(commands)} samples of Npgsql's total-commands and {allocated:.0f} bytes allocated for {n} requests")
print(f"{(commands[-1] - commands[0]) / n:.2f} {allocated / n:.0f}")
PY
) || fail "no per-request figures for '${1%%|*}'"
}

phase "load scenarios (with their warm-ups and per-request counts)"
signups_stored() { psql_bench "select count(*) from campaigns.mt_events where type = 'signed_up_for_action'"; }
SIGNUPS_BEFORE=$(signups_stored)

RESULTS="$WORK/results.txt" MEASURES="$WORK/measures.txt"
: >"$RESULTS"; : >"$MEASURES"
for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r key name base method path body token lines <<<"$scenario"
  selected "$key" || continue
  echo "== $name"
  quiet_machine "$key"
  # Warm-up, not reported: the runtime's tiered JIT needs a good many calls before the code is optimised. Its answers
  # must be successes (run_wrk fails on any error): a scenario that fails fast is not a fast scenario. Without a
  # warm-up, one second at one connection checks that.
  # The first scenario the host serves after it starts warms the whole host (its GraphQL and Marten paths, the
  # runtime's JIT of them): BENCH_FIRST_WARMUP seconds.
  warmup=$WARMUP_SECONDS
  [[ "$base" == "$URL" && -z "${HOST_WARMED:-}" ]] && { warmup=$FIRST_WARMUP_SECONDS; HOST_WARMED=1; }
  if (( warmup > 0 )); then run_wrk "$scenario" 16 "$warmup"; else run_wrk "$scenario" 1 1; fi
  # The fewest connections last: under full load the JIT's background compilation of the hot paths gets little of
  # the two cores, and the one-connection runs, right after a 5-second warm-up, came out a fifth lower than before.
  for c in $RUN_ORDER; do
    run_wrk "$scenario" "$c" "$SECONDS_PER_RUN"
    echo "   c=$c $LAST_RESULT"
    echo "$key|$c|$LAST_RESULT" >>"$RESULTS"
  done
  if [[ "$key" == signups ]]; then
    # The asynchronous projection's lag: how long after the last sign-up the daily figures are current.
    end_ns=$(date +%s%N)
    behind=$(psql_bench "select (select max(seq_id) from campaigns.mt_events) - coalesce((select last_seq_id from campaigns.mt_event_progression where name like 'CampaignDay%' limit 1), 0)")
    while [[ $(psql_bench "select (select max(seq_id) from campaigns.mt_events) - coalesce((select last_seq_id from campaigns.mt_event_progression where name like 'CampaignDay%' limit 1), 0)") -gt 0 ]]; do
      sleep 0.05
      (( $(date +%s%N) - end_ns > 120000000000 )) && fail "the projection did not catch up within 120 s"
    done
    echo "$behind $(( ($(date +%s%N) - end_ns) / 1000000 ))" >"$WORK/lag.txt"
  fi
  measure "$scenario"
  read -r commands allocated <<<"$MEASURED"
  echo "   per request: $commands SQL round trips, $allocated bytes allocated"
  echo "$key|$commands|$allocated" >>"$MEASURES"
done
LOAD_RSS_MB=$(host_rss_mb load)
# The host's project leaves Roslyn out of ReadyToRun, as a host with pre-generated code never loads it.
grep -oE 'Microsoft\.CodeAnalysis[A-Za-z.]*\.dll' "/proc/$HOST_PID/maps" | sort -u >"$WORK/not-precompiled-loaded.txt" || true

# Sign-ups: every acknowledged one stored exactly once.
SIGNUP_CHECK=""
# (the sign-up baseline's sign-ups are SignedUpForAction events too: checked with scenario 4's, and acknowledged below)
if selected signups || selected baseline-signups; then
  sleep 1
  stored=$(( $(signups_stored) - SIGNUPS_BEFORE ))
  duplicates=$(psql_bench "select count(*) from (select stream_id, data->>'MemberId' from campaigns.mt_events where type = 'signed_up_for_action' group by 1, 2 having count(*) > 1) d")
  counted=$(psql_bench "select sum((data->>'SignUpCount')::int) from campaigns.mt_doc_campaignaction")
  events=$(psql_bench "select count(*) from campaigns.mt_events where type = 'signed_up_for_action'")
  SIGNUP_CHECK="$stored|$duplicates|$counted|$events"
fi

phase "page-size round trips"
# Page-size independence: round trips for the campaign page and the article list at 5 and 50 items.
PAGES=""
if selected campaign; then
  for first in 5 50; do
    doc=$(sed "s/first: 20/first: $first/" src/Host/PersistedDocuments/CampaignPage.graphql)
    body="{\"query\":$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$doc"),\"variables\":{\"slug\":\"{{v}}\"}}"
    measure "campaign-$first|x|$URL|POST|/graphql|$body||$WORK/campaign-slugs.txt" 1
    read -r commands _ <<<"$MEASURED"
    PAGES="$PAGES campaign:$first:$commands"
  done
fi
if selected articles; then
  for first in 5 50; do
    measure "articles-$first|x|$URL|POST|/graphql|${ARTICLES_PAGE/\"first\":20/\"first\":$first}||" 1
    read -r commands _ <<<"$MEASURED"
    PAGES="$PAGES articles:$first:$commands"
  done
fi

# --- subscriptions scenario ---
# Live progress: BENCH_SUBSCRIBERS WebSocket subscribers on one campaign while its sign-ups run (Subscribers.cs).
if selected subscriptions; then
  phase "subscriptions"
  echo "== 6a. campaignProgress to $SUBSCRIBERS WebSocket subscribers of one campaign, $SUBSCRIPTION_RATE sign-ups/s for $SUBSCRIPTION_SECONDS s"
  quiet_machine subscriptions
  cat /proc/loadavg >"$WORK/subscriptions-load.txt"
  # The host's thread pool, lock contention and GC pauses meanwhile (what the report's subscriptions section says of it).
  # (dotnet-counters gives the thread pool's figures as changes per second, which add up to the figure itself, the pool
  # being idle at the start; it must end by its duration to write its file; the OS threads are read from /proc)
  "$TOOLS/dotnet-counters" collect -p "$HOST_PID" --refresh-interval 1 --format csv -o "$WORK/subscriptions-counters.csv" \
    --duration "00:00:00:$(printf %02d $(( SUBSCRIPTION_WARMUP + SUBSCRIPTION_SECONDS + 8 )))" \
    --counters 'System.Runtime[dotnet.thread_pool.thread.count,dotnet.thread_pool.queue.length,dotnet.monitor.lock_contentions,dotnet.gc.pause.time]' \
    >"$WORK/subscriptions-counters.log" 2>&1 &
  SUBS_COUNTERS_PID=$!
  (while kill -0 "$SUBS_COUNTERS_PID" 2>/dev/null; do awk '/^Threads:/ { print $2 }' "/proc/$HOST_PID/status"; sleep 1; done) >"$WORK/subscriptions-threads.txt" 2>/dev/null &
  (cd "$WORK" && dotnet "$BENCH_DLL" subscribers "$URL" "$WORK/subscription-pairs.tsv" "$(cat "$WORK/subscription-campaign.txt")" \
    "$SUBSCRIBERS" "$SUBSCRIPTION_RATE" "$SUBSCRIPTION_SECONDS" "$HOST_PID" "$SUBSCRIPTION_WARMUP") >"$WORK/subscriptions.out" 2>&1 \
    || { cat "$WORK/subscriptions.out" >&2; tail -20 "$WORK/host.log" >&2; fail "the subscriptions scenario failed"; }
  wait "$SUBS_COUNTERS_PID" 2>/dev/null || true
  python3 - "$WORK/subscriptions-counters.csv" "$WORK/subscriptions-threads.txt" >"$WORK/subscriptions-host.txt" <<'PY' || true
import csv, itertools, sys
rows = list(csv.reader(open(sys.argv[1])))[1:]
def values(prefix): return [float(r[4]) for r in rows if r[2].startswith(prefix)]
pool, queue, locks, pauses = (values(p) for p in ("dotnet.thread_pool.thread.count", "dotnet.thread_pool.queue.length", "dotnet.monitor.lock_contentions", "dotnet.gc.pause.time"))
os_threads = [int(t) for t in open(sys.argv[2]).read().split()]
print(f"pool_threads_added={sum(pool):.0f} queue_max={max(itertools.accumulate(queue), default=0):.0f} lock_contentions={sum(locks):.0f} "
      f"gc_pause_ms={sum(pauses) * 1000:.0f} os_threads={min(os_threads, default=0)}-{max(os_threads, default=0)}")
PY
  grep '^SUBS ' "$WORK/subscriptions.out" >"$WORK/subscriptions.txt" || { cat "$WORK/subscriptions.out" >&2; fail "the subscriptions scenario printed no SUBS line"; }
  [[ "$(field missed "$(cat "$WORK/subscriptions.txt")")" == 0 ]] || fail "a subscriber missed the final count: $(cat "$WORK/subscriptions.txt")"
  cat /proc/loadavg >>"$WORK/subscriptions-load.txt"
  sed 's/^/   /' "$WORK/subscriptions.txt"
  echo "   the host meanwhile: $(cat "$WORK/subscriptions-host.txt")"
fi
# --- end subscriptions scenario ---

# The web pages in chromium, on the demo data: a second host on a database of its own, with Demo:Seed on.
if selected pages; then
  phase "web pages in chromium (with the demo host)"
  echo "== 6. The campaign and article pages in chromium, on build/run.sh's demo data ($PAGE_RUNS loads each, cold and warm cache)"
  [[ -d tests/conformance/node_modules/playwright-core ]] || (cd tests/conformance && npm ci --prefer-offline --no-audit >/dev/null)
  pg_create_database "$WORK/pg" "$PG_PORT" demo
  (cd "$(dirname "$HOST_DLL")" && ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=demo" \
    Demo__Seed=true ASPNETCORE_URLS="http://127.0.0.1:$DEMO_PORT" exec dotnet "$HOST_DLL" >"$WORK/demo-host.log" 2>&1) &
  DEMO_PID=$!
  demo_start_ns=$(date +%s%N)
  for ((i = 0; ; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$DEMO_PORT/health/ready")" == 200 ]] && break
    kill -0 "$DEMO_PID" 2>/dev/null || { tail -30 "$WORK/demo-host.log" >&2; fail "the demo host stopped"; }
    (( i > 1200 )) && { tail -30 "$WORK/demo-host.log" >&2; fail "the demo host was not ready (demo data loaded) within 120 s"; }
    sleep 0.1
  done
  echo "   the demo host was ready (demo data loaded) $(( ($(date +%s%N) - demo_start_ns) / 1000000 )) ms after it started; $(grep -o 'loaded in [0-9.]* s' "$WORK/demo-host.log")"
  node tests/conformance/pages-bench.mjs "http://127.0.0.1:$DEMO_PORT" rank-and-file latest "$PAGE_RUNS" >"$WORK/pages.txt" \
    || { cat "$WORK/pages.txt" >&2; fail "the pages scenario failed"; }
  sed 's/^/   /' "$WORK/pages.txt"
  kill "$DEMO_PID" 2>/dev/null && wait "$DEMO_PID" 2>/dev/null || true
  DEMO_PID=""
fi

# Tracing's cost: scenario 1 on the host restarted with tracing off and on, in turn (OTLP to the stand-in collector).
if selected tracing; then
  phase "tracing's cost"
  echo "== 8. Tracing's cost: scenario 1 at 16 connections, tracing off and on (OTLP, 10% of traces sampled), $TRACING_ROUNDS round(s)"
  (cd "$WORK" && exec dotnet "$BENCH_DLL" otlp-sink "http://127.0.0.1:$SINK_PORT" >"$WORK/sink.log" 2>&1) &
  SINK_PID=$!
  for ((i = 0; ; i++)); do
    curl -sf -o /dev/null "http://127.0.0.1:$SINK_PORT/counts" && break
    kill -0 "$SINK_PID" 2>/dev/null || { cat "$WORK/sink.log" >&2; fail "the stand-in collector stopped"; }
    (( i > 600 )) && fail "the stand-in collector did not answer within 30 s"
    sleep 0.05
  done
  campaign_scenario=""
  for scenario in "${SCENARIOS[@]}"; do [[ "$scenario" == campaign\|* ]] && campaign_scenario=$scenario; done
  traced_scenario=${campaign_scenario/127.0.0.1:$HOST_PORT/127.0.0.1:$TRACED_PORT}
  : >"$WORK/tracing.txt"
  # Tracing off: the host that served every scenario (warm). Tracing on: a second node on the same database, started
  # now (Cluster:Mode=Balanced, as a second node runs; its projection daemon off, the first one's runs) at TRACED_PORT and
  # warmed as a host's first scenario is. Then measured in turn, round by round.
  export Cluster__Mode=Balanced Projections__Daemon=Disabled
  for setting in $TRACING_ON; do export "${setting//\{sink\}/http://127.0.0.1:$SINK_PORT}"; done
  UNTRACED_PID=$HOST_PID
  HOST_PORT=$TRACED_PORT start_host untimed
  TRACED_PID=$HOST_PID HOST_PID=$UNTRACED_PID
  for setting in $TRACING_ON; do unset "${setting%%=*}"; done
  unset Cluster__Mode Projections__Daemon
  if (( FIRST_WARMUP_SECONDS > 0 )); then run_wrk "$traced_scenario" 16 "$FIRST_WARMUP_SECONDS"; else run_wrk "$traced_scenario" 1 1; fi
  # (the first host has served the campaign page already, unless scenario 1 was left out)
  if ! selected campaign && (( FIRST_WARMUP_SECONDS > 0 )); then run_wrk "$campaign_scenario" 16 "$FIRST_WARMUP_SECONDS"; fi
  for ((round = 1; round <= TRACING_ROUNDS; round++)); do
    for mode in off on; do
      quiet_machine "tracing $mode"
      if [[ "$mode" == on ]]; then pid=$TRACED_PID scenario=$traced_scenario; else pid=$UNTRACED_PID scenario=$campaign_scenario; fi
      cpu0=$(host_cpu_ms "$pid")
      run_wrk "$scenario" 16 "$SECONDS_PER_RUN"
      cpu=$(( $(host_cpu_ms "$pid") - cpu0 ))
      echo "   round $round, tracing $mode: $LAST_RESULT host_cpu_ms=$cpu"
      echo "$mode|$round|$LAST_RESULT host_cpu_ms=$cpu" >>"$WORK/tracing.txt"
    done
  done
  kill "$TRACED_PID" 2>/dev/null && wait "$TRACED_PID" 2>/dev/null || true
  TRACED_PID=""
  stop_host
  sleep 1
  curl -sf "http://127.0.0.1:$SINK_PORT/counts" >"$WORK/sink-counts.txt" || fail "the stand-in collector did not say what arrived"
  echo "   the collector took: $(cat "$WORK/sink-counts.txt")"
  [[ "$(field requests "$(cat "$WORK/sink-counts.txt")")" -gt 0 ]] || fail "no export reached the collector with tracing on"
  kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
  SINK_PID=""
  selected mail || start_host untimed
fi

# The organisers' message: the host again, now with mail on, sending to the local catcher.
if selected mail; then
  phase "mail"
  echo "== 7. An organisers' message to $MAIL_MEMBERS members, delivered over SMTP ($MAIL_CONNECTIONS connections)"
  stop_host
  MAIL_DIR="$WORK/mail"
  SMTP_PORT=$(pg_free_port 2525)
  CATCHER_HTTP_PORT=$(pg_free_port $((SMTP_PORT + 1)))
  dotnet "$ROOT/tools/MailCatcher/bin/Release/net10.0/WorkersPower.MailCatcher.dll" --smtp-port "$SMTP_PORT" --http-port "$CATCHER_HTTP_PORT" --dir "$MAIL_DIR" >"$WORK/catcher.log" 2>&1 &
  CATCHER_PID=$!
  for ((i = 0; ; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break
    kill -0 "$CATCHER_PID" 2>/dev/null || { cat "$WORK/catcher.log" >&2; fail "the mail catcher stopped"; }
    (( i > 600 )) && fail "the mail catcher did not listen within 30 s"
    sleep 0.05
  done
  Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port=$SMTP_PORT Mail__Smtp__Security=None Mail__Smtp__Connections=$MAIL_CONNECTIONS \
    Mail__From="Workers Power <no-reply@bench.workerspower.org>" Site__PublicUrl="http://127.0.0.1:$HOST_PORT" start_host untimed
  grep -q "Mail is on" "$WORK/host.log" || { tail -30 "$WORK/host.log" >&2; fail "the host did not say that mail is on"; }
  MAIL_BRANCH=$(cat "$WORK/mail-branch.txt")
  eml_count() { find "$MAIL_DIR" -maxdepth 1 -name '*.eml' 2>/dev/null | wc -l; }
  # CPU time (user + system, ms) a process has used so far, from /proc
  cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }
  (( $(eml_count) == 0 )) || fail "the catcher's directory holds mail before the message was sent"
  preview=$(gql "{\"query\":\"query(\$s: MessageSegmentInput!) { messageRecipientCount(segment: \$s) }\",\"variables\":{\"s\":{\"branchId\":\"$MAIL_BRANCH\"}}}" "$ADMIN_TOKEN")
  [[ "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["messageRecipientCount"])' <<<"$preview" 2>/dev/null)" == "$MAIL_MEMBERS" ]] \
    || fail "the preview does not count $MAIL_MEMBERS recipients: $preview"
  host_cpu0=$(cpu_ms "$HOST_PID") catcher_cpu0=$(cpu_ms "$CATCHER_PID")
  send_ns=$(date +%s%N)
  answer=$(gql "{\"query\":\"mutation(\$i: SendMessageToMembersInput!) { sendMessageToMembers(input: \$i) { message { recipientCount } errors { code message } } }\",\"variables\":{\"i\":{\"segment\":{\"branchId\":\"$MAIL_BRANCH\"},\"subject\":\"Benchmark: the branch meeting\",\"body\":\"Dear comrades,\\n\\nthe branch meets on Thursday at 7 pm.\\n\\nIn solidarity\"}}}" "$ADMIN_TOKEN")
  answered_ns=$(date +%s%N)
  [[ "$(python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]["sendMessageToMembers"]; print(d["message"]["recipientCount"] if not d["errors"] else "")' <<<"$answer" 2>/dev/null)" == "$MAIL_MEMBERS" ]] \
    || fail "sendMessageToMembers did not answer with $MAIL_MEMBERS recipients: $answer"
  while (( $(eml_count) < MAIL_MEMBERS )); do
    kill -0 "$HOST_PID" 2>/dev/null || { tail -30 "$WORK/host.log" >&2; fail "the host stopped while sending mail"; }
    kill -0 "$CATCHER_PID" 2>/dev/null || { tail -30 "$WORK/catcher.log" >&2; fail "the mail catcher stopped"; }
    if (( $(date +%s%N) - answered_ns > MAIL_TIMEOUT * 1000000000 )); then
      tail -30 "$WORK/host.log" >&2
      fail "only $(eml_count) of $MAIL_MEMBERS mails arrived within $MAIL_TIMEOUT s"
    fi
    sleep 0.1
  done
  delivered_ns=$(date +%s%N)
  host_cpu=$(( $(cpu_ms "$HOST_PID") - host_cpu0 )) catcher_cpu=$(( $(cpu_ms "$CATCHER_PID") - catcher_cpu0 ))
  sleep 2   # none may follow: every member gets the message once
  caught=$(eml_count)
  (( caught == MAIL_MEMBERS )) || fail "$caught mails arrived for $MAIL_MEMBERS members"
  echo "$MAIL_MEMBERS|$MAIL_CONNECTIONS|$(( (answered_ns - send_ns) / 1000000 ))|$(( (delivered_ns - answered_ns) / 1000000 ))|$caught|$host_cpu|$catcher_cpu" >"$WORK/mail.txt"
  echo "   answered in $(( (answered_ns - send_ns) / 1000000 )) ms; all $caught mails in the catcher $(( (delivered_ns - answered_ns) / 1000000 )) ms after the answer; CPU: host $host_cpu ms, catcher $catcher_cpu ms"
  kill "$CATCHER_PID" 2>/dev/null && wait "$CATCHER_PID" 2>/dev/null || true
  CATCHER_PID=""
fi
phase "end"
TOTAL_S=$(( $(date +%s) - BEGIN_S ))

# report.py refuses (exit code 1, nothing written) when a figure is missing: a selected scenario without
# a run at every connection count or without its per-request figures, an empty data set, and so on.
python3 bench/report.py "$WORK" "$MEMBERS" "$BRANCHES" "$CAMPAIGNS" "$SIGNUPS" "$ARTICLES" "$SECONDS_PER_RUN" \
  "$IDLE_RSS_MB" "$LOAD_RSS_MB" "$SIGNUP_CHECK" "$PAGES" "$TOTAL_S" "$ACCOUNTS" "$ONLY" "$CONCURRENCY" "$SMOKE" "$MEASURE_SECONDS" \
  >"$WORK/results.md" || fail "bench/report.py refused to write the report"
mkdir -p "$(dirname "$OUTPUT")"
cp "$WORK/results.md" "$OUTPUT"
echo
cat "$OUTPUT"
echo
echo "Report written to $OUTPUT"
# The integrity check is reported either way; a lost or duplicated sign-up fails the run.
if [[ -n "$SIGNUP_CHECK" ]]; then
  IFS='|' read -r stored duplicates counted events <<<"$SIGNUP_CHECK"
  acknowledged=0
  while IFS='|' read -r key _ line; do
    [[ "$key" == signups || "$key" == baseline-signups ]] && acknowledged=$(( acknowledged + $(field answered "$line") - $(field errors "$line") ))
  done <"$WORK/all-runs.txt"
  (( duplicates == 0 && counted == events && stored >= acknowledged )) \
    || fail "sign-ups: $duplicates duplicated, counts $counted vs $events events, $stored stored vs $acknowledged acknowledged"
fi
