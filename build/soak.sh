#!/usr/bin/env bash
# Soak: a steady mixed load for SOAK_SECONDS (600) against the host in Release on a throwaway PostgreSQL,
# with a smaller data set than the benchmark. Passes when every load ran, no request failed and memory
# stayed flat (the mean resident memory of the last third of the run within 15% of the middle third's).
# Prints a summary and writes it to bench/soak-results.md (SOAK_OUTPUT). The full soak takes ten minutes
# and is not part of build/test.sh.
#   SOAK_SMOKE=1   a short run (SOAK_SECONDS 20 unless set, 300 members, 5 campaigns) that checks every load
#                  runs without an error; memory is sampled but the flat-memory rule is skipped (twenty
#                  seconds say nothing about a leak). Its summary goes to a temporary file, never to
#                  bench/soak-results.md. build/test.sh runs it.
#   SOAK_PORT      the host's port (5091; 5591 for the smoke)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SMOKE=${SOAK_SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then
  SOAK_SECONDS=${SOAK_SECONDS:-20}
  PORT=${SOAK_PORT:-5591}
  SAMPLE=2                                    # seconds between memory samples
  SIZES="300 5 5 20 500 50 200"               # members branches campaigns actions/campaign sign-ups articles accounts
  OUTPUT=${SOAK_OUTPUT:-${TMPDIR:-/tmp}/wp-soak-smoke-results.md}
  if [[ "$(realpath -m "$OUTPUT")" == "$(realpath -m bench/soak-results.md)" ]]; then
    echo "A smoke run does not write bench/soak-results.md" >&2; exit 2
  fi
else
  SOAK_SECONDS=${SOAK_SECONDS:-600}
  PORT=${SOAK_PORT:-5091}
  SAMPLE=30
  SIZES="10000 10 100 20 40000 1000 500"
  OUTPUT=${SOAK_OUTPUT:-bench/soak-results.md}
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "Port $PORT is in use (SOAK_PORT chooses another)" >&2; exit 2; fi
WORK=$(mktemp -d /tmp/wp-soak.XXXXXX)
chmod 755 "$WORK"
HOST_PID=""
LOAD_PIDS=()
cleanup() {
  local rc=$?
  for pid in "${LOAD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n "$HOST_PID" ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null || true
  [[ -n "${PG_BIN:-}" ]] && pg_stop_cluster "$WORK/pg"
  rm -rf "$WORK"
  [[ $rc -ne 0 ]] && echo "build/soak.sh FAILED (exit code $rc)" >&2
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
command -v wrk >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

pg_find_or_install
PG_PORT=$(pg_free_port 27432)
pg_start_cluster "$WORK/pg" "$PG_PORT" fast
pg_create_database "$WORK/pg" "$PG_PORT" soak
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=soak;Maximum Pool Size=100"
export Auth__SigningKey="soak-signing-key-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export Bootstrap__AdminEmail=soak-admin@workerspower.org Bootstrap__AdminPassword="soak admin passphrase 2026"
export ASPNETCORE_ENVIRONMENT=Production Membership__Applications__PermitLimit=100000000

dotnet build src/Host/WorkersPower.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/WorkersPower.Bench/WorkersPower.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly
# shellcheck disable=SC2086 # SIZES is a list of numbers
(cd "$WORK" && dotnet "$ROOT/bench/WorkersPower.Bench/bin/Release/net10.0/WorkersPower.Bench.dll" seed "$WORK" $SIZES) | grep '^SEED'
HOST_DLL="$ROOT/src/Host/bin/Release/net10.0/WorkersPower.Host.dll"
(cd "$(dirname "$HOST_DLL")" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" exec dotnet "$HOST_DLL" >"$WORK/host.log" 2>&1) &
HOST_PID=$!
URL="http://127.0.0.1:$PORT/graphql"
for ((i = 0; ; i++)); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/ready" && break
  kill -0 "$HOST_PID" 2>/dev/null || { tail -30 "$WORK/host.log"; echo "The host stopped" >&2; exit 1; }
  (( i > 600 )) && { tail -30 "$WORK/host.log"; echo "The host was not ready within 120 s" >&2; exit 1; }
  sleep 0.2
done
TOKEN=$(curl -s -X POST "$URL" -H 'Content-Type: application/json' \
  -d "{\"query\":\"mutation { signIn(input: {email: \\\"$Bootstrap__AdminEmail\\\", password: \\\"$Bootstrap__AdminPassword\\\"}) { accessToken } }\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["signIn"]["accessToken"])')
doc() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }

# name|connections|BODY|TOKEN|LINES
LOADS=(
  "campaign page|3|{\"query\":$(doc src/Host/PersistedDocuments/CampaignPage.graphql),\"variables\":{\"slug\":\"{{v}}\"}}||$WORK/campaign-slugs.txt"
  "articles|2|{\"query\":$(doc src/Host/PersistedDocuments/LatestArticles.graphql),\"variables\":{\"first\":20}}||"
  "member search|2|{\"query\":\"{ members(filter: {search: \\\"smith\\\"}, first: 20) { totalCount nodes { id email } } }\"}|$TOKEN|"
  "sign-ups|2|{\"query\":\"mutation(\$id: ID!) { signUpForAction(input: {actionId: \$id}) { errors { code } } }\",\"variables\":{\"id\":\"{{v}}\"}}||$WORK/signup-pairs.tsv"
  "applications|1|{\"query\":\"mutation { applyForMembership(input: {givenName: \\\"Soak\\\", familyName: \\\"Test\\\", email: \\\"soak.{{n}}@apply.workerspower.org\\\", postcode: \\\"E1 6AN\\\", contribution: {amount: 5, currency: \\\"GBP\\\"}, contributionFrequency: MONTHLY, acceptsProgramme: true, consentToContact: true}) { errors { code } } }\"}||"
)
echo "Soaking for $SOAK_SECONDS s"
i=0
for load in "${LOADS[@]}"; do
  IFS='|' read -r name c body token lines <<<"$load"
  (BODY="$body" TOKEN="$token" LINES="$lines" THREADS=1 OFFSET=0 RUN="soak$i" \
    wrk -t1 -c"$c" -d"${SOAK_SECONDS}s" --timeout 10s --latency -s bench/scenarios/load.lua "$URL" >"$WORK/wrk.$i" 2>&1) &
  LOAD_PIDS+=($!)
  i=$((i + 1))
done
: >"$WORK/rss.txt"
for ((t = 0; t < SOAK_SECONDS; t += SAMPLE)); do
  sleep "$SAMPLE"
  kill -0 "$HOST_PID" 2>/dev/null || { tail -30 "$WORK/host.log"; echo "The host stopped during the soak" >&2; exit 1; }
  echo "$((t + SAMPLE)) $(( $(ps -o rss= -p "$HOST_PID" | tr -d ' ') / 1024 ))" >>"$WORK/rss.txt"
done
for pid in "${LOAD_PIDS[@]}"; do wait "$pid" || true; done
LOAD_PIDS=()
sleep 2
# One line per load, "name|RESULT ..."; a load whose wrk printed no RESULT line is missing and fails the soak.
: >"$WORK/loads.txt"
i=0
for load in "${LOADS[@]}"; do
  result=$(grep '^RESULT' "$WORK/wrk.$i" | tail -1 || true)
  if [[ -n "$result" ]]; then echo "${load%%|*}|$result" >>"$WORK/loads.txt"; else echo "No result from the '${load%%|*}' load:" >&2; cat "$WORK/wrk.$i" >&2; fi
  i=$((i + 1))
done
python3 - "$WORK/loads.txt" "$WORK/rss.txt" "$SOAK_SECONDS" "$SMOKE" "$SAMPLE" "${#LOADS[@]}" >"$WORK/soak.md" <<'PY'
import sys, re, datetime, os
loads = [l.rstrip("\n").split("|", 1) for l in open(sys.argv[1]) if l.strip()]
rss = [tuple(map(int, l.split())) for l in open(sys.argv[2]) if l.strip()]
secs, smoke, sample, expected = int(sys.argv[3]), sys.argv[4] == "1", int(sys.argv[5]), int(sys.argv[6])
# Refusals the rules of the organisation give to a correct request are answers, not errors: an action
# that filled up (FULL) or two sign-ups for one action at the same instant (CONFLICT: the client retries).
RULES = {"FULL", "CONFLICT"}
total = errors = refused = 0
print(f"# Soak results{' (smoke run)' if smoke else ''}\n\nRun {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `build/soak.sh`{' with SOAK_SMOKE=1' if smoke else ''} on {os.cpu_count()} cores: {secs} s of steady mixed load.\n")
print("| Load | Requests | Requests/s | p99 ms | Refused by rule | Errors | Codes |\n|---|---:|---:|---:|---:|---:|---|")
for name, line in loads:
    v = dict(re.findall(r"(?:^| )(\w+)=(\S+)", line))
    if not int(v.get("requests", 0)):
        errors += 1
        print(f"| {name} | no requests | | | | | |")
        continue
    codes = {c: int(n) for c, n in (x.split(":") for x in v.get("codes", "-").split(",") if ":" in x)}
    rule = sum(n for c, n in codes.items() if c in RULES)
    total += int(v["requests"]); errors += int(v["errors"]) - rule; refused += rule
    print(f"| {name} | {int(v['requests']):,} | {float(v['rps']):,.0f} | {v['p99_ms']} | {rule} | {int(v['errors']) - rule} | {v.get('codes', '-')} |")
if not rss:
    print("\nNo memory samples.\n")
    flat, memory = False, "not sampled"
else:
    third = max(1, len(rss) // 3)
    middle = [m for _, m in rss[third:2 * third]] or [rss[0][1]]
    last = [m for _, m in rss[2 * third:]] or [rss[-1][1]]
    growth = (sum(last) / len(last)) / (sum(middle) / len(middle)) - 1
    print(f"\nResident memory every {sample} s (MB): {', '.join(str(m) for _, m in rss)}; last third vs middle third: {growth:+.1%}.\n")
    if smoke:
        # A smoke run is too short for the flat-memory rule to mean anything: reported, not judged.
        flat, memory = True, "not judged (smoke run)"
    else:
        flat, memory = growth < 0.15, "flat" if growth < 0.15 else "growing"
ok = errors == 0 and flat and len(loads) == expected
missing = f", {expected - len(loads)} of {expected} loads without a result" if len(loads) != expected else ""
print(f"**{'PASS' if ok else 'FAIL'}**: {total:,} requests, {errors} errors, {refused} refused by rule, memory {memory}{missing}.")
print(f"SOAK {'pass' if ok else 'fail'}", file=sys.stderr)
PY
mkdir -p "$(dirname "$OUTPUT")"
cp "$WORK/soak.md" "$OUTPUT"
cat "$OUTPUT"
echo "Summary written to $OUTPUT"
grep -q '^\*\*PASS' "$OUTPUT"
