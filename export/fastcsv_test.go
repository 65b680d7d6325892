package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/internal/textio"
)

// The reference is what the export reader did before fastCSV: an
// encoding/csv.Reader over the textio-decoded stream, Comma as sniffed,
// ReuseRecord, FieldsPerRecord 0. fastCSV must agree with it on every
// record, field, line number and error.

func refCSV(in io.Reader) *csv.Reader {
	tr := textio.Open(in)
	cr := csv.NewReader(bufio.NewReaderSize(tr, 64<<10))
	cr.Comma = tr.Delimiter
	cr.ReuseRecord = true
	return cr
}

// readerMode varies how bytes reach the fast reader, so that short reads
// and lines longer than the buffer are exercised.
type readerMode struct {
	name    string
	bufSize int
	wrap    func(io.Reader) io.Reader
	// chunk > 0 reads in chunks of about that many bytes (the word-at-a-
	// time scanner, as Next and Stream read), from the first record on;
	// direct reads them from the text itself once the buffer is drained.
	chunk  int
	direct bool
}

var readerModes = []readerMode{
	{"64k", 64 << 10, nil, 0, false},
	{"16-byte buffer", 16, nil, 0, false},
	{"one byte reads", 64 << 10, iotest.OneByteReader, 0, false},
	{"16-byte buffer, half reads", 16, iotest.HalfReader, 0, false},
	{"chunks of 1 byte", 64 << 10, nil, 1, false},
	{"chunks of 13 bytes, half reads, direct", 16, iotest.HalfReader, 13, true},
}

func fastOf(in io.Reader, m readerMode) *fastCSV {
	if m.wrap != nil {
		in = m.wrap(in)
	}
	tr := textio.Open(in)
	f := newFastCSV(bufio.NewReaderSize(tr, m.bufSize), tr.Delimiter)
	if m.direct {
		f.under = tr
	}
	if m.chunk > 0 {
		f.chunked(m.chunk)
	}
	return f
}

// step describes one Read: the record or partial record, its line, and
// the error.
func describe(fields []string, line int, err error) string {
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		return "EOF"
	case errors.As(err, &pe):
		return fmt.Sprintf("%q parse error start %d line %d col %d: %v", fields, pe.StartLine, pe.Line, pe.Column, pe.Err)
	case err != nil:
		return fmt.Sprintf("read error %v", err)
	}
	return fmt.Sprintf("%q at line %d", fields, line)
}

// diffRecords compares fastCSV with the reference record by record and
// returns the first difference.
func diffRecords(data []byte, m readerMode, newSrc func([]byte) io.Reader) string {
	ref := refCSV(newSrc(data))
	fast := fastOf(newSrc(data), m)
	for i := 0; i < 1e5; i++ {
		rf, rerr := ref.Read()
		rline := 0
		if rerr == nil {
			rline, _ = ref.FieldPos(0)
		}
		want := describe(rf, rline, rerr)
		ff, ferr := fast.Read()
		for errors.Is(ferr, errBlankLine) { // a line encoding/csv skips; the gate counts it
			ff, ferr = fast.Read()
		}
		got := describe(ff, fast.Line(), ferr)
		if got != want {
			return fmt.Sprintf("[%s] read %d:\n got  %s\n want %s", m.name, i+1, got, want)
		}
		var pe *csv.ParseError
		if rerr == io.EOF || (rerr != nil && !errors.As(rerr, &pe)) {
			return ""
		}
	}
	return ""
}

// refReader is NewCSVReader, Next and ReadRaw as they were over
// encoding/csv, for comparing the whole export reader.
type refReader struct {
	r  *Reader
	cr *csv.Reader
}

func newRefReader(in io.Reader) (*refReader, error) {
	cr := refCSV(in)
	first, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: the export is empty (no header row)", kartoitus.ErrNotRecognised)
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%w: the header row cannot be read: %v", kartoitus.ErrNotRecognised, pe.Err)
		}
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	h, err := ResolveHeader(append([]string(nil), first...), nil)
	if err != nil {
		return nil, err
	}
	return &refReader{r: &Reader{Header: h, Format: FormatCSV, UnnamedValues: map[int]int{}, maxCreated: latestCreated(time.Time{})}, cr: cr}, nil
}

func (rr *refReader) Next(rec *Record) error {
	fields, err := rr.cr.Read()
	if err != nil {
		return rr.r.csvError(rec, fields, err)
	}
	rec.Line, _ = rr.cr.FieldPos(0)
	return rr.r.fill(rec, fields, false)
}

func (rr *refReader) ReadRaw(dst []string) ([]string, int, error) {
	fields, err := rr.cr.Read()
	if err != nil {
		var rec Record
		err = rr.r.csvError(&rec, fields, err)
		return dst[:0], rec.Line, err
	}
	line, _ := rr.cr.FieldPos(0)
	return append(dst[:0], fields...), line, nil
}

// Fill is the CSV half of Reader.Fill (ref.r has no CSV reader, so
// Reader.Fill would take it for XLSX).
func (rr *refReader) Fill(rec *Record, fields []string, line int) error {
	rec.Line = line
	return rr.r.fill(rec, fields, false)
}

func describeNext(rec *Record, err error) string {
	var re *RowError
	switch {
	case err == io.EOF:
		return "EOF"
	case errors.As(err, &re):
		return fmt.Sprintf("row error %+v", *re)
	case err != nil:
		return "error " + err.Error()
	}
	r := *rec
	r.cleared = nil // the reader's bookkeeping, not the row
	return fmt.Sprintf("record %+v", r)
}

// diffReader compares NewCSVReader with Next (raw false) or ReadRaw and
// Fill (raw true) against the encoding/csv reference.
func diffReader(data []byte, raw bool) string { return diffReaderWith(data, raw, nil) }

// diffReaderWith is diffReader reading the rows through par when it is
// not nil (Next's place: the parallel path).
func diffReaderWith(data []byte, raw bool, par *parallelMode) string {
	ref, rerr := newRefReader(bytes.NewReader(data))
	r, err := NewCSVReader(bytes.NewReader(data), Options{})
	if (rerr == nil) != (err == nil) || (err != nil && err.Error() != rerr.Error()) {
		return fmt.Sprintf("header: got %v, want %v", err, rerr)
	}
	if err != nil {
		return ""
	}
	if !reflect.DeepEqual(r.Header, ref.r.Header) {
		return fmt.Sprintf("header %+v, want %+v", r.Header, ref.r.Header)
	}
	next := r.Next
	if par != nil && par.reuse {
		r.ReuseBuffers()
	}
	if par != nil && par.parsers > 0 {
		sn := &streamNext{s: r.parallel(par.parsers, par.size, nil)}
		defer sn.s.Close()
		next = sn.Next
	}
	var dst, rdst []string
	for i := 0; i < 1e5; i++ {
		var rec, rrec Record
		var err, rerr error
		if raw {
			var line, rline int
			dst, line, err = r.ReadRaw(dst)
			for isBlankLine(err) {
				dst, line, err = r.ReadRaw(dst)
			}
			rdst, rline, rerr = ref.ReadRaw(rdst)
			if line != rline || !reflect.DeepEqual(dst, rdst) {
				return fmt.Sprintf("ReadRaw %d: got %q at %d, want %q at %d", i+1, dst, line, rdst, rline)
			}
			if err == nil {
				err = r.Fill(&rec, dst, line)
			}
			if rerr == nil {
				rerr = ref.Fill(&rrec, rdst, rline)
			}
		} else {
			err = next(&rec)
			for isBlankLine(err) {
				err = next(&rec)
			}
			rerr = ref.Next(&rrec)
		}
		got, want := describeNext(&rec, err), describeNext(&rrec, rerr)
		if got != want {
			return fmt.Sprintf("row %d (raw %v, parallel %+v):\n got  %s\n want %s", i+1, raw, par, got, want)
		}
		var re *RowError
		if rerr == io.EOF || (rerr != nil && !errors.As(rerr, &re)) {
			break
		}
	}
	if !reflect.DeepEqual(r.UnnamedValues, ref.r.UnnamedValues) {
		return fmt.Sprintf("unnamed values %v, want %v", r.UnnamedValues, ref.r.UnnamedValues)
	}
	return ""
}

var errBoom = errors.New("boom")

// isBlankLine: the row error for a blank line, which encoding/csv skips.
func isBlankLine(err error) bool {
	var re *RowError
	return errors.As(err, &re) && re.Kind == RowBlank && errors.Is(re.Err, errBlankLine)
}

// checkSame runs every comparison on data.
func checkSame(t *testing.T, data []byte) {
	t.Helper()
	plain := func(b []byte) io.Reader { return bytes.NewReader(b) }
	for _, m := range readerModes {
		if d := diffRecords(data, m, plain); d != "" {
			t.Fatalf("input %q\n%s", data, d)
		}
	}
	// A read error part way: both must stop with it, after the same rows.
	failing := func(b []byte) io.Reader {
		return io.MultiReader(bytes.NewReader(b[:len(b)*2/3]), iotest.ErrReader(errBoom))
	}
	for _, m := range []readerMode{readerModes[0], readerModes[len(readerModes)-1]} {
		if d := diffRecords(data, m, failing); d != "" {
			t.Fatalf("input %q, failing after %d bytes\n%s", data, len(data)*2/3, d)
		}
	}
	for _, raw := range []bool{false, true} {
		if d := diffReader(data, raw); d != "" {
			t.Fatalf("input %q\n%s", data, d)
		}
	}
	if d := diffReaderWith(data, false, &parallelMode{reuse: true}); d != "" {
		t.Fatalf("input %q, reusing buffers\n%s", data, d)
	}
	// The parallel path, with chunks small enough to cut every record
	// (and to grow for each that does not fit).
	// One-byte chunks always, and one other mode chosen by the input, to
	// keep the random test's time in bounds.
	for _, pm := range []parallelMode{parallelModes[0], parallelModes[1+len(data)%(len(parallelModes)-1)]} {
		if d := diffReaderWith(data, false, &pm); d != "" {
			t.Fatalf("input %q\n%s", data, d)
		}
		if d := diffParallel(data, pm, plain); d != "" {
			t.Fatalf("input %q\n%s", data, d)
		}
	}
	if d := diffParallel(data, parallelModes[1], failing); d != "" {
		t.Fatalf("input %q, failing after %d bytes\n%s", data, len(data)*2/3, d)
	}
}

var fastCSVCases = []string{
	"",
	"\n",
	"\r\n",
	"\r",
	"a;b\n",
	"a;b",
	"a;b\r",
	"a;b\r\r",
	"a;b\r\n\r\nc;d\r\n",
	"a;b\n\n\nc;d\n\n",
	"a;b\nc\nd;e;f\ng;h\n",
	"a;b\n\"c\";d\n",
	"a;b\n\"c\nd\";e\nf;g\n",
	"a;b\n\"c\r\nd\";e\r\nf;g\r\n",
	"a;b\n\"c\n\nd\";e\n\nf;g\n",
	"a;b\nc\"d;e\nf;g\n",
	"a;b\n\"c\"d;e\nf;g\n",
	"a;b\n\"c;d\ne;f\n",
	"a;b\n\"c;d\ne;f",
	"a;b\nx;\"c\"\"d\"\n",
	"a;b\nx;\"\"\n\"\";\"\"",
	"a;b\nx;\"multi\r\nline\r\n\"\r\ny;z\r\n",
	"a;b\nx;\"c\"\r",
	"a;b\nx;\"c\r\r",
	"a;b\nx;\"c\"\r\r",
	"\"a\nb\";c\n1;2\n",
	"\"a;b\n",
	"a,b\n\"1,2\",3\n4,5\n",
	"a\tb\n\"1\t2\"\t3\n4\t5\n",
	"\xef\xbb\xbfa;b\n1;2\n",
	"\xef\xbb\xbf\"a\";b\n1;\"2\n3\"\n",
	"a;b\n\xe4;\"\xe4\"\n",
	"a;b\n1;\"2\"\n3;4;5\n6;\"7\n8\";9\n10;11\n",
	"a;b\n1;2;\n;;\n;\n",
	"a;b\n\"1\";\"2\" \n3;4\n",
	"a;b\n\"\n",
	"a;b\n\"",
	"a;b\nx\"\n\"y;z\n",
	canonicalHeader + "\nD1;1;010181-900C;social;;;;;;;;11000;;;2024-01-31;;;;;\nD2;1;010181-900C;\"soc\nial\";;;;;;;;11000;;;2024-01-31;;;;;\n",
	"document_id;client_id;register;document_type;created;unit_start;\n" +
		"D1;010181-900C;social;11000;2024-01-31;;x\n" +
		"D2;010181-900C;social;11000\n" +
		"D3;010181-900C;\"soc\"ial;11000;2024-01-31;;\n" +
		"D4;010181-900C;\"multi\nline\";11000;31.1.2024;;\n" +
		"D5;010181-900C;social;11000;2024-02-30;;\n" +
		";;;;;;\n\n" +
		"D6;010181-900C;social;11000;2024-01-31T10:00:00;1.2.2023;\n",
	// Two values over MaxField, columns not in field order: the error
	// names the first in field order.
	"document_type;document_id;client_id;register\n" + strings.Repeat("t", 5000) + ";" + strings.Repeat("d", 5000) + ";c;social\n",
	// Wider than the scanner splits (maxScanFields): Read's general path.
	strings.Repeat("h;", 1500) + "h\n" + strings.Repeat("1;", 1500) + "2\n" + strings.Repeat(";", 1020) + "\n",
	"a;b\n" + strings.Repeat("x", 100) + ";" + strings.Repeat("y", 70000) + "\n" + "\"" + strings.Repeat("z", 70000) + "\n" + strings.Repeat("w", 30) + "\";1\n2;3",
}

func TestFastCSVMatchesEncodingCSV(t *testing.T) {
	for _, c := range fastCSVCases {
		checkSame(t, []byte(c))
	}
}

// TestScanLineWordEdges puts delimiters, quotes, "\r\n" and line ends at
// every offset in and around the scanner's 8-byte words.
func TestScanLineWordEdges(t *testing.T) {
	for n := 0; n <= 18; n++ {
		x := strings.Repeat("x", n)
		for _, row := range []string{
			x + ";" + x + "\n", x + ";\r\n", x + "\r;" + x + "\r\n", x + "\"q\";" + x + "\n",
			";" + x + "\n", x + "\n\n", x + "\r\r\n", x + ";\"" + x + "\n" + x + "\";1\n", x + ";" + x,
		} {
			checkSame(t, []byte("a;b\n"+row+row+"c;d\n"))
		}
	}
}

// TestScanLineBlockEdges puts line ends, delimiters, quotes and "\r\n"
// on both sides of the amd64 scanner's 64-byte blocks and 4 KB mask
// batches, in chunks large enough to hold many of them, and runs a line
// past the fields a line is split for.
func TestScanLineBlockEdges(t *testing.T) {
	modes := []readerMode{
		{"chunked 64k", 64 << 10, nil, 64 << 10, true},
		{"chunked 5000", 64 << 10, nil, 5000, false},
	}
	plain := func(b []byte) io.Reader { return bytes.NewReader(b) }
	check := func(t *testing.T, data []byte) {
		t.Helper()
		for _, m := range modes {
			if d := diffRecords(data, m, plain); d != "" {
				t.Fatalf("%s: input %q\n%s", m.name, data, d)
			}
		}
	}
	for _, lead := range []int{0, 1, 62, 63, 64, 65, 127, 4094, 4095, 4096, 4097} {
		for _, tail := range []string{";x\n", "\n", "\r\n", ";\r\n", "\";\"\n", ";\"a\nb\"\n", ";\n\n"} {
			// A first line of lead bytes and the tail, then short lines
			// and a second long one, so the tail lands at each edge.
			row := strings.Repeat("a;", lead/2) + strings.Repeat("b", lead%2)
			var b strings.Builder
			b.WriteString("h1;h2\n" + row + tail)
			for i := 0; i < 70; i++ {
				b.WriteString("c;d\n")
			}
			b.WriteString(row + tail + "e;f\n")
			check(t, []byte(b.String()))
		}
	}
	// Past the fields split a line (the slow path takes it), and just
	// under.
	for _, n := range []int{maxScanFields - 65, maxScanFields - 64, maxScanFields - 63, maxScanFields, maxScanFields + 1} {
		row := strings.Repeat("x;", n-1) + "x\n"
		check(t, []byte(row+row+strings.Repeat(";", n-1)+"\n"))
	}
}

// TestScanLineTakesPlainLines calls scanLine itself on every line of
// buffers of each length up to three blocks and past a mask batch, with
// and without a last '\n': every line without a quote must be split there
// (not left to the slow path, which would hide a scanner that misses
// lines in a speed loss), into the fields strings.Split gives; the quoted
// line, and a last line without '\n', must be left.
func TestScanLineTakesPlainLines(t *testing.T) {
	for size := 1; size <= 200; size++ {
		for _, extra := range []int{0, 4096} {
			for _, last := range []string{"\n", "", "\"\n"} {
				var b strings.Builder
				for i := 0; b.Len() < size+extra; i++ {
					b.WriteString(strings.Repeat("x", i%7) + ";" + strings.Repeat("y", i%11) + "\n")
				}
				text := b.String()[:size+extra-1] + ";" + last
				var c chunkLines
				c.set([]byte(text), io.EOF)
				f := &fastCSV{comma: ';'}
				for p := 0; p < len(text); {
					nl := strings.IndexByte(text[p:], '\n')
					line := text[p:]
					if nl >= 0 {
						line = text[p : p+nl]
					}
					next := f.scanLine(&c, p)
					plain := nl >= 0 && line != "" && !strings.Contains(line, "\"")
					if !plain {
						if next != 0 {
							t.Fatalf("len %d, line at %d %q: split, want it left", len(text), p, line)
						}
						if nl < 0 {
							break
						}
						p += nl + 1
						continue
					}
					if next != p+nl+1 {
						t.Fatalf("len %d, line at %d %q: next %d, want %d", len(text), p, line, next, p+nl+1)
					}
					if got, want := f.cut(c.str), strings.Split(line, ";"); !slices.Equal(got, want) {
						t.Fatalf("len %d, line at %d: fields %q, want %q", len(text), p, got, want)
					}
					p = next
				}
			}
		}
	}
}

// randomCSV builds a file from the pieces that trip CSV readers.
func randomCSV(rng *rand.Rand) []byte {
	var b bytes.Buffer
	if rng.IntN(8) == 0 {
		b.WriteString("\xef\xbb\xbf")
	}
	delims := []string{";", ",", "\t"}
	delim := delims[rng.IntN(3)]
	nl := "\n"
	if rng.IntN(3) == 0 {
		nl = "\r\n"
	}
	width := 1 + rng.IntN(5)
	text := []string{"a", "bc", "ä", "\xe4", " ", "1", "x y", "010181-900C", "2024-01-31", "\r", ";", ",", "\t"}
	field := func() string {
		var s strings.Builder
		for n := rng.IntN(4); n > 0; n-- {
			s.WriteString(text[rng.IntN(len(text))])
		}
		return s.String()
	}
	rows := rng.IntN(12)
	for row := 0; row <= rows; row++ {
		w := width
		if rng.IntN(6) == 0 {
			w = 1 + rng.IntN(7)
		}
		for i := 0; i < w; i++ {
			if i > 0 {
				b.WriteString(delim)
			}
			switch rng.IntN(12) {
			case 0: // properly quoted, maybe with quotes and line breaks
				inner := strings.ReplaceAll(field(), "\"", "\"\"")
				if rng.IntN(2) == 0 {
					inner += []string{"\n", "\r\n", "\"\"", "\n\n", delim}[rng.IntN(5)] + field()
				}
				b.WriteString("\"" + inner + "\"")
			case 1: // a bare or stray quote
				b.WriteString([]string{"\"", "a\"b", "\"a\"b", "\"a\" ", "\"\""}[rng.IntN(5)])
			default:
				b.WriteString(field())
			}
		}
		if row < rows || rng.IntN(2) == 0 {
			b.WriteString(nl)
		}
		if rng.IntN(8) == 0 {
			b.WriteString([]string{"\n", "\r\n", "\r\r\n", " \n"}[rng.IntN(4)])
		}
	}
	if rng.IntN(10) == 0 {
		b.WriteString("\r")
	}
	return b.Bytes()
}

func TestFastCSVRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		checkSame(t, randomCSV(rng))
	}
}

// FuzzFastCSV feeds the same bytes to fastCSV and the export reader on
// one side and encoding/csv on the other: records, field values, line
// numbers and errors must be the same.
func FuzzFastCSV(f *testing.F) {
	for _, c := range fastCSVCases {
		f.Add([]byte(c))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20; i++ {
		f.Add(randomCSV(rng))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSame(t, b)
	})
}

// BenchmarkCSVRead compares fastCSV with encoding/csv on an export
// without quotes (the usual case) and one where every row quotes.
func BenchmarkCSVRead(b *testing.B) {
	row := "1.2.246.10.33001018.11.7;1;010125-0030;Sosiaalihuollon asiakasrekisteri;1.2.246.10.33001018.19.0;1;1.2.246.10.33001018.10.0;1.2.246.10.33001018.10.0;;Oma tuotanto;Päihdehuolto;1011;HVA1/2022/1;1.2.246.10.33001018.10.0;2019-10-31T12:07:00;aktiivinen;;;;\n"
	for _, tc := range []struct{ name, row string }{{"plain", row}, {"quoted", strings.Replace(row, "Oma tuotanto", "\"Oma tuotanto\"", 1)}} {
		data := []byte(canonicalHeader + "\n" + strings.Repeat(tc.row, 20000))
		b.Run(tc.name+"/encoding-csv", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				r := refCSV(bytes.NewReader(data))
				for {
					if _, err := r.Read(); err == io.EOF {
						break
					}
				}
			}
		})
		for _, m := range []readerMode{readerModes[0], {"chunked", 64 << 10, nil, chunkSize, true}} {
			b.Run(tc.name+"/fast-"+m.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					r := fastOf(bytes.NewReader(data), m)
					for {
						if _, err := r.Read(); err == io.EOF {
							break
						}
					}
				}
			})
		}
	}
}

// BenchmarkScanLine is the scanner alone over a chunk of register rows.
func BenchmarkScanLine(b *testing.B) {
	row := "1.2.246.10.33001018.11.7;1;010125-0030;social;1.2.246.10.33001018.19.0;public;1.2.246.10.33001018.10.0;1.2.246.10.33001018.10.0;;own;substance_abuse;1011;HVA1/2022/1;1.2.246.10.33001018.10.0;2019-10-31T12:07:00;active;;;;\n"
	var c chunkLines
	c.set([]byte(strings.Repeat(row, 1000)), io.EOF)
	f := &fastCSV{comma: ';'}
	b.SetBytes(int64(len(c.buf)))
	for b.Loop() {
		for p := 0; p < len(c.buf); {
			p = f.scanLine(&c, p)
			f.cut(c.str)
		}
	}
}
