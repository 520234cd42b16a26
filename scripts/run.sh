#!/usr/bin/env bash
# Starts Tickets locally: builds the web front end when it is missing or stale, starts Azurite (Storage queues, data
# under .data/azurite; blobs for attachments and inbound mail, data under .data/azurite-blob) and smtp4dev (the local
# mail server: an SMTP server that keeps every mail, a web inbox, and the support mailbox soporte@tickets.local that the
# host polls over IMAP; its mail under .data/smtp4dev.db), then runs the local host (the real function classes on
# Kestrel, queue and timer triggers, SQLite under .data/, demo accounts) at http://localhost:7071.
# The services stop when the host does. Extra arguments go to the local host, e.g. --urls http://127.0.0.1:7080
#
# Ports (environment): TICKETS_AZURITE_PORT (10001), TICKETS_AZURITE_BLOB_PORT (10000), TICKETS_SMTP_PORT (1025),
# TICKETS_IMAP_PORT (1143), TICKETS_MAIL_PORT (1080, the web inbox). An Azurite or smtp4dev already running on those
# ports is reused. Setting Tickets__Queues__Connection, Tickets__Blobs__Connection or Tickets__Smtp__Host yourself skips
# the corresponding service (and, for the last, the mailbox poll of smtp4dev: set Tickets__Inbound__Imap__* yourself).
#
#   --store cosmos   the same on Cosmos DB: starts @vercel/cosmosdb-server (in memory, on a free port) and points the
#                    host at it, demo data included. With TICKETS_COSMOS_CONNECTION set (the Linux emulator's or an
#                    account's connection string), or Tickets__Cosmos__Endpoint (an account, with your az login),
#                    it uses that instead. See docs/cosmos.md.
#
# Each step is printed as it starts (==> [seconds] …); the .NET build shows its projects as they finish and a
# "still building… N s" line every 15 s, and a last line says when the host answers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
source scripts/progress.sh

if [[ -f web/package.json ]]; then
  if [[ ! -d web/node_modules ]]; then
    step "Installing the web's dependencies (npm ci in web/)"
    npm --prefix web ci --no-audit --no-fund
  fi
  if [[ ! -f web/dist/index.html ]] || [[ -n "$(find web/src web/index.html -newer web/dist/index.html -print -quit 2>/dev/null)" ]]; then
    step "Building the web front end (web/dist)"
    npm --prefix web run build
  else
    step "The web front end is up to date (web/dist)"
  fi
fi

# --- store selection (--store sqlite|cosmos); the other arguments go on to the host ---
store=sqlite host_args=() cosmos_started=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --store) store="${2:-}"; shift 2 || { echo "--store needs sqlite or cosmos" >&2; exit 2; } ;;
    --store=*) store="${1#*=}"; shift ;;
    *) host_args+=("$1"); shift ;;
  esac
done
set -- "${host_args[@]}"
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
      if [[ "$TICKETS_COSMOS_CONNECTION" =~ localhost|127\.0\.0\.1 ]]; then export DevHost__CosmosEmulator=true; fi
    else
      step "Starting cosmosdb-server (Cosmos DB in memory)"
      eval "$(bash scripts/cosmos-test-server.sh start)"
      cosmos_started=1
      export Tickets__Cosmos__ConnectionString="AccountEndpoint=$TICKETS_COSMOS_TEST_ENDPOINT;AccountKey=$TICKETS_COSMOS_TEST_KEY;" \
        Tickets__Cosmos__CreateIfNotExists=true DevHost__CosmosDbServer=true
      echo "Cosmos DB: cosmosdb-server at $TICKETS_COSMOS_TEST_ENDPOINT (in memory: the data goes when this stops)"
    fi
    ;;
  *) echo "--store must be sqlite or cosmos, not '$store'" >&2; exit 2 ;;
esac
store_stop() { if [[ -n "$cosmos_started" ]]; then bash scripts/cosmos-test-server.sh stop; fi; }
# ---

step "Checking Azurite and smtp4dev (scripts/services, dotnet-tools.json)"
services_install
ready_pid=
trap '[[ -n "$ready_pid" ]] && kill "$ready_pid" 2>/dev/null; services_stop; store_stop' EXIT

if [[ -z "${Tickets__Queues__Connection:-}" ]]; then
  azurite_port=${TICKETS_AZURITE_PORT:-10001}
  # One data folder per Azurite: a second one on another port must not share the first one's files.
  azurite_data=.data/azurite; [[ "$azurite_port" == 10001 ]] || azurite_data=".data/azurite-$azurite_port"
  step "Starting Azurite (Storage queues) on port $azurite_port"
  azurite_start "$azurite_port" "$azurite_data"
  export Tickets__Queues__Connection="$(azurite_connection "$azurite_port")"
fi

if [[ -z "${Tickets__Blobs__Connection:-}" && -z "${Tickets__Blobs__Connection__blobServiceUri:-}" ]]; then
  blob_port=${TICKETS_AZURITE_BLOB_PORT:-10000}
  blob_data=.data/azurite-blob; [[ "$blob_port" == 10000 ]] || blob_data=".data/azurite-blob-$blob_port"
  step "Starting Azurite (Storage blobs, for attachments) on port $blob_port"
  azurite_blob_start "$blob_port" "$blob_data"
  export Tickets__Blobs__Connection="$(azurite_blob_connection "$blob_port")"
fi

if [[ -z "${Tickets__Smtp__Host:-}" ]]; then
  smtp_port=${TICKETS_SMTP_PORT:-1025}
  imap_port=${TICKETS_IMAP_PORT:-1143}
  mail_port=${TICKETS_MAIL_PORT:-1080}
  # One mail file per smtp4dev, like Azurite's data folders.
  mail_db=.data/smtp4dev.db; [[ "$mail_port" == 1080 ]] || mail_db=".data/smtp4dev-$mail_port.db"
  mkdir -p .data
  step "Starting smtp4dev (SMTP on port $smtp_port, IMAP on $imap_port, inbox at http://127.0.0.1:$mail_port/)"
  smtp4dev_start "$smtp_port" "$imap_port" "$mail_port" .data/smtp4dev.log "$PWD/$mail_db"
  # The host sends through it, from the support address, whose mail smtp4dev files in the mailbox the host polls.
  export Tickets__Smtp__Host=127.0.0.1 Tickets__Smtp__Port="$smtp_port" Tickets__Smtp__UseTls=false
  export Tickets__Mail__SupportAddress="$SMTP4DEV_USER@tickets.local"
  if [[ -z "${Tickets__Inbound__Imap__Host:-}" ]]; then
    export Tickets__Inbound__Imap__Host=127.0.0.1 Tickets__Inbound__Imap__Port="$imap_port" Tickets__Inbound__Imap__UseTls=false \
      Tickets__Inbound__Imap__UserName="$SMTP4DEV_USER" Tickets__Inbound__Imap__Password="$SMTP4DEV_PASSWORD"
  fi
  export DevHost__MailInbox="http://127.0.0.1:$mail_port/"
fi

# Links in e-mail point at this host: the first address of --urls when given.
if [[ -z "${Tickets__PublicUrl:-}" ]]; then
  public_url=http://localhost:7071
  for ((i = 1; i <= $#; i++)); do
    case "${!i}" in
      --urls=*) public_url=${!i#--urls=} ;;
      --urls) j=$((i + 1)); public_url=${!j:-$public_url} ;;
    esac
  done
  export Tickets__PublicUrl="${public_url%%;*}"
fi

# The build on its own, so it can be watched: the first one takes minutes on a small machine.
step "Building the local host (.NET, Release): projects are listed as they finish"
PROGRESS_EVERY=15 with_progress "still building" "" dotnet build src/Tickets.DevHost -c Release -nologo -v minimal -clp:NoSummary

# Says when the host answers (it prints its own lines while it starts).
(
  for _ in $(seq 1 600); do
    if curl -fs --max-time 2 "$Tickets__PublicUrl/api/health" > /dev/null 2>&1; then
      step "Tickets is ready at $Tickets__PublicUrl (demo accounts in the README; the API reference at $Tickets__PublicUrl/api/docs)"
      exit 0
    fi
    sleep 0.5
  done
) &
ready_pid=$!

step "Starting the local host"
# Not exec: the EXIT trap stops the services once the host has stopped.
dotnet run --no-build --project src/Tickets.DevHost -c Release -- "$@"
