#!/usr/bin/env bash
# Runs every test: .NET unit, store contract (SQLite and Cosmos), end-to-end through the local host (each host with
# its own Azurite queue and blob services, some with their own mail server; on SQLite, then again on Cosmos), infrastructure; web unit tests and
# type-checked build; the web's API types against the API's OpenAPI document; browser tests in headless Chromium
# against a local host serving the built front end.
# Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/services.sh
source scripts/progress.sh
log_dir=${TEST_LOG_DIR:-$root/TestResults}
mkdir -p "$log_dir"

passed=0 failed=0 skipped=0 status=0
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }
fail() { echo "FAILED: $*" >&2; status=1; }

cleanup() {
  [[ -n "${host_pid:-}" ]] && kill "$host_pid" 2>/dev/null
  [[ -n "${cosmos_started:-}" ]] && bash scripts/cosmos-test-server.sh stop >/dev/null 2>&1
  services_stop
  return 0
}
trap cleanup EXIT

echo "== build (warnings are errors)"
dotnet build TicketSystem.sln -c Release -nologo -v minimal || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

# The Cosmos contract suite and the Cosmos end-to-end pass need a Cosmos endpoint: the local cosmosdb-server started
# here from npm (on a free port) and/or TICKETS_COSMOS_CONNECTION (emulator/account). Without one, they report skipped.
if [[ -z "${TICKETS_COSMOS_CONNECTION:-}" && -f scripts/cosmos-test-server.sh && -z "${TICKETS_COSMOS_TEST_ENDPOINT:-}" ]]; then
  if eval "$(bash scripts/cosmos-test-server.sh start)"; then cosmos_started=1; else echo "cosmosdb-server did not start: the Cosmos contract cases and end-to-end pass will be skipped"; fi
fi

# Azurite from npm and smtp4dev from the tool manifest: the end-to-end tests start their own.
services_install || fail "npm ci in scripts/services (Azurite) or dotnet tool restore (smtp4dev)"

echo "== dotnet test"
# The whole suite writes to its log; a line every 30 s says how far it got.
dotnet_tests() {
  dotnet test TicketSystem.sln -c Release --no-build -nologo --logger "console;verbosity=normal" --results-directory "$log_dir" \
    > "$log_dir/dotnet-test.log" 2>&1
}
with_progress "dotnet test running" "$log_dir/dotnet-test.log" dotnet_tests || fail "dotnet test"
grep -E "^\s+Failed |^Test Run|^Total tests|^\s+(Passed|Failed|Skipped): [0-9]+$| error " "$log_dir/dotnet-test.log"
read -r p f s < <(awk '/^ +Passed: [0-9]+$/ {p+=$2} /^ +Failed: [0-9]+$/ {f+=$2} /^ +Skipped: [0-9]+$/ {s+=$2} END {print p+0, f+0, s+0}' "$log_dir/dotnet-test.log")
add_counts "$p" "$f" "$s"
# A failed case's message (its first lines, cut short), so the summary says why without the whole log.
failure_messages() {
  awk '/^ +Failed [^ ]+/ { name = $2 }
       /^ +Error Message:/ { printing = 12; print "  why " name ":"; next }
       /^ +Stack Trace:/ { printing = 0 }
       printing > 0 { print "    " substr($0, 1, 400); printing-- }' "$1"
}
# Every skipped case says why; print each reason once with how many cases it covers.
skip_reasons() {
  # The reason is the next xUnit line (another assembly's output may come in between).
  awk '/\[SKIP\]/ { while ((getline reason) > 0 && reason !~ /^\[xUnit/) {}; sub(/^\[xUnit[^]]*\] +/, "", reason); count[reason]++ }
       END { for (r in count) printf "  skipped %d: %s\n", count[r], r }' "$1"
}
skip_reasons "$log_dir/dotnet-test.log"
failure_messages "$log_dir/dotnet-test.log"

# The same end-to-end tests again, with every local host on Cosmos (cosmosdb-server, or TICKETS_COSMOS_CONNECTION).
echo "== end-to-end tests on Cosmos"
if [[ -n "${TICKETS_COSMOS_TEST_ENDPOINT:-}${TICKETS_COSMOS_CONNECTION:-}" ]]; then
  cosmos_e2e_tests() {
    TICKETS_E2E_STORE=cosmos dotnet test tests/Tickets.EndToEndTests -c Release --no-build -nologo --logger "console;verbosity=normal" \
      --results-directory "$log_dir" > "$log_dir/e2e-cosmos.log" 2>&1
  }
  with_progress "end-to-end tests on Cosmos running" "$log_dir/e2e-cosmos.log" cosmos_e2e_tests || fail "end-to-end tests on Cosmos"
  grep -E "^\s+Failed |^Total tests|^\s+(Passed|Failed|Skipped): [0-9]+$| error " "$log_dir/e2e-cosmos.log"
  skip_reasons "$log_dir/e2e-cosmos.log"
  failure_messages "$log_dir/e2e-cosmos.log"
  read -r p f s < <(awk '/^ +Passed: [0-9]+$/ {p+=$2} /^ +Failed: [0-9]+$/ {f+=$2} /^ +Skipped: [0-9]+$/ {s+=$2} END {print p+0, f+0, s+0}' "$log_dir/e2e-cosmos.log")
  add_counts "$p" "$f" "$s"
else
  echo "SKIPPED end-to-end tests on Cosmos: no endpoint (cosmosdb-server did not start and TICKETS_COSMOS_CONNECTION is not set)"
  add_counts 0 0 1
fi

if [[ -f web/package.json ]]; then
  echo "== web: install, unit tests, build"
  [[ -d web/node_modules ]] || npm --prefix web ci --no-audit --no-fund || fail "npm ci"
  # The web's API types are generated from the API's OpenAPI document; a stale copy is a failed test.
  if bash scripts/api-types.sh --check; then add_counts 1 0 0; else add_counts 0 1 0; fail "web/src/api/schema.d.ts is stale"; fi
  if npm --prefix web test 2>&1 | tee "$log_dir/web-unit.log"; then :; else fail "web unit tests"; fi
  read -r p f < <(sed -E 's/\x1b\[[0-9;]*m//g' "$log_dir/web-unit.log" | awk '/Tests +[0-9]+/ {
      p=0; f=0; for (i=1;i<=NF;i++) { if ($(i+1) ~ /^passed/) p=$i; if ($(i+1) ~ /^failed/) f=$i }; print p, f; exit }')
  add_counts "${p:-0}" "${f:-0}" 0
  npm --prefix web run build > "$log_dir/web-build.log" 2>&1 || { cat "$log_dir/web-build.log"; fail "web build"; }

  echo "== browser tests (headless Chromium against the local host)"
  chromium_bin=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [[ ! -x "$chromium_bin" ]]; then
    echo "SKIPPED browser tests: no Chromium at $chromium_bin (apt-get install -y chromium, or set CHROMIUM_PATH)"
    add_counts 0 0 1
  else
    data=$(mktemp -d)
    # The browser host's queues: an Azurite of its own on a free port, data in memory.
    AZURITE_PORT=0
    azurite_start_ephemeral "$log_dir/e2e-azurite.log" || fail "Azurite for the browser tests"
    # Its attachments: an Azurite blob service of its own, likewise.
    AZURITE_BLOB_PORT=0
    azurite_blob_start_ephemeral "$log_dir/e2e-azurite-blob.log" || fail "Azurite's blob service for the browser tests"
    # Free ports, never fixed ones: other hosts (another checkout's tests) may be running on this machine.
    free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
    # Its mail: a smtp4dev of its own, whose inbox the journeys read (a password reset link, an invitation) and whose
    # support mailbox the host polls. Started before the host's port is chosen, so that port cannot be one it has just taken.
    mail_smtp=$(free_port) mail_imap=$(free_port) mail_web=$(free_port)
    mail_args=() mail_url= mail_smtp_at=
    if [[ $(printf '%s\n' "$mail_smtp" "$mail_imap" "$mail_web" | sort -u | wc -l) == 3 ]] &&
      smtp4dev_start "$mail_smtp" "$mail_imap" "$mail_web" "$log_dir/e2e-smtp4dev.log"; then
      mail_args=(--Tickets:Smtp:Host=127.0.0.1 --Tickets:Smtp:Port="$mail_smtp" --Tickets:Smtp:UseTls=false
        --Tickets:Mail:SupportAddress="$SMTP4DEV_USER@tickets.local"
        --Tickets:Inbound:Imap:Host=127.0.0.1 --Tickets:Inbound:Imap:Port="$mail_imap" --Tickets:Inbound:Imap:UseTls=false
        --Tickets:Inbound:Imap:UserName="$SMTP4DEV_USER" --Tickets:Inbound:Imap:Password="$SMTP4DEV_PASSWORD")
      mail_url="http://127.0.0.1:$mail_web" mail_smtp_at="127.0.0.1:$mail_smtp"
    else
      echo "smtp4dev did not start: the journeys that read e-mail will be skipped"
    fi
    port=${E2E_PORT:-$(free_port)}
    # The journeys register people and sign them in at once: verified registration is off here (the API tests cover it).
    dotnet src/Tickets.DevHost/bin/Release/net10.0/Tickets.DevHost.dll --urls "http://127.0.0.1:$port" \
      --Tickets:Sqlite:Path="$data/tickets.db" --DevHost:WebRoot="$root/web/dist" --Tickets:PublicUrl="http://127.0.0.1:$port" \
      --Tickets:Registration:VerifyEmail=false --Tickets:Notifications:CoalesceSeconds=5 "${mail_args[@]}" \
      --Tickets:Queues:Connection="$(azurite_connection "$AZURITE_PORT")" \
      --Tickets:Blobs:Connection="$(azurite_blob_connection "$AZURITE_BLOB_PORT")" > "$log_dir/e2e-host.log" 2>&1 &
    host_pid=$!
    for _ in $(seq 1 60); do
      kill -0 "$host_pid" 2>/dev/null || { cat "$log_dir/e2e-host.log"; fail "the local host for the browser tests did not start"; break; }
      curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break
      sleep 0.5
    done
    if TICKETS_BASE_URL="http://127.0.0.1:$port" TICKETS_MAIL_URL="$mail_url" TICKETS_SMTP="$mail_smtp_at" CHROMIUM_PATH="$chromium_bin" npm --prefix web run test:e2e 2>&1 | tee "$log_dir/web-e2e.log"; then :; else fail "browser tests"; fi
    read -r p f s < <(awk '/^# pass / {p=$3} /^# fail / {f=$3} /^# skipped / {s=$3} END {print p+0, f+0, s+0}' "$log_dir/web-e2e.log")
    add_counts "$p" "$f" "$s"
    kill "$host_pid" 2>/dev/null; wait "$host_pid" 2>/dev/null; host_pid=
  fi
fi

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[[ $failed -gt 0 ]] && status=1
exit $status
