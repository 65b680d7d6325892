package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// parallelMode is a number of parsers and a chunk size for the parallel
// path.
// parsers 0 is a sequential read (Next); reuse calls ReuseBuffers first
// (in a test binary, reused buffers are poisoned).
type parallelMode struct {
	parsers, size int
	reuse         bool
}

var parallelModes = []parallelMode{{1, 1, false}, {2, 7, true}, {3, 64, false}, {8, chunkSize, true}}

// streamNext hands out a Stream's rows one at a time, as Next does.
type streamNext struct {
	s *Stream
	c *Chunk
	i int
}

func (sn *streamNext) Next(rec *Record) error {
	for sn.c == nil || sn.i == len(sn.c.Records) {
		if sn.c != nil && sn.c.Err != nil {
			err := sn.c.Err
			sn.c.Err = nil
			return err
		}
		if sn.c = sn.s.Next(); sn.c == nil {
			return io.EOF
		}
		sn.i = 0
	}
	i := sn.i
	sn.i++
	*rec = sn.c.Records[i]
	if e := sn.c.Errs[i]; e != nil {
		return e
	}
	return nil
}

// diffParallel reads data with Next and through a Stream and returns the
// first difference in rows, row errors (blank lines included), the error
// that stops reading, unnamed-column counts and the encoding detected.
func diffParallel(data []byte, pm parallelMode, newSrc func([]byte) io.Reader) string {
	seq, err := NewCSVReader(newSrc(data), Options{})
	par, perr := NewCSVReader(newSrc(data), Options{})
	if (err == nil) != (perr == nil) {
		return fmt.Sprintf("header: %v / %v", err, perr)
	}
	if err != nil {
		return ""
	}
	if pm.reuse {
		seq.ReuseBuffers()
		par.ReuseBuffers()
	}
	s := par.parallel(pm.parsers, pm.size, nil)
	sn := &streamNext{s: s}
	for i := 0; ; i++ {
		var a, b Record
		ea, eb := seq.Next(&a), sn.Next(&b)
		got, want := describeNext(&b, eb), describeNext(&a, ea)
		if got != want {
			s.Close()
			return fmt.Sprintf("parallel %+v, row %d:\n got  %s\n want %s", pm, i+1, got, want)
		}
		var re *RowError
		if ea != nil && !errors.As(ea, &re) {
			break
		}
	}
	s.Close()
	if !reflect.DeepEqual(seq.UnnamedValues, par.UnnamedValues) {
		return fmt.Sprintf("parallel %+v: unnamed values %v, want %v", pm, par.UnnamedValues, seq.UnnamedValues)
	}
	// What was detected, not how the decoder got there (a parallel read
	// takes whole lines straight from the source, textio.ReadLines).
	st, pt := *seq.Text(), *par.Text()
	st.Reader, pt.Reader = nil, nil
	if !reflect.DeepEqual(st, pt) {
		return fmt.Sprintf("parallel %+v: text %+v, want %+v", pm, pt, st)
	}
	return ""
}

// TestParallelMatchesNext covers what the fastCSV cases do not: long
// exports in CRLF, with a BOM, in Windows-1252 decided late, with quoted
// multi-line fields and bad rows spread over many chunks.
func TestParallelMatchesNext(t *testing.T) {
	var b strings.Builder
	b.WriteString(canonicalHeader + ";\n")
	for i := 0; i < 3000; i++ {
		id := fmt.Sprintf("D%d", i)
		switch i % 37 {
		case 3:
			fmt.Fprintf(&b, "%s;1;010181-900C;\"soc\nial\";;;;;;;;11000;;;2024-01-31;;;;;;x\n", id)
		case 5:
			b.WriteString("\n")
		case 7:
			fmt.Fprintf(&b, "%s;1;010181-900C;social\n", id) // too few fields
		case 11:
			fmt.Fprintf(&b, "%s;1;010181-900C;so\"cial;;;;;;;;11000;;;2024-01-31;;;;;;\n", id) // bare quote
		case 13:
			fmt.Fprintf(&b, "%s;x;010181-900C;social;;;;;;;;11000;;;2024-01-31;;;;;;\n", id) // bad version
		case 17:
			fmt.Fprintf(&b, "%s;1;010181-900C;\"a \"\"b\"\"\n\nc\";;;;;;;;11000;;;2024-02-30;;;;;;\n", id) // bad date
		case 19:
			fmt.Fprintf(&b, "%s;1;010181-900C;\"social\"x;;;;;;;;11000;;;2024-01-31;;;;;;\n", id) // text after a quote
		default:
			fmt.Fprintf(&b, "%s;1;010181-900C;social;;;;;;;;11000;;;2024-01-31;;;;;;\n", id)
		}
	}
	lf := b.String()
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	latin, err := charmap.Windows1252.NewEncoder().String(strings.Replace(lf, "D2999;", "Dä;", 1))
	if err != nil {
		t.Fatal(err)
	}
	open := lf + "D9;1;\"open quote;\n" + lf[len(canonicalHeader)+2:]
	for name, in := range map[string]string{"lf": lf, "crlf": crlf, "bom": "\xef\xbb\xbf" + crlf, "windows-1252 late": latin, "open quote": open} {
		for _, pm := range append(parallelModes, parallelMode{2, 4096, true}, parallelMode{4, 300, false}) {
			plain := func(b []byte) io.Reader { return bytes.NewReader(b) }
			if d := diffParallel([]byte(in), pm, plain); d != "" {
				t.Fatalf("%s: %s", name, d)
			}
		}
	}
}

// TestLastRecordEnd pins the boundaries the chunks are cut at.
func TestLastRecordEnd(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"a;b", 0},
		{"a;b\n", 4},
		{"a;b\nc", 4},
		{"\"a\nb\";c\n", 8},
		{"\"a\nb\";c", 0},
		{"x;\"a\nb\"\nc;d\n", 12},
		{"x;\"a\nb", 0},
		{"a\"b;\"c\n", 7},     // a bare quote: the record ends with its line
		{"\"a\"x;\"c\n", 8},   // text after a closing quote: the same
		{"\"a\"\"\nb\"\n", 8}, // a doubled quote does not close the field
		{"\"a\"", 0},          // the next byte decides
		{"\"a\"\r\nb\n", 7},
		{"x;y\n\"", 4},
	} {
		if got := lastRecordEnd([]byte(tc.in), ';'); got != tc.want {
			t.Errorf("lastRecordEnd(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// TestStreamCloseEarly: a caller that stops after one chunk (the gate on
// a fatal error) gets its Close back, with the parsers gone.
func TestStreamCloseEarly(t *testing.T) {
	in := canonicalHeader + "\n" + strings.Repeat("D1;1;010181-900C;social;;;;;;;;11000;;;2024-01-31;;;;;\n", 20000)
	for _, pm := range []parallelMode{{1, 64, false}, {3, 4096, true}} {
		r, err := NewCSVReader(strings.NewReader(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := r.parallel(pm.parsers, pm.size, nil)
		if c := s.Next(); c == nil || len(c.Records) == 0 {
			t.Fatalf("%+v: no first chunk", pm)
		}
		s.Close()
		s.Close() // twice is harmless
	}
}

// TestParallelHook: every chunk has been through its parser's hook when
// Next hands it out (the hook sees the parsed rows), each parser makes
// its hook once, and what a hook leaves in Aux comes back with the chunk
// when it is reused.
func TestParallelHook(t *testing.T) {
	var body strings.Builder
	body.WriteString(canonicalHeader + "\n")
	for i := range 3000 {
		fmt.Fprintf(&body, "D%d;1;010125-0030;social;1.2.246.10.33001018.19.0;1;;;;;;1011;;;2019-10-31T12:07:00;;;;;\n", i)
	}
	r, err := NewCSVReader(strings.NewReader(body.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type seen struct {
		ids   []string
		reuse int
	}
	var made atomic.Int32
	s := r.parallel(3, 4<<10, func() func(*Chunk) {
		made.Add(1)
		return func(c *Chunk) {
			a, _ := c.Aux.(*seen)
			if a == nil {
				a = &seen{}
				c.Aux = a
			} else {
				a.reuse++
			}
			a.ids = a.ids[:0]
			for i := range c.Records {
				a.ids = append(a.ids, c.Records[i].Values[DocumentID])
			}
		}
	})
	defer s.Close()
	rows, reused := 0, 0
	for c := s.Next(); c != nil; c = s.Next() {
		a, _ := c.Aux.(*seen)
		if a == nil || len(a.ids) != len(c.Records) {
			t.Fatalf("chunk at row %d handed out before its hook ran", rows)
		}
		for i := range c.Records {
			if a.ids[i] != c.Records[i].Values[DocumentID] || a.ids[i] != fmt.Sprint("D", rows) {
				t.Fatalf("row %d: hook saw %q, chunk has %q", rows, a.ids[i], c.Records[i].Values[DocumentID])
			}
			rows++
		}
		if a.reuse > 0 {
			reused++
		}
	}
	// After Close every parser has started, and so made its hook: one
	// parser may read every chunk before another is scheduled at all.
	s.Close()
	if rows != 3000 || reused == 0 || made.Load() != 3 {
		t.Errorf("%d rows, %d chunks reused with their Aux, %d hooks made; want 3000, some, 3", rows, reused, made.Load())
	}
}
