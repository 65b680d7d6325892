package textio

import (
	"bytes"
	"io"
	"testing"
)

func TestDialects(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Dialect
		out  string
	}{
		{"", ExcelFI, "\ufeffrule;severity;message\nR1;error;\"x; y\"\n"},
		{"excel", ExcelFI, "\ufeffrule;severity;message\nR1;error;\"x; y\"\n"},
		{"RFC4180", RFC4180, "rule,severity,message\nR1,error,x; y\n"},
	} {
		d, err := ParseDialect(tc.in)
		if err != nil || d != tc.want {
			t.Fatalf("%q: %v %v", tc.in, d, err)
		}
		var b bytes.Buffer
		cw, err := d.Writer(&b)
		if err != nil {
			t.Fatal(err)
		}
		if err := cw.WriteAll([][]string{{"rule", "severity", "message"}, {"R1", "error", "x; y"}}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.out {
			t.Errorf("%q wrote %q, want %q", tc.in, b.String(), tc.out)
		}
		// The tool's reader reads either back.
		tr := Open(bytes.NewReader(b.Bytes()))
		rs := NewRecords(tr, tr.Delimiter)
		if _, err := rs.Read(); err != nil {
			t.Fatal(err)
		}
		rec, err := rs.Read()
		if err != nil && err != io.EOF {
			t.Fatal(err)
		}
		if len(rec.Fields) != 3 || rec.Fields[2] != "x; y" {
			t.Errorf("%q read back as %q", tc.in, rec.Fields)
		}
	}
	if _, err := ParseDialect("tab"); err == nil {
		t.Error("tab accepted")
	}
}
