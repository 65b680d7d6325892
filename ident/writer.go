package ident

import (
	"io"
	"sync"
)

// Writer masks henkilötunnus-shaped runs (see IndexHetu) in everything
// written through it, also when a run is split across writes. It passes
// text on at once except a tail that could still be the start of a run
// (at most 11 bytes, only while one is being written), so Close (or
// Flush) must be called at the end. It is safe for concurrent writes.
type Writer struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte // buf[0] is the last byte already passed on, when ctx
	ctx bool
}

// NewWriter returns a Writer that passes masked text on to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write masks and passes on all of p that can be decided.
func (r *Writer) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf = append(r.buf, p...)
	first := 0
	if r.ctx {
		first = 1
	}
	limit := r.pending(first)
	if limit <= first {
		return len(p), nil
	}
	// Every run that starts before limit is decided: if it reached the end
	// of buf, it would be a pending prefix starting before limit.
	for i, n := indexHetu(r.buf, first); i >= 0 && i < limit; i, n = indexHetu(r.buf, i+n) {
		maskRun(r.buf, i, n)
	}
	if _, err := r.w.Write(r.buf[first:limit]); err != nil {
		return 0, err
	}
	r.buf = append(r.buf[:0], r.buf[limit-1:]...)
	r.ctx = true
	return len(p), nil
}

// pending returns where the tail of buf that could still grow into a run
// begins (len(buf) when there is none): the earliest q in the last 11
// bytes that starts a word and from which buf is a prefix of a run.
func (r *Writer) pending(first int) int {
	for q := max(first, len(r.buf)-11); q < len(r.buf); q++ {
		if q > 0 && class[r.buf[q-1]]&clDigit != 0 {
			continue
		}
		if runPrefix(r.buf[q:]) {
			return q
		}
	}
	return len(r.buf)
}

// runPrefix reports whether t could be the beginning of a run.
func runPrefix(t []byte) bool {
	for k, c := range t {
		var want uint8
		switch {
		case k < 6, k >= 7 && k < 10:
			want = clDigit
		case k == 6:
			want = clSign
		case k == 10:
			want = clDigit | clAlpha
		default:
			return false
		}
		if class[c]&want == 0 {
			return false
		}
	}
	return true
}

// Flush masks and passes on everything held back, taking the end of what
// was written as the end of the text.
func (r *Writer) Flush() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	first := 0
	if r.ctx {
		first = 1
	}
	if len(r.buf) <= first {
		return nil
	}
	for i, n := indexHetu(r.buf, first); i >= 0; i, n = indexHetu(r.buf, i+n) {
		maskRun(r.buf, i, n)
	}
	_, err := r.w.Write(r.buf[first:])
	r.buf = append(r.buf[:0], r.buf[len(r.buf)-1])
	r.ctx = true
	return err
}

// Unwrap returns the writer masked text goes to, so callers can still ask
// whether it is a terminal.
func (r *Writer) Unwrap() io.Writer { return r.w }

// Close flushes; it does not close the underlying writer.
func (r *Writer) Close() error { return r.Flush() }
