package separation

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/exportgen"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// smallChunks makes lists and the arena start (and so fill and spill)
// after a record or two, for the test's duration.
func smallChunks(t *testing.T) {
	old := firstChunk
	firstChunk.rec, firstChunk.arena = 1, 512
	t.Cleanup(func() { firstChunk = old })
}

// repeatedSamples is every check's good and bad samples, copied n times
// with their document, client-relationship and case ids made distinct, in
// one export: the rules that need modifier and as-of columns (REG024,
// REG025) get many rows across chunk boundaries.
func repeatedSamples(n int) string {
	var all []row
	extra := map[string]bool{}
	for _, c := range Checks {
		for _, sm := range append(append([]sample{}, c.good...), c.bad...) {
			for _, r := range sm.rows {
				if rr, ok := r.(row); ok {
					all = append(all, rr)
					for k := range rr {
						if !strings.Contains(canonicalHeader, k) {
							extra[k] = true
						}
					}
				}
			}
		}
	}
	names := strings.Split(canonicalHeader, ";")
	var ex []string
	for k := range extra {
		ex = append(ex, k)
	}
	sort.Strings(ex)
	names = append(names, ex...)
	var b strings.Builder
	b.WriteString(strings.Join(names, ";") + "\n")
	for i := 0; i < n; i++ {
		for _, r := range all {
			vals := make([]string, len(names))
			for j, name := range names {
				v, ok := r[name]
				if !ok {
					v = base[name]
				}
				if name == "document_id" || name == "case_id" {
					v = fmt.Sprintf("%s-%d", v, i%7) // repeats too: conflicts and versions
				}
				vals[j] = v
			}
			b.WriteString(strings.Join(vals, ";") + "\n")
		}
	}
	return b.String()
}

// TestSpillAgrees: with the cross-row state spilled to the temporary file
// (from the first row, or part way), the findings, their order, counts,
// tallies and figures are those of the in-memory run, for 1 and 3
// workers.
func TestSpillAgrees(t *testing.T) {
	smallChunks(t)
	var gen bytes.Buffer
	if _, err := exportgen.Generate(&gen, exportgen.Options{Rows: 20000, Clients: 2000, Seed: 21}); err != nil {
		t.Fatal(err)
	}
	var canon bytes.Buffer
	if _, err := exportgen.Generate(&canon, exportgen.Options{Rows: 6000, Clients: 700, Seed: 22, Canonical: true, DeploymentTest: true}); err != nil {
		t.Fatal(err)
	}
	asOf := Config{DeploymentTest: true}
	ts, _ := export.ParseTimestamp("2024-07-01")
	asOf.AsOf = ts.Date()
	inputs := []struct {
		name string
		in   string
		cfg  Config
	}{
		{"generated", gen.String(), Config{}},
		{"canonical, deployment test, capped", canon.String(), Config{DeploymentTest: true, MaxPerRule: 5}},
		{"rough", roughen(t, gen.String(), false), Config{}},
		{"every sample 40 times, as of a day", repeatedSamples(40), asOf},
	}
	seed := maphash.MakeSeed()
	for _, tc := range inputs {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.TempDir = t.TempDir()
			mem := tc.cfg
			mem.Memory = -1
			want := runWorkers(t, tc.in, mem, 1, seed)
			if want.Stats.Spilled != 0 {
				t.Fatalf("unbounded run spilled %d bytes", want.Stats.Spilled)
			}
			for _, budget := range []int64{1, 256 << 10} {
				for _, n := range []int{1, 3} {
					cfg := tc.cfg
					cfg.Memory = budget
					got := runWorkers(t, tc.in, cfg, n, seed)
					if got.Stats.Spilled == 0 {
						t.Fatalf("budget %d, %d workers: nothing spilled, the test checks nothing", budget, n)
					}
					got.Stats.Spilled = 0
					if d := sameResult(want, got); d != "" {
						t.Errorf("budget %d, %d workers: %s", budget, n, d)
					}
				}
			}
			if len(want.Findings) == 0 {
				t.Fatal("no findings: nothing compared")
			}
			if ents, _ := os.ReadDir(tc.cfg.TempDir); len(ents) > 0 {
				t.Errorf("temporary files left behind: %v", ents)
			}
		})
	}
}

// TestSpillFileUnreadable: the file is encrypted (no document id in it
// in the clear), unlinked while in use, and reads back what was written
// at any offset.
func TestSpillFileUnreadable(t *testing.T) {
	dir := t.TempDir()
	s, err := newSpillFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	secret := []byte("1.2.246.10.33001018.11.131052-308T")
	var offs []int64
	for i := 0; i < 100; i++ {
		offs = append(offs, s.append(append(secret, byte('a'+i%26))))
	}
	raw := make([]byte, s.size)
	if _, err := s.f.ReadAt(raw, 0); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, secret[:12]) {
		t.Error("the temporary file holds a document id in the clear")
	}
	for i, off := range offs {
		got := make([]byte, len(secret)+1)
		s.readAt(got, off)
		if want := append(secret, byte('a'+i%26)); !bytes.Equal(got, want) {
			t.Fatalf("read at %d = %q, want %q", off, got, want)
		}
		// A part from the middle (an id read from a restart onwards).
		part := make([]byte, 5)
		s.readAt(part, off+7)
		if !bytes.Equal(part, secret[7:12]) {
			t.Fatalf("part at %d = %q", off+7, part)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 && filepath.Separator == '/' {
		t.Errorf("the temporary file is visible while in use: %v", ents)
	}
	if s.err != nil {
		t.Fatal(s.err)
	}
}

// TestSpillNoTempDir: past the budget without a usable temporary
// directory the run stops with the tool's error, not a wrong result.
func TestSpillNoTempDir(t *testing.T) {
	var gen bytes.Buffer
	if _, err := exportgen.Generate(&gen, exportgen.Options{Rows: 3000, Clients: 300, Seed: 23}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 3} {
		r, err := export.NewCSVReader(strings.NewReader(gen.String()), export.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Run(r, Config{Catalogue: sosmeta.MustDefault(), Memory: 1, Workers: n, TempDir: filepath.Join(t.TempDir(), "missing")})
		if !errors.Is(err, kartoitus.ErrInternal) || !strings.Contains(err.Error(), "temporary file") {
			t.Errorf("%d workers: err = %v, want ErrInternal about the temporary file", n, err)
		}
	}
}

// gcPercent reads GOGC without changing it.
func gcPercent() int {
	v := debug.SetGCPercent(100)
	debug.SetGCPercent(v)
	return v
}

// TestStreamGC: Config.StreamGC raises GOGC for the rows, puts it back
// once the row state passes a tenth of the budget, and after the run in
// any case; without it the collector is left alone.
func TestStreamGC(t *testing.T) {
	old := debug.SetGCPercent(77)
	t.Cleanup(func() { debug.SetGCPercent(old) })
	cat := sosmeta.MustDefault()
	r, err := export.NewCSVReader(strings.NewReader(canonicalHeader+"\n"), export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := newGate(r.Header, r.Sheet, Config{Catalogue: cat, StreamGC: 400, Memory: 100 << 20})
	g.streamGC()
	if got := gcPercent(); got != 400 {
		t.Fatalf("while streaming: GOGC %d, want 400", got)
	}
	g.mem.add(5 << 20)
	if got := gcPercent(); got != 400 {
		t.Fatalf("state at 5%% of the budget: GOGC %d, want 400", got)
	}
	g.mem.add(6 << 20)
	if got := gcPercent(); got != 77 {
		t.Fatalf("state past 10%% of the budget: GOGC %d, want 77", got)
	}
	g.mem.endStreamGC()
	if got := gcPercent(); got != 77 {
		t.Fatalf("ended twice: GOGC %d, want 77", got)
	}

	in := repeatedSamples(3)
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"raised", Config{StreamGC: 400}},
		{"raised, 4 workers", Config{StreamGC: 400, Workers: 4}},
		{"raised, spilled", Config{StreamGC: 400, Memory: 1, TempDir: t.TempDir()}},
		{"not raised", Config{}},
	} {
		runCSV(t, in, tc.cfg)
		if got := gcPercent(); got != 77 {
			t.Errorf("%s: after the run GOGC %d, want 77", tc.name, got)
		}
	}
}
