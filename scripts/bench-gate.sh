#!/usr/bin/env bash
# Register-gate throughput in one table, each run its own process under
# /usr/bin/time -v (wall, user CPU, peak RSS), median of RUNS runs:
#
#   - a bare encoding/csv ReuseRecord read of the file (the floor: parse,
#     no mapping, no rules);
#   - both again pinned to one core (taskset), when taskset is there:
#     the one-core comparison, and the base of the scaling figure;
#   - the gate (kartoitus registers) at each of WORKERS (default 1 and the
#     number of cores): N goroutines parse and check rows, one more keeps
#     the cross-row state;
#   - DuckDB on the equivalent SQL (one scan: every field read as text,
#     the created date and the version parsed, and per document id whether
#     it is in two registers: the gate's per-row parsing and its heaviest
#     cross-row check, not its ~40 rules), at 1 and N threads, when the
#     duckdb CLI is on PATH or node can load @duckdb/node-api (set
#     NODE_PATH to the node_modules holding it); otherwise a line says it
#     was skipped.
#
#   scripts/bench-gate.sh                       # 1M rows
#   ROWS=200000 RUNS=5 WORKERS="1 2 3" scripts/bench-gate.sh
#
# The file is generated with canonical headers (the SQL names columns)
# in $BENCH_DIR (default /tmp/kartoitus-bench), about 270 MB per 1M rows.
# Wall time needs an idle machine: the load average is printed before and
# after, and user CPU seconds (the work done, whatever the load) next to
# wall time.
set -euo pipefail

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
CORES=$(nproc)
WORKERS=${WORKERS:-"1 $CORES"}
DIR=${BENCH_DIR:-/tmp/kartoitus-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$DIR"

need_mb=$((ROWS * 300 / 1000000 + 1))
free_mb=$(df -Pm "$DIR" | awk 'NR==2 {print $4}')
if [ "$free_mb" -lt "$need_mb" ]; then
	echo "need about ${need_mb} MB in $DIR, only ${free_mb} MB free" >&2
	exit 2
fi
if [ ! -x /usr/bin/time ]; then
	echo "needs /usr/bin/time (Debian: apt-get install time) for peak RSS" >&2
	exit 2
fi

echo "building…" >&2
(cd "$ROOT" && go build -o "$DIR/kartoitus" ./cmd/kartoitus)

# The floor: stdlib encoding/csv with ReuseRecord, nothing else.
mkdir -p "$DIR/bareread"
cat >"$DIR/bareread/main.go" <<'GO'
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	r := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
	r.Comma = ';'
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	rows, fields := 0, 0
	var pe *csv.ParseError
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.As(err, &pe) {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		rows++
		fields += len(rec)
	}
	fmt.Println(rows-1, fields)
}
GO
(cd "$DIR/bareread" && { [ -f go.mod ] || go mod init bareread >/dev/null 2>&1; } && go build -o "$DIR/bareread/bareread" .)

f="$DIR/gate-$ROWS.csv"
if [ ! -s "$f" ]; then
	echo "generating $f…" >&2
	"$DIR/kartoitus" registers generate --rows "$ROWS" --clients $((ROWS / 10)) --seed 1 --real-format --reveal-ids --canonical -o "$f"
fi
bytes=$(stat -c %s "$f")
cat "$f" >/dev/null # warm the page cache

# The SQL: one scan, grouped by document id.
sql="WITH per_doc AS (
  SELECT document_id, count(*) AS n, count(DISTINCT register) AS registers,
    count(*) FILTER (WHERE created <> '' AND try_cast(created AS TIMESTAMP) IS NULL) AS bad_created,
    count(*) FILTER (WHERE version <> '' AND try_cast(version AS INTEGER) IS NULL) AS bad_version
  FROM read_csv('$f', delim=';', header=true, all_varchar=true, ignore_errors=true, null_padding=true)
  GROUP BY document_id)
SELECT sum(n) AS rows, count(*) FILTER (WHERE registers > 1) AS mixed_documents,
  sum(bad_created) AS bad_created, sum(bad_version) AS bad_version FROM per_doc"
duck=""
if command -v duckdb >/dev/null 2>&1; then
	duck=cli
elif command -v node >/dev/null 2>&1 && node -e 'require("@duckdb/node-api")' >/dev/null 2>&1; then
	duck=node
	cat >"$DIR/duck.js" <<'JS'
// node duck.js THREADS SQL: runs the query on an in-memory DuckDB.
const { DuckDBInstance } = require("@duckdb/node-api");
(async () => {
  const db = await DuckDBInstance.create(":memory:", { threads: process.argv[2] });
  const conn = await db.connect();
  const res = await conn.runAndReadAll(process.argv[3]);
  console.log(JSON.stringify(res.getRowObjectsJson()));
})().catch((e) => { console.error(e); process.exit(2); });
JS
fi

# measure CMD… → "wall user rss_kb" of the median-wall run
measure() {
	local out=()
	for _ in $(seq "$RUNS"); do
		local rc=0
		/usr/bin/time -v "$@" >"$DIR/out.txt" 2>"$DIR/time.txt" || rc=$?
		if [ "$rc" -gt 1 ]; then # the gate exits 1 for findings
			echo "failed ($rc): $*" >&2
			cat "$DIR/time.txt" >&2
			exit 1
		fi
		local wall user rss
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time.txt")
		user=$(awk -F': ' '/User time/ {print $2}' "$DIR/time.txt")
		rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
		out+=("$wall $user $rss")
	done
	printf '%s\n' "${out[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

declare -A WALL
row() { # LABEL CMD…
	local label=$1
	shift
	local wall user rss
	read -r wall user rss <<<"$(measure "$@")"
	WALL[$label]=$wall
	awk -v n="$ROWS" -v b="$bytes" -v w="$wall" -v u="$user" -v r="$rss" -v l="$label" \
		'BEGIN { printf "%-38s %8.2f %8.2f %10.0f %8.1f %10.0f\n", l, w, u, n/w, b/1e6/w, r/1024 }'
}

# ratio A B: wall of A over wall of B (how many times faster B is)
ratio() { awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { printf "%.2f", a/b }'; }

echo
echo "$ROWS rows, $((bytes / 1000000)) MB, $CORES cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-38s %8s %8s %10s %8s %10s\n' run wall_s user_s rows/s MB/s peakRSS_MB
gate=("$DIR/kartoitus" registers --progress never --format json -o /dev/null)
# On one core: the process pinned to one CPU, so that neither the bare
# read nor the gate has its garbage collector (or anything else) run on
# another. Unpinned, a --workers 1 run still uses a second core for GC.
if command -v taskset >/dev/null 2>&1; then
	row "bare encoding/csv ReuseRecord, 1 core" taskset -c 0 "$DIR/bareread/bareread" "$f"
	row "gate, --workers 1, 1 core" taskset -c 0 "${gate[@]}" --workers 1 "$f"
fi
row "bare encoding/csv ReuseRecord" "$DIR/bareread/bareread" "$f"
for w in $WORKERS; do
	row "gate, --workers $w" "${gate[@]}" --workers "$w" "$f"
done
if command -v taskset >/dev/null 2>&1; then
	echo "one core: the gate at $(ratio "bare encoding/csv ReuseRecord, 1 core" "gate, --workers 1, 1 core")× the bare read's throughput"
	echo "1 → $CORES cores: the gate $(ratio "gate, --workers 1, 1 core" "gate, --workers $CORES")× (--workers 1 on one core → --workers $CORES unpinned)"
fi
case $duck in
cli)
	for t in 1 "$CORES"; do
		row "duckdb CLI, $t thread(s)" duckdb -c "SET threads TO $t; $sql"
	done
	;;
node)
	for t in 1 "$CORES"; do
		row "duckdb (node-api), $t thread(s)" node "$DIR/duck.js" "$t" "$sql"
	done
	echo "duckdb result: $(cat "$DIR/out.txt")"
	;;
*)
	echo "duckdb: skipped (no duckdb CLI on PATH, and node cannot load @duckdb/node-api; set NODE_PATH)"
	;;
esac
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
