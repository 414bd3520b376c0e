#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ: starts them with deploy/local/infra.sh (installing them on
# Debian/Ubuntu when missing), builds the solution, then runs every test project with 'dotnet test' in two lanes. Each
# fixture uses a fresh database and RabbitMQ virtual host of its own. Extra arguments go to each 'dotnet test' (for
# example --filter ThinPath).
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

# One build, then the test projects in two lanes side by side. 'dotnet test' over the solution ran the projects one
# after another (a CI run's results show almost no overlap) while the machine stood a quarter to a half idle: the
# system, browser and replica tests spend much of their time waiting on processes, browsers and the broker. Each
# fixture has a database and virtual host of its own, so the lanes share nothing but the servers. The three long
# projects (deploy, system, browser: 4 to 5 minutes each) are split so that the deploy tests run beside the short
# ones and the system tests beside the browser tests.
dotnet build "$ROOT/TitleReview.sln" -nologo -v quiet -clp:ErrorsOnly
projects=()
for project in "$ROOT"/tests/*/*.csproj; do
  if grep -q "Microsoft.NET.Test.Sdk" "$project"; then projects+=("$project"); fi
done
lane_a=() lane_b=()
for project in "${projects[@]}"; do
  case "$project" in
    */Deploy.Tests/*|*/System.Tests/*) lane_a+=("$project") ;;
    */Browser.Tests/*) ;;
    *) lane_b+=("$project") ;;
  esac
done
# Lane A runs the deploy tests, then the system tests (glob order); the browser tests come last in lane B, so they
# meet the system tests rather than the deploy tests.
lane_b+=("$ROOT/tests/Browser.Tests/Browser.Tests.csproj")

# A test that hangs fails after 10 minutes with a dump beside the results, instead of holding the run until CI kills it.
lane() {
  local failed=0
  for project in "$@"; do
    dotnet test "$project" --no-build --blame-hang-timeout 10m --logger "trx;LogFileName=$(basename "$project" .csproj).trx" \
      --results-directory "$ROOT/TestResults" "${extra[@]}" || failed=1
  done
  return $failed
}
extra=("$@")
lane "${lane_a[@]}" & a=$!
lane "${lane_b[@]}" & b=$!
status=0
wait $a || status=1
wait $b || status=1
exit $status
