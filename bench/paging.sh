#!/usr/bin/env bash
# Paging latency (issue 4): from a committed trigger (the 202 of POST /v2/enqueue) to a webhook receiver holding
# the page, one incident at a time and 1,000 opening at once, on SQLite and PostgreSQL; and the real Prometheus
# Alertmanager (group_wait 0s) from POST /api/v2/alerts answered to its webhook notification, in the same run.
# Usage: bench/paging.sh [--runs N] [--systems alertmanager,sqlite,postgresql] [--sequential N] [--burst N]
#                        [--warmup N] [--warmup-burst N] [--connections N] [--gap-ms MS] [--max-wait S] [--profile]
# Needs /usr/bin/prometheus-alertmanager and, for PostgreSQL, a server on 127.0.0.1:5432 that user postgres may
# create databases on. The report goes to stdout; progress, the work directory and the server logs' place to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bin/lib/java.sh
java_home="$(find_java_home)"
[ -n "$java_home" ] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
[ -x /usr/bin/prometheus-alertmanager ] || { echo "bench: /usr/bin/prometheus-alertmanager not found; apt-get install -y prometheus-alertmanager" >&2; exit 1; }
bin/firewatch version >/dev/null   # builds the jar when it is missing or stale
source bench/startup-cache.sh
write_startup_cache
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp target/firewatch.jar bench/PagingBench.java "$@"
