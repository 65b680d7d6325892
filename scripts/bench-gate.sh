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

# once FILE CMD…: runs CMD under /usr/bin/time, appends "wall user
# rss_kb" to FILE. Wall time is taken around it in nanoseconds: time's
# own has 10 ms steps, 3% of a 1M-row run on two cores.
once() {
	local file=$1
	shift
	local rc=0 t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -v "$@" >"$DIR/out.txt" 2>"$DIR/time.txt" || rc=$?
	t1=$(date +%s%N)
	if [ "$rc" -gt 1 ]; then # the gate exits 1 for findings
		echo "failed ($rc): $*" >&2
		cat "$DIR/time.txt" >&2
		exit 1
	fi
	local user rss
	user=$(awk -F': ' '/User time/ {print $2}' "$DIR/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b-a)/1e9 }') $user $rss" >>"$file"
}

declare -A WALL
# report LABEL FILE: the median-wall run of FILE as a table row
report() {
	local label=$1 wall user rss
	read -r wall user rss <<<"$(sort -n "$2" | sed -n "$(((RUNS + 1) / 2))p")"
	WALL[$label]=$wall
	awk -v n="$ROWS" -v b="$bytes" -v w="$wall" -v u="$user" -v r="$rss" -v l="$label" \
		'BEGIN { printf "%-38s %8.3f %8.2f %10.0f %8.1f %10.0f\n", l, w, u, n/w, b/1e6/w, r/1024 }'
}

# ratio A B: wall of A over wall of B (how many times faster B is)
ratio() { awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { printf "%.2f", a/b }'; }

echo
echo "$ROWS rows, $((bytes / 1000000)) MB, $CORES cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-38s %8s %8s %10s %8s %10s\n' run wall_s user_s rows/s MB/s peakRSS_MB
gate=("$DIR/kartoitus" registers --progress never --format json -o /dev/null)
# The runs to compare, interleaved: RUNS rounds of each once, so that a
# machine that speeds up or slows down during the script (a VM's
# neighbours) moves all of them alike. On one core: the process pinned
# to one CPU, so that neither the bare read nor the gate has its garbage
# collector (or anything else) run on another. Unpinned, a --workers 1
# run still uses a second core for GC.
labels=()
cmds=()
add() { labels+=("$1"); shift; cmds+=("$(printf '%q ' "$@")"); }
last=$((CORES - 1))
if command -v taskset >/dev/null 2>&1; then
	add "bare encoding/csv ReuseRecord, 1 core" taskset -c 0 "$DIR/bareread/bareread" "$f"
	add "gate, --workers 1, 1 core" taskset -c 0 "${gate[@]}" --workers 1 "$f"
	if [ "$last" -gt 0 ]; then
		# The same bare read on the last core: on a VM whose cores are
		# not equally fast (a neighbour on one), the scaling figure is
		# bounded by their sum, whatever the program.
		add "bare encoding/csv ReuseRecord, core $last" taskset -c "$last" "$DIR/bareread/bareread" "$f"
	fi
fi
add "bare encoding/csv ReuseRecord" "$DIR/bareread/bareread" "$f"
for w in $WORKERS; do
	add "gate, --workers $w" "${gate[@]}" --workers "$w" "$f"
done
for i in "${!cmds[@]}"; do : >"$DIR/runs.$i"; done
for _ in $(seq "$RUNS"); do
	for i in "${!cmds[@]}"; do
		eval "once \"\$DIR/runs.$i\" ${cmds[$i]}"
	done
done
for i in "${!cmds[@]}"; do
	report "${labels[$i]}" "$DIR/runs.$i"
done
if command -v taskset >/dev/null 2>&1; then
	echo "one core: the gate at $(ratio "bare encoding/csv ReuseRecord, 1 core" "gate, --workers 1, 1 core")× the bare read's throughput"
	echo "1 → $CORES cores: the gate $(ratio "gate, --workers 1, 1 core" "gate, --workers $CORES")× (--workers 1 on one core → --workers $CORES unpinned)"
	if [ "$last" -gt 0 ]; then
		echo "core 0 against core $last: the bare read there $(ratio "bare encoding/csv ReuseRecord, 1 core" "bare encoding/csv ReuseRecord, core $last")× as fast (1.00: equal cores; otherwise the scaling's ceiling moves with it)"
	fi
fi
# DuckDB, a reference rather than a pair, runs after, RUNS times each.
row() { # LABEL CMD…
	local label=$1
	shift
	: >"$DIR/runs.duck"
	for _ in $(seq "$RUNS"); do once "$DIR/runs.duck" "$@"; done
	report "$label" "$DIR/runs.duck"
}
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
