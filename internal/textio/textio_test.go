package textio

import (
	"io"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestOpen(t *testing.T) {
	win, _ := charmap.Windows1252.NewEncoder().String("Päätös;Säilytysaika\nÄiti;10\n")
	tests := []struct {
		name    string
		in      string
		enc     Encoding
		delim   rune
		content string
	}{
		{"utf8 semicolon", "Päätös;Säilytysaika\nÄiti;10\n", UTF8, ';', "Päätös;Säilytysaika\nÄiti;10\n"},
		{"bom comma", "\xef\xbb\xbfPäätös,Säilytysaika\n", UTF8BOM, ',', "Päätös,Säilytysaika\n"},
		{"windows-1252", win, Windows1252, ';', "Päätös;Säilytysaika\nÄiti;10\n"},
		{"tab", "a\tb\tc\n1\t2\t3\n", UTF8, '\t', "a\tb\tc\n1\t2\t3\n"},
		{"quoted commas do not count", "\"a,b,c\";d\n", UTF8, ';', "\"a,b,c\";d\n"},
		{"empty", "", UTF8, ',', ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Open(stringsReader(tt.in))
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if r.Encoding != tt.enc || r.Delimiter != tt.delim || string(b) != tt.content {
				t.Errorf("got %s %q %q, want %s %q %q", r.Encoding, r.Delimiter, b, tt.enc, tt.delim, tt.content)
			}
		})
	}
}

type sr struct {
	s string
	i int
}

func (r *sr) Read(p []byte) (int, error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	n := copy(p, r.s[r.i:])
	r.i += n
	return n, nil
}

func stringsReader(s string) io.Reader { return &sr{s: s} }

func FuzzOpen(f *testing.F) {
	f.Add([]byte("a;b\n1;2\n"))
	f.Add([]byte("\xef\xbb\xbfa,b\n"))
	f.Add([]byte("\xe4\xf6;x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := Open(stringsReader(string(b)))
		if _, err := io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
		switch r.Delimiter {
		case ';', ',', '\t':
		default:
			t.Fatalf("delimiter %q", r.Delimiter)
		}
	})
}
