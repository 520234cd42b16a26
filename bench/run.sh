#!/usr/bin/env bash
# The load bench: builds the local host and the bench in Release, installs wrk (Debian) when it is missing, then drives
# the local host (SQLite seeded to 2,000 / 10k / 100k / 1M tickets) and a separate minimal Kestrel app with wrk, and
# writes the results table into bench/README.md. Arguments go to the driver, e.g.:
#   bash bench/run.sh --sizes 2000,10000 --seconds 10
#   bash bench/run.sh --smoke --no-readme        (a tiny store, 1 s per operation)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package)…"
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq wrk; else sudo apt-get update -qq && sudo apt-get install -y -qq wrk; fi
fi

# Azurite for the queue service, at the version the tests pin (scripts/services/package-lock.json).
bash scripts/services.sh install

dotnet build bench/Tickets.Bench -c Release -nologo -v minimal
exec dotnet bench/Tickets.Bench/bin/Release/net10.0/Tickets.Bench.dll wrk --command "bash bench/run.sh${*:+ $*}" "$@"
