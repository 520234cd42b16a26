#!/usr/bin/env bash
# Starts Tickets locally: builds the web front end when it is missing or stale, then runs the local host
# (the real function classes on Kestrel, SQLite under .data/, demo accounts) at http://localhost:7071.
# Extra arguments go to the local host, e.g. --urls http://127.0.0.1:7080
#
#   --store cosmos   the same on Cosmos DB: starts @vercel/cosmosdb-server (in memory, on a free port) and points the
#                    host at it, demo data included. With TICKETS_COSMOS_CONNECTION set (the Linux emulator's or an
#                    account's connection string), or Tickets__Cosmos__Endpoint (an account, with your az login),
#                    it uses that instead. See docs/cosmos.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f web/package.json ]]; then
  if [[ ! -d web/node_modules ]]; then
    npm --prefix web ci --no-audit --no-fund
  fi
  if [[ ! -f web/dist/index.html ]] || [[ -n "$(find web/src web/index.html -newer web/dist/index.html -print -quit 2>/dev/null)" ]]; then
    npm --prefix web run build
  fi
fi

# --- store selection (--store sqlite|cosmos) ---
store=sqlite host_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --store) store="${2:-}"; shift 2 || { echo "--store needs sqlite or cosmos" >&2; exit 2; } ;;
    --store=*) store="${1#*=}"; shift ;;
    *) host_args+=("$1"); shift ;;
  esac
done
case "$store" in
  sqlite) ;;
  cosmos)
    export Tickets__Store=Cosmos
    if [[ -n "${Tickets__Cosmos__Endpoint:-}" ]]; then
      # An account provisioned by infra/ (Bicep owns the containers; your identity needs its data-plane role).
      export Tickets__Cosmos__CreateIfNotExists=false
    elif [[ -n "${TICKETS_COSMOS_CONNECTION:-}" ]]; then
      export Tickets__Cosmos__ConnectionString="$TICKETS_COSMOS_CONNECTION" Tickets__Cosmos__CreateIfNotExists=true
      # The emulator on this machine: Gateway mode and its self-signed certificate.
      [[ "$TICKETS_COSMOS_CONNECTION" =~ localhost|127\.0\.0\.1 ]] && export DevHost__CosmosEmulator=true
    else
      eval "$(bash scripts/cosmos-test-server.sh start)"
      trap 'bash scripts/cosmos-test-server.sh stop' EXIT
      export Tickets__Cosmos__ConnectionString="AccountEndpoint=$TICKETS_COSMOS_TEST_ENDPOINT;AccountKey=$TICKETS_COSMOS_TEST_KEY;" \
        Tickets__Cosmos__CreateIfNotExists=true DevHost__CosmosDbServer=true
      echo "Cosmos DB: cosmosdb-server at $TICKETS_COSMOS_TEST_ENDPOINT (in memory: the data goes when this stops)"
    fi
    ;;
  *) echo "--store must be sqlite or cosmos, not '$store'" >&2; exit 2 ;;
esac
# ---

# Not exec: a trap above (the Cosmos test server) runs when the host stops.
dotnet run --project src/Tickets.DevHost -c Release -- "${host_args[@]}"
