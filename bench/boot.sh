#!/usr/bin/env bash
# Boot time with one million rows in the largest table against an empty store, same run, both vendors.
# Usage: bench/boot.sh [sqlite|postgresql|both] [runs] [rows]   (default: both 5 1000000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bin/lib/java.sh
java_home="$(find_java_home)"
[ -n "$java_home" ] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
bin/firewatch version >/dev/null   # builds the jar when it is missing or stale
vendors=${1:-both}; runs=${2:-5}; rows=${3:-1000000}
[ "$vendors" = both ] && vendors="sqlite postgresql"
for vendor in $vendors; do
  "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp target/firewatch.jar bench/BootBench.java "$vendor" "$runs" "$rows"
done
