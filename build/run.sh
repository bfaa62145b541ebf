#!/usr/bin/env bash
# Runs the platform locally: a private PostgreSQL cluster under .data/ (kept between runs),
# demo data loaded once, the host on http://localhost:5000 (or ASPNETCORE_URLS). The banner with the
# addresses and the demo accounts comes once /health/ready answers 200, i.e. the demo data is in place.
# With ConnectionStrings__Postgres set, that database is used and no cluster is started.
# Ctrl-C stops the host and the cluster this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source build/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

DATA="$ROOT/.data"
mkdir -p "$DATA"
STARTED_CLUSTER=""
HOST_PID=""
stop_all() {
  trap - INT TERM EXIT
  if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill -TERM "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
  fi
  if [[ -n "$STARTED_CLUSTER" ]]; then
    echo "Stopping PostgreSQL"
    pg_stop_cluster "$STARTED_CLUSTER"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "${ConnectionStrings__Postgres:-}" ]]; then
  pg_find_or_install
  if [[ -f "$DATA/pg-port" ]]; then PORT=$(cat "$DATA/pg-port"); else PORT=$(pg_free_port 5433); echo "$PORT" >"$DATA/pg-port"; fi
  if pg_cluster_running "$DATA/postgres"; then
    echo "PostgreSQL already running in .data/postgres on port $PORT"
  else
    echo "Starting PostgreSQL in .data/postgres on port $PORT"
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
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5000}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

echo "Building the host (Release)"
dotnet build src/Host/WorkersPower.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly

URL=${ASPNETCORE_URLS%%;*}
# Where this script asks whether the host is ready: a wildcard address is asked on loopback.
PROBE=$(sed -E 's#://(\+|\*|0\.0\.0\.0|\[::\])(:|$)#://127.0.0.1\2#' <<<"$URL")
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
  GraphQL endpoint: $URL/graphql
  Explorer:         $URL/graphql in a browser (GraphiQL)
  Health:           $URL/health/ready
BANNER
if [[ "$Demo__Seed" == true ]]; then cat <<ACCOUNTS

  Demo accounts (sign in with the signIn mutation):
    admin@demo.workerspower.org      ada-demo-pass-2026   ADMIN, MEMBER
    organiser@demo.workerspower.org  olu-demo-pass-2026   ORGANISER, MEMBER
    member@demo.workerspower.org     mo-demo-pass-2026    MEMBER
ACCOUNTS
fi
echo
echo "  Ctrl-C stops the host${STARTED_CLUSTER:+ and PostgreSQL}."
echo

wait "$HOST_PID" || true
