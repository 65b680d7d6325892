package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// fastCSV reads records exactly as the encoding/csv.Reader that the export
// reader used before would (Comma as sniffed, LazyQuotes off, no comment
// character, FieldsPerRecord 0 so the first record's width becomes the
// required width, ReuseRecord), but splits lines without a quote itself.
//
// Why: the register gate must run its full rule pass at ≥ 50% of a bare
// encoding/csv read's throughput on one core. Before this reader it ran at
// 46–47% on 1M rows (encoding/csv's readRecord alone was 46% of the CPU:
// it copies every field into a record buffer and tracks field positions).
// Register exports almost never quote, so the common line is split in
// place: one string conversion per line, then substrings, as encoding/csv
// does. A line with a '"' anywhere is parsed by a real encoding/csv.Reader
// fed exactly that record's lines, so quoting, multi-line fields, errors
// and their line numbers are encoding/csv's own. Measured with
// scripts/bench-registers.sh (one core, bare read = 100%): 1M rows 47% →
// 55%, 10M rows 58% → 68%; an export that quotes every row reads at
// encoding/csv's speed (BenchmarkCSVRead).
//
// The rows after the header are read in chunks (chunked, and a Stream's
// parsers), cut at record ends: an unquoted line is split by scanLine
// from bit masks of the chunk (scan.go), and its fields are substrings of
// the chunk, with no allocation per line. A chunk's buffer is new each
// time, or, when the caller clones what it keeps (Reader.ReuseBuffers,
// the gate), reused. Measured on a shared 2-core machine (1M generated rows, user
// CPU, interleaved runs, load 2): the gate on one worker 0.80 s → 0.56 s,
// the bare encoding/csv read 0.38 s.
type fastCSV struct {
	br    *bufio.Reader // the decoded text (nil in a parser of a Stream)
	under io.Reader     // what br reads (nil: not known)
	src   lineSource    // what lines are read from: br, or chunk
	chunk *chunkLines   // the chunk lines come from, nil when read from br
	comma byte
	// want is encoding/csv's FieldsPerRecord: 0 until the first record.
	want int
	// numLine counts the lines read, as encoding/csv's numLine does.
	numLine int
	// line is the first line of the record last returned.
	line int
	// raw accumulates a line longer than br's buffer.
	raw    []byte
	fields []string
	// scanLine's last line: delimiter offsets, bounds, field count.
	pos          *[maxScanFields]int32
	lstart, lend int
	nf           int

	// The fallback for records with a quote: slow reads only what feed
	// hands it, and feed hands it one line at a time, so slow never reads
	// past the record it parses and its buffer is empty between records.
	feed feeder
	slow *csv.Reader
	// slowLines is how many lines slow has read (its own numLine).
	slowLines int
}

// errBlankLine is returned for a line with nothing on it; read on.
var errBlankLine = errors.New("blank line")

// newFastCSV reads br, split on comma (';', ',' or '\t').
func newFastCSV(br *bufio.Reader, comma rune) *fastCSV {
	return &fastCSV{br: br, src: br, comma: byte(comma), feed: feeder{src: br}}
}

// newFastCSVOver is newFastCSV over a bufio.Reader of under: the chunks
// after the header are read from under directly once br is drained.
func newFastCSVOver(under io.Reader, comma rune) *fastCSV {
	f := newFastCSV(bufio.NewReaderSize(under, 64<<10), comma)
	f.under = under
	return f
}

// lineSource is what fastCSV reads lines from: a bufio.Reader, or a
// chunk of the text in memory (chunkLines), read without a copy.
type lineSource interface {
	ReadSlice(delim byte) ([]byte, error)
}

// chunkLines hands out the lines of a chunk as bufio.Reader's ReadSlice
// would (the last one with tail: io.EOF, or the stream's error), without
// ever returning bufio.ErrBufferFull. In a sequential read (next set) it
// loads the next chunk when this one is used up.
//
// A chunk's buffer is never written once it is handed out, so str, the
// same bytes as a string, can alias it: the fields of every line are
// substrings of str, one allocation per chunk instead of one per line,
// and a string kept beyond its row keeps its chunk alive (the gate clones
// what it keeps) but can never change.
type chunkLines struct {
	buf  []byte
	str  string
	off  int
	tail error
	next *chunker
	// spare is the buffer the next chunk may be read into.
	spare []byte
	// scanLine's own state over buf (scan_amd64.go, scan_generic.go).
	scanState
}

func (c *chunkLines) set(data []byte, tail error) {
	c.buf, c.off, c.tail = data, 0, tail
	c.reset()
	c.str = unsafe.String(unsafe.SliceData(data), len(data))
}

// fill loads the next chunk when this one is read and more may come.
func (c *chunkLines) fill() {
	for c.off == len(c.buf) && c.tail == nil && c.next != nil {
		old := c.buf
		c.set(c.next.next(c.spare))
		// The chunk just read is the buffer after next: its rows are
		// dead by then (a Record is valid until the next Read).
		c.spare = old
	}
}

func (c *chunkLines) ReadSlice(delim byte) ([]byte, error) {
	c.fill()
	if i := bytes.IndexByte(c.buf[c.off:], delim); i >= 0 {
		line := c.buf[c.off : c.off+i+1]
		c.off += i + 1
		return line, nil
	}
	line := c.buf[c.off:]
	c.off = len(c.buf)
	if c.tail == nil {
		// Chunks end at a line end unless the stream ended there.
		return line, errors.New("export: internal error: a chunk ends inside a line")
	}
	return line, c.tail
}

// chunker cuts the decoded text into chunks that end at record ends (see
// parallel.go). Each chunk is read into a buffer of its own, never
// written again, unless reuse is set (Reader.ReuseBuffers).
type chunker struct {
	br    *bufio.Reader
	under io.Reader // what br reads, when known
	comma byte
	size  int
	reuse bool
	// carry is the start of a record cut by the last chunk's end: a view
	// of that chunk's buffer, copied, never written.
	carry []byte
	// count: next counts the line ends of each chunk into lines, taking
	// those of whole-line reads from ReadLines, which counts them anyway
	// (a second full pass over the text, in the parallel read's locked
	// part, otherwise).
	count bool
	lines int
	// err, once the stream has ended, is returned with carry.
	err error
}

// lineReader reads whole lines into a block and counts them, or returns
// 0 (then Read).
type lineReader interface {
	ReadLines(p []byte) (n, lines int)
}

// poison, in a test binary, overwrites a buffer before it is reused, so
// that a string kept from it past its row shows as garbage in a test's
// results instead of passing unnoticed. Not when the binary runs
// benchmarks (-test.bench): the copies were 1.7% of BenchmarkGate's
// profile on one worker and 2.8% on two, a cost the tool does not have.
var poison = sync.OnceValue(func() bool {
	if !testing.Testing() {
		return false
	}
	f := flag.Lookup("test.bench")
	return f == nil || f.Value.String() == ""
})

// next returns the next chunk, and with the last one the error that ended
// the stream (io.EOF at its end). With reuse, dst (nil, or a buffer whose
// rows are all dead) is filled instead of a new buffer when it is large
// enough; it may be the buffer carry views.
func (k *chunker) next(dst []byte) ([]byte, error) {
	if k.err != nil {
		data := k.carry
		k.carry = nil
		k.lines = k.countOf(data)
		return data, k.err
	}
	want := max(k.size, 2*len(k.carry))
	var buf []byte
	if k.reuse && cap(dst) >= want {
		if poison() {
			k.carry = append([]byte(nil), k.carry...)
			dst = dst[:cap(dst)]
			dst[0] = 0xff
			for n := 1; n < len(dst); n *= 2 { // memmove speed: benchmarks barely notice
				copy(dst[n:], dst[:n])
			}
		}
		buf = dst[:len(k.carry)]
	} else {
		buf = make([]byte, len(k.carry), want)
	}
	copy(buf, k.carry) // memmove: dst may hold carry
	nl := k.countOf(buf)
	var err error
	for {
		for len(buf) < cap(buf) && err == nil {
			var n int
			if k.under != nil && k.br.Buffered() == 0 {
				// Past what br holds, read the text straight into
				// the chunk: br would copy it through its own buffer.
				// Whole lines from the file itself when under can
				// (textio.Reader.ReadLines); they end the chunk. (A
				// pipe gives at most 64 KB a read, so its chunks are
				// smaller; reading on to fill them was slower, 1M rows
				// piped: 477 against 417 ms, holding the lock longer.)
				if l, ok := k.under.(lineReader); ok {
					var lines int
					if n, lines = l.ReadLines(buf[len(buf):cap(buf)]); n > 0 {
						buf = buf[:len(buf)+n]
						nl += lines
						break
					}
				}
				n, err = k.under.Read(buf[len(buf):cap(buf)])
			} else {
				n, err = k.br.Read(buf[len(buf):cap(buf)])
			}
			buf = buf[:len(buf)+n]
			nl += k.countOf(buf[len(buf)-n:])
		}
		if err != nil {
			k.carry, k.err = nil, err
			k.lines = nl
			return buf, err
		}
		if cut := lastRecordEnd(buf, k.comma); cut > 0 {
			k.carry = buf[cut:]
			k.lines = nl - k.countOf(k.carry)
			return buf[:cut], nil
		}
		// One record longer than the buffer (a long quoted field, or a
		// quote left open): read on into a larger one.
		buf = append(buf[:cap(buf)], 0)[:len(buf)]
	}
}

// countOf counts b's line ends when k counts them.
func (k *chunker) countOf(b []byte) int {
	if !k.count {
		return 0
	}
	return bytes.Count(b, []byte{'\n'})
}

// handOver returns a chunker for the rest of the text, chunks of about
// size bytes, after the records f has read: it starts with what f's
// current chunk (in a sequential read) has not handed out. f must not be
// read after.
func (f *fastCSV) handOver(size int, reuse bool) *chunker {
	c := f.chunk
	if c == nil || c.next == nil {
		return &chunker{br: f.br, under: f.under, comma: f.comma, size: size, reuse: reuse}
	}
	k := c.next
	k.size, k.reuse = size, reuse
	rest := c.buf[c.off:]
	switch {
	case c.tail != nil:
		k.carry, k.err = rest, c.tail
	case len(rest) > 0:
		k.carry = append(append([]byte(nil), rest...), k.carry...)
	}
	f.chunk, f.src = nil, nil
	return k
}

// chunked makes f read the rest of br in chunks of about size bytes, the
// unquoted lines split by scanLine. Call it between records.
func (f *fastCSV) chunked(size int) {
	f.chunk = &chunkLines{next: &chunker{br: f.br, under: f.under, comma: f.comma, size: size}}
	f.src = f.chunk
	f.feed.src = f.src
}

// Line returns the line of the first field of the record last returned
// (encoding/csv's FieldPos(0)).
func (f *fastCSV) Line() int { return f.line }

// readRaw is encoding/csv's readLine without its rewriting of the line
// end: the bytes as read, with the error (io.EOF only when nothing was
// read, or with a last line that has no '\n'). The slice is valid until
// the next read from br.
func (f *fastCSV) readRaw() ([]byte, error) {
	line, err := f.src.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		f.raw = append(f.raw[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = f.src.ReadSlice('\n')
			f.raw = append(f.raw, line...)
		}
		line = f.raw
	}
	f.numLine++
	return line, err
}

// Read returns the next record, or io.EOF. Errors are encoding/csv's: a
// *csv.ParseError (with the partial record, or the whole record for
// csv.ErrFieldCount) or a read error.
func (f *fastCSV) Read() ([]string, error) {
	if f.scanNext() {
		fields := f.cut(f.chunk.str)
		return fields, f.width(len(fields))
	}
	line, errRead := f.readRaw()
	if bytes.IndexByte(line, '"') >= 0 {
		// Never an empty line, so never skipped.
		return f.readSlow(line, errRead)
	}
	// encoding/csv's readLine: a last line without '\n' loses one
	// trailing '\r'; "\r\n" counts as "\n".
	if len(line) > 0 && errRead == io.EOF {
		errRead = nil
		if line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
	}
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
		if n >= 2 && line[n-2] == '\r' {
			line = line[:n-2]
		}
	}
	if errRead == nil && len(line) == 0 {
		// Not a record (as in encoding/csv), but a line of the file: the
		// caller counts it as skipped.
		f.line = f.numLine
		return nil, errBlankLine
	}
	if errRead == io.EOF {
		return nil, errRead
	}
	recLine := f.numLine
	s := string(line) // one allocation per record, as encoding/csv
	fields := f.fields[:0]
	for {
		i := strings.IndexByte(s, f.comma)
		if i < 0 {
			fields = append(fields, s)
			break
		}
		fields = append(fields, s[:i])
		s = s[i+1:]
	}
	f.fields = fields
	f.line = recLine
	if errRead != nil {
		return fields, errRead
	}
	if f.want > 0 {
		if len(fields) != f.want {
			return fields, &csv.ParseError{StartLine: recLine, Line: recLine, Column: 1, Err: csv.ErrFieldCount}
		}
	} else if f.want == 0 {
		f.want = len(fields)
	}
	return fields, nil
}

// scanNext splits the next line with scanLine when it can (a chunk, a
// line without a quote), and counts it; false leaves the line to Read.
func (f *fastCSV) scanNext() bool {
	c := f.chunk
	if c == nil {
		return false
	}
	c.fill()
	next := f.scanLine(c, c.off)
	if next == 0 {
		return false
	}
	c.off = next
	f.numLine++
	f.line = f.numLine
	return true
}

// width checks a record's field count as encoding/csv does with
// FieldsPerRecord: the first record sets it.
func (f *fastCSV) width(n int) error {
	if f.want > 0 {
		if n != f.want {
			return &csv.ParseError{StartLine: f.line, Line: f.line, Column: 1, Err: csv.ErrFieldCount}
		}
	} else if f.want == 0 {
		f.want = n
	}
	return nil
}

// readSlow parses the record starting with raw (line f.numLine, read with
// err) using encoding/csv, and maps its line numbers back to the file's.
func (f *fastCSV) readSlow(raw []byte, err error) ([]string, error) {
	if f.slow == nil {
		f.slow = csv.NewReader(&f.feed)
		f.slow.Comma = rune(f.comma)
		f.slow.ReuseRecord = true
	}
	recLine := f.numLine
	// slow numbers this line slowLines+1.
	delta := recLine - (f.slowLines + 1)
	f.feed.start(raw, err)
	f.slow.FieldsPerRecord = f.want
	fields, err := f.slow.Read()
	f.want = f.slow.FieldsPerRecord
	f.slowLines += f.feed.lines
	f.numLine += f.feed.lines - 1
	if len(f.feed.pending) != 0 {
		// encoding/csv always reads a record's last line to its end; if
		// it ever did not, the rest of the line would be lost.
		return fields, errors.New("export: internal error: CSV fallback stopped inside a line")
	}
	if err == nil {
		l, _ := f.slow.FieldPos(0)
		f.line = l + delta
		return fields, nil
	}
	f.line = recLine
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fields, &csv.ParseError{StartLine: pe.StartLine + delta, Line: pe.Line + delta, Column: pe.Column, Err: pe.Err}
	}
	return fields, err
}

// feeder hands encoding/csv the lines of one record: first the line the
// fast path read, then, only when asked, further lines from src, never
// more than one line per Read.
type feeder struct {
	src     lineSource
	pending []byte // aliases src's buffer or fastCSV.raw; nothing reads src meanwhile
	err     error  // returned once pending is empty
	partial bool   // the last chunk fetched ended inside a line
	lines   int    // lines handed out since start
}

func (fd *feeder) start(line []byte, err error) {
	fd.pending, fd.err, fd.partial, fd.lines = line, err, false, 1
}

func (fd *feeder) Read(p []byte) (int, error) {
	for len(fd.pending) == 0 {
		if fd.err != nil {
			return 0, fd.err
		}
		fd.pending, fd.err = fd.src.ReadSlice('\n')
		if fd.err == bufio.ErrBufferFull {
			fd.err = nil
		}
		if n := len(fd.pending); n > 0 {
			if fd.pending[n-1] == '\n' {
				fd.lines++
				fd.partial = false
			} else {
				fd.partial = true
			}
		}
		if fd.err != nil && fd.partial {
			fd.lines++ // a last line without '\n'
			fd.partial = false
		}
	}
	n := copy(p, fd.pending)
	fd.pending = fd.pending[n:]
	return n, nil
}
