#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ: starts them with deploy/local/infra.sh (installing them on
# Debian/Ubuntu when missing), then 'dotnet test' over the solution. Each run uses a fresh database and RabbitMQ
# virtual host of its own. Extra arguments go to 'dotnet test' (for example --filter ThinPath).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Throwaway databases only: PostgreSQL without fsync is faster and a crash loses nothing worth keeping. infra.sh says
# which mode it runs in (a server that run.sh started durable stays durable until 'infra.sh down').
TITLEREVIEW_PG_FAST=1 "$ROOT/deploy/local/infra.sh" up >/dev/null
# shellcheck disable=SC1091
source "$ROOT/.local/infra.env"

# Browser tests drive Debian's Chromium (Playwright's own download does not work offline); the PDF tests read
# certificates back with poppler's pdftotext and pdftoppm.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ] || ! command -v pdftotext >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils >/dev/null
fi

# The OpenAPI lint test runs Spectral, pinned in tests/contract/package-lock.json.
command -v npm >/dev/null 2>&1 || { echo "test.sh: npm (Node.js) is missing; the OpenAPI lint test needs it (apt-get install nodejs npm)" >&2; exit 1; }
(cd "$ROOT/tests/contract" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# The generated-client test runs kiota from the repository's tool manifest (.config/dotnet-tools.json).
(cd "$ROOT" && dotnet tool restore >/dev/null)

rm -rf "$ROOT/TestResults"
# Tests start hundreds of short-lived hosts and processes, so much of their CPU is the JIT, and dynamic PGO's
# instrumented tier only adds to it. Off, a whole CI run spent 1,248 s in tests against 1,315 s with it off only for the
# deploy tests' services (bench/README.md). The services in production keep the runtime's default.
export DOTNET_TieredPGO=0
export TITLEREVIEW_SCREENSHOTS="$ROOT/TestResults/screenshots"
# A test that hangs fails after 10 minutes with a dump beside the results, instead of holding the run until CI kills it.
exec dotnet test "$ROOT/TitleReview.sln" --blame-hang-timeout 10m --logger "trx" --results-directory "$ROOT/TestResults" "$@"
