package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kartoitus/kartoitus/export/parquetsrc"
)

// TestRegistersFromParquet: a Parquet copy of an export gives exactly the
// findings and the summary of the CSV (issue 19), on generated exports
// and the hand-written sample.
func TestRegistersFromParquet(t *testing.T) {
	for _, tc := range differentialSets(t) {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			csvPath, pqPath := filepath.Join(dir, "export.csv"), filepath.Join(dir, "export.parquet")
			if err := os.WriteFile(csvPath, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := parquetsrc.FromCSV(&buf, bytes.NewReader(tc.data)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(pqPath, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			base := append([]string{"registers", "--format", "json", "--max-findings", "-1", "--fail-on", "never"}, tc.args...)
			fromCSV := registersJSON(t, "", append(base, csvPath)...)
			fromPQ := registersJSON(t, "", append(base, pqPath)...)
			if len(fromCSV.Findings) == 0 {
				t.Fatal("no findings from the CSV: the comparison would prove nothing")
			}
			if !reflect.DeepEqual(fromPQ.Summary, fromCSV.Summary) {
				t.Errorf("summary %v, CSV %v", fromPQ.Summary, fromCSV.Summary)
			}
			if a, b := fromCSV.comparable(), fromPQ.comparable(); !reflect.DeepEqual(a, b) {
				for i := range min(len(a), len(b)) {
					if !reflect.DeepEqual(a[i], b[i]) {
						t.Errorf("finding %d differs:\nCSV:     %v\nParquet: %v", i, a[i], b[i])
						break
					}
				}
				t.Errorf("%d findings, CSV %d", len(b), len(a))
			}
			t.Logf("%d findings, identical from the CSV and the Parquet copy (%d bytes vs %d)", len(fromCSV.Findings), len(tc.data), buf.Len())
		})
	}
	bad := filepath.Join(t.TempDir(), "bad.parquet")
	if err := os.WriteFile(bad, []byte("PAR1 damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, "", "registers", bad); r.code != 2 {
		t.Errorf("damaged Parquet: exit %d, %s", r.code, r.stderr)
	}
}
