package separation

import (
	"cmp"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/kartoitus/kartoitus/internal/textnorm"
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
	g *gate
	// buckets are the records by the top byte of their hash, in row
	// order within each (spill.go: chunks move to the temporary file
	// once memory passes its budget).
	buckets [256]spillList[docRec]
	// arena holds every row's document id, entry n for the n-th row,
	// prefix-compressed (store); chunks hold whole restart groups.
	arena [][]byte
	// spilled[i] >= 0 is the file offset of arena chunk i, written out
	// (arena[i] is nil then) with length spilledLen[i].
	spilled    []int64
	spilledLen []int32
	// restarts[r] is the offset in its chunk of entry r*restartEvery,
	// stored whole; chunkStart[i] the first restart in chunk i.
	restarts     []uint32
	chunkStart   []uint32
	entries      uint32
	prev         []byte // the previous id, for prefix compression
	sinceRestart int
	full         bool // 2³²−1 entries: later ids are not kept
	count        int
	idBuf        []byte
}

type docRec struct {
	hash uint64 // low 5 bits: register bit (4) and joint flag (1 << 4)
	off  uint32 // the id's arena entry; noID when not kept
	line uint32
}

// firstChunk are the sizes lists and the arena start from (small exports
// stay small) and arenaMax the arena's largest chunk; the tests shrink
// them so that a few rows cross many chunk boundaries.
var firstChunk = struct{ rec, arena, arenaMax int }{64, 64 << 10, arenaChunk}

const (
	recChunk   = 4096
	arenaChunk = 1 << 24
	noID       = ^uint32(0)
	flagJoint  = 1 << 4
	flagBits   = 5 // the low bits of docRec.hash that hold the flags
	flagMask   = 1<<flagBits - 1
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
	// Chunks grow from 64 to recChunk records, so small exports do not
	// pay for 256 large buckets.
	t.buckets[hash>>56].add(t.g, docRec{hash: h, off: off, line: uint32(line)}, firstChunk.rec, recChunk)
	t.count++
	return off
}

// store appends a document id (cut to 255 bytes) to the arena and
// returns its entry number. Entries are prefix-compressed against the
// previous row's id: exports number documents under a common OID or
// prefix, so most entries are a few bytes. Every restartEvery-th entry is
// stored whole and its offset indexed (0.25 B a row); id() decodes
// forward from it. Numbering entries rather than addressing bytes keeps
// 2³² ids whatever their length (byte offsets stopped at 4 GB of ids:
// about 110M rows of UUIDs).
func (t *docTable) store(docID string) uint32 {
	if t.full || t.entries == noID {
		t.full = true
		return noID
	}
	if len(docID) > 255 {
		docID = docID[:255]
	}
	restart := t.sinceRestart == 0 || t.sinceRestart == restartEvery
	n := len(t.arena)
	if restart {
		// A chunk holds whole restart groups, so that an entry and its
		// restart are in one chunk.
		if n == 0 || len(t.arena[n-1])+restartEvery*(2+255) > cap(t.arena[n-1]) {
			t.arena = append(t.arena, t.newChunk())
			t.chunkStart = append(t.chunkStart, uint32(len(t.restarts)))
			n++
		}
		t.restarts = append(t.restarts, uint32(len(t.arena[n-1])))
		t.sinceRestart = 0
		if len(t.restarts)&(1<<14-1) == 0 {
			t.g.mem.add(4 << 14) // the index grows too: count it in steps
		}
	}
	shared := 0
	if !restart {
		// prev is not changed while it is looked at.
		shared = textnorm.CommonPrefix(docID, unsafe.String(unsafe.SliceData(t.prev), len(t.prev)))
	}
	suffix := docID[shared:]
	t.sinceRestart++
	c := t.arena[n-1]
	c = append(c, byte(shared), byte(len(suffix)))
	c = append(c, suffix...)
	t.arena[n-1] = c
	t.prev = append(t.prev[:0], docID...)
	e := t.entries
	t.entries++
	return e
}

// newChunk starts an arena chunk: chunks grow from 64 KB to arenaChunk
// (16 MB). Once spilling, the full chunk before it is written out and its
// memory reused.
func (t *docTable) newChunk() []byte {
	n := len(t.arena)
	if n == 0 {
		size := max(firstChunk.arena, restartEvery*(2+255))
		t.g.mem.add(int64(size))
		return t.g.slab.bytes(size)
	}
	last := t.arena[n-1]
	size := max(min(2*cap(last), firstChunk.arenaMax), cap(last))
	if t.g.spill != nil {
		t.spillChunk(n - 1)
		if cap(last) == size {
			return last[:0]
		}
		t.g.mem.add(-int64(cap(last)))
	}
	t.g.mem.add(int64(size))
	return t.g.slab.bytes(size)
}

// spillChunk writes arena chunk i to the file.
func (t *docTable) spillChunk(i int) {
	for len(t.spilled) <= i {
		t.spilled = append(t.spilled, -1)
		t.spilledLen = append(t.spilledLen, 0)
	}
	c := t.arena[i]
	t.spilled[i], t.spilledLen[i] = t.g.spill.append(c), int32(len(c))
	t.arena[i] = nil
}

// spillOut writes out every record chunk and every full arena chunk (the
// switch to spilling).
func (t *docTable) spillOut() {
	for i := range t.buckets {
		t.buckets[i].spillOut(t.g)
	}
	for i := 0; i+1 < len(t.arena); i++ {
		if t.arena[i] != nil {
			t.g.mem.add(-int64(cap(t.arena[i])))
			t.spillChunk(i)
		}
	}
	if n := len(t.arena); n > 0 { // the chunk being filled leaves the slab
		c := make([]byte, len(t.arena[n-1]), cap(t.arena[n-1]))
		copy(c, t.arena[n-1])
		t.arena[n-1] = c
	}
}

// restartEvery bounds how far id() decodes forward.
const restartEvery = 16

// id returns a stored document id, or "" when it was not kept.
func (t *docTable) id(e uint32) string {
	if e == noID || e >= t.entries {
		return ""
	}
	r := e / restartEvery
	// The chunk holding restart r: the last one starting at or before it.
	ci, found := slices.BinarySearch(t.chunkStart, r)
	if !found {
		ci--
	}
	o := int(t.restarts[r])
	c := t.arena[ci]
	if c == nil {
		// A spilled chunk: read the restart group (at most restartEvery
		// entries of 2+255 bytes).
		end := min(o+restartEvery*(2+255), int(t.spilledLen[ci]))
		if cap(t.idBuf) < end-o {
			t.idBuf = make([]byte, end-o)
		}
		c = t.idBuf[:end-o]
		t.g.spill.readAt(c, t.spilled[ci]+int64(o))
		o = 0
	}
	var buf []byte
	for k := e % restartEvery; ; k-- {
		if o+2 > len(c) {
			return "" // only after a failed read (spill.err ends the run)
		}
		shared, n := int(c[o]), int(c[o+1])
		if o+2+n > len(c) || shared > len(buf) {
			return ""
		}
		buf = append(buf[:shared], c[o+2:o+2+n]...)
		if k == 0 {
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

func (c conflict) at() int { return c.line }

// scan calls fn for every conflict, in bucket order, then id-hash
// order, then line order, and returns the number of distinct document
// ids. With workers > 1 and nothing spilled, the buckets are grouped on
// that many goroutines (fn is still called here, in the same order):
// after the last row this is the one serial step left.
func (t *docTable) scan(fn func(conflict), workers int) int {
	if workers > 1 && t.g.spill == nil {
		return t.scanParallel(fn, workers)
	}
	distinct := 0
	var s bucketScratch
	var found []conflict
	for i := range t.buckets {
		distinct += t.bucketGroups(i, &s, func(rows []docRec) int { return t.group(rows, fn, &found) })
	}
	return distinct
}

// bucketScratch is what bucketGroups reuses from bucket to bucket.
type bucketScratch struct {
	rows, tmp []docRec
	tab       []idSlot
}

// idSlot is an id hash's entry in bucketGroups' table.
type idSlot struct {
	key  uint64 // the hash without flags, | 1 (never 0); 0: empty
	mask uint8  // the registers seen, until a conflict
	bad  bool   // a conflict was seen
}

// bucketGroups gathers bucket i, releases it, calls conflicts on each
// group of rows with one id hash that holds a conflict (in hash order,
// the rows in line order) and returns the number of the other groups
// plus what conflicts returns.
//
// In memory the groups are found with a hash table over the bucket's
// rows, which are in line order, and only the rows of groups with a
// conflict (none, in a clean export) are sorted: sorting every bucket by
// hash was 60% of REG041's 15.5 ms after the last row of 1M, on one
// core. A spilled bucket is sorted instead: the table would add half
// again to what the budget does not count.
func (t *docTable) bucketGroups(i int, s *bucketScratch, conflicts func(rows []docRec) int) int {
	if t.g.spill != nil {
		s.rows, s.tmp = t.sortBucket(i, s.rows, s.tmp)
		return eachGroup(s.rows, func(rows []docRec) int {
			if !hasConflict(rows) {
				return 1
			}
			return conflicts(rows)
		})
	}
	rows := s.rows[:0]
	t.buckets[i].each(t.g, func(c []docRec) { rows = append(rows, c...) })
	t.buckets[i].release()
	s.rows = rows
	if len(rows) == 0 {
		return 0
	}
	size := 1 << bits.Len(uint(2*len(rows)-1)) // at most half full
	if cap(s.tab) < size {
		s.tab = make([]idSlot, size)
	}
	tab := s.tab[:size]
	clear(tab)
	mask := uint64(size - 1)
	slot := func(r docRec) *idSlot {
		k := r.hash&^flagMask | 1
		// The top byte is the bucket's and the low 5 bits are flags.
		j := k >> flagBits & mask
		for tab[j].key != k && tab[j].key != 0 {
			j = (j + 1) & mask
		}
		tab[j].key = k
		return &tab[j]
	}
	groups, bad := 0, 0
	// As groupConflicts reads a group, row by row in line order.
	for _, r := range rows {
		e := slot(r)
		bit := uint8(r.hash & 0xF)
		switch {
		case e.mask == 0:
			e.mask = bit
			groups++
		case e.bad || e.mask&bit != 0:
		default:
			e.mask |= bit
			if r.hash&flagJoint == 0 || e.mask != socialHealth {
				e.bad = true
				bad++
			}
		}
	}
	if bad == 0 {
		return groups
	}
	// The groups with a conflict, sorted by hash (stably: line order).
	n := 0
	for _, r := range rows {
		if slot(r).bad {
			rows[n] = r
			n++
		}
	}
	var sorted []docRec
	sorted, s.tmp = sortRecs(rows[:n], s.tmp)
	return groups - bad + eachGroup(sorted, conflicts)
}

// socialHealth is the register pair a joint document may be in.
var socialHealth = regBit(registers.Social) | regBit(registers.Health)

// hasConflict reports whether groupConflicts finds a conflict in rows.
func hasConflict(rows []docRec) bool {
	mask := uint8(rows[0].hash & 0xF)
	for _, r := range rows[1:] {
		bit := uint8(r.hash & 0xF)
		if mask&bit != 0 {
			continue
		}
		mask |= bit
		if r.hash&flagJoint == 0 || mask != socialHealth {
			return true
		}
	}
	return false
}

// sortBucket gathers bucket i into scratch, releases it and sorts it by
// id hash, then line.
func (t *docTable) sortBucket(i int, scratch, tmp []docRec) ([]docRec, []docRec) {
	scratch = scratch[:0]
	t.buckets[i].each(t.g, func(c []docRec) { scratch = append(scratch, c...) })
	t.buckets[i].release() // release as we go
	return sortRecs(scratch, tmp)
}

// sortRecs sorts records in line order by id hash, stably; it returns
// the sorted records and the other buffer (radixSort sorts into tmp and
// back).
func sortRecs(a, tmp []docRec) ([]docRec, []docRec) {
	if len(a) < 64 {
		slices.SortStableFunc(a, func(x, y docRec) int { return cmp.Compare(r0(x), r0(y)) })
		return a, tmp
	}
	return radixSort(a, tmp)
}

// eachGroup calls fn on each run of sorted rows with one id hash and
// returns the sum of what it returns.
func eachGroup(sorted []docRec, fn func(rows []docRec) int) int {
	n := 0
	for j := 0; j < len(sorted); {
		k := sorted[j].hash &^ flagMask
		end := j + 1
		for end < len(sorted) && sorted[end].hash&^flagMask == k {
			end++
		}
		n += fn(sorted[j:end])
		j = end
	}
	return n
}

// scanParallel is scan with the buckets grouped on workers goroutines; a
// group with a conflict (rare) is copied out and judged here, in bucket
// order, as scan judges it.
func (t *docTable) scanParallel(fn func(conflict), workers int) int {
	type result struct {
		plain  int        // groups without a conflict: one id each
		groups [][]docRec // groups with one, in hash order
	}
	var res [len(t.buckets)]result
	forEach(len(t.buckets), workers, func() func(int) {
		var s bucketScratch
		return func(i int) {
			r := &res[i]
			r.plain = t.bucketGroups(i, &s, func(rows []docRec) int {
				r.groups = append(r.groups, slices.Clone(rows))
				return 0
			})
		}
	})
	distinct := 0
	var found []conflict
	for i := range res {
		distinct += res[i].plain
		for _, rows := range res[i].groups {
			distinct += t.group(rows, fn, &found)
		}
	}
	return distinct
}

// group judges the rows of one id hash, in line order, and returns how
// many distinct ids they hold. Two ids share a hash with probability
// about n²/2⁶⁰ (one pair in a hundred at 10⁸ rows, most likely one at
// 10⁹): a group that shows a conflict is checked against the ids
// themselves and, if they differ, judged id by id, so a collision never
// makes a false REG041 nor hides a true one. Only groups with a conflict
// pay for reading ids back.
func (t *docTable) group(rows []docRec, fn func(conflict), found *[]conflict) int {
	*found = groupConflicts(rows, (*found)[:0])
	if len(*found) == 0 {
		return 1
	}
	ids := make([]string, len(rows))
	same := true
	for i, r := range rows {
		if r.off == noID {
			same = true // an id not kept: the hash is all there is
			break
		}
		ids[i] = t.id(r.off)
		same = same && ids[i] == ids[0]
	}
	if same {
		for _, c := range *found {
			fn(c)
		}
		return 1
	}
	byID := map[string][]docRec{}
	var order []string
	for i, r := range rows {
		if _, ok := byID[ids[i]]; !ok {
			order = append(order, ids[i])
		}
		byID[ids[i]] = append(byID[ids[i]], r)
	}
	var all []conflict
	for _, id := range order {
		all = groupConflicts(byID[id], all)
	}
	slices.SortFunc(all, func(a, b conflict) int { return cmp.Compare(a.line, b.line) })
	for _, c := range all {
		fn(c)
	}
	return len(order)
}

// groupConflicts appends the conflicts of rows of one document id, in
// line order: each row that brings the id into a register it was not in
// yet, unless the two are the social and health registers of a joint
// document.
func groupConflicts(rows []docRec, out []conflict) []conflict {
	first := rows[0]
	mask := uint8(first.hash & 0xF)
	for _, r := range rows[1:] {
		bit := uint8(r.hash & 0xF)
		if mask&bit != 0 {
			continue
		}
		both := mask | bit
		mask = both
		joint := r.hash&flagJoint != 0 && both == socialHealth
		if !joint {
			out = append(out, conflict{off: r.off, line: int(r.line), first: int(first.line), regs: both, thisReg: bit})
		}
	}
	return out
}

// radixSort orders records by id hash (bits 5–55; the top byte is the
// bucket), stably, so rows with the same id stay in line order. LSD radix
// over the top 22 of those bits (two 11-bit passes over a bucket that
// fits in cache), then each run of rows equal in them (rare: one row in
// 2²² per bucket row) is insertion-sorted by the whole hash: the order of
// a full sort at two passes' cost instead of five.
func radixSort(a, tmp []docRec) ([]docRec, []docRec) {
	if cap(tmp) < len(a) {
		tmp = make([]docRec, len(a))
	}
	tmp = tmp[:len(a)]
	const bits, low = 11, 34
	var count [1 << bits]int
	for shift := uint(low); shift < 56; shift += bits {
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
	for i := 1; i < len(a); i++ {
		if a[i].hash>>low != a[i-1].hash>>low {
			continue
		}
		// Insertion: stable, and the run is short.
		r, k := a[i], r0(a[i])
		j := i
		for ; j > 0 && a[j-1].hash>>low == r.hash>>low && r0(a[j-1]) > k; j-- {
			a[j] = a[j-1]
		}
		a[j] = r
	}
	return a, tmp
}

// r0 is a record's hash without its flags.
func r0(r docRec) uint64 { return r.hash &^ flagMask }
