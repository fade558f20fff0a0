#!/usr/bin/env bash
# Mutation testing of the libraries with Stryker.NET 5.1.0 (the dotnet-stryker tool of dotnet-tools.json).
# Slow (a whole library takes tens of minutes on 2 cores): not run in CI.
#   tests/mutation.sh                       every library, one after the other
#   tests/mutation.sh capture [stryker options]   one library: capture | vocabulary | prov
#   e.g. tests/mutation.sh capture --mutate '**/Session/*.cs'   one folder while iterating
# Reports (HTML and JSON, with the score per file and folder) go to artifacts/mutation/<library>/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

run() {
  local library=$1 project=$2 tests=$3
  shift 3
  local output="$PWD/artifacts/mutation/$library"
  rm -rf "$output"
  echo "== $library: mutating src/$project with the tests of tests/$tests"
  # Stryker compiles mutants without AspectInjector's pass: that works because the woven advice lives in
  # Provenance.Capture.Weaving, which is never mutated here (README, "Mutation testing").
  (cd "tests/$tests" && dotnet stryker --config-file "$PWD/../stryker-config.json" --project "$project.csproj" \
      --output "$output" --skip-version-check "$@")
}

# Every capture the tests start takes an inotify instance (the file watch), and a mutant that breaks a
# Dispose leaks them in the long-lived test hosts: past the default limit of 128 per user, every later
# watch fails to open, the watch tests skip, and their mutants were reported as survivors (FileWatch: 4
# killed of 146 at the limit, 93 above it). Raise the limit where we may; say so where we may not.
instances=$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 0)
if [ "$instances" -gt 0 ] && [ "$instances" -lt 65536 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sysctl -q -w fs.inotify.max_user_instances=65536
  else
    echo "warning: fs.inotify.max_user_instances is $instances: mutants that leak file watches make the watch tests skip and their mutants survive; raise it (sudo sysctl -w fs.inotify.max_user_instances=65536)" >&2
  fi
fi

library=${1:-all}
[ $# -gt 0 ] && shift
case "$library" in
  capture) run capture Provenance.Capture Provenance.Capture.Tests "$@" ;;
  vocabulary) run vocabulary Provenance.Capture.Vocabulary Provenance.Capture.Tests "$@" ;;
  prov) PROVCAP_MUTATION_TESTING=1 run prov Provenance.Capture.Prov Provenance.Capture.Prov.Tests "$@" ;;
  all)
    run capture Provenance.Capture Provenance.Capture.Tests "$@"
    run vocabulary Provenance.Capture.Vocabulary Provenance.Capture.Tests "$@"
    PROVCAP_MUTATION_TESTING=1 run prov Provenance.Capture.Prov Provenance.Capture.Prov.Tests "$@"
    ;;
  *) echo "usage: tests/mutation.sh [capture|vocabulary|prov|all] [stryker options]" >&2; exit 2 ;;
esac
