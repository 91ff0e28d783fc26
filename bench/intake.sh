#!/usr/bin/env bash
# Intake throughput: wrk against Firewatch's /v2/enqueue and Alertmanager webhook endpoint on SQLite and
# PostgreSQL, and against the real Prometheus Alertmanager (/api/v2/alerts) as the anchor, in the same run.
# Usage: bench/intake.sh [--runs N] [--stores sqlite,postgresql] [--only fw-v2-distinct,am-single,...]
#                        [--warmup S] [--measure S] [--connections N] [--profile]
# Needs wrk (apt-get install wrk), /usr/bin/prometheus-alertmanager and, for PostgreSQL, a server on
# 127.0.0.1:5432 that user postgres may create databases on. The report goes to stdout; details (wrk output,
# server logs, JFR files with --profile) stay in the work directory named on stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bin/lib/java.sh
java_home="$(find_java_home)"
[ -n "$java_home" ] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk not found; apt-get install -y wrk" >&2; exit 1; }
[ -x /usr/bin/prometheus-alertmanager ] || { echo "bench: /usr/bin/prometheus-alertmanager not found; apt-get install -y prometheus-alertmanager" >&2; exit 1; }
bin/firewatch version >/dev/null   # builds the jar when it is missing or stale
source bench/startup-cache.sh
write_startup_cache
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp target/firewatch.jar bench/IntakeBench.java "$@"
