#!/usr/bin/env bash
# GotaKeren on a development or CI machine (Debian 12 with the .NET 10 SDK).
#   bash deploy/dev.sh run    start the app at http://localhost:5080 with the five demo regencies
#   bash deploy/dev.sh test   run every test, then print "N passed, N failed"
# It installs what is missing (Node.js/npm for the front-end packages, PostgreSQL, Chromium for the
# browser tests and PDFs, nginx for the scale-out test) with apt-get when run as root, and otherwise says what
# to install. deploy/cluster.sh starts the production topology (two nodes, nginx, a replica) on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ "${1:-}" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium fonts-liberation)
  command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
  # The scale-out test (deploy/cluster.sh) puts nginx in front of two app nodes.
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Memasang: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Pasang dulu: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi
# The cluster the app manages stops with the app; no system PostgreSQL service is needed.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case "${1:-}" in
  run)
    exec dotnet run --project src/GotaKeren.Web --launch-profile GotaKeren
    ;;
  test)
    log=$(mktemp)
    # Every request the app answered with its error page during the run, with its exception (tests only see "500").
    export GOTAKEREN_TEST_ERRORS; GOTAKEREN_TEST_ERRORS=$(mktemp)
    set +e
    dotnet test GotaKeren.sln 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ] && [ -s "$GOTAKEREN_TEST_ERRORS" ]; then
      echo "--- unhandled exceptions the app logged during this run (first 300 lines) ---"
      head -n 300 "$GOTAKEREN_TEST_ERRORS"
    fi
    rm -f "$GOTAKEREN_TEST_ERRORS"
    # One summary line per test assembly: "Passed!  - Failed: 0, Passed: 52, Skipped: 0, ..."
    passed=$( (grep -Eo 'Passed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
    failed=$( (grep -Eo 'Failed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
    rm -f "$log"
    set -e
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
      failed=1  # the build or a test host failed before any test could report
    fi
    echo "$passed passed, $failed failed"
    exit "$status"
    ;;
  *)
    echo "Pakai: bash deploy/dev.sh run | test" >&2
    exit 2
    ;;
esac
