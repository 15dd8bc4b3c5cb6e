#!/usr/bin/env bash
# Exercises the "start it ourselves" path of scripts/infra.mjs on spare ports, so the
# services this machine already runs are left alone. Runs once per Node binary given
# as arguments (default: `node` on PATH and the repo's node_modules/.bin/node).
#   bash scripts/infra-fallback.check.sh [/path/to/node ...]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="${INFRA_CHECK_ROOT:-/tmp/infra-check}"
PG_PORT="${INFRA_CHECK_PG_PORT:-15432}"
NATS_PORT="${INFRA_CHECK_NATS_PORT:-14222}"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/order_hub"
export NATS_URL="nats://127.0.0.1:$NATS_PORT"
export INFRA_MODULE="$REPO/scripts/infra.mjs"
LOG="$ROOT/infra-check.log"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_services() {
  local data="$ROOT/.data/postgres" pidfile="$ROOT/.data/nats.pid" pg_ctl pid
  if [[ -f "$data/postmaster.pid" ]]; then
    pg_ctl="/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin/pg_ctl"
    [[ -x "$pg_ctl" ]] || pg_ctl="$(command -v pg_ctl)"
    if [[ "$(id -u)" == 0 ]]; then
      (cd / && runuser -u postgres -- "$pg_ctl" -D "$data" -m fast -w stop) >&2
    else
      "$pg_ctl" -D "$data" -m fast -w stop >&2
    fi
  fi
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile")"
    # Only the nats-server that infra.mjs started for this root, never another one.
    if ps -o command= -p "$pid" 2>/dev/null | grep -q -- "nats-server.*-sd $ROOT/.data/nats"; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
  fi
}

cleanup() {
  local rc=$?
  stop_services || rc=1
  [[ -n "$ROOT" && "$ROOT" != / ]] && rm -rf "$ROOT"
  exit "$rc"
}

# Runs ensurePostgres + ensureNats under the given node; stdout: both URLs, stderr: [infra] log.
ensure_all() {
  local rc=0
  "$1" --input-type=module -e '
    import { pathToFileURL } from "node:url";
    const { ensurePostgres, ensureNats } = await import(pathToFileURL(process.env.INFRA_MODULE).href);
    console.log(await ensurePostgres(process.argv[1]));
    console.log(await ensureNats(process.argv[1]));
  ' "$ROOT" 2>"$LOG" || rc=$?
  cat "$LOG" >&2
  return "$rc"
}

verify() {
  local urls info
  urls="$(printf '%s\n%s' "$DATABASE_URL" "$NATS_URL")"
  [[ "$1" == "$urls" ]] || fail "unexpected URLs returned: $1"
  [[ "$(psql -X -tA -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'select 1')" == 1 ]] || fail "psql select 1"
  [[ "$(psql -X -tA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d order_hub -c 'select current_database()')" == order_hub ]] \
    || fail "database order_hub missing"
  info="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$NATS_PORT; head -n1 <&3")" || fail "no NATS on $NATS_PORT"
  [[ "$info" == INFO*'"jetstream":true'* ]] || fail "NATS on $NATS_PORT has no JetStream: $info"
}

check_node() {
  local node="$1" out
  step "$node ($("$node" --version))"
  mkdir -p "$ROOT"

  step "fresh start"
  out="$(ensure_all "$node")" || fail "ensure on a fresh root"
  grep -q '\[infra\] initdb' "$LOG" || fail "initdb did not run"
  grep -q '\[infra\] starting nats-server' "$LOG" || fail "nats-server was not started"
  verify "$out"

  step "already running: nothing is started"
  out="$(ensure_all "$node")" || fail "ensure while running"
  ! grep -q '\[infra\] starting' "$LOG" || fail "started something although both ports answered"
  verify "$out"

  step "restart on the existing data dir"
  stop_services
  out="$(ensure_all "$node")" || fail "ensure on an existing data dir"
  ! grep -q '\[infra\] initdb' "$LOG" || fail "initdb ran again on an initialised data dir"
  verify "$out"

  step "remote host that does not answer: clear error"
  if DATABASE_URL="postgres://postgres@192.0.2.1:5432/x" ensure_all "$node" >/dev/null; then fail "no error for a remote host"; fi
  grep -q 'not reachable' "$LOG" || fail "error does not say the remote host is not reachable"

  stop_services
  rm -rf "$ROOT"
}

nodes=("$@")
if (( ${#nodes[@]} == 0 )); then
  nodes=("$(command -v node)")
  [[ -x "$REPO/node_modules/.bin/node" && "$(readlink -f "$REPO/node_modules/.bin/node")" != "$(readlink -f "${nodes[0]}")" ]] \
    && nodes+=("$REPO/node_modules/.bin/node")
fi

[[ ! -e "$ROOT" ]] || fail "$ROOT already exists (left over from an interrupted run?); stop what runs from it and remove it"
for port in "$PG_PORT" "$NATS_PORT"; do
  ! port_open "$port" || fail "port $port is already in use, so the fallback path would not be exercised"
done
trap cleanup EXIT
trap 'exit 130' INT TERM

for node in "${nodes[@]}"; do check_node "$node"; done
echo "PASS: fallback start of PostgreSQL ($PG_PORT) and NATS ($NATS_PORT) under: ${nodes[*]}" >&2
