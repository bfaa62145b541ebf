#!/usr/bin/env bash
# Shared helpers for the build scripts: find or install PostgreSQL, run a private cluster.
# Source this file; it defines functions only.

pg_find_or_install() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "PostgreSQL server binaries not found: installing Debian's postgresql package" >&2
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "Could not find or install PostgreSQL server binaries" >&2
    return 1
  fi
  PG_BIN="$bindir"
  export PG_BIN
}

# Run a PostgreSQL command as the cluster owner. As root, the server refuses to run,
# so root runs it as the 'postgres' system user (created by Debian's package).
_pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    local cmd
    printf -v cmd '%q ' "$@"
    su postgres -s /bin/bash -c "$cmd"
  else
    "$@"
  fi
}

# pg_free_port [start] : print a TCP port on 127.0.0.1, from start upwards, that can be bound now.
# Binding (not connecting) is the test: a port with no listener may still be held by an outgoing
# connection's local end, which makes a server's bind fail with "Address already in use". Start below
# the kernel's ephemeral range (32768-60999 on Linux) so outgoing connections cannot take it meanwhile.
pg_free_port() {
  python3 - "${1:-25432}" <<'PY'
import socket, sys
port = int(sys.argv[1])
while True:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        break
    except OSError:
        port += 1
    finally:
        s.close()
print(port)
PY
}

# pg_start_cluster DATADIR PORT [fast] : initialise (if needed) and start a cluster.
# 'fast' turns off fsync for throwaway test clusters.
pg_start_cluster() {
  local datadir=$1 port=$2 mode=${3:-}
  mkdir -p "$datadir"
  if [[ $(id -u) -eq 0 ]]; then
    _pg_as_owner true
    chown -R postgres "$datadir"
    # the owner must be able to reach the directory
    local d
    d=$(dirname "$datadir")
    while [[ "$d" != "/" ]]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
  fi
  chmod 700 "$datadir"
  if [[ ! -f "$datadir/PG_VERSION" ]]; then
    local pwfile
    pwfile=$(mktemp)
    echo "postgres" >"$pwfile"
    chmod 644 "$pwfile"
    _pg_as_owner "$PG_BIN/initdb" -D "$datadir" -U postgres --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >/dev/null || {
        rm -f "$pwfile"; return 1; }
    rm -f "$pwfile"
  fi
  local opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$datadir -c max_connections=300"
  if [[ "$mode" == "fast" ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB"
  fi
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$datadir" -o "$opts" -l "$datadir/server.log" -w -t 60 start >/dev/null || {
    echo "PostgreSQL failed to start; last lines of $datadir/server.log:" >&2
    tail -20 "$datadir/server.log" >&2
    return 1
  }
}

# pg_stop_cluster DATADIR
pg_stop_cluster() {
  local datadir=$1
  [[ -f "$datadir/postmaster.pid" ]] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$datadir" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

# pg_cluster_running DATADIR
pg_cluster_running() {
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1
}

# pg_create_database DATADIR PORT NAME : create the database when missing.
pg_create_database() {
  local datadir=$1 port=$2 name=$3
  local exists
  exists=$(_pg_as_owner "$PG_BIN/psql" -h "$datadir" -p "$port" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$name'")
  if [[ "$exists" != "1" ]]; then
    _pg_as_owner "$PG_BIN/createdb" -h "$datadir" -p "$port" -U postgres "$name"
  fi
}

# pg_crash_cluster DATADIR : stop the server the way a crash would (immediate mode: no checkpoint,
# clients cut off; on the next start PostgreSQL recovers from its write-ahead log). For fault tests.
pg_crash_cluster() {
  local datadir=$1
  [[ -f "$datadir/postmaster.pid" ]] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$datadir" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
}
