package separation

import (
	"cmp"
	"slices"

	"github.com/kartoitus/kartoitus/registers"
)

// docTable keeps what the cross-row checks need about every document row
// in compact, pointer-free chunks: a 16-byte record (id hash with the
// register bit and the joint flag in its low bits, the id's offset in an
// arena, the line) bucketed by the top byte of the hash, and the ids
// themselves in an arena.
//
// Why not a map: at 10M rows a map from id hash to registers costs a
// cache and TLB miss per row — a third of the whole run when measured.
// Appending to 256 buckets stays in cache; sorting each bucket (about
// 40,000 records at 10M rows) at the end is cheaper than the misses, and
// the same arena serves the deferred window findings.
type docTable struct {
	// tails are the chunks being filled, one per bucket (one indirection
	// on the per-row path); full chunks move to buckets.
	tails        [256][]docRec
	buckets      [256][][]docRec
	arena        [][]byte
	restarts     []uint32 // offsets of entries stored whole, ascending
	prev         []byte   // the previous id, for prefix compression
	sinceRestart int
	full         bool // arena limit reached: later ids are not kept
	count        int
}

type docRec struct {
	hash uint64 // low 5 bits: register bit (4) and joint flag (1 << 4)
	off  uint32 // arena chunk (8 bits) and offset (24 bits); noID when not kept
	line uint32
}

const (
	recChunk   = 4096
	arenaChunk = 1 << 24
	maxChunks  = 256
	noID       = ^uint32(0)
	flagJoint  = 1 << 4
	flagMask   = 1<<5 - 1
)

// add records a row and returns the offset of its document id in the
// arena (for candidates of the window check).
func (t *docTable) add(hash uint64, docID string, bit uint8, joint bool, line int) uint32 {
	off := t.store(docID)
	if bit == 0 {
		return off // unknown register: the conflict check does not track it
	}
	h := hash&^flagMask | uint64(bit)
	if joint {
		h |= flagJoint
	}
	k := hash >> 56
	tail := &t.tails[k]
	if len(*tail) == cap(*tail) {
		// Chunks grow from 64 to recChunk records, so small exports do
		// not pay for 256 large buckets.
		size := 64
		if c := cap(*tail); c > 0 {
			t.buckets[k] = append(t.buckets[k], *tail)
			size = min(2*c, recChunk)
		}
		*tail = make([]docRec, 0, size)
	}
	*tail = append(*tail, docRec{hash: h, off: off, line: uint32(line)})
	t.count++
	return off
}

// store appends a document id (cut to 255 bytes) to the arena, prefix-
// compressed against the previous row's id: exports number documents
// under a common OID or prefix, so most entries are a few bytes. Every
// restartEvery-th entry, and the first of each chunk, is stored whole;
// id() decodes forward from the nearest such restart.
func (t *docTable) store(docID string) uint32 {
	if t.full {
		return noID
	}
	if len(docID) > 255 {
		docID = docID[:255]
	}
	shared := 0
	if t.sinceRestart < restartEvery {
		for shared < len(docID) && shared < len(t.prev) && docID[shared] == t.prev[shared] {
			shared++
		}
	}
	suffix := docID[shared:]
	n := len(t.arena)
	if n == 0 || len(t.arena[n-1])+2+len(docID) > cap(t.arena[n-1]) {
		if n == maxChunks {
			t.full = true
			return noID
		}
		// Chunks grow from 64 KB to arenaChunk (16 MB, the 24-bit offset).
		size := 64 << 10
		if n > 0 {
			size = min(2*cap(t.arena[n-1]), arenaChunk)
		}
		t.arena = append(t.arena, make([]byte, 0, size))
		n++
		shared, suffix = 0, docID
	}
	c := t.arena[n-1]
	off := uint32(n-1)<<24 | uint32(len(c))
	if shared == 0 {
		t.restarts = append(t.restarts, off)
		t.sinceRestart = 0
	}
	t.sinceRestart++
	c = append(c, byte(shared), byte(len(suffix)))
	c = append(c, suffix...)
	t.arena[n-1] = c
	t.prev = append(t.prev[:0], docID...)
	return off
}

// restartEvery bounds how far id() decodes forward.
const restartEvery = 16

// id returns a stored document id, or "" when it was not kept.
func (t *docTable) id(off uint32) string {
	if off == noID {
		return ""
	}
	// The last restart at or before off.
	i, found := slices.BinarySearch(t.restarts, off)
	if !found {
		i--
	}
	pos := t.restarts[i]
	c := t.arena[pos>>24]
	o := int(pos & (1<<24 - 1))
	target := int(off & (1<<24 - 1))
	var buf []byte
	for {
		shared, n := int(c[o]), int(c[o+1])
		buf = append(buf[:shared], c[o+2:o+2+n]...)
		if o == target {
			return string(buf)
		}
		o += 2 + n
	}
}

// conflict is a row that brought a document id into a second register.
type conflict struct {
	off           uint32
	line, first   int
	regs, thisReg uint8
}

// scan sorts each bucket and calls fn for every conflict, and returns the
// number of distinct document ids. Two ids collide with probability about
// n²/2⁶⁰: negligible at any export size.
func (t *docTable) scan(fn func(conflict)) int {
	distinct := 0
	var scratch, tmp []docRec
	for i := range t.buckets {
		scratch = scratch[:0]
		for _, c := range t.buckets[i] {
			scratch = append(scratch, c...)
		}
		scratch = append(scratch, t.tails[i]...)
		t.buckets[i], t.tails[i] = nil, nil // release as we go
		if len(scratch) < 64 {
			slices.SortFunc(scratch, func(a, b docRec) int {
				if c := cmp.Compare(a.hash&^flagMask, b.hash&^flagMask); c != 0 {
					return c
				}
				return cmp.Compare(a.line, b.line)
			})
		} else {
			scratch, tmp = radixSort(scratch, tmp)
		}
		for j := 0; j < len(scratch); {
			k := scratch[j].hash &^ flagMask
			first := scratch[j]
			mask := uint8(first.hash & 0xF)
			distinct++
			j++
			for ; j < len(scratch) && scratch[j].hash&^flagMask == k; j++ {
				r := scratch[j]
				bit := uint8(r.hash & 0xF)
				if mask&bit != 0 {
					continue
				}
				both := mask | bit
				mask = both
				joint := r.hash&flagJoint != 0 && both == regBit(registers.Social)|regBit(registers.Health)
				if !joint {
					fn(conflict{off: r.off, line: int(r.line), first: int(first.line), regs: both, thisReg: bit})
				}
			}
		}
	}
	return distinct
}

// radixSort orders records by id hash (bits 5–59; the top byte is the
// bucket), stably, so rows with the same id stay in line order. LSD radix
// with 11-bit digits: five passes over a bucket that fits in cache.
func radixSort(a, tmp []docRec) ([]docRec, []docRec) {
	if cap(tmp) < len(a) {
		tmp = make([]docRec, len(a))
	}
	tmp = tmp[:len(a)]
	const bits = 11
	var count [1 << bits]int
	for shift := uint(5); shift < 56; shift += bits {
		clear(count[:])
		for i := range a {
			count[(a[i].hash>>shift)&(1<<bits-1)]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for i := range a {
			d := (a[i].hash >> shift) & (1<<bits - 1)
			tmp[count[d]] = a[i]
			count[d]++
		}
		a, tmp = tmp, a
	}
	return a, tmp
}
