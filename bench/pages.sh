#!/usr/bin/env bash
# Page latency with one million alerts stored against a small store (the anchor), same run, SQLite and
# PostgreSQL: the alerts list and its filters, the incidents list, an incident's page, acknowledging from the UI.
# Usage: bench/pages.sh [--stores sqlite|postgres|both] [--alerts N] [--anchor N] [--requests N] [--warmup N]
#                       [--keep] [--reuse DIR]
# Needs, for PostgreSQL, a server on 127.0.0.1:5432 that user postgres may create databases on. The report
# goes to stdout; progress, the work directory and the server logs' place to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bin/lib/java.sh
java_home="$(find_java_home)"
[ -n "$java_home" ] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
bin/firewatch version >/dev/null   # builds the jar when it is missing or stale
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp target/firewatch.jar bench/PagesBench.java "$@"
