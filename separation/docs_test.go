package separation

import (
	"fmt"
	"hash/maphash"
	"strings"
	"testing"
)

// TestDocTableIDs stores ids with and without shared prefixes across many
// arena chunks and reads every one back.
func TestDocTableIDs(t *testing.T) {
	var tb docTable
	var ids []string
	var offs []uint32
	for i := 0; i < 200000; i++ {
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
	for i, off := range offs {
		want := ids[i]
		if len(want) > 255 {
			want = want[:255]
		}
		if got := tb.id(off); got != want {
			t.Fatalf("id %d = %q, want %q", i, got, want)
		}
	}
}

func TestDocTableConflicts(t *testing.T) {
	var tb docTable
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
