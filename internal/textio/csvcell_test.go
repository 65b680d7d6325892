package textio

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestCSVCells(t *testing.T) {
	hostile := []string{"'=x", "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx",
		"plain", "", "'already", "-", "-1", "Päätös"}
	var b bytes.Buffer
	w := NewCSVWriter(&b, ';')
	if err := w.WriteAll([][]string{hostile}); err != nil {
		t.Fatal(err)
	}
	rec, err := func() ([]string, error) { r := csv.NewReader(&b); r.Comma = ';'; return r.Read() }()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range rec[:7] {
		if c[0] != '\'' {
			t.Errorf("cell %d %q not neutralised", i, c)
		}
	}
	if rec[7] != "plain" || rec[9] != "''already" || rec[10] != "-" || rec[11] != "-1" || rec[12] != "Päätös" {
		t.Errorf("harmless cells changed: %q", rec)
	}
	RestoreRecord(rec)
	for i := range hostile {
		if rec[i] != hostile[i] {
			t.Errorf("round trip %d: %q, want %q", i, rec[i], hostile[i])
		}
	}
}
