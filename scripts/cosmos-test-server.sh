#!/usr/bin/env bash
# Starts/stops @vercel/cosmosdb-server (an in-memory Cosmos DB REST server) for the Cosmos contract and end-to-end
# tests and for `scripts/run.sh --store cosmos`.
#
#   eval "$(scripts/cosmos-test-server.sh start)"   # installs into .tools/cosmos on first use; exports the endpoint
#   scripts/cosmos-test-server.sh stop              # stops the server that TICKETS_COSMOS_TEST_ENDPOINT names
#
# `start` takes a free port from the OS (several checkouts may run servers side by side on one machine), waits until
# it answers and prints TICKETS_COSMOS_TEST_ENDPOINT and TICKETS_COSMOS_TEST_KEY. COSMOS_TEST_PORT pins a port instead
# (then a server already answering there is reused). COSMOS_TEST_HOST defaults to 127.0.0.1.
set -euo pipefail

VERSION="1.0.1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools/cosmos"
HOST="${COSMOS_TEST_HOST:-127.0.0.1}"
# cosmosdb-server accepts any key; the SDK only needs valid base64 to sign requests.
KEY="$(printf '%064d' 0 | base64 -w0)"

answering() { curl -ks -o /dev/null --max-time 2 "https://$HOST:$1/"; }

print_env() {
  echo "export TICKETS_COSMOS_TEST_ENDPOINT=https://$HOST:$1"
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
  local requested="${COSMOS_TEST_PORT:-0}"
  if [[ "$requested" != 0 ]] && answering "$requested"; then
    echo "cosmosdb-server already answering at https://$HOST:$requested" >&2
    print_env "$requested"
    return
  fi
  install
  local log pid port=""
  log="$(mktemp "$TOOLS/server-XXXXXX.log")"
  # setsid: the server outlives this script (CI and developers start it once, then run tests). Port 0: the OS picks a
  # free one and the server prints it. Started through its API rather than its CLI for keep-alive connections: the
  # CLI closes every connection, and a TLS handshake per request made the Cosmos test runs take twice as long. Idle
  # connections stay open 2 minutes (the SDK's client lets go of them after 2 s), so a request never meets a closing one.
  COSMOS_SERVER="$TOOLS/node_modules/@vercel/cosmosdb-server" setsid node -e '
    const server = require(process.env.COSMOS_SERVER).createHttpsServer({ keepAlive: true });
    server.keepAliveTimeout = 120000; server.headersTimeout = 121000;
    server.listen(Number(process.argv[2]), process.argv[1], () =>
      console.log(`Ready to accept HTTPS connections at ${process.argv[1]}:${server.address().port}`));
  ' "$HOST" "$requested" >"$log" 2>&1 < /dev/null &
  pid=$!
  for _ in $(seq 1 100); do
    port="$(sed -nE 's/^Ready to accept HTTPS connections at .*:([0-9]+)$/\1/p' "$log" | head -1)"
    if [[ -n "$port" ]] && answering "$port"; then
      echo "$pid" > "$TOOLS/server-$port.pid"
      mv "$log" "$TOOLS/server-$port.log"
      echo "cosmosdb-server $VERSION listening at https://$HOST:$port (pid $pid, log $TOOLS/server-$port.log)" >&2
      print_env "$port"
      return
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "cosmosdb-server exited during start:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  echo "cosmosdb-server did not answer within 10 s; log: $log" >&2
  exit 1
}

# The port of the server to stop: COSMOS_TEST_PORT, else the one TICKETS_COSMOS_TEST_ENDPOINT names.
port_to_stop() {
  if [[ -n "${COSMOS_TEST_PORT:-}" ]]; then echo "$COSMOS_TEST_PORT"; return; fi
  local endpoint="${TICKETS_COSMOS_TEST_ENDPOINT:-}"
  [[ "$endpoint" =~ :([0-9]+)/?$ ]] && echo "${BASH_REMATCH[1]}"
}

stop() {
  local port pid_file pid
  port="$(port_to_stop)"
  if [[ -z "$port" ]]; then
    echo "usage: TICKETS_COSMOS_TEST_ENDPOINT=https://127.0.0.1:PORT $0 stop (or COSMOS_TEST_PORT=PORT)" >&2
    exit 2
  fi
  pid_file="$TOOLS/server-$port.pid"
  if [[ -f "$pid_file" ]]; then
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      echo "cosmosdb-server (pid $pid) stopped" >&2
    fi
    rm -f "$pid_file" "$TOOLS/server-$port.log"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
