#!/usr/bin/env bash
# The web's API types come from the API's own OpenAPI document: this prints the document with the local host
# (`--openapi`, no server started) and turns it into web/src/api/schema.d.ts with openapi-typescript.
#   bash scripts/api-types.sh          rebuild the local host and regenerate the file
#   bash scripts/api-types.sh --check  compare with the last Release build; fail when the file is stale
set -euo pipefail
cd "$(dirname "$0")/.."
target=web/src/api/schema.d.ts
host=src/Tickets.DevHost/bin/Release/net10.0/Tickets.DevHost.dll

[[ "${1:-}" == "--check" ]] || dotnet build src/Tickets.DevHost -c Release -nologo -v quiet
[[ -x web/node_modules/.bin/openapi-typescript ]] || npm --prefix web ci --no-audit --no-fund

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet "$host" --openapi > "$work/openapi.json"
web/node_modules/.bin/openapi-typescript "$work/openapi.json" --output "$work/schema.d.ts" --alphabetize > /dev/null 2>&1 \
  || { echo "openapi-typescript could not read the document"; exit 1; }

if [[ "${1:-}" == "--check" ]]; then
  if ! diff -u "$target" "$work/schema.d.ts" > "$work/diff"; then
    head -40 "$work/diff"
    echo "$target is stale: run 'bash scripts/api-types.sh' and commit the result"
    exit 1
  fi
  echo "$target matches the API's OpenAPI document"
else
  cp "$work/schema.d.ts" "$target"
  echo "wrote $target"
fi
