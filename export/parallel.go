package export

import (
	"bytes"
	"errors"
	"io"
	"sync"
)

// Parallel parsing of a CSV export. Parser goroutines take turns (under
// a lock) to read the next chunk of decoded text, so encoding detection
// stays line by line and in file order, cut at a record boundary; each
// then turns its chunk into Records and RowErrors with fastCSV and fill,
// as Next would; the caller takes the chunks back in file order. Every chunk
// starts at a record start with its physical line number, so each parser
// sees exactly the records, line numbers and errors a sequential read
// does: the rows reach the caller in the same order with the same values
// for any number of parsers.
//
// Finding the boundaries needs no field parsing: a line without a quote
// ends its record, and a line with one is followed through encoding/csv's
// quoting rules (recordEnd) to the line that ends it. This is a memchr
// over the text, cheap next to splitting and mapping ~20 fields a row.

// chunkSize is how much text a parser reads at a time: about
// a thousand rows of a register export, enough that channel and goroutine
// hand-offs cost nothing measurable, small enough that the chunks in
// flight stay a few MB.
const chunkSize = 256 << 10

// Chunk is a run of consecutive rows parsed by one parser.
type Chunk struct {
	// Records are the rows in file order; Errs[i] non-nil means row i
	// could not be used (then only Records[i].Line is meaningful).
	Records []Record
	Errs    []*RowError
	// Err is the error that stopped reading after these rows (a failing
	// stream, wrapping kartoitus.ErrUnreadable or its own sentinel).
	Err error
	// Aux is the caller's: what its hook (ParallelHook) made of the rows,
	// kept with the chunk when the chunk is reused, so a hook can reuse
	// its own buffers.
	Aux any

	data    []byte
	line    int   // physical line of data's first byte
	tail    error // io.EOF or the stream's error after data (last chunk)
	unnamed map[int]int
	done    chan struct{}
}

// Stream hands out the rows of a CSV export parsed in parallel, in file
// order. Use it from one goroutine; Close it when done.
type Stream struct {
	r     *Reader
	order chan *Chunk // to the caller, in file order
	free  chan *Chunk
	stop  chan struct{}
	wg    sync.WaitGroup
	cur   *Chunk
	once  sync.Once
	hook  func() func(*Chunk)

	// mu guards the reading: each parser reads the chunk it parses next,
	// so that its text is still in that core's cache when it is scanned.
	// (Read by a splitter goroutine, a chunk's text went from core to
	// core: with 2 parsers the scan took 60% more time than on one.)
	mu    sync.Mutex
	k     *chunker
	line  int  // physical line of the next chunk's first byte
	ended bool // the last chunk has been read
}

// ParallelHook starts reading the rest of a CSV export on parsers goroutines
// (at least 1), each reading its next chunk in turn. The Reader must not
// be read otherwise until Close. XLSX exports are not split: it returns
// nil.
//
// Each parser goroutine calls newHook (nil: none) once and runs what it
// returns on every chunk it has parsed, before the chunk is handed out.
// Work on a row that needs no other row (the gate's per-row checks) so
// runs on every parser, while the caller keeps what spans rows.
func (r *Reader) ParallelHook(parsers int, newHook func() func(*Chunk)) *Stream {
	return r.parallel(parsers, chunkSize, newHook)
}

func (r *Reader) parallel(parsers, size int, hook func() func(*Chunk)) *Stream {
	if r.csv == nil {
		return nil
	}
	parsers = max(parsers, 1)
	// Enough chunks that every parser has one to work on while the caller
	// checks one and another is read.
	n := 2*parsers + 2
	s := &Stream{r: r, order: make(chan *Chunk, n), free: make(chan *Chunk, n), stop: make(chan struct{}),
		k: r.csv.handOver(size, r.reuse), line: r.csv.numLine + 1, hook: hook}
	s.k.count = true
	for i := 0; i < n; i++ {
		s.free <- &Chunk{unnamed: map[int]int{}, done: make(chan struct{}, 1)}
	}
	s.wg.Add(parsers)
	for i := 0; i < parsers; i++ {
		go s.parse()
	}
	return s
}

// Next returns the next chunk in file order, or nil after the last. The
// chunk (but not the strings in its Records, unless the Reader reuses
// buffers) is reused after the next call. Counts of values in unnamed columns are added to the Reader's
// UnnamedValues as chunks are handed out.
func (s *Stream) Next() *Chunk {
	if s.cur != nil {
		s.free <- s.cur // never blocks: free holds every chunk
		s.cur = nil
	}
	c, ok := <-s.order
	if !ok {
		return nil
	}
	<-c.done
	for k, v := range c.unnamed {
		s.r.UnnamedValues[k] += v
	}
	s.cur = c
	return c
}

// Close stops the parsers and waits for them: after Close
// the Reader's Text is final and may be read.
func (s *Stream) Close() {
	s.once.Do(func() { close(s.stop) })
	s.wg.Wait()
}

// read fills c with the next chunk of the decoded text, cut at a record
// end, and queues it in file order; false after the last.
func (s *Stream) read(c *Chunk) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return false
	}
	// A fresh buffer each time (the rows' strings alias it), unless the
	// buffers are reused: then the chunk's own, which the caller has
	// given back.
	c.data, c.tail = s.k.next(c.data)
	c.line = s.line
	s.line += s.k.lines
	s.ended = c.tail != nil
	s.order <- c // never blocks: order holds every chunk
	if s.ended {
		close(s.order)
	}
	return true
}

// parse turns chunks into rows.
func (s *Stream) parse() {
	defer s.wg.Done()
	r := s.r
	var src chunkLines
	fc := &fastCSV{src: &src, chunk: &src, comma: r.csv.comma}
	var hook func(*Chunk)
	if s.hook != nil {
		hook = s.hook()
	}
	for {
		var c *Chunk
		select {
		case c = <-s.free:
		case <-s.stop:
			return
		}
		if !s.read(c) {
			s.free <- c // never blocks: free holds every chunk
			return
		}
		tail := c.tail
		if tail == nil {
			tail = io.EOF
		}
		src.set(c.data, tail)
		fc.restart(c.line-1, r.csv.want)
		c.Records, c.Errs, c.Err = c.Records[:0], c.Errs[:0], nil
		clear(c.unnamed)
		for {
			if len(c.Records) == cap(c.Records) {
				c.Records = append(c.Records, Record{})
				// Write the new room before it is read: a record is
				// read first (clearAbsent), and a read maps a fresh
				// page to the zero page, which the write then
				// replaces with a TLB flush on every core: 4% of a
				// 2-worker run went to those faults.
				clear(c.Records[len(c.Records):cap(c.Records)])
			} else {
				c.Records = c.Records[:len(c.Records)+1]
			}
			rec := &c.Records[len(c.Records)-1]
			err := r.readRow(fc, rec, c.unnamed)
			if err == nil {
				c.Errs = append(c.Errs, nil)
				continue
			}
			var re *RowError
			if errors.As(err, &re) {
				c.Errs = append(c.Errs, re)
				continue
			}
			c.Records = c.Records[:len(c.Records)-1]
			if err != io.EOF {
				c.Err = err
			}
			break
		}
		if hook != nil {
			hook(c)
		}
		c.done <- struct{}{}
	}
}

// restart makes f read a new chunk (set in its src by the caller) whose
// first line is line numLine+1, with want fields a record.
func (f *fastCSV) restart(numLine, want int) {
	f.numLine, f.want, f.line = numLine, want, 0
	f.slow, f.slowLines = nil, 0
	f.feed = feeder{src: f.src}
}

// lastRecordEnd returns the offset just past the last record that ends
// in buf, read from a record start as encoding/csv reads it (Comma comma,
// LazyQuotes off), or 0 when none does.
func lastRecordEnd(buf []byte, comma byte) int {
	last, pos := 0, 0
	for pos < len(buf) {
		q := bytes.IndexByte(buf[pos:], '"')
		if q < 0 {
			if i := bytes.LastIndexByte(buf[pos:], '\n'); i >= 0 {
				return pos + i + 1
			}
			return last
		}
		// The lines before the quote's are records of their own.
		ls := pos
		if i := bytes.LastIndexByte(buf[pos:pos+q], '\n'); i >= 0 {
			ls = pos + i + 1
			last = ls
		}
		end := recordEnd(buf, ls, comma)
		if end < 0 {
			return last
		}
		last, pos = end, end
	}
	return last
}

// recordEnd returns the offset just past the '\n' that ends the record
// starting at line start ls, or -1 when buf ends first. encoding/csv ends
// a record at the end of the line where it stops parsing, whether it
// stopped at the line end outside quotes or at an error (a bare quote, a
// quote followed by other than a quote or the delimiter); only a line end
// inside a quoted field runs the record on.
func recordEnd(buf []byte, ls int, comma byte) int {
	p := ls
	nl := -1 // offset of the next '\n' at or after p, when known
	lineEnd := func(from int) int {
		if nl < from {
			i := bytes.IndexByte(buf[from:], '\n')
			if i < 0 {
				return -1
			}
			nl = from + i
		}
		return nl + 1
	}
	for {
		// p starts a field, outside quotes.
		q := bytes.IndexByte(buf[p:], '"')
		end := lineEnd(p)
		if q < 0 || (end >= 0 && end-1 < p+q) {
			return end
		}
		q += p
		if q != p && buf[q-1] != comma {
			return end // a bare quote: an error, the record ends with its line
		}
		// A quoted field: find its closing quote, skipping doubled ones.
		p = q + 1
		for {
			i := bytes.IndexByte(buf[p:], '"')
			if i < 0 {
				return -1
			}
			p += i + 1
			if p == len(buf) {
				return -1 // a doubled quote or not: the next byte decides
			}
			if buf[p] != '"' {
				break
			}
			p++
		}
		if buf[p] != comma {
			return lineEnd(p)
		}
		p++
	}
}
