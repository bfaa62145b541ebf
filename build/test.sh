#!/usr/bin/env bash
# Builds the solution and runs every test project against a throwaway PostgreSQL cluster, then the smoke
# runs of build/run.sh and the benchmark and soak scripts (each counted as one test; about 5 minutes on
# 2 cores together).
# The last line printed is "N passed, N failed[, N skipped]"; the exit code is non-zero on any failure.
#   TEST_FILTER=...    passed to dotnet test --filter (the smoke runs run whatever the filter)
#   WP_TEST_POSTGRES   use this server instead of starting a throwaway cluster (the smoke runs start their own)
#   WP_SKIP_SMOKE=1    skip the four smoke runs (about 4.5 minutes), e.g. while iterating on a few tests;
#                      default off: CI and a full run keep them. The last line then counts the tests only.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/wp-test.XXXXXX)
STARTED_CLUSTER=""
cleanup() {
  if [[ -n "$STARTED_CLUSTER" ]]; then pg_stop_cluster "$STARTED_CLUSTER"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -z "${WP_TEST_POSTGRES:-}" ]]; then
  pg_find_or_install || { echo "0 passed, 1 failed"; exit 1; }
  PORT=$(pg_free_port 25432)
  echo "Starting a throwaway PostgreSQL ($PG_BIN) on port $PORT"
  pg_start_cluster "$WORK/pg" "$PORT" fast || { echo "0 passed, 1 failed"; exit 1; }
  STARTED_CLUSTER="$WORK/pg"
  export WP_TEST_POSTGRES="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres;Database=postgres"
fi

echo "Building (Release)"
if ! dotnet build WorkersPower.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "Build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The test clients in tests/conformance: the graphql-http audits, graphql-ws, playwright-core, axe-core. Installed
# when node_modules is missing or was installed from another package-lock.json (the stamp is a copy of the lock).
if ! cmp -s tests/conformance/package-lock.json tests/conformance/node_modules/.wp-installed-lock; then
  echo "Installing the conformance audit (npm ci in tests/conformance)"
  if ! command -v npm >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null 2>&1 || echo "npm is not available: ConformanceTests will fail"
  fi
  (cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.wp-installed-lock) \
    || echo "npm ci failed: ConformanceTests will fail"
fi

# Debian's chromium for the explorer test (Playwright drives it; no browser download).
if [[ ! -x /usr/bin/chromium ]]; then
  echo "Installing Debian's chromium for the explorer test"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null 2>&1; } \
    || echo "chromium could not be installed: ExplorerTests will fail"
fi

RESULTS="$WORK/results"
mkdir -p "$RESULTS"
CRASHED=0
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  echo "Running $name"
  args=(test "$proj" -c Release --no-build -nologo --logger "trx;LogFileName=$RESULTS/$name.trx")
  [[ -n "${TEST_FILTER:-}" ]] && args+=(--filter "$TEST_FILTER")
  dotnet "${args[@]}"
  rc=$?
  if [[ ! -f "$RESULTS/$name.trx" ]]; then
    echo "$name produced no results (exit code $rc)"
    CRASHED=$((CRASHED + 1))
  fi
done

# Smoke runs of the scripts nothing else runs, so they cannot rot unseen: each is one test, passed when it
# exits 0. Each starts and stops its own PostgreSQL cluster and host processes, on ports of its own (bench
# 5581-5583, soak 5591, bench-cluster from 5700, run.sh free ones from 5600 and its mail catcher's from 2525
# and 8025), and writes its report (run.sh its data) to a temporary place. bench.sh runs last: it builds the
# host with pre-generated code and then puts the ordinary build back.
# (build/cluster.sh itself is exercised by WorkersPower.Faults.Tests' ClusterTests, and by bench-cluster.sh.)
SMOKES=(
  "run.sh|RUN_SMOKE=1 WP_DATA=$WORK/run-smoke build/run.sh"
  "soak.sh|SOAK_SMOKE=1 SOAK_OUTPUT=$WORK/soak-smoke.md build/soak.sh"
  "bench-cluster.sh|BENCH_SMOKE=1 BENCH_OUTPUT=$WORK/bench-cluster-smoke.md build/bench-cluster.sh"
  "bench.sh|BENCH_SMOKE=1 BENCH_OUTPUT=$WORK/bench-smoke.md build/bench.sh"
)
: >"$WORK/smokes.txt"
if [[ "${WP_SKIP_SMOKE:-0}" == "1" ]]; then
  echo "Smoke runs skipped (WP_SKIP_SMOKE=1)"
  SMOKES=()
fi
for smoke in "${SMOKES[@]}"; do
  name=${smoke%%|*}
  echo "Smoke run: $name"
  started=$(date +%s)
  env -u WP_TEST_POSTGRES bash -c "${smoke#*|}" >"$WORK/smoke-$name.log" 2>&1
  rc=$?
  echo "  $name: exit code $rc after $(( $(date +%s) - started )) s"
  echo "$name|$rc|$WORK/smoke-$name.log" >>"$WORK/smokes.txt"
done

python3 - "$RESULTS" "$CRASHED" "$WORK/smokes.txt" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
results, crashed = sys.argv[1], int(sys.argv[2])
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in sorted(glob.glob(results + "/*.trx")):
    root = ET.parse(path).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    if c is None:
        crashed += 1
        continue
    p, f = int(c.get("passed", 0)), int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s = int(c.get("notExecuted", 0)) + int(c.get("inconclusive", 0))
    passed, failed, skipped = passed + p, failed + f, skipped + s
    for r in root.iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") == "Failed":
            print("FAILED:", r.get("testName"))
            # why, in a few lines: CI shows only the end of the output
            message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            trace = r.find("t:Output/t:ErrorInfo/t:StackTrace", ns)
            for l in ((message.text or "") if message is not None else "").splitlines()[:12]:
                print("    " + l)
            for l in ((trace.text or "") if trace is not None else "").splitlines()[:6]:
                print("    " + l)
failed += crashed
for line in open(sys.argv[3]).read().splitlines():
    name, rc, log = line.split("|", 2)
    if rc == "0":
        passed += 1
        continue
    failed += 1
    print(f"FAILED: {name} (smoke run, exit code {rc}); the end of its log:")
    for l in open(log, errors="replace").read().splitlines()[-30:]:
        print("    " + l)
if passed + failed == 0:
    failed = 1
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
PY
