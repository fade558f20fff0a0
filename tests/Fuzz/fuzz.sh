#!/usr/bin/env bash
# Fuzzes one reader with afl++ through SharpFuzz (see tests/Fuzz/README.md). Not run in CI.
#   tests/Fuzz/fuzz.sh clef|lst|provjson|yaml [seconds, default 600]
# Needs afl++ (apt-get install -y afl++). Findings (crashes, hangs) go to artifacts/fuzz/<target>/default/;
# replay them with: dotnet artifacts/fuzz/bin/Provenance.Capture.Fuzz.dll <target> --replay <folder>
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: tests/Fuzz/fuzz.sh clef|lst|provjson|yaml [seconds]}
seconds=${2:-600}
build=artifacts/fuzz/bin
dotnet tool restore >/dev/null
if [ ! -f "$build/.instrumented" ]; then
  rm -rf "$build"
  dotnet build tests/Fuzz -c Release -o "$build" >/dev/null
  # The readers are instrumented for afl's coverage feedback; the harness and the framework are not.
  for dll in Provenance.Capture.Prov.dll Provenance.Capture.Vocabulary.dll YamlDotNet.dll; do
    dotnet sharpfuzz "$build/$dll"
  done
  touch "$build/.instrumented"
fi
mkdir -p "artifacts/fuzz/$target"
# dotnet itself carries no afl marker: the instrumentation is in the .NET assemblies.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
afl-fuzz -V "$seconds" -i "tests/Fuzz/corpus/$target" -o "artifacts/fuzz/$target" -t 5000 -m none \
  -- dotnet "$build/Provenance.Capture.Fuzz.dll" "$target"
