#!/usr/bin/env bash
# Local PostgreSQL 15 and RabbitMQ for TitleReview, without Docker: installed from Debian's packages when
# missing, run on loopback with their data under .local/ in the project (git-ignored).
#
#   deploy/local/infra.sh up        install if needed, start both, create the database, print connection strings
#   deploy/local/infra.sh down      stop what 'up' started (nothing else)
#   deploy/local/infra.sh status    say what is running
#   deploy/local/infra.sh env       print the connection strings as shell exports
#   deploy/local/infra.sh rabbitmq-stop | rabbitmq-start    take the broker away and back (outage tests)
#   deploy/local/infra.sh vhost-add NAME | vhost-delete NAME  an isolated RabbitMQ virtual host per test run
#   deploy/local/infra.sh queues NAME                        each queue of that virtual host and its message count
#
# PostgreSQL is durable by default (fsync and synchronous_commit on): what run.sh starts keeps what it acknowledged
# through a crash or power cut. TITLEREVIEW_PG_FAST=1 (set by test.sh, and so by CI) starts it with fsync=off and
# synchronous_commit=off instead: faster for throwaway test databases, but a crash of the machine can lose or corrupt
# every database in it. A server already running keeps the mode it was started in; 'up' and 'status' say which.
#
# The passwords below are development secrets for servers that listen on 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${TITLEREVIEW_DATA:-$ROOT/.local}"
PG_PORT="${TITLEREVIEW_PG_PORT:-55432}"
PG_PASSWORD="titlereview-dev"          # development only
PG_DATABASE="titlereview"
PG_FAST="${TITLEREVIEW_PG_FAST:-0}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
AMQP_PORT="${TITLEREVIEW_AMQP_PORT:-5682}"
AMQP_DIST_PORT=$((AMQP_PORT + 1))   # keep both below the kernel's ephemeral range (32768+), where RabbitMQ failed to bind

export RABBITMQ_NODENAME="titlereview@localhost"
export RABBITMQ_DIST_PORT="$AMQP_DIST_PORT"
export RABBITMQ_MNESIA_BASE="$DATA/rabbitmq/mnesia"
export RABBITMQ_LOG_BASE="$DATA/rabbitmq/log"
export RABBITMQ_PID_FILE="$DATA/rabbitmq/rabbitmq.pid"
export RABBITMQ_ENABLED_PLUGINS_FILE="$DATA/rabbitmq/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$DATA/rabbitmq/rabbitmq"
# Erlang distribution and epmd on loopback too: nothing of this broker is reachable from the network.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1

say() { echo "infra: $*" >&2; }

as_user() { # run a command as a system user; PostgreSQL refuses to run as root
  local user="$1"; shift
  if [ "$(id -un)" = "$user" ]; then "$@"; elif [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else sudo -u "$user" "$@"; fi
}

apt_install() {
  local missing=("$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} with apt"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_missing() {
  local missing=()
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
  # The Certificate service embeds these TrueType fonts in its PDFs (CJK, and Latin letters and digits).
  [ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing+=(fonts-droid-fallback)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  apt_install "${missing[@]}"
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
}

pg_mode() { # how the running server treats commits, from the server itself
  local fsync
  fsync="$(as_user postgres "$PG_BIN/psql" -h "$DATA/postgres-run" -p "$PG_PORT" -U postgres -tAc "show fsync" 2>/dev/null || echo unknown)"
  case "$fsync" in
    on) echo "durable: fsync on" ;;
    off) echo "fast test mode: fsync off, a crash can lose data" ;;
    *) echo "fsync $fsync" ;;
  esac
}

pg_running() { [ -n "$PG_BIN" ] && [ -f "$DATA/postgres/PG_VERSION" ] && as_user postgres "$PG_BIN/pg_ctl" -D "$DATA/postgres" status >/dev/null 2>&1; }
rabbit_running() { [ -f "$RABBITMQ_PID_FILE" ] && rabbitmqctl -q status >/dev/null 2>&1; }

pg_up() {
  local wanted="on" flags=""
  if [ "$PG_FAST" = 1 ]; then
    # Test runs only (TITLEREVIEW_PG_FAST=1): no flush to disk per commit. Never for data anyone wants to keep.
    wanted="off" flags="-c fsync=off -c synchronous_commit=off"
  fi
  if pg_running; then
    local mode; mode="$(pg_mode)"
    say "PostgreSQL already running on 127.0.0.1:$PG_PORT ($mode)"
    case "$mode" in
      *"fsync $wanted"*) ;;
      *) say "it was started in the other mode; 'deploy/local/infra.sh down' then 'up' restarts it as this run asks" ;;
    esac
    return
  fi
  mkdir -p "$DATA"
  if [ ! -f "$DATA/postgres/PG_VERSION" ]; then
    install -d -o postgres -g postgres -m 700 "$DATA/postgres"
    local pwfile; pwfile="$(mktemp)"; echo "$PG_PASSWORD" > "$pwfile"; chmod 644 "$pwfile"
    as_user postgres "$PG_BIN/initdb" -D "$DATA/postgres" -U postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  # The socket directory is the postgres user's alone: local connections are 'trust', so anyone who could reach the
  # socket would be the superuser. Scripts connect through it as postgres; the services and tests use TCP.
  install -d -o postgres -g postgres -m 700 "$DATA/postgres-run"
  as_user postgres "$PG_BIN/pg_ctl" -D "$DATA/postgres" -l "$DATA/postgres-run/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $DATA/postgres-run -c max_connections=300 $flags" start >/dev/null
  as_user postgres touch "$DATA/postgres-run/started-by-infra"
  say "PostgreSQL started on 127.0.0.1:$PG_PORT ($(pg_mode))"
}

pg_database() {
  local exists
  exists="$(as_user postgres "$PG_BIN/psql" -h "$DATA/postgres-run" -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='$PG_DATABASE'")"
  [ "$exists" = 1 ] || as_user postgres "$PG_BIN/psql" -h "$DATA/postgres-run" -p "$PG_PORT" -U postgres -qc "create database $PG_DATABASE" >/dev/null
}

rabbit_up() {
  if rabbit_running; then say "RabbitMQ already running on 127.0.0.1:$AMQP_PORT"; return; fi
  install -d -o rabbitmq -g rabbitmq "$DATA/rabbitmq" "$DATA/rabbitmq/mnesia" "$DATA/rabbitmq/log"
  [ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ] || { echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"; chown rabbitmq:rabbitmq "$RABBITMQ_ENABLED_PLUGINS_FILE"; }
  # guest may connect from loopback only (RabbitMQ's default), which is all this broker listens on.
  { printf 'loopback_users.guest = true\nlisteners.tcp.1 = 127.0.0.1:%s\n' "$AMQP_PORT" > "$RABBITMQ_CONFIG_FILE.conf"; chown rabbitmq:rabbitmq "$RABBITMQ_CONFIG_FILE.conf"; }
  rabbitmq-server -detached >/dev/null 2>&1 || true
  local waited=0
  until rabbitmqctl -q await_startup >/dev/null 2>&1; do
    waited=$((waited + 1)); [ $waited -le 90 ] || { say "RabbitMQ did not start; see $RABBITMQ_LOG_BASE"; exit 1; }
    sleep 1
  done
  say "RabbitMQ started on 127.0.0.1:$AMQP_PORT"
}

print_env() {
  cat <<ENV
export ConnectionStrings__eventstore="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=postgres;Password=$PG_PASSWORD"
export ConnectionStrings__messaging="amqp://guest:guest@127.0.0.1:$AMQP_PORT"
export TITLEREVIEW_INFRA_SCRIPT="$ROOT/deploy/local/infra.sh"
ENV
}

case "${1:-}" in
  up)
    install_missing
    pg_up; pg_database
    rabbit_up
    print_env > "$DATA/infra.env"
    say "connection strings (also in $DATA/infra.env):"
    print_env
    ;;
  down)
    if as_user postgres test -f "$DATA/postgres-run/started-by-infra" 2>/dev/null && pg_running; then
      as_user postgres "$PG_BIN/pg_ctl" -D "$DATA/postgres" -m fast -w stop >/dev/null
      as_user postgres rm -f "$DATA/postgres-run/started-by-infra"; say "PostgreSQL stopped"
    fi
    if rabbit_running; then rabbitmqctl -q stop >/dev/null 2>&1 || true; rm -f "$RABBITMQ_PID_FILE"; say "RabbitMQ stopped"; fi
    ;;
  status)
    if pg_running; then echo "postgresql: running on 127.0.0.1:$PG_PORT ($(pg_mode))"; else echo "postgresql: stopped"; fi
    if rabbit_running; then echo "rabbitmq: running on 127.0.0.1:$AMQP_PORT"; else echo "rabbitmq: stopped"; fi
    ;;
  env) print_env ;;
  rabbitmq-stop) rabbitmqctl -q stop_app ;;
  rabbitmq-start) rabbitmqctl -q start_app && rabbitmqctl -q await_startup ;;
  vhost-add)
    # The virtual host and guest's permissions on it in one definitions import: each rabbitmqctl call starts an Erlang
    # VM (~0.8 s of CPU), and every test fixture adds a virtual host. The name goes into JSON, so only plain names.
    [[ "${2:-}" =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "infra: vhost-add takes a name of letters, digits, '_', '.' or '-'" >&2; exit 2; }
    printf '{"vhosts":[{"name":"%s"}],"permissions":[{"user":"guest","vhost":"%s","configure":".*","write":".*","read":".*"}]}' "$2" "$2" \
      | rabbitmqctl -q import_definitions >/dev/null ;;
  vhost-delete) rabbitmqctl -q delete_vhost "$2" >/dev/null 2>&1 || true ;;
  queues) rabbitmqctl -q list_queues -p "$2" --no-table-headers name messages ;;
  *) sed -n '2,18p' "$0"; exit 2 ;;
esac
