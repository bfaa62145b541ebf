#!/usr/bin/env bash
# Runs the platform locally: a private PostgreSQL cluster under .data/ (kept between runs),
# demo data loaded once, the host on http://localhost:5000 (or ASPNETCORE_URLS), and the mail catcher
# (tools/MailCatcher): the host's mail goes to it over SMTP, and its page on http://127.0.0.1:8025 (or the
# next free port) shows every mail, each also kept as an .eml file under .data/mail. The banner with the
# addresses and the demo accounts comes once /health/ready answers 200, i.e. the demo data is in place.
# With ConnectionStrings__Postgres set, that database is used and no cluster is started; with
# Mail__Smtp__Host set, mail goes there and no catcher is started.
# A data folder made with an older demo (build/demo-data.sh's DEMO_DATA_VERSION) is refused, with the words to
# delete it: its database keeps the old demo data, since the demo is loaded only into an empty database.
# Ctrl-C stops the host, the catcher and the cluster this script started.
#   WP_DATA       where the cluster, the signing key and the mail are kept ($ROOT/.data)
#   WP_TRACES=1   prints every span to the host's console (OpenTelemetry's console exporter), for a developer to look at
#   The host's metrics are always served at /metrics in Prometheus' text format, to this machine only.
#   RUN_SMOKE=1   a smoke run (build/test.sh runs it): once the banner is out, check that GraphQL answers,
#                 the catcher's page too and a password-reset mail reaches it (smoke_checks below), then stop everything; exit code 0 when all
#                 passed. Its data go to WP_DATA, else to a temporary folder deleted at the end; the host
#                 takes a free port from 5600 unless ASPNETCORE_URLS is set.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SMOKE=${RUN_SMOKE:-0}
TEMPORARY_DATA=""
if [[ "$SMOKE" == 1 && -z "${WP_DATA:-}" ]]; then
  TEMPORARY_DATA=$(mktemp -d /tmp/wp-run-smoke.XXXXXX)
  WP_DATA=$TEMPORARY_DATA
fi
DATA=$(realpath -m "${WP_DATA:-$ROOT/.data}")
mkdir -p "$DATA"
# How a path under the data folder is shown: relative to the repository when it is inside it.
shown() { if [[ "$1" == "$ROOT/"* ]]; then echo "${1#"$ROOT/"}"; else echo "$1"; fi; }
source build/demo-data.sh
if [[ "${Demo__Seed:-true}" == true && -z "${ConnectionStrings__Postgres:-}" ]]; then
  SHOWN_DATA=$(shown "$DATA") demo_data_check "$DATA" || exit 1
fi
STARTED_CLUSTER=""
HOST_PID=""
CATCHER_PID=""
stop_process() {
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
stop_all() {
  trap - INT TERM EXIT
  stop_process "$HOST_PID"
  stop_process "$CATCHER_PID"
  if [[ -n "$STARTED_CLUSTER" ]]; then
    echo "Stopping PostgreSQL"
    pg_stop_cluster "$STARTED_CLUSTER"
  fi
  if [[ -n "$TEMPORARY_DATA" ]]; then rm -rf "$TEMPORARY_DATA"; fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "${ConnectionStrings__Postgres:-}" ]]; then
  pg_find_or_install
  if [[ -f "$DATA/pg-port" ]]; then PORT=$(cat "$DATA/pg-port"); else PORT=$(pg_free_port 5433); echo "$PORT" >"$DATA/pg-port"; fi
  if pg_cluster_running "$DATA/postgres"; then
    echo "PostgreSQL already running in $(shown "$DATA/postgres") on port $PORT"
  else
    echo "Starting PostgreSQL in $(shown "$DATA/postgres") on port $PORT"
    # a new database: the demo it gets is this version's
    [[ -d "$DATA/postgres" ]] || demo_data_stamp "$DATA"
    pg_start_cluster "$DATA/postgres" "$PORT"
    STARTED_CLUSTER="$DATA/postgres"
  fi
  pg_create_database "$DATA/postgres" "$PORT" workerspower
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres;Database=workerspower"
fi

if [[ -z "${Auth__SigningKey:-}" ]]; then
  if [[ ! -s "$DATA/jwt-signing-key" ]]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' >"$DATA/jwt-signing-key")
  fi
  export Auth__SigningKey=$(cat "$DATA/jwt-signing-key")
fi
export Demo__Seed=${Demo__Seed:-true}
if [[ "$SMOKE" == 1 && -z "${ASPNETCORE_URLS:-}" ]]; then ASPNETCORE_URLS="http://127.0.0.1:$(pg_free_port 5600)"; fi
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5000}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# Metrics at /metrics for this machine (Metrics:AllowedAddresses keeps its loopback-only default); spans on the console with WP_TRACES=1.
export Metrics__Prometheus=${Metrics__Prometheus:-true}
if [[ "${WP_TRACES:-0}" == 1 ]]; then export OpenTelemetry__Console=true; fi

URL=${ASPNETCORE_URLS%%;*}
# Where this script asks whether the host is ready: a wildcard address is asked on loopback.
PROBE=$(sed -E 's#://(\+|\*|0\.0\.0\.0|\[::\])(:|$)#://127.0.0.1\2#' <<<"$URL")
# The address in the links of the host's mail: the host's own, a wildcard one as localhost.
export Site__PublicUrl=${Site__PublicUrl:-$(sed -E 's#://(\+|\*|0\.0\.0\.0|\[::\])(:|$)#://localhost\2#' <<<"$URL")}

echo "Building the host (Release)"
dotnet build src/Host/WorkersPower.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly

# The mail catcher, unless the caller sends mail elsewhere: SMTP and its page on free loopback ports.
CATCHER_URL=""
if [[ -z "${Mail__Smtp__Host:-}" ]]; then
  echo "Building the mail catcher (Release)"
  dotnet build tools/MailCatcher/WorkersPower.MailCatcher.csproj -c Release -nologo -v q -clp:ErrorsOnly
  SMTP_PORT=$(pg_free_port 2525)
  CATCHER_PORT=$(pg_free_port 8025)
  CATCHER_URL="http://127.0.0.1:$CATCHER_PORT"
  MAIL_DIR="$DATA/mail"
  (exec env -u ASPNETCORE_URLS dotnet tools/MailCatcher/bin/Release/net10.0/WorkersPower.MailCatcher.dll \
    --smtp-port "$SMTP_PORT" --http-port "$CATCHER_PORT" --dir "$MAIL_DIR") &
  CATCHER_PID=$!
  waited=0
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$CATCHER_URL/" 2>/dev/null)" == 200 ]]; do
    if ! kill -0 "$CATCHER_PID" 2>/dev/null; then
      wait "$CATCHER_PID" || true
      CATCHER_PID=""
      echo "The mail catcher stopped before it answered on $CATCHER_URL (its message is above)." >&2
      exit 1
    fi
    waited=$((waited + 1))
    if (( waited == 150 )); then echo "The mail catcher did not answer on $CATCHER_URL within 30 seconds." >&2; exit 1; fi
    sleep 0.2
  done
  export Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port=$SMTP_PORT Mail__Smtp__Security=None
  export Mail__From=${Mail__From:-"Workers Power <no-reply@workerspower.localhost>"}
fi
# This script asks /health/ready until it answers 200; the host need not log every "not yet" as an error.
(cd src/Host && exec env "Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks=None" dotnet bin/Release/net10.0/WorkersPower.Host.dll) &
HOST_PID=$!

# The banner comes once the host is ready (/health/ready answers 200: schema applied, demo data loaded),
# after the host's own start-up lines.
waited=0
until status=$(curl -s -o "$DATA/ready.txt" -w '%{http_code}' "$PROBE/health/ready" 2>/dev/null) && [[ "$status" == 200 ]]; do
  if ! kill -0 "$HOST_PID" 2>/dev/null; then
    wait "$HOST_PID" || true
    HOST_PID=""
    echo "The host stopped before it was ready." >&2
    exit 1
  fi
  if grep -q 'demo data failed' "$DATA/ready.txt" 2>/dev/null; then
    echo >&2
    echo "The host is running but will not be ready: $(tr '\n' ' ' <"$DATA/ready.txt")" >&2
    echo "Stopping (the host's log above says more)." >&2
    exit 1
  fi
  waited=$((waited + 1))
  if (( waited == 600 )); then echo "Not ready after 2 minutes: $(tr '\n' ' ' <"$DATA/ready.txt" 2>/dev/null); still waiting" >&2; fi
  sleep 0.2
done
rm -f "$DATA/ready.txt"

cat <<BANNER

  Workers Power platform is ready
  Web client:       $URL/
  GraphQL endpoint: $URL/graphql
  Explorer:         $URL/graphql in a browser (GraphiQL)
  Health:           $URL/health/ready
  Metrics:          $URL/metrics (Prometheus text, from this machine only)
  Operations:       $URL/admin/operations (signed in as an admin)
BANNER
if [[ "${WP_TRACES:-0}" == 1 ]]; then echo "  Traces:           every span is printed to this console (WP_TRACES=1)"; fi
if [[ -n "$CATCHER_URL" ]]; then
  echo "  Mail sent:        $CATCHER_URL (each mail also as .eml under $(shown "$MAIL_DIR"))"
else
  echo "  Mail sent:        over SMTP to $Mail__Smtp__Host${Mail__Smtp__Port:+:$Mail__Smtp__Port} (Mail__Smtp__Host is set: no catcher started)"
fi
if [[ "$Demo__Seed" == true ]]; then cat <<ACCOUNTS

  Demo accounts (sign in at $URL/sign-in, or with the signIn mutation):
    admin@demo.workerspower.org      ada-demo-pass-2026   ADMIN, MEMBER
    organiser@demo.workerspower.org  olu-demo-pass-2026   ORGANISER, MEMBER
    member@demo.workerspower.org     mo-demo-pass-2026    MEMBER
ACCOUNTS
fi

# The smoke run's checks (RUN_SMOKE=1), run in order by smoke_checks: each prints what it checked, or why it
# failed and returns non-zero. A further check is one more function called from smoke_checks.
smoke_fail() { echo "run.sh smoke: FAILED: $*" >&2; return 1; }
smoke_graphql() {
  local answer
  answer=$(curl -s --max-time 30 -X POST -H 'Content-Type: application/json' --data '{"query":"{ branches { id } }"}' "$PROBE/graphql") \
    || smoke_fail "$PROBE/graphql did not answer" || return 1
  python3 - "$answer" "$Demo__Seed" <<'PY' || smoke_fail "$PROBE/graphql answered { branches { id } } with: $answer" || return 1
import json, sys
answer = json.loads(sys.argv[1])
branches = (answer.get("data") or {}).get("branches")
ok = not answer.get("errors") and isinstance(branches, list) and (branches or sys.argv[2] != "true")
sys.exit(0 if ok else 1)
PY
  echo "run.sh smoke: GraphQL answers { branches { id } }"
}
smoke_metrics() {
  [[ "$Metrics__Prometheus" == true ]] || { echo "run.sh smoke: Metrics__Prometheus is not true: /metrics is not checked"; return 0; }
  local text
  text=$(curl -s --max-time 30 "$PROBE/metrics") || smoke_fail "$PROBE/metrics did not answer" || return 1
  grep -q '^workerspower_graphql_operations' <<<"$text" \
    || smoke_fail "$PROBE/metrics has no workerspower_graphql_operations line (after a GraphQL query): $(head -c 300 <<<"$text")" || return 1
  echo "run.sh smoke: /metrics answers with the GraphQL operations counted"
}
smoke_catcher_page() {
  if [[ -z "$CATCHER_URL" ]]; then echo "run.sh smoke: no catcher started (Mail__Smtp__Host is set): its page is not checked"; return 0; fi
  local status
  status=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "$CATCHER_URL/") || true
  [[ "$status" == 200 ]] || smoke_fail "the mail catcher's page $CATCHER_URL/ answered ${status:-nothing}, not 200" || return 1
  echo "run.sh smoke: the mail catcher's page answers 200"
}
smoke_mail() {
  if [[ -z "$CATCHER_URL" ]]; then echo "run.sh smoke: no catcher started (Mail__Smtp__Host is set): no mail is checked"; return 0; fi
  if [[ "$Demo__Seed" != true ]]; then echo "run.sh smoke: no demo data: no mail is checked"; return 0; fi
  local answer found="" i
  answer=$(curl -s --max-time 30 -X POST -H 'Content-Type: application/json' \
    --data '{"query":"mutation { requestPasswordReset(input: {email: \"member@demo.workerspower.org\"}) { errors { code } } }"}' "$PROBE/graphql") \
    || smoke_fail "requestPasswordReset did not answer" || return 1
  [[ "$answer" == *'"errors":[]'* ]] || smoke_fail "requestPasswordReset answered: $answer" || return 1
  for i in $(seq 1 150); do
    found=$(grep -l -- "/reset-password?token=" "$MAIL_DIR"/*.eml 2>/dev/null | head -1) || true
    [[ -n "$found" ]] && break
    sleep 0.2
  done
  [[ -n "$found" ]] || smoke_fail "no password-reset mail reached $MAIL_DIR within 30 s of requestPasswordReset" || return 1
  echo "run.sh smoke: a password-reset mail went over SMTP to the catcher ($(basename "$found"))"
}
smoke_checks() {
  smoke_graphql && smoke_metrics && smoke_catcher_page && smoke_mail
}

if [[ "$SMOKE" == 1 ]]; then
  echo
  if ! smoke_checks; then exit 1; fi
  echo "run.sh smoke: passed; stopping"
  exit 0
fi

echo
echo "  Ctrl-C stops the host${CATCHER_PID:+, the mail catcher}${STARTED_CLUSTER:+ and PostgreSQL}."
echo

wait "$HOST_PID" || true
