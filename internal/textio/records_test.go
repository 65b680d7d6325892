package textio

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

type span struct {
	line, end int
	broken    bool
	n         int // fields
}

func readAll(t testing.TB, in string) []span {
	t.Helper()
	r := NewRecords(strings.NewReader(in), ';')
	var out []span
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, span{rec.Line, rec.EndLine, rec.Broken, len(rec.Fields)})
	}
}

// Issue 13: a stray quote swallowed the following lines into one field;
// the record now says which lines it took and that it is broken.
func TestRecordsLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []span
	}{
		{"plain", "a;b\n1;2\n", []span{{1, 1, false, 2}, {2, 2, false, 2}}},
		{"no final newline", "a;b\n1;2", []span{{1, 1, false, 2}, {2, 2, false, 2}}},
		{"crlf", "a;b\r\n1;2\r\n", []span{{1, 1, false, 2}, {2, 2, false, 2}}},
		{"blank lines skipped", "a;b\n\n\n1;2\n", []span{{1, 1, false, 2}, {4, 4, false, 2}}},
		{"multi-line cell as Excel writes it", "a;b\n\"rivi 1\nrivi 2 \"\"x\"\"\";2\n3;4\n",
			[]span{{1, 1, false, 2}, {2, 3, false, 2}, {4, 4, false, 2}}},
		{"stray quote to the end of the file", "a;b\n\"Kansio\" x;1\n2;3\n4;5\n",
			[]span{{1, 1, false, 2}, {2, 4, true, 1}}},
		{"stray quote closed lines later", "a;b\n\"Kansio\" x;1\n2;3\"\n4;5\n",
			[]span{{1, 1, false, 2}, {2, 3, true, 1}, {4, 4, false, 2}}},
		{"bare quote inside a cell is fine", "a;b\nKansio \"x\";1\n2;3\n",
			[]span{{1, 1, false, 2}, {2, 2, false, 2}, {3, 3, false, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.in)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// Every physical line belongs to exactly one record or is blank, however
// the quotes fall; Broken records are exactly those over several lines
// that strict CSV refuses.
func FuzzRecords(f *testing.F) {
	for _, s := range []string{"a;b\n1;2\n", "a;b\n\"x\ny\";2\n", "a;b\n\"Kansio\" x;1\n2;3\n", "\"\n\n\"", "a\r\n\"b\r\n\"\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if strings.ContainsRune(in, '\r') || strings.ContainsRune(in, 0) {
			return // encoding/csv rewrites \r\n; lines are counted on \n
		}
		r := NewRecords(strings.NewReader(in), ';')
		lines := strings.Split(strings.TrimSuffix(in, "\n"), "\n")
		if in == "" {
			lines = nil
		}
		covered := make([]bool, len(lines)+2)
		prev := 0
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // csv errors on invalid UTF-8 etc. are not lines lost
			}
			if rec.Line <= prev || rec.EndLine < rec.Line || rec.EndLine > len(lines) {
				t.Fatalf("record lines %d–%d after %d in %d lines: %q", rec.Line, rec.EndLine, prev, len(lines), in)
			}
			for l := rec.Line; l <= rec.EndLine; l++ {
				covered[l] = true
			}
			prev = rec.EndLine
		}
		for l := 1; l <= len(lines); l++ {
			if !covered[l] && lines[l-1] != "" {
				t.Fatalf("line %d %q belongs to no record: %q", l, lines[l-1], in)
			}
		}
	})
}
