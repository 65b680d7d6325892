package separation

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kartoitus/kartoitus/finding"
)

// useRightExport has REG020 and REG021 findings interleaved in file
// order: documents of clients 0..n-1, even ones outside their window,
// odd ones without a relationship.
func useRightExport(n int) string {
	var rs []any
	for i := range n {
		client := fmt.Sprintf("C%04d", i)
		if i%2 == 0 {
			rs = append(rs, rel(row{"document_id": fmt.Sprintf("R%d", i), "client_id": client}))
		}
		rs = append(rs, pdoc(row{"document_id": fmt.Sprintf("P%d", i), "client_id": client, "created": "2024-08-01"}))
	}
	return csvOf(sample{rows: rs})
}

// TestUseRightJoin: the join's findings are made in file order, and with
// a cap the earliest are kept, fingerprint-ignored ones not taking a
// place, for any workers.
func TestUseRightJoin(t *testing.T) {
	smallChunks(t)
	in := useRightExport(40)
	all := runCSV(t, in, Config{})
	var family []finding.Finding
	for _, f := range all.Findings {
		if f.RuleID == "REG020" || f.RuleID == "REG021" {
			family = append(family, f)
		}
	}
	if all.Counts["REG020"] != 20 || all.Counts["REG021"] != 20 {
		t.Fatalf("counts %v, want 20 REG020 and 20 REG021", all.Counts)
	}
	if !slices.IsSortedFunc(family, func(a, b finding.Finding) int { return a.Location.Row - b.Location.Row }) {
		t.Errorf("REG020/REG021 findings not in file order")
	}
	// Ignore the first REG020 by fingerprint and cap at 2: the second and
	// third are listed, the ignored one is counted as suppressed.
	var first []finding.Finding
	for _, f := range family {
		if f.RuleID == "REG020" {
			first = append(first, f)
		}
	}
	ig, err := finding.ParseIgnore("ignore.yaml", []byte(fmt.Sprintf("ignore:\n  - rule: REG020\n    fingerprint: %s\n    reason: accepted\n", first[0].Fingerprint)))
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			res := runCSV(t, in, Config{Ignore: ig, Now: time.Now(), MaxPerRule: 2, Workers: workers})
			var listed []string
			for _, f := range res.Findings {
				if f.RuleID == "REG020" {
					listed = append(listed, f.Location.Key)
				}
			}
			want := []string{first[1].Location.Key, first[2].Location.Key}
			if !slices.Equal(listed, want) || res.Counts["REG020"] != 19 || res.Omitted["REG020"] != 17 || res.Suppressed != 1 {
				t.Errorf("listed %v (want %v), count %d (19), omitted %d (17), suppressed %d (1)", listed, want,
					res.Counts["REG020"], res.Omitted["REG020"], res.Suppressed)
			}
			if !strings.Contains(first[1].Message.EN, "outside service unit") {
				t.Errorf("message %q", first[1].Message.EN)
			}
		})
	}
}

// TestJoinIndex: after group, slot finds exactly the keys of one bucket,
// with their windows together in file order, for sizes around powers of
// two, with absent keys, key 0 and keys that share their first slot.
func TestJoinIndex(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 7, 8, 9, 100, 1000, 4097} {
		const top = uint64(0xA7) << 56
		in := map[uint64][]uint32{} // key: its windows' lines
		var keys []uint64
		var s joinScratch
		for line := uint32(2); len(s.ws) < n; line++ {
			k := top | rnd.Uint64()>>8
			switch {
			case len(keys) > 0 && line%3 == 0:
				k = keys[rnd.IntN(len(keys))] // another window of a key
			case len(keys) > 0 && line%5 == 0:
				k = keys[len(keys)-1] + 1<<40 // the same first slot
			case line == 7:
				k = 0
			}
			if _, ok := in[k]; !ok {
				keys = append(keys, k)
			}
			in[k] = append(in[k], line)
			s.ws = append(s.ws, windowRec{key: k, window: window{line: line}})
		}
		s.group()
		if s.keys != len(keys) {
			t.Fatalf("n=%d: %d keys, want %d", n, s.keys, len(keys))
		}
		for _, k := range keys {
			e := s.slot(k)
			var lines []uint32
			for _, w := range s.grouped[e.at : e.at+e.n] {
				if w.key != k {
					t.Fatalf("n=%d: key %x's windows hold key %x", n, k, w.key)
				}
				lines = append(lines, w.line)
			}
			if e.n == 0 || e.key != k || !slices.Equal(lines, in[k]) {
				t.Fatalf("n=%d: key %x: lines %v, want %v", n, k, lines, in[k])
			}
		}
		for range 1000 {
			k := top | rnd.Uint64()>>8
			if _, ok := in[k]; (s.slot(k).n != 0) != ok {
				t.Fatalf("n=%d: key %x found %v, want %v", n, k, !ok, ok)
			}
		}
	}
}
