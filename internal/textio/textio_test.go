package textio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

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

func utf16le(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, r := range s { // BMP only in these tests
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func utf16be(s string) string {
	b := []byte{0xfe, 0xff}
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return string(b)
}

// Issue 13: UTF-16 (Excel's "Unicode text" save) gave mojibake headers; a
// Windows-1252 export whose first ä came after 64 KiB was read as UTF-8;
// a file mixing both was decoded wholesale as Windows-1252 without a word.
func TestEncodings(t *testing.T) {
	cp := func(s string) string { b, _ := charmap.Windows1252.NewEncoder().String(s); return b }
	late := strings.Repeat("Asiakirja;Rekisteri\n", 4000) // 80 kB of ASCII
	tests := []struct {
		name           string
		in             string
		force          Encoding
		enc            Encoding
		delim          rune
		content        string
		legacy, utf8ln int
		late           bool
	}{
		{"utf-16le with BOM, tabs", utf16le("Päätös\tSäilytysaika\nÄiti\t10\n", true), "", UTF16LE, '\t', "Päätös\tSäilytysaika\nÄiti\t10\n", 0, 0, false},
		{"utf-16be with BOM", utf16be("Päätös;Säilytysaika\n"), "", UTF16BE, ';', "Päätös;Säilytysaika\n", 0, 0, false},
		{"utf-16le without BOM", utf16le("Asiakirja;Säilytysaika\nA;10\n", false), "", UTF16LE, ';', "Asiakirja;Säilytysaika\nA;10\n", 0, 0, false},
		{"windows-1252 after 64 KiB", late + cp("Äitiysneuvola;sosiaalihuolto\n"), "", Windows1252, ';', late + "Äitiysneuvola;sosiaalihuolto\n", 4001, 0, true},
		{"windows-1252 from the start", cp("Päätös;x\nÄiti;y\n"), "", Windows1252, ';', "Päätös;x\nÄiti;y\n", 1, 0, false},
		{"mixed lines", "Päätös;x\n" + cp("Äiti;y\n") + "Öljy;z\n", "", Mixed, ';', "Päätös;x\nÄiti;y\nÖljy;z\n", 2, 1, false},
		{"utf-8 only", "Päätös;x\nÄiti;y\n", "", UTF8, ';', "Päätös;x\nÄiti;y\n", 0, 1, false},
		{"forced windows-1252", "Päätös;x\n", Windows1252, Windows1252, ';', "PÃ¤Ã¤tÃ¶s;x\n", 0, 0, false},
		{"forced utf-8 keeps bytes", cp("Ä;x\n"), UTF8, UTF8, ';', cp("Ä;x\n"), 0, 0, false},
		{"forced utf-16, no BOM", utf16le("a;b\n", false), UTF16, UTF16LE, ';', "a;b\n", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := OpenEncoding(stringsReader(tt.in), tt.force)
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.content {
				t.Errorf("content %q, want %q", b, tt.content)
			}
			if r.Encoding != tt.enc || r.Delimiter != tt.delim || r.FirstLegacyLine != tt.legacy || r.FirstUTF8Line != tt.utf8ln || r.Late() != tt.late {
				t.Errorf("got %s %q legacy %d utf8 %d late %v, want %s %q %d %d %v", r.Encoding, r.Delimiter,
					r.FirstLegacyLine, r.FirstUTF8Line, r.Late(), tt.enc, tt.delim, tt.legacy, tt.utf8ln, tt.late)
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{"": "", "auto": "", "UTF-8": UTF8, "cp1252": Windows1252, "windows-1252": Windows1252, "utf-16": UTF16, "utf-16be": UTF16BE} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseEncoding("ebcdic"); err == nil {
		t.Error("ebcdic accepted")
	}
}

// Detected text always comes out as valid UTF-8, and valid UTF-8 comes
// out unchanged (less a BOM), however it is split into reads.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("a;b\n\xe4;\xc3\xa4\n"), uint8(1))
	f.Add([]byte("\xef\xbb\xbfa\n\xff\n"), uint8(3))
	f.Add([]byte(strings.Repeat("x", 70000)+"\xe4\n"), uint8(0))
	f.Fuzz(func(t *testing.T, b []byte, step uint8) {
		if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) || looksUTF16(b) != "" {
			return // UTF-16 decoding is x/text's
		}
		var src io.Reader = bytes.NewReader(b)
		if step%2 == 1 {
			src = iotest.OneByteReader(src)
		}
		r := OpenEncoding(src, "")
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(out) {
			t.Fatalf("output %q not UTF-8 (%s)", out, r.Encoding)
		}
		if in := bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")); utf8.Valid(in) && !bytes.Equal(out, in) {
			t.Fatalf("valid UTF-8 %q came out as %q", in, out)
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(b, []byte("\n")) {
			t.Fatalf("lines changed: %q → %q", b, out)
		}
	})
}

// errAfter returns its bytes in reads of at most step, then err.
type errAfter struct {
	b    []byte
	step int
	err  error
}

func (e *errAfter) Read(p []byte) (int, error) {
	if len(e.b) == 0 {
		return 0, e.err
	}
	n := copy(p[:min(len(p), e.step)], e.b)
	e.b = e.b[n:]
	return n, nil
}

var errSource = errors.New("source failed")

// readMixed reads r as export's chunker does: ReadLines into large
// blocks where it can, Read otherwise, with block sizes from sizes.
func readMixed(r *Reader, sizes []byte) ([]byte, int, error) {
	var out []byte
	direct := 0
	for i := 0; ; i++ {
		size := 1
		if len(sizes) > 0 {
			size = 1 + int(sizes[i%len(sizes)])
		}
		p := make([]byte, size)
		if n, lines := r.ReadLines(p); n > 0 {
			if p[n-1] != '\n' {
				return out, direct, fmt.Errorf("ReadLines returned %q, not whole lines", p[:n])
			}
			if c := bytes.Count(p[:n], []byte{'\n'}); lines != c {
				return out, direct, fmt.Errorf("ReadLines counted %d lines in %q, not %d", lines, p[:n], c)
			}
			out = append(out, p[:n]...)
			direct++
			continue
		}
		n, err := r.Read(p[:min(size, 7)])
		out = append(out, p[:n]...)
		if err == io.EOF {
			return out, direct, nil
		}
		if err != nil {
			return out, direct, err
		}
	}
}

// ReadLines (the direct reads) and Read, however they alternate, give
// the text, the encoding and the lines noted that Read alone gives.
func FuzzReadLines(f *testing.F) {
	f.Add([]byte("a;b\n\xe4;\xc3\xa4\nc;d\n"), []byte{40, 3, 200}, uint8(3))
	f.Add([]byte("x;y\nccc\n\xc3\xa4\xc3\xa4\nabc"), []byte{30}, uint8(0))
	f.Add([]byte(strings.Repeat("abc;def\n", 40)+"\xff\n"+strings.Repeat("g\n", 30)), []byte{60, 90}, uint8(1))
	f.Add([]byte("\xef\xbb\xbfa;b\n"+strings.Repeat("\xc3\xa4;1\n", 20)), []byte{25}, uint8(2))
	// Small enough that a short input gets past the sniffed start,
	// where the direct reads begin.
	defer func(m, s int) { minDirect, sniffSize = m, s }(minDirect, sniffSize)
	minDirect, sniffSize = 8, 16
	f.Fuzz(func(t *testing.T, b, sizes []byte, mode uint8) {
		src := func() io.Reader {
			switch mode % 4 {
			case 1:
				return iotest.OneByteReader(bytes.NewReader(b))
			case 2:
				return &errAfter{b: b, step: 1 + len(b)/3, err: errSource}
			case 3:
				return iotest.HalfReader(bytes.NewReader(b))
			}
			return bytes.NewReader(b)
		}
		ref := OpenEncoding(src(), "")
		want, wantErr := io.ReadAll(ref)
		got := OpenEncoding(src(), "")
		out, _, err := readMixed(got, sizes)
		if !errors.Is(err, wantErr) {
			t.Fatalf("error %v, Read alone %v", err, wantErr)
		}
		if !bytes.Equal(out, want) {
			t.Fatalf("text %q, Read alone %q", out, want)
		}
		if got.Encoding != ref.Encoding || got.FirstLegacyLine != ref.FirstLegacyLine || got.FirstUTF8Line != ref.FirstUTF8Line {
			t.Fatalf("%s %d %d, Read alone %s %d %d", got.Encoding, got.FirstLegacyLine, got.FirstUTF8Line, ref.Encoding, ref.FirstLegacyLine, ref.FirstUTF8Line)
		}
	})
}

// A file of valid UTF-8 lines goes through ReadLines, not src's buffer:
// every block after the sniffed start is a direct read.
func TestReadLinesDirect(t *testing.T) {
	var b bytes.Buffer
	for i := 0; b.Len() < 2<<20; i++ {
		fmt.Fprintf(&b, "%d;Päihdehuolto;%d\n", i, i*7)
	}
	r := OpenEncoding(bytes.NewReader(b.Bytes()), "")
	out, direct, err := readMixed(r, []byte{255})
	if err != nil || !bytes.Equal(out, b.Bytes()) {
		t.Fatalf("err %v, %d of %d bytes equal", err, len(out), b.Len())
	}
	// 256-byte blocks are under minDirect: no direct read.
	if direct != 0 {
		t.Errorf("%d direct reads into 256-byte blocks", direct)
	}
	r = OpenEncoding(bytes.NewReader(b.Bytes()), "")
	var all []byte
	reads, direct, firstDirect := 0, 0, 0
	for {
		p := make([]byte, 256<<10)
		n, _ := r.ReadLines(p)
		if reads == 0 {
			firstDirect = n
		}
		if n > 0 {
			direct++
		} else if n, err = r.Read(p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		all = append(all, p[:n]...)
		reads++
	}
	if !bytes.Equal(all, b.Bytes()) {
		t.Fatalf("%d of %d bytes equal", len(all), b.Len())
	}
	// Every block is direct but for the end (its last line and io.EOF
	// go through Read), the first too: it takes the sniffed 64 KB that
	// src holds along (a sequential export read, whose chunks are not
	// much larger than that, never got to a direct read otherwise).
	if direct < reads-3 || firstDirect < 64<<10 {
		t.Errorf("%d of %d reads direct, the first %d bytes; want all but the end, the first past 64 KB", direct, reads, firstDirect)
	}
	if r.FirstUTF8Line != 1 || r.Encoding != UTF8 {
		t.Errorf("%s, first UTF-8 line %d", r.Encoding, r.FirstUTF8Line)
	}
}
