#!/usr/bin/env bash
# Starts Tickets locally: builds the web front end when it is missing or stale, then runs the local host
# (the real function classes on Kestrel, SQLite under .data/, demo accounts) at http://localhost:7071.
# Extra arguments go to the local host, e.g. --urls http://127.0.0.1:7080
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

exec dotnet run --project src/Tickets.DevHost -c Release -- "$@"
