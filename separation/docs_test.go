package separation

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kartoitus/kartoitus/finding"
)

// testTable is the docTable of a bare gate whose temporary files go to
// the test's directory.
func testTable(t *testing.T) (*gate, *docTable) {
	g := &gate{cfg: Config{TempDir: t.TempDir()}}
	g.ids.g = g
	t.Cleanup(func() { g.spill.close() })
	return g, &g.ids
}

// TestDocTableIDs stores ids with and without shared prefixes across many
// arena chunks and reads every one back, in memory and with the arena
// spilled to the temporary file part way (from the start, after a few
// chunks).
func TestDocTableIDs(t *testing.T) {
	for _, spillAt := range []int{-1, 0, 150000} {
		t.Run(fmt.Sprint("spill at ", spillAt), func(t *testing.T) { testDocTableIDs(t, spillAt) })
	}
	// Small chunks: thousands of them, past the 256 a byte offset's
	// 8-bit chunk number allowed.
	old := firstChunk
	firstChunk.arena, firstChunk.arenaMax = 1, 8192
	defer func() { firstChunk = old }()
	for _, spillAt := range []int{-1, 1000} {
		t.Run(fmt.Sprint("small chunks, spill at ", spillAt), func(t *testing.T) {
			testDocTableIDs(t, spillAt)
			g, tb := testTable(t)
			if spillAt >= 0 {
				g.startSpill()
			}
			id := func(i int) string { return fmt.Sprintf("%05d%s", 99999-i, strings.Repeat("u", 250)) }
			var es []uint32
			for i := 0; i < 20000; i++ {
				es = append(es, tb.store(id(i)))
			}
			if len(tb.arena) < 600 {
				t.Errorf("%d arena chunks, want many", len(tb.arena))
			}
			for i, e := range es {
				if got := tb.id(e); got != id(i) {
					t.Fatalf("entry %d = %.20q…, want %.20q…", i, got, id(i))
				}
			}
		})
	}
}

func testDocTableIDs(t *testing.T, spillAt int) {
	g, tb := testTable(t)
	var ids []string
	var offs []uint32
	for i := 0; i < 200000; i++ {
		if i == spillAt {
			g.startSpill()
		}
		var id string
		switch i % 5 {
		case 0:
			id = fmt.Sprintf("1.2.246.10.33001018.11.%d", i)
		case 1:
			id = fmt.Sprintf("%08x-%04x-uuid", i*2654435761, i)
		case 2:
			id = ""
		case 3:
			id = strings.Repeat("x", 300) // cut to 255
		default:
			id = fmt.Sprintf("1.2.246.10.33001018.11.%d", i-1) // repeats a prefix closely
		}
		ids = append(ids, id)
		offs = append(offs, tb.add(maphash.String(maphash.MakeSeed(), id), id, 1, false, i+2))
	}
	if len(tb.arena) < 3 {
		t.Fatalf("only %d arena chunks: the test does not cross chunk boundaries", len(tb.arena))
	}
	if spilled := len(tb.spilled) > 0; spilled != (spillAt >= 0) {
		t.Fatalf("%d arena chunks spilled, spill at %d", len(tb.spilled), spillAt)
	}
	for i, off := range offs {
		want := ids[i]
		if len(want) > 255 {
			want = want[:255]
		}
		if got := tb.id(off); got != want {
			t.Fatalf("id %d = %q, want %q", i, got, want)
		}
	}
	if err := g.failed(); err != nil {
		t.Fatal(err)
	}
}

func TestDocTableConflicts(t *testing.T) {
	for _, spill := range []bool{false, true} {
		t.Run(fmt.Sprint("spill ", spill), func(t *testing.T) { testDocTableConflicts(t, spill) })
	}
}

func testDocTableConflicts(t *testing.T, spill bool) {
	for _, workers := range []int{1, 3} {
		testDocTableConflictsOn(t, spill, workers)
	}
}

func testDocTableConflictsOn(t *testing.T, spill bool, workers int) {
	g, tb := testTable(t)
	if spill {
		g.startSpill()
	}
	seed := maphash.MakeSeed()
	add := func(id string, reg uint8, joint bool, line int) {
		tb.add(maphash.String(seed, id), id, reg, joint, line)
	}
	add("A", 1, false, 2)
	add("B", 1, true, 3)
	add("A", 1, false, 4) // same register again: fine
	add("B", 2, true, 5)  // joint document in both: fine
	add("A", 2, false, 6) // conflict
	add("A", 4, false, 7) // a third register: conflict again
	add("C", 4, false, 8)
	var got []string
	n := tb.scan(func(c conflict) {
		got = append(got, fmt.Sprintf("%s@%d first %d regs %s", tb.id(c.off), c.line, c.first, regName(c.regs)))
	}, workers)
	want := "A@6 first 2 regs social+health|A@7 first 2 regs social+health+legacy"
	if strings.Join(got, "|") != want || n != 3 {
		t.Errorf("spill %v, %d workers: conflicts %q (%d ids), want %q (3)", spill, workers, got, n, want)
	}
}

// TestConflictsKeptInFileOrder: with more REG041 conflicts than are
// listed, every run lists the same ones — the earliest in the file, in
// file order — whatever the id hash seed or the memory budget, and an
// ignore entry by fingerprint still takes its own conflict out.
func TestConflictsKeptInFileOrder(t *testing.T) {
	var rs []any
	for i := 0; i < 60; i++ {
		id := fmt.Sprintf("DOC-%03d", i)
		rs = append(rs, row{"document_id": id}, row{"document_id": id, "register": "ilmoitusrekisteri", "version": "2"})
	}
	in := csvOf(sample{rows: rs})
	lines := func(res *Result) []int {
		var ls []int
		for _, f := range res.Findings {
			if f.RuleID == "REG041" {
				ls = append(ls, f.Location.Row)
			}
		}
		return ls
	}
	var want []int
	for i := 0; i < 7; i++ {
		want = append(want, 3+2*i) // the second row of each of the first 7 ids
	}
	for i := 0; i < 4; i++ {
		cfg := Config{DeploymentTest: true, MaxPerRule: 7, TempDir: t.TempDir()}
		if i%2 == 1 {
			cfg.Memory = 1
		}
		res := runWorkers(t, in, cfg, 1, maphash.MakeSeed())
		if got := lines(res); !slices.Equal(got, want) || res.Counts["REG041"] != 60 || res.Omitted["REG041"] != 53 {
			t.Fatalf("run %d: REG041 on lines %v (%d counted, %d omitted), want %v (60, 53)", i, got, res.Counts["REG041"], res.Omitted["REG041"], want)
		}
	}
	// Ignore the third conflict by its fingerprint: the fourth to eighth
	// move up, and it is counted as suppressed.
	all := runCSV(t, in, Config{DeploymentTest: true})
	var fp string
	for _, f := range all.Findings {
		if f.RuleID == "REG041" && f.Location.Row == 7 {
			fp = f.Fingerprint
		}
	}
	ig, err := finding.ParseIgnore("ignore.yaml", []byte("ignore:\n  - rule: REG041\n    fingerprint: "+fp+"\n    reason: merged by hand\n"))
	if err != nil {
		t.Fatal(err)
	}
	res := runCSV(t, in, Config{DeploymentTest: true, MaxPerRule: 7, Ignore: ig, Now: time.Now()})
	want = append(append(want[:2:2], want[3:]...), 17)
	if got := lines(res); !slices.Equal(got, want) || res.Counts["REG041"] != 59 || res.Suppressed != 1 {
		t.Errorf("with the ignore entry: lines %v (%d counted, %d suppressed), want %v (59, 1)", got, res.Counts["REG041"], res.Suppressed, want)
	}
}

// TestDocTableCollisions: two ids that share a hash are not one document.
// Forced here by giving them the same hash: A (social) and B (health)
// collide, A later goes to the health register too. The hash alone would
// report B as a conflict with A and miss A's own; judged by id, only A's
// is reported, and the ids count as two.
func TestDocTableCollisions(t *testing.T) {
	for _, spill := range []bool{false, true} {
		for _, workers := range []int{1, 3} {
			testDocTableCollisions(t, spill, workers)
		}
	}
}

func testDocTableCollisions(t *testing.T, spill bool, workers int) {
	g, tb := testTable(t)
	if spill {
		g.startSpill()
	}
	const h = 0x1234_5678_9abc_def0
	tb.add(h, "A", 1, false, 2)
	tb.add(h, "B", 2, false, 3)
	tb.add(h, "A", 2, false, 4)
	tb.add(h, "B", 2, false, 5)
	tb.add(maphash.String(maphash.MakeSeed(), "C"), "C", 1, false, 6)
	var got []string
	n := tb.scan(func(c conflict) {
		got = append(got, fmt.Sprintf("%s@%d first %d", tb.id(c.off), c.line, c.first))
	}, workers)
	if want := "A@4 first 2"; strings.Join(got, "|") != want || n != 3 {
		t.Errorf("spill %v, %d workers: conflicts %q (%d ids), want %q (3 ids)", spill, workers, got, n, want)
	}
}

// TestRadixSort: the same order as a stable sort by hash (flags aside),
// also when many hashes share the bits the radix passes look at.
func TestRadixSort(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name string
		hash func() uint64
	}{
		// One bucket: the top byte is the same.
		{"random", func() uint64 { return 0xAB<<56 | rnd.Uint64()>>8 }},
		{"top bits shared", func() uint64 { return 0xAB<<56 | uint64(rnd.IntN(4))<<34 | rnd.Uint64()&(1<<34-1) }},
		{"few ids", func() uint64 { return uint64(rnd.IntN(50)) << 20 }},
	} {
		a := make([]docRec, 5000)
		for i := range a {
			a[i] = docRec{hash: tc.hash(), line: uint32(i)}
		}
		want := slices.Clone(a)
		slices.SortStableFunc(want, func(x, y docRec) int { return cmp.Compare(x.hash&^flagMask, y.hash&^flagMask) })
		got, _ := radixSort(slices.Clone(a), nil)
		if !slices.Equal(got, want) {
			t.Errorf("%s: order differs from a stable sort", tc.name)
		}
	}
}

// BenchmarkRadixSort sorts one bucket of a 10M-row export (about 40,000
// records).
func BenchmarkRadixSort(b *testing.B) {
	rnd := rand.New(rand.NewPCG(1, 2))
	a := make([]docRec, 40000)
	for i := range a {
		a[i] = docRec{hash: 0xAB<<56 | rnd.Uint64()>>8, line: uint32(i)}
	}
	work, tmp := make([]docRec, len(a)), make([]docRec, len(a))
	b.SetBytes(int64(len(a)) * 16)
	for b.Loop() {
		copy(work, a)
		radixSort(work, tmp)
	}
}

// TestDocTableScanAgrees: scan finds the conflicts and distinct ids a
// plain reading of its contract gives (rows grouped by id hash in hash
// order, each group judged in line order, a group with a conflict judged
// id by id), in memory on one and three workers and spilled, on random
// rows: ids that repeat, all four registers, joint documents, hashes
// that crowd the same table slots and ids that share a hash outright.
func TestDocTableScanAgrees(t *testing.T) {
	type add struct {
		hash  uint64
		id    string
		bit   uint8
		joint bool
		line  int
	}
	for seed := range uint64(6) {
		rnd := rand.New(rand.NewPCG(seed, 7))
		nIDs := []int{3, 40, 400, 2000, 50, 900}[seed]
		hashOf := make([]uint64, nIDs)
		for i := range hashOf {
			top := uint64(rnd.IntN(3)) << 56
			if i%2 == 0 {
				hashOf[i] = top | uint64(i+1)<<flagBits // apart in the table
			} else {
				hashOf[i] = top | uint64(i+1)<<30 // one slot: long probes
			}
			if i > 0 && i%97 == 0 {
				hashOf[i] = hashOf[i-1] // two ids, one hash
			}
		}
		var adds []add
		for line := 2; line < 2+6*nIDs; line++ {
			i := rnd.IntN(nIDs)
			bit := uint8(1)
			if rnd.IntN(4) == 0 {
				bit = 1 << rnd.IntN(4)
			}
			adds = append(adds, add{hashOf[i], fmt.Sprint("D", i), bit, rnd.IntN(5) == 0, line})
		}

		// The contract, read plainly.
		sorted := slices.Clone(adds)
		slices.SortStableFunc(sorted, func(a, b add) int { return cmp.Compare(a.hash, b.hash) })
		conflictsOf := func(rows []add) []string {
			var out []string
			mask := rows[0].bit
			for _, r := range rows[1:] {
				if mask&r.bit != 0 {
					continue
				}
				mask |= r.bit
				if !r.joint || mask != socialHealth {
					out = append(out, fmt.Sprintf("%s@%d first %d regs %d this %d", r.id, r.line, rows[0].line, mask, r.bit))
				}
			}
			return out
		}
		var want []string
		wantN := 0
		for j := 0; j < len(sorted); {
			end := j + 1
			for end < len(sorted) && sorted[end].hash == sorted[j].hash {
				end++
			}
			group := sorted[j:end]
			j = end
			if len(conflictsOf(group)) == 0 {
				wantN++
				continue
			}
			byID := map[string][]add{}
			var order []string
			for _, r := range group {
				if _, ok := byID[r.id]; !ok {
					order = append(order, r.id)
				}
				byID[r.id] = append(byID[r.id], r)
			}
			wantN += len(order)
			var all []add
			for _, id := range order {
				for _, c := range conflictsOf(byID[id]) {
					var line int
					fmt.Sscanf(c[strings.Index(c, "@")+1:], "%d", &line)
					all = append(all, add{id: c, line: line})
				}
			}
			slices.SortStableFunc(all, func(a, b add) int { return cmp.Compare(a.line, b.line) })
			for _, c := range all {
				want = append(want, c.id)
			}
		}

		for _, spill := range []bool{false, true} {
			for _, workers := range []int{1, 3} {
				g, tb := testTable(t)
				if spill {
					g.startSpill()
				}
				for _, a := range adds {
					tb.add(a.hash, a.id, a.bit, a.joint, a.line)
				}
				var got []string
				n := tb.scan(func(c conflict) {
					got = append(got, fmt.Sprintf("%s@%d first %d regs %d this %d", tb.id(c.off), c.line, c.first, c.regs, c.thisReg))
				}, workers)
				if !slices.Equal(got, want) || n != wantN {
					t.Errorf("seed %d, spill %v, %d workers: %d conflicts, %d ids; want %d, %d\n got %.300q\nwant %.300q",
						seed, spill, workers, len(got), n, len(want), wantN, got, want)
				}
			}
		}
	}
}
