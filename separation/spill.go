package separation

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"unsafe"

	"github.com/kartoitus/kartoitus"
)

// Bounded memory. The cross-row state that grows with rows — a 16-byte
// record per document row (docs.go), the document ids' arena, and the
// register use right's windows and the producer documents awaiting them
// (rules_reg02x.go) — moves to one temporary file once it passes 40% of
// the budget (Config.Memory, less baseBytes): as much again is the Go
// heap's headroom between collections, and the rest a margin (the first
// 100M-row run, spilling at half, peaked at 997 of its 1,024 MiB). After
// that, memory holds only the chunks being filled (about 35 MB, and up to
// 26 MB more for the use-right lists) and the arena's restart index (0.25
// B a row).
//
// Partitioning rather than sorted runs: the conflict check buckets its
// records by the top byte of the id hash and the use right its windows
// and candidates by the top byte of the window key, so a spilled bucket
// is read back whole (1/256 of the rows) and sorted or joined in memory
// as before. Either way the findings, their order and every figure are
// those of the in-memory path (TestSpillAgrees).
//
// The file holds document ids, which a mis-mapped column can make
// personal data: it is removed as soon as it is created (on Windows, when
// the run ends) and written encrypted (AES-CTR under a key that exists
// only in this process), so no byte of it is readable after the run, even
// if the process dies.

// DefaultMemory is the memory budget when Config.Memory is 0.
const DefaultMemory = 1 << 30

// baseBytes is what the process holds besides the tracked state: the
// program, catalogue, reader buffers and kept findings (measured: 34–38 MB
// peak RSS on a 3,000-row export).
const baseBytes = 48 << 20

// spillFile is the run's temporary file: append-only writes, reads at
// offsets. Errors are kept, not returned per call: the first one ends the
// run (gate.spillErr).
type spillFile struct {
	f    *os.File
	ctr  cipher.Block
	iv   [aes.BlockSize]byte
	size int64 // bytes written
	err  error
}

func newSpillFile(dir string) (*spillFile, error) {
	f, err := os.CreateTemp(dir, "kartoitus-spill-*")
	if err != nil {
		return nil, fmt.Errorf("%w: memory budget reached and no temporary file for the rest: %v", kartoitus.ErrInternal, err)
	}
	if runtime.GOOS != "windows" {
		os.Remove(f.Name()) // unlinked: gone when the process is
	}
	var key [32]byte
	if _, err := rand.Read(key[:]); err != nil {
		f.Close()
		return nil, err
	}
	b, err := aes.NewCipher(key[:])
	if err != nil {
		f.Close()
		return nil, err
	}
	s := &spillFile{f: f, ctr: b}
	rand.Read(s.iv[:])
	return s, nil
}

// crypt XORs p, which is at offset off of the file, with the key stream.
func (s *spillFile) crypt(p []byte, off int64) {
	iv := s.iv
	// Add the block number to the IV's low 64 bits (CTR counts from
	// there, carrying into the high half as cipher.NewCTR does).
	lo := binary.BigEndian.Uint64(iv[8:])
	n := uint64(off / aes.BlockSize)
	if lo+n < lo {
		binary.BigEndian.PutUint64(iv[:8], binary.BigEndian.Uint64(iv[:8])+1)
	}
	binary.BigEndian.PutUint64(iv[8:], lo+n)
	st := cipher.NewCTR(s.ctr, iv[:])
	if skip := int(off % aes.BlockSize); skip > 0 {
		var pad [aes.BlockSize]byte
		st.XORKeyStream(pad[:skip], pad[:skip])
	}
	st.XORKeyStream(p, p)
}

// append writes p at the end of the file and returns its offset. It
// encrypts p in place: the caller is done with it (its memory is reused
// or dropped), and a copy would cost a 16 MB buffer for the arena's.
func (s *spillFile) append(p []byte) int64 {
	off := s.size
	if s.err != nil {
		return off
	}
	s.crypt(p, off)
	if _, err := s.f.WriteAt(p, off); err != nil {
		s.err = fmt.Errorf("%w: writing the temporary file (memory budget reached): %v", kartoitus.ErrInternal, err)
	}
	s.size += int64(len(p))
	return off
}

// readAt fills p from offset off.
func (s *spillFile) readAt(p []byte, off int64) {
	if s.err != nil {
		clear(p)
		return
	}
	if _, err := s.f.ReadAt(p, off); err != nil {
		s.err = fmt.Errorf("%w: reading back the temporary file: %v", kartoitus.ErrInternal, err)
		clear(p)
		return
	}
	s.crypt(p, off)
}

func (s *spillFile) close() {
	if s == nil {
		return
	}
	name := s.f.Name()
	s.f.Close()
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) && s.err == nil {
		s.err = err
	}
}

// spillable are the fixed-size, pointer-free records a spillList holds:
// written as their memory image, read back by the same process.
type spillable interface{ docRec | candidate | windowRec }

// spillList is an append-only list kept in chunks; once the gate spills,
// every full chunk is written to the file instead of kept. Iteration
// visits the file's chunks, then memory's, which is append order: the
// switch writes out every chunk memory held first.
type spillList[T spillable] struct {
	mem   [][]T
	tail  []T
	files []int64 // offsets of spilled chunks, each of len(T)*lens[i]
	lens  []int32
}

// add appends v; chunks grow from first to max records.
func (l *spillList[T]) add(g *gate, v T, first, max int) {
	if len(l.tail) == cap(l.tail) {
		l.grow(g, first, max)
	}
	l.tail = append(l.tail, v)
}

// grow makes room after a full tail (kept, or written out).
func (l *spillList[T]) grow(g *gate, first, max int) {
	var zero T
	rec := int64(unsafe.Sizeof(zero))
	c := cap(l.tail)
	if c == 0 {
		l.tail = chunkOf[T](&g.slab, first)
		g.mem.add(int64(first) * rec)
		return
	}
	size := min(2*c, max)
	if g.spill != nil && c == size {
		// Written out: the same memory takes the next chunk.
		l.write(g, l.tail)
		l.tail = l.tail[:0]
		g.mem.add(int64(c) * rec)
		return
	}
	l.keep(g, l.tail)
	l.tail = chunkOf[T](&g.slab, size)
	g.mem.add(int64(size) * rec)
}

// keep stores a full chunk: in memory, or in the file once spilling.
func (l *spillList[T]) keep(g *gate, c []T) {
	if g.spill == nil {
		l.mem = append(l.mem, c)
		return
	}
	l.write(g, c)
}

func (l *spillList[T]) write(g *gate, c []T) {
	if len(c) == 0 {
		return
	}
	size := int(unsafe.Sizeof(c[0]))
	b := unsafe.Slice((*byte)(unsafe.Pointer(&c[0])), len(c)*size)
	l.files = append(l.files, g.spill.append(b))
	l.lens = append(l.lens, int32(len(c)))
	g.mem.add(-int64(cap(c) * size))
}

// spillOut writes out the chunks memory holds (the switch to spilling).
func (l *spillList[T]) spillOut(g *gate) {
	for _, c := range l.mem {
		l.write(g, c)
	}
	l.mem = nil
	l.detach()
}

// each calls fn for every chunk in append order; a chunk read back from
// the file is only valid during its call.
func (l *spillList[T]) each(g *gate, fn func([]T)) {
	var buf []T
	for i, off := range l.files {
		n := int(l.lens[i])
		if cap(buf) < n {
			buf = make([]T, n)
		}
		buf = buf[:n]
		var zero T
		size := int(unsafe.Sizeof(zero))
		g.spill.readAt(unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), n*size), off)
		fn(buf)
	}
	for _, c := range l.mem {
		fn(c)
	}
	if len(l.tail) > 0 {
		fn(l.tail)
	}
}

// release drops the list.
func (l *spillList[T]) release() { *l = spillList[T]{} }

// memBudget tracks the bytes of row-proportional state held in memory.
type memBudget struct {
	held, limit int64
	// over is set when held passed limit: the gate spills at the next
	// row boundary.
	over bool
	// calm, while positive, is where streamGC's raised GOGC ends, and
	// restoreGC the GOGC it puts back.
	calm      int64
	restoreGC int
}

func (m *memBudget) add(n int64) {
	m.held += n
	if m.limit > 0 && m.held > m.limit {
		m.over = true
	}
	if m.calm > 0 && m.held > m.calm {
		m.endStreamGC()
	}
}

// streamGC raises the collector's GOGC to Config.StreamGC while the rows
// stream and the row state is small. The heap then is almost all that
// state, which only grows, and a chunk's buffers are reused: a collection
// finds little to free, and the default GOGC runs one at every doubling
// of the state, which in a short run is a large share of its CPU
// (measured, 1M rows: 6 collections; on 2 workers 0.54–0.57 s of user CPU
// at GOGC 100, 0.47–0.51 s at 400, peak RSS within 2 MB). Under a tenth
// of the budget, a heap five times the state stays under half of it; past
// that GOGC goes back, since the budget's headroom (spilling at 40%, the
// heap up to twice that) assumes the default.
func (g *gate) streamGC() {
	if g.cfg.StreamGC <= 0 || g.probe {
		return
	}
	budget := g.cfg.Memory
	if budget <= 0 {
		budget = DefaultMemory
	}
	g.mem.calm = max(budget/10, 1)
	g.mem.restoreGC = debug.SetGCPercent(g.cfg.StreamGC)
}

// endStreamGC puts GOGC back (once; nothing when it was not raised).
func (m *memBudget) endStreamGC() {
	if m.calm > 0 {
		m.calm = 0
		debug.SetGCPercent(m.restoreGC)
	}
}
