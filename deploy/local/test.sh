#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ: starts them with deploy/local/infra.sh (installing them on
# Debian/Ubuntu when missing), then 'dotnet test' over the solution. Each run uses a fresh database and RabbitMQ
# virtual host of its own. Extra arguments go to 'dotnet test' (for example --filter ThinPath).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

"$ROOT/deploy/local/infra.sh" up >/dev/null
# shellcheck disable=SC1091
source "$ROOT/.local/infra.env"

rm -rf "$ROOT/TestResults"
exec dotnet test "$ROOT/TitleReview.sln" --logger "trx" --results-directory "$ROOT/TestResults" "$@"
