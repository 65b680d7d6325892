package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/kartoitus/kartoitus/exportgen"
	"github.com/kartoitus/kartoitus/internal/fi"
	"github.com/kartoitus/kartoitus/internal/pgtest"
)

// nearMidnight is a generated canonical export whose documents were all
// made at 0.30 or 23.45 local time, where a date read in UTC instead of
// Helsinki time is another day, and the typed copies of it a database or
// a lake holds: created as an instant (timestamptz, a Parquet timestamp
// adjusted to UTC), the relationship's dates as dates.
type nearMidnight struct {
	csv    []byte
	header []string
	rows   [][]string
}

func newNearMidnight(t *testing.T) nearMidnight {
	t.Helper()
	data := generatedForTable(t, exportgen.Options{Rows: 6000, Seed: 23, Canonical: true})
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = ';'
	all, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := nearMidnight{header: all[0]}
	col := map[string]int{}
	for i, h := range n.header {
		col[h] = i
	}
	// The rows a typed column cannot hold (the generator's impossible
	// dates) are left out: they are the file path's to reject.
	valid := func(v, layout string) bool {
		_, err := time.Parse(layout, v)
		return v == "" || err == nil
	}
	for i, r := range all[1:] {
		c := r[col["created"]]
		if len(c) < 10 || !valid(c[:10], time.DateOnly) || !valid(r[col["unit_start"]], time.DateOnly) || !valid(r[col["unit_end"]], time.DateOnly) {
			continue
		}
		if i%2 == 0 {
			r[col["created"]] = c[:10] + "T00:30:00"
		} else {
			r[col["created"]] = c[:10] + "T23:45:00"
		}
		n.rows = append(n.rows, r)
	}
	// And one producer unit's client relationship 1.1.–30.6.2024 with its
	// documents on either side of its first and last midnight: winter time
	// (+2) at the start, summer time (+3) at the end.
	const (
		org, ctrl, prod, unit = "1.2.246.10.32213086.10.0", "1.2.246.10.32213086.19.0", "1.2.246.10.10938633.10.0", "1.2.246.10.10938633.10.1"
	)
	boundary := []map[string]string{
		{"document_id": "R1", "document_type": "group:1", "author_org": org, "created": "2024-01-01T00:30:00", "unit_start": "2024-01-01", "unit_end": "2024-06-30"},
		{"document_id": "P1", "created": "2024-01-01T00:30:00"}, // the first day: inside
		{"document_id": "P2", "created": "2024-06-30T23:45:00"}, // the last day: inside
		{"document_id": "P3", "created": "2023-12-31T23:45:00"}, // the day before: REG020
		{"document_id": "P4", "created": "2024-07-01T00:30:00"}, // the day after: REG020
	}
	for _, b := range boundary {
		v := map[string]string{
			"version": "1", "client_id": "010181-900C", "register": "social", "controller_id": ctrl, "controller_kind": "public",
			"organiser_id": org, "producer_id": prod, "service_unit": unit, "basis": "purchased", "service_task": "older_people",
			"document_type": "19005", "case_id": "A-1", "author_org": prod, "status": "active",
		}
		for k, x := range b {
			v[k] = x
		}
		r := make([]string, len(n.header))
		for i, h := range n.header {
			r[i] = v[h]
		}
		n.rows = append(n.rows, r)
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Comma = ';'
	cw.Write(n.header)
	cw.WriteAll(n.rows)
	n.csv = buf.Bytes()
	return n
}

// parquet writes the typed copy: created a timestamp adjusted to UTC (ms),
// unit_start and unit_end dates, the rest strings; every column optional.
func (n nearMidnight) parquet(t *testing.T, path string) {
	t.Helper()
	group := parquet.Group{}
	for _, h := range n.header {
		switch h {
		case "created":
			group[h] = parquet.Optional(parquet.TimestampAdjusted(parquet.Millisecond, true))
		case "unit_start", "unit_end":
			group[h] = parquet.Optional(parquet.Date())
		default:
			group[h] = parquet.Optional(parquet.String())
		}
	}
	schema := parquet.NewSchema("export", group)
	pos := map[string]int{}
	for i, h := range n.header {
		pos[h] = i
	}
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, schema)
	for _, r := range n.rows {
		row := make(parquet.Row, 0, len(n.header))
		for i, c := range schema.Columns() {
			v := r[pos[c[0]]]
			var pv parquet.Value
			switch {
			case v == "":
				row = append(row, parquet.NullValue().Level(0, 0, i))
				continue
			case c[0] == "created":
				ts, err := time.ParseInLocation("2006-01-02T15:04:05", v, fi.Helsinki())
				if err != nil {
					t.Fatal(err)
				}
				pv = parquet.Int64Value(ts.UnixMilli())
			case c[0] == "unit_start" || c[0] == "unit_end":
				d, err := time.Parse(time.DateOnly, v)
				if err != nil {
					t.Fatal(err)
				}
				pv = parquet.Int32Value(int32(d.Unix() / 86400))
			default:
				pv = parquet.ByteArrayValue([]byte(v))
			}
			row = append(row, pv.Level(0, 1, i))
		}
		if _, err := w.WriteRows([]parquet.Row{row}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRegistersTypedTimes: the documents of a client relationship's first
// and last day, made just after and just before midnight, read from a
// database's timestamptz column (the server in UTC) and from a Parquet
// timestamp adjusted to UTC give the file's findings: their day is
// Helsinki's, not UTC's, so no REG020 is made up or lost.
func TestRegistersTypedTimes(t *testing.T) {
	n := newNearMidnight(t)
	dir := inTemp(t, map[string]string{"export.csv": string(n.csv)})
	base := []string{"registers", "--format", "json", "--max-findings", "-1", "--fail-on", "never"}
	fromFile := registersJSON(t, "", append(base, dir+"/export.csv")...)
	// P3 and P4 and nothing else of the boundary rows.
	var outside []string
	for _, f := range fromFile.Findings {
		if k, _ := f["location"].(map[string]any)["key"].(string); f["rule"] == "REG020" && strings.HasPrefix(k, "P") {
			outside = append(outside, k)
		}
	}
	if !reflect.DeepEqual(outside, []string{"P3", "P4"}) {
		t.Fatalf("REG020 in the file on %v, want P3 and P4: the comparison would prove little", outside)
	}
	pq := filepath.Join(dir, "export.parquet")
	n.parquet(t, pq)

	pg := pgtest.URL(t)
	l := pgtest.LoadCSV(t, pg, n.csv, ';')
	var cols []string
	for _, h := range n.header {
		q := `"` + h + `"`
		switch h {
		case "created":
			q = fmt.Sprintf(`(NULLIF(%s, '')::timestamp AT TIME ZONE 'Europe/Helsinki') AS %s`, q, q)
		case "unit_start", "unit_end":
			q = fmt.Sprintf(`NULLIF(%s, '')::date AS %s`, q, q)
		}
		cols = append(cols, q)
	}
	sources := []struct {
		name string
		args []string
	}{
		{"Parquet", []string{pq}},
		{"PostgreSQL timestamptz", []string{"--from", pg, "--query", "SELECT " + strings.Join(cols, ", ") + " FROM " + l.Table + " ORDER BY " + pgtest.Ordinal}},
	}

	for _, src := range sources {
		t.Run(src.name, func(t *testing.T) {
			got := registersJSON(t, "", append(base, src.args...)...)
			if !reflect.DeepEqual(got.Summary, fromFile.Summary) {
				t.Errorf("summary %v, file %v", got.Summary, fromFile.Summary)
			}
			a, b := fromFile.comparable(), got.comparable()
			if !reflect.DeepEqual(a, b) {
				for i := range min(len(a), len(b)) {
					if !reflect.DeepEqual(a[i], b[i]) {
						t.Errorf("finding %d differs:\nfile: %v\n%s: %v", i, a[i], src.name, b[i])
						break
					}
				}
				t.Errorf("%d findings, file %d", len(b), len(a))
			}
		})
	}
	t.Logf("%d findings (%d REG020) from %d rows, identical from the file, the Parquet copy and the timestamptz query", len(fromFile.Findings), reg020(fromFile), len(n.rows))
}

func reg020(o registersOut) int {
	n := 0
	for _, f := range o.Findings {
		if f["rule"] == "REG020" {
			n++
		}
	}
	return n
}
