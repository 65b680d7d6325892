#!/usr/bin/env bash
# Register-gate throughput and memory: for each size, generate an export
# (clients = rows/10), then time a bare encoding/csv ReuseRecord read and
# the full rule pass on 1 and 2 cores, each in its own process under
# /usr/bin/time -v for peak RSS. Reports the median of RUNS runs.
#
#   scripts/bench-registers.sh                 # 1M and 10M rows
#   SIZES=1000000 RUNS=5 scripts/bench-registers.sh
#
# 10M rows is about 2.7 GB in $BENCH_DIR (default /tmp/kartoitus-bench);
# the script checks free space first. Figures on a shared machine are noisy:
# user CPU seconds are printed next to wall time for that reason.
set -euo pipefail

SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-/tmp/kartoitus-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$DIR"

need_mb=0
for n in $SIZES; do need_mb=$((need_mb + n * 300 / 1000000)); done
free_mb=$(df -Pm "$DIR" | awk 'NR==2 {print $4}')
if [ "$free_mb" -lt "$need_mb" ]; then
	echo "need about ${need_mb} MB in $DIR, only ${free_mb} MB free" >&2
	exit 2
fi

echo "building…" >&2
(cd "$ROOT" && go build -o "$DIR/kartoitus" ./cmd/kartoitus)

# The floor: stdlib encoding/csv with ReuseRecord, nothing else.
mkdir -p "$DIR/bareread"
cat > "$DIR/bareread/main.go" <<'GO'
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
		panic(err)
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
			panic(err)
		}
		rows++
		fields += len(rec)
	}
	fmt.Println(rows-1, fields)
}
GO
(cd "$DIR/bareread" && [ -f go.mod ] || go mod init bareread >/dev/null 2>&1; go build -o "$DIR/bareread/bareread" .)

# measure LABEL GOMAXPROCS CMD… → prints "wall user rss_kb" (median wall run)
measure() {
	local procs=$1; shift
	local out=()
	for _ in $(seq "$RUNS"); do
		GOMAXPROCS=$procs /usr/bin/time -v "$@" >/dev/null 2>"$DIR/time.txt" || true
		local wall user rss
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$DIR/time.txt")
		user=$(awk -F': ' '/User time/ {print $2}' "$DIR/time.txt")
		rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
		out+=("$wall $user $rss")
	done
	local med minuser
	med=$(printf '%s\n' "${out[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
	minuser=$(printf '%s\n' "${out[@]}" | awk 'NR==1 || $2 < m {m=$2} END {print m}')
	echo "$med $minuser"
}

printf '\n%-10s %-28s %8s %8s %10s %9s %10s %12s\n' rows run wall_s user_s rows/s MB/s peakRSS_MB min_user_s
for n in $SIZES; do
	f="$DIR/export-$n.csv"
	if [ ! -s "$f" ]; then
		echo "generating $f…" >&2
		"$DIR/kartoitus" registers generate --rows "$n" --clients $((n / 10)) --seed 1 --real-format --reveal-ids -o "$f" 2>/dev/null
	fi
	bytes=$(stat -c %s "$f")
	cat "$f" >/dev/null # warm the page cache
	for spec in "bare encoding/csv ReuseRecord|1|$DIR/bareread/bareread $f" \
		"gate, 1 core|1|$DIR/kartoitus registers --workers 1 --format json -o /dev/null $f" \
		"gate, 2 cores, 1 goroutine|2|$DIR/kartoitus registers --workers 1 --format json -o /dev/null $f" \
		"gate, 2 cores, pipelined|2|$DIR/kartoitus registers --workers 2 --format json -o /dev/null $f"; do
		IFS='|' read -r label procs cmd <<<"$spec"
		# shellcheck disable=SC2086
		read -r wall user rss minuser <<<"$(measure "$procs" $cmd)"
		awk -v n="$n" -v b="$bytes" -v w="$wall" -v u="$user" -v r="$rss" -v l="$label" -v mu="$minuser" \
			'BEGIN { printf "%-10d %-28s %8.2f %8.2f %10.0f %9.1f %10.0f %12.2f\n", n, l, w, u, n/w, b/1e6/w, r/1024, mu }'
	done
done
echo
echo "file sizes:"; ls -l "$DIR"/export-*.csv | awk '{printf "  %s %.0f MB\n", $9, $5/1e6}'
