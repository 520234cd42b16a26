#!/usr/bin/env bash
# Starts/stops @vercel/cosmosdb-server (an in-memory Cosmos DB REST server) for the Cosmos contract tests and the
# local host's manual smoke. Idempotent: `start` reuses a server already answering; `stop` is quiet when none runs.
#
#   scripts/cosmos-test-server.sh start    # installs into .tools/cosmos on first use, prints the variables to export
#   eval "$(scripts/cosmos-test-server.sh env)"
#   scripts/cosmos-test-server.sh stop
#
# Settings (environment): COSMOS_TEST_PORT (3000), COSMOS_TEST_HOST (127.0.0.1).
set -euo pipefail

VERSION="1.0.1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools/cosmos"
HOST="${COSMOS_TEST_HOST:-127.0.0.1}"
PORT="${COSMOS_TEST_PORT:-3000}"
PID_FILE="$TOOLS/server-$PORT.pid"
LOG_FILE="$TOOLS/server-$PORT.log"
ENDPOINT="https://$HOST:$PORT"
# cosmosdb-server accepts any key; the SDK only needs valid base64 to sign requests.
KEY="$(printf '%064d' 0 | base64 -w0)"

answering() { curl -ks -o /dev/null --max-time 2 "$ENDPOINT/"; }

print_env() {
  echo "export TICKETS_COSMOS_TEST_ENDPOINT=$ENDPOINT"
  echo "export TICKETS_COSMOS_TEST_KEY=$KEY"
}

install() {
  local bin="$TOOLS/node_modules/.bin/cosmosdb-server"
  if [[ ! -x "$bin" ]] || ! grep -q "\"version\": \"$VERSION\"" "$TOOLS/node_modules/@vercel/cosmosdb-server/package.json" 2>/dev/null; then
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "@vercel/cosmosdb-server@$VERSION" >&2
  fi
}

start() {
  if answering; then
    echo "cosmosdb-server already answering at $ENDPOINT" >&2
    print_env
    return
  fi
  install
  # setsid: the server outlives this script (CI and developers start it once, then run tests).
  setsid "$TOOLS/node_modules/.bin/cosmosdb-server" --host "$HOST" --port "$PORT" >"$LOG_FILE" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 100); do
    if answering; then
      echo "cosmosdb-server $VERSION listening at $ENDPOINT (pid $(cat "$PID_FILE"), log $LOG_FILE)" >&2
      print_env
      return
    fi
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "cosmosdb-server exited during start:" >&2
      cat "$LOG_FILE" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "cosmosdb-server did not answer at $ENDPOINT within 10 s; log: $LOG_FILE" >&2
  exit 1
}

stop() {
  if [[ -f "$PID_FILE" ]]; then
    local pid
    pid="$(cat "$PID_FILE")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      echo "cosmosdb-server (pid $pid) stopped" >&2
    fi
    rm -f "$PID_FILE"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) print_env ;;
  status) if answering; then echo "answering at $ENDPOINT"; else echo "not running at $ENDPOINT"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
