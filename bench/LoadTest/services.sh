#!/usr/bin/env bash
# The six services from a Release build, as background processes, for the load test (bench/LoadTest).
#
#   bench/LoadTest/services.sh start     publish once (Release), create a fresh database and RabbitMQ virtual host
#                                        named bench_<timestamp>, start every service, wait until each answers /alive
#   bench/LoadTest/services.sh stop      stop them, drop that database and virtual host
#   bench/LoadTest/services.sh restart   stop and start the services on the same database (after seeding it)
#   bench/LoadTest/services.sh status    what runs, on which database
#   bench/LoadTest/services.sh env       the exports the load generator reads (eval "$(… env)")
#   bench/LoadTest/services.sh publish   publish again (after a change to the services)
#
# Needs ConnectionStrings__eventstore and ConnectionStrings__messaging of the local servers: from the environment, else
# from .local/infra.env (written by deploy/local/infra.sh up). Ports BENCH_BASE_PORT+1 … +6 (default 5101–5106:
# intake, review, publicity, payment, certificate, audit); state, logs and the publish output in .local/bench/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${BENCH_STATE:-$ROOT/.local/bench}"
PUBLISH="$STATE/publish"
BASE_PORT="${BENCH_BASE_PORT:-5100}"
SERVICES=(Intake Review Publicity Payment Certificate Audit)

say() { echo "services: $*" >&2; }

load_infra() {
  if [ -z "${ConnectionStrings__eventstore:-}" ] && [ -f "$ROOT/.local/infra.env" ]; then
    # shellcheck disable=SC1091
    source "$ROOT/.local/infra.env"
  fi
  if [ -z "${ConnectionStrings__eventstore:-}" ] || [ -z "${ConnectionStrings__messaging:-}" ]; then
    say "set ConnectionStrings__eventstore and ConnectionStrings__messaging (eval \"\$(deploy/local/infra.sh env)\")"
    exit 1
  fi
  INFRA_SCRIPT="${TITLEREVIEW_INFRA_SCRIPT:-$ROOT/deploy/local/infra.sh}"
}

port_of() { # service index (0-5) → port
  echo $((BASE_PORT + 1 + $1))
}

# psql against the server of ConnectionStrings__eventstore (Npgsql's key=value form), as the admin user.
psql_admin() {
  local cs="$ConnectionStrings__eventstore" host port user password
  host=$(sed -nE 's/.*Host=([^;]+).*/\1/p' <<<"$cs"); port=$(sed -nE 's/.*Port=([^;]+).*/\1/p' <<<"$cs")
  user=$(sed -nE 's/.*Username=([^;]+).*/\1/p' <<<"$cs"); password=$(sed -nE 's/.*Password=([^;]+).*/\1/p' <<<"$cs")
  PGPASSWORD="$password" psql -h "$host" -p "${port:-5432}" -U "$user" -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"
}

publish() {
  say "dotnet publish -c Release of the six services into $PUBLISH (minutes on two cores)"
  for service in "${SERVICES[@]}"; do
    # Analyzers already ran in the solution's build; here they only cost time.
    dotnet publish "$ROOT/src/Services/$service/$service.csproj" -c Release -o "$PUBLISH/$service" \
      -p:RunAnalyzers=false -nologo -v:q >&2
  done
  date -u +%FT%TZ >"$PUBLISH/.published"
}

settings() { # the environment of one service: Development, its port, the run's database and vhost, bench limits
  local index="$1" database="$2"
  local eventstore messaging intake
  eventstore="$(sed -E "s/Database=[^;]+/Database=$database/" <<<"$ConnectionStrings__eventstore")"
  messaging="${ConnectionStrings__messaging%/}/$database"
  intake="http://127.0.0.1:$(port_of 0)"
  cat <<EOF
ASPNETCORE_ENVIRONMENT=Development
ASPNETCORE_URLS=http://127.0.0.1:$(port_of "$index")
ConnectionStrings__eventstore=$eventstore
ConnectionStrings__messaging=$messaging
Logging__LogLevel__Default=Warning
Intake__RateLimit__PerMinute=10000000
Review__IntakeAddress=$intake
Audit__IntakeAddress=$intake
Publicity__Jobs__PollInterval=00:00:01
Publicity__Jobs__AutoPublishAt=
MASSTRANSIT_USAGE_TELEMETRY=false
EOF
  # Extra settings for an experiment, one KEY=VALUE a line (e.g. BENCH_SETTINGS=EventStore__Relay__WakeOnCommit=false).
  [ -z "${BENCH_SETTINGS:-}" ] || printf '%s\n' "$BENCH_SETTINGS"
  # Development already has the movable clock (starting 2023-06-01 10:00 Beijing time, inside the 2023 window), the
  # development API keys, the fees of the 2023 cycle and the payment platform's development secret (appsettings).
  # The portal limit is raised: the default 600 a minute per client would measure the limiter, not the system.
  # Publicity completes every second and publishes only when asked, so the certify scenario controls notices.
  # MassTransit 8.4+ reports usage to its vendor's host after start-up: nothing here leaves the machine.
}

start() {
  load_infra
  if [ -f "$STATE/database" ]; then
    say "already started on $(cat "$STATE/database"); 'services.sh stop' first"
    exit 1
  fi
  [ -f "$PUBLISH/.published" ] || publish
  local database="bench_$(date -u +%Y%m%d%H%M%S)"
  mkdir -p "$STATE/logs"
  psql_admin "create database $database"
  "$INFRA_SCRIPT" vhost-add "$database"
  echo "$database" >"$STATE/database"
  say "database and virtual host $database"
  launch "$database"
}

launch() { # starts the six services on the run's database and waits for each to answer /alive
  local database="$1"
  for index in "${!SERVICES[@]}"; do
    local service="${SERVICES[$index]}" folder entry
    folder="$PUBLISH/$service"
    entry="$(basename "$(ls "$folder"/*.runtimeconfig.json)" .runtimeconfig.json).dll"
    (
      cd "$folder"
      # Only what settings() says decides the environment and the servers, not the caller's shell.
      mapfile -t variables < <(settings "$index" "$database")
      env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT -u ConnectionStrings__eventstore -u ConnectionStrings__messaging \
        "${variables[@]}" setsid nohup dotnet "$entry" >"$STATE/logs/$service.log" 2>&1 </dev/null &
      echo $! >"$STATE/$service.pid"
    )
  done

  for index in "${!SERVICES[@]}"; do
    local service="${SERVICES[$index]}" port deadline
    port="$(port_of "$index")"
    deadline=$((SECONDS + 180))
    until curl -sf -o /dev/null "http://127.0.0.1:$port/alive"; do
      if ! kill -0 "$(cat "$STATE/$service.pid")" 2>/dev/null; then
        say "$service exited; its log:"; tail -n 40 "$STATE/logs/$service.log" >&2; exit 1
      fi
      if [ $SECONDS -gt $deadline ]; then
        say "$service did not answer /alive on port $port within 3 minutes"; exit 1
      fi
      sleep 1
    done
    say "$service answers on http://127.0.0.1:$port"
  done
  env_exports
}

stop() {
  load_infra
  stop_processes
  if [ -f "$STATE/database" ]; then
    local database; database="$(cat "$STATE/database")"
    psql_admin "drop database if exists $database with (force)"
    "$INFRA_SCRIPT" vhost-delete "$database"
    rm -f "$STATE/database"
    say "dropped database and virtual host $database"
  fi
}

# Stops and starts the services on the same database and virtual host: after filling the database with
# bench/ReadPaths/seed.sql, whose truncation the running daemons would not notice (they keep their marks in memory).
restart() {
  load_infra
  [ -f "$STATE/database" ] || { say "not started"; exit 1; }
  stop_processes
  launch "$(cat "$STATE/database")"
}

stop_processes() {
  for service in "${SERVICES[@]}"; do
    local pidfile="$STATE/$service.pid"
    [ -f "$pidfile" ] || continue
    local pid; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      say "stopped $service ($pid)"
    fi
    rm -f "$pidfile"
  done
}

env_exports() { # what bench/LoadTest reads: the run's database (propagation, raw rate) and the services' base port
  load_infra
  [ -f "$STATE/database" ] || { say "not started"; exit 1; }
  local database; database="$(cat "$STATE/database")"
  echo "export ConnectionStrings__eventstore=\"$(sed -E "s/Database=[^;]+/Database=$database/" <<<"$ConnectionStrings__eventstore")\""
  echo "export ConnectionStrings__messaging=\"${ConnectionStrings__messaging%/}/$database\""
  echo "export BENCH_BASE_PORT=$BASE_PORT"
}

status() {
  [ -f "$STATE/database" ] && say "database $(cat "$STATE/database")" || say "not started"
  for index in "${!SERVICES[@]}"; do
    local service="${SERVICES[$index]}" pidfile="$STATE/${SERVICES[$index]}.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      say "$service pid $(cat "$pidfile") on port $(port_of "$index")"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  status) status ;;
  env) env_exports ;;
  publish) load_infra; publish ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
