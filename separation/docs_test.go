package separation

import (
	"fmt"
	"hash/maphash"
	"strings"
	"testing"
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
	})
	want := "A@6 first 2 regs social+health|A@7 first 2 regs social+health+legacy"
	if strings.Join(got, "|") != want || n != 3 {
		t.Errorf("conflicts %q (%d ids), want %q (3)", got, n, want)
	}
}
