#!/usr/bin/env bash
# Local stand-ins for the Azure services: Azurite (Storage queues and blobs, as two services), from npm at the version
# pinned in scripts/services/package-lock.json, and smtp4dev (a mail server that keeps every mail: SMTP in, a web inbox,
# and IMAP, so the help desk can poll its support mailbox), a .NET tool pinned in dotnet-tools.json.
#
#   bash scripts/services.sh install    # npm ci into scripts/services/node_modules when missing or stale; dotnet tool restore
#
# scripts/run.sh and scripts/test.sh source this file for the start/stop helpers below.

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services"
SERVICES_BIN="$SERVICES_DIR/node_modules/.bin"
# Azurite's well-known development account (published in its documentation; not a secret).
AZURITE_ACCOUNT="devstoreaccount1"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
SERVICES_STARTED=()

services_install() {
  if [[ ! -f "$SERVICES_DIR/node_modules/.package-lock.json" || "$SERVICES_DIR/package-lock.json" -nt "$SERVICES_DIR/node_modules/.package-lock.json" ]]; then
    echo "Installing Azurite (npm ci in scripts/services)" >&2
    npm ci --prefix "$SERVICES_DIR" --no-audit --no-fund --loglevel=error >&2 || return 1
  fi
  # smtp4dev, from the repository's tool manifest (a no-op once restored).
  (cd "$SERVICES_DIR/../.." && dotnet tool restore > /dev/null) || { echo "dotnet tool restore failed (smtp4dev)" >&2; return 1; }
}

# A connection string for an Azurite queue service on this port (what Tickets:Queues:Connection takes).
azurite_connection() {
  echo "DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;QueueEndpoint=http://127.0.0.1:$1/$AZURITE_ACCOUNT;"
}

# A connection string for an Azurite blob service on this port (what Tickets:Blobs:Connection takes; the account key
# also signs the download links).
azurite_blob_connection() {
  echo "DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$1/$AZURITE_ACCOUNT;"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_answers() { curl -s -o /dev/null -D - --max-time 2 "http://127.0.0.1:$1/$AZURITE_ACCOUNT?comp=list" | grep -qi '^Server: Azurite-Queue'; }

azurite_blob_answers() { curl -s -o /dev/null -D - --max-time 2 "http://127.0.0.1:$1/$AZURITE_ACCOUNT?comp=list" | grep -qi '^Server: Azurite-Blob'; }

smtp4dev_answers() { curl -fs --max-time 2 "http://127.0.0.1:$1/api/messages?pageSize=1" | grep -q '"results"'; }

# Waits up to WAIT_SECONDS (30) for a started process to pass a check; fails with its log when it exits or never does.
wait_for() {
  local pid=$1 log=$2 name=$3 seconds=${WAIT_SECONDS:-30}; shift 3
  for _ in $(seq 1 $((seconds * 10))); do
    "$@" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited during start:" >&2; cat "$log" >&2; return 1; fi
    sleep 0.1
  done
  echo "$name did not answer within $seconds s; log: $log" >&2
  return 1
}

# azurite_start PORT DATA_DIR: the queue service on loopback with its data under DATA_DIR. An Azurite already
# answering on PORT is reused; anything else on it is an error.
azurite_start() {
  local port=$1 data=$2
  if azurite_answers "$port"; then
    echo "Azurite already answering on port $port: using it" >&2
    return 0
  fi
  if port_in_use "$port"; then
    echo "Port $port is taken by something that is not Azurite: stop it or choose another port (TICKETS_AZURITE_PORT)" >&2
    return 1
  fi
  mkdir -p "$data"
  # setsid: Ctrl+C reaches the host first; the services are stopped after it, by the EXIT trap.
  setsid "$SERVICES_BIN/azurite-queue" --queueHost 127.0.0.1 --queuePort "$port" --location "$data" \
    --skipApiVersionCheck --disableTelemetry --silent > "$data/azurite.log" 2>&1 < /dev/null &
  local pid=$!
  SERVICES_STARTED+=("$pid")
  wait_for "$pid" "$data/azurite.log" Azurite azurite_answers "$port"
}

# azurite_start_ephemeral LOG: a queue service on a free port with in-memory data; sets AZURITE_PORT.
# (Not called in $(...): the started process must be recorded in this shell for services_stop.)
azurite_start_ephemeral() {
  local log=$1
  setsid "$SERVICES_BIN/azurite-queue" --queueHost 127.0.0.1 --queuePort 0 --inMemoryPersistence --extentMemoryLimit 256 \
    --skipApiVersionCheck --disableTelemetry --silent > "$log" 2>&1 < /dev/null &
  local pid=$!
  SERVICES_STARTED+=("$pid")
  wait_for "$pid" "$log" Azurite grep -q 'listens on' "$log" || return 1
  AZURITE_PORT=$(grep -oE 'listens on http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE '[0-9]+$')
}

# azurite_blob_start PORT DATA_DIR: the blob service (attachments) on loopback with its data under DATA_DIR. An Azurite
# blob service already answering on PORT is reused; anything else on it is an error.
azurite_blob_start() {
  local port=$1 data=$2
  if azurite_blob_answers "$port"; then
    echo "Azurite blob service already answering on port $port: using it" >&2
    return 0
  fi
  if port_in_use "$port"; then
    echo "Port $port is taken by something that is not Azurite's blob service: stop it or choose another port (TICKETS_AZURITE_BLOB_PORT)" >&2
    return 1
  fi
  mkdir -p "$data"
  setsid "$SERVICES_BIN/azurite-blob" --blobHost 127.0.0.1 --blobPort "$port" --location "$data" \
    --skipApiVersionCheck --disableTelemetry --silent > "$data/azurite-blob.log" 2>&1 < /dev/null &
  local pid=$!
  SERVICES_STARTED+=("$pid")
  wait_for "$pid" "$data/azurite-blob.log" "Azurite (blob)" azurite_blob_answers "$port"
}

# azurite_blob_start_ephemeral LOG: a blob service on a free port with in-memory data; sets AZURITE_BLOB_PORT.
# (Not called in $(...): the started process must be recorded in this shell for services_stop.)
azurite_blob_start_ephemeral() {
  local log=$1
  setsid "$SERVICES_BIN/azurite-blob" --blobHost 127.0.0.1 --blobPort 0 --inMemoryPersistence --extentMemoryLimit 256 \
    --skipApiVersionCheck --disableTelemetry --silent > "$log" 2>&1 < /dev/null &
  local pid=$!
  SERVICES_STARTED+=("$pid")
  wait_for "$pid" "$log" "Azurite (blob)" grep -q 'listens on' "$log" || return 1
  AZURITE_BLOB_PORT=$(grep -oE 'listens on http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE '[0-9]+$')
}

# The local support mailbox: smtp4dev files mail to soporte@<any domain> under its mailbox "Support", and an IMAP login
# as SMTP4DEV_USER reads that mailbox's INBOX (everything else lands in "Default", the inbox people's mail is read from).
# smtp4dev does not check IMAP passwords unless told to require authentication (which would also make the host log in
# to send), so this one is a development value for a local sink, not a secret.
SMTP4DEV_USER=soporte
SMTP4DEV_PASSWORD=soporte-local-dev

# smtp4dev_start SMTP_PORT IMAP_PORT WEB_PORT LOG [DB_FILE]: SMTP, IMAP and the web inbox (with its REST API, /api/messages) on
# loopback; no POP3. Mail is kept in DB_FILE (an absolute path), or in memory without one. A mailbox poller remembers
# the last IMAP UID it read, and smtp4dev numbers from 1 again when its mail is in memory: a host whose data outlives
# the sink's (scripts/run.sh) keeps the sink's mail in a file. A smtp4dev already answering on WEB_PORT is reused;
# anything else on one of the ports is an error.
smtp4dev_start() {
  local smtp=$1 imap=$2 web=$3 log=$4 db=${5:-}
  if smtp4dev_answers "$web"; then
    echo "smtp4dev already answering on port $web: using it (SMTP expected on $smtp, IMAP on $imap)" >&2
    return 0
  fi
  for port in "$smtp" "$imap" "$web"; do
    if port_in_use "$port"; then
      echo "Port $port is taken by something that is not smtp4dev: stop it or choose others (TICKETS_SMTP_PORT, TICKETS_IMAP_PORT, TICKETS_MAIL_PORT)" >&2
      return 1
    fi
  done
  # The user's mailbox can only be given in configuration (--user takes a name and a password): environment variables.
  # --pop3port="": without it smtp4dev binds POP3 on 110.
  (cd "$SERVICES_DIR/../.." && ServerOptions__Users__0__Username="$SMTP4DEV_USER" ServerOptions__Users__0__Password="$SMTP4DEV_PASSWORD" \
    ServerOptions__Users__0__DefaultMailbox=Support \
    exec setsid dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$web" --smtpport="$smtp" --imapport="$imap" --pop3port="" \
      --bindaddress=127.0.0.1 --hostname=localhost --db="$db" --nousersettings --messagestokeep=1000 \
      --mailbox="Support=$SMTP4DEV_USER@*") > "$log" 2>&1 < /dev/null &
  local pid=$!
  SERVICES_STARTED+=("$pid")
  # It takes several seconds to start (longer on a busy machine).
  WAIT_SECONDS=90 wait_for "$pid" "$log" smtp4dev smtp4dev_answers "$web"
}

# Stops what this script started (not services that were already running and reused).
services_stop() {
  local pid
  for pid in "${SERVICES_STARTED[@]}"; do
    kill -CONT "$pid" 2>/dev/null
    kill "$pid" 2>/dev/null
  done
  for pid in "${SERVICES_STARTED[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  SERVICES_STARTED=()
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-}" in
    install) services_install ;;
    *) echo "usage: $0 install" >&2; exit 2 ;;
  esac
fi
