#!/usr/bin/env bash
# Runs the whole system on this machine: local PostgreSQL and RabbitMQ (deploy/local/infra.sh), then the Aspire
# AppHost with every service as a process. Ctrl+C stops the services; 'deploy/local/infra.sh down' stops the servers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Durable PostgreSQL (fsync on), whatever the shell says: this is the data someone works with. test.sh runs it fast.
TITLEREVIEW_PG_FAST=0 "$ROOT/deploy/local/infra.sh" up >/dev/null
# shellcheck disable=SC1091
source "$ROOT/.local/infra.env"

# Development only: plain HTTP dashboard without sign-in, on loopback.
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ASPNETCORE_URLS=http://127.0.0.1:18888
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:18889
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true

cat <<URLS
TitleReview is starting. URLs:
  Aspire dashboard   http://127.0.0.1:18888
  Intake             http://127.0.0.1:5101   (POST /api/applications, GET /api/applications/{id})
  Review             http://127.0.0.1:5102   (/api/review/..., /api/committee/...)
  Publicity          http://127.0.0.1:5103   (/api/working-days/...)
  Payment            http://127.0.0.1:5104   (/api/payments)
  Certificate        http://127.0.0.1:5105   (/api/certificates/...)
  Audit              http://127.0.0.1:5106   (/audit pages, /api/audit/...; CLI: src/Tools/AuditCli)
  every service      /health  /alive  (development clock: PUT /api/dev/clock)
Stop with Ctrl+C; then 'deploy/local/infra.sh down' stops PostgreSQL and RabbitMQ.
URLS

exec dotnet run --project "$ROOT/src/AppHost" --no-launch-profile
