#!/usr/bin/env bash
# Probe scheduling (issue 5): 10,000 HTTP monitors every 10 s against local targets for 5 minutes (scheduling lag
# p99, CPU, RSS, store growth), then the highest probe rate Firewatch sustains (shorter intervals, a minute each),
# and the Debian prometheus-blackbox-exporter driven by wrk against the same targets in the same run (the anchor).
# Usage: bench/probes.sh [--monitors N] [--interval 10s] [--seconds 300] [--peak-intervals 5s,2500ms,1s]
#                        [--peak-seconds 60] [--wrk-seconds 30] [--connections 32] [--max-wait S]
#                        [--no-peak] [--no-exporter] [--no-firewatch]
# Needs nginx (the targets), wrk and the exporter: apt-get install -y nginx-light wrk prometheus-blackbox-exporter
# The report goes to stdout; progress and the work directory (configs, logs, wrk output) to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bin/lib/java.sh
java_home="$(find_java_home)"
[ -n "$java_home" ] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
for tool in nginx wrk prometheus-blackbox-exporter; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null || {
    echo "bench: $tool not found; apt-get install -y nginx-light wrk prometheus-blackbox-exporter" >&2; exit 1; }
done
export PATH="$PATH:/usr/sbin"
bin/firewatch version >/dev/null   # builds the jar when it is missing or stale
"$java_home/bin/java" bench/ProbeBench.java "$@"
