package separation

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/exportgen"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// TestGenerated runs generated exports with seeded violations: every
// expected finding must be made and nothing else (no false positives on
// the clean rows), in both header styles and run modes.
func TestGenerated(t *testing.T) {
	for _, o := range []exportgen.Options{
		{Rows: 20000, Clients: 2000, Seed: 1, DeploymentTest: true},
		{Rows: 20000, Clients: 2500, Seed: 2, Canonical: true},
		{Rows: 5000, Clients: 300, Seed: 3, RealFormat: true},
	} {
		t.Run(fmt.Sprintf("seed%d", o.Seed), func(t *testing.T) {
			var buf bytes.Buffer
			man, err := exportgen.Generate(&buf, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, workers := range []int{1, 2} {
				res := runCSV(t, buf.String(), Config{DeploymentTest: o.DeploymentTest, Workers: workers})
				want := map[string]int{}
				for _, v := range man.Expected {
					want[v.Rule+" "+v.DocumentID]++
				}
				got := map[string]int{}
				for _, f := range res.Findings {
					got[f.RuleID+" "+f.Location.Key]++
				}
				var missing, extra []string
				for k, n := range want {
					if got[k] < n {
						missing = append(missing, k)
					}
				}
				for k, n := range got {
					if want[k] < n {
						extra = append(extra, k)
					}
				}
				sort.Strings(missing)
				sort.Strings(extra)
				if len(missing) > 0 || len(extra) > 0 {
					t.Errorf("workers %d: missing %d %v\nextra %d %v", workers, len(missing), head(missing), len(extra), head(extra))
					for _, f := range res.Findings {
						if contains(extra, f.RuleID+" "+f.Location.Key) {
							t.Logf("extra: %s %s: %s", f.RuleID, f.Location, f.Message.EN)
							break
						}
					}
				}
				if res.Tally.Read != o.Rows {
					t.Errorf("read %d rows, generated %d", res.Tally.Read, o.Rows)
				}
				if len(man.Expected) < 25 {
					t.Errorf("only %d seeded violations", len(man.Expected))
				}
			}
		})
	}
}

func head(xs []string) []string {
	if len(xs) > 10 {
		return xs[:10]
	}
	return xs
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestSequentialAndPipelinedAgree(t *testing.T) {
	var buf bytes.Buffer
	if _, err := exportgen.Generate(&buf, exportgen.Options{Rows: 30000, Clients: 3000, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	a := runCSV(t, buf.String(), Config{Workers: 1})
	b := runCSV(t, buf.String(), Config{Workers: 2})
	fa, fb := summary(a.Findings), summary(b.Findings)
	if fa != fb || a.Tally != b.Tally || a.Stats != b.Stats {
		t.Errorf("sequential and pipelined runs differ: %v %v / %+v %+v", a.Tally, b.Tally, a.Stats, b.Stats)
	}
}

func TestNotChecked(t *testing.T) {
	in := "document_id;client_id;register;document_type\nD1;" + testClient + ";social;11000\n"
	res := runCSV(t, in, Config{DeploymentTest: true})
	nc := map[string]bool{}
	for _, n := range res.NotChecked {
		nc[n.Rule] = true
		if len(n.Missing) == 0 {
			t.Errorf("%s not checked without naming a column", n.Rule)
		}
	}
	for _, id := range []string{"REG010", "REG011", "REG012", "REG020", "REG021", "REG022", "REG030", "REG031", "REG040", "IDN002"} {
		if !nc[id] {
			t.Errorf("%s should be not checked without its columns", id)
		}
	}
	ran := map[string]bool{}
	for _, r := range res.Rules {
		ran[r.ID] = true
		if nc[r.ID] {
			t.Errorf("%s both ran and not checked", r.ID)
		}
	}
	for _, id := range []string{"REG001", "REG041", "IDN001", "IDN003"} {
		if !ran[id] {
			t.Errorf("%s should run on the required columns alone", id)
		}
	}
	if ran["IDN004"] {
		t.Error("IDN004 ran in deployment-test mode")
	}
}

func TestCapAndCounts(t *testing.T) {
	var b strings.Builder
	b.WriteString(canonicalHeader + "\n")
	for i := 0; i < 7; i++ {
		s := sample{rows: rows(row{"document_id": fmt.Sprintf("D%d", i), "register": "yhteinen"})}
		lines := strings.Split(csvOf(s), "\n")
		b.WriteString(lines[1] + "\n")
	}
	res := runCSV(t, b.String(), Config{DeploymentTest: true, MaxPerRule: 3})
	if res.Counts["REG004"] != 7 || res.Omitted["REG004"] != 4 || len(res.Findings) != 3 {
		t.Errorf("counts %v omitted %v kept %d; want 7, 4, 3", res.Counts, res.Omitted, len(res.Findings))
	}
}

func TestIgnore(t *testing.T) {
	in := csvOf(sample{rows: rows(row{"register": "yhteinen"}, row{"document_id": "D2", "register": "yhteinen"}, row{"document_id": "D3", "client_id": "010181-900D"})})
	first := runCSV(t, in, Config{DeploymentTest: true})
	var fp string
	for _, f := range first.Findings {
		if f.RuleID == "REG004" && f.Location.Key == "D2" {
			fp = f.Fingerprint
		}
	}
	ig, err := finding.ParseIgnore("ignore.yaml", []byte(fmt.Sprintf(`ignore:
  - rule: REG004
    fingerprint: %s
    reason: joint register being split, ticket 42
  - rule: IDN001
    reason: test data
  - rule: REG040
    reason: stale
`, fp)))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	res := runCSV(t, in, Config{DeploymentTest: true, Ignore: ig, Now: now})
	if res.Counts["REG004"] != 1 || res.Counts["IDN001"] != 0 || res.Suppressed != 2 {
		t.Errorf("counts %v suppressed %d; want REG004 1, IDN001 0, suppressed 2", res.Counts, res.Suppressed)
	}
	unused := ig.Unused(now)
	if len(unused) != 1 || !strings.Contains(unused[0].Location.Key, "REG040") {
		t.Errorf("unused entries = %v, want the REG040 one", unused)
	}
}

func TestPrivacy(t *testing.T) {
	ids := []string{"131052-308T", "010181-900D", "020516C903K"}
	in := csvOf(sample{rows: rows(
		row{"client_id": ids[0]},
		row{"document_id": "D2", "client_id": ids[1]},
		row{"document_id": "D3", "client_id": ids[2], "register": "yhteinen"},
		row{"document_id": ids[0], "client_id": ids[2]}, // a mis-mapped column: hetu as document id
	)})
	check := func(res *Result, mode string, wantFull bool) {
		var all strings.Builder
		for _, f := range res.Findings {
			fmt.Fprintf(&all, "%s %s %s %s\n", f.Message.FI, f.Message.EN, f.Location.Key, f.Fingerprint)
		}
		s := all.String()
		for _, id := range ids[:2] {
			if strings.Contains(s, id) != wantFull {
				t.Errorf("%s: full id %s present=%v\n%s", mode, id, !wantFull, s)
			}
		}
	}
	check(runCSV(t, in, Config{DeploymentTest: true}), "mask", false)
	p := ident.NewPseudonymizer([]byte("k"))
	res := runCSV(t, in, Config{DeploymentTest: true, IDs: Pseudonymize, Pseudonymizer: p})
	check(res, "pseudonymize", false)
	found := false
	for _, f := range res.Findings {
		found = found || strings.Contains(f.Message.EN, p.Pseudonym(ids[0]))
	}
	if !found {
		t.Error("pseudonym not shown")
	}
	check(runCSV(t, in, Config{DeploymentTest: true, IDs: Reveal}), "reveal", true)
}

func TestEmptyExport(t *testing.T) {
	r, err := export.NewCSVReader(strings.NewReader(canonicalHeader+"\n"), export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(r, Config{Catalogue: sosmeta.MustDefault()}); !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Errorf("header-only export: %v, want ErrNotRecognised", err)
	}
}

func TestWindowsLatestByVersion(t *testing.T) {
	// Same created time: the higher version wins, whatever the file order.
	s := sample{rows: rows(
		rel(row{"document_id": "R1", "version": "2", "unit_end": "2024-12-31"}),
		rel(row{"document_id": "R1", "version": "1", "unit_end": "2024-02-01"}),
		pdoc(row{"created": "2024-08-01"}),
	)}
	res := runCSV(t, csvOf(s), Config{DeploymentTest: true})
	if len(res.Findings) != 0 {
		t.Errorf("findings: %s", summary(res.Findings))
	}
}

// TestFold folds one key's versions (in file order) into periods.
func TestFold(t *testing.T) {
	d := func(s string) export.Date {
		ts, err := export.ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return ts.Date()
	}
	v := func(created, version int, start, end string) windowRec {
		w := window{created: export.Timestamp(created), version: int32(version), start: d(start)}
		if end != "" {
			w.end = d(end)
		}
		return windowRec{window: w}
	}
	type period struct{ start, end string }
	for _, tt := range []struct {
		name string
		vs   []windowRec
		want []period
	}{
		{"one version", []windowRec{v(1, 1, "2024-01-01", "2024-06-30")}, []period{{"2024-01-01", "2024-06-30"}}},
		{"extended", []windowRec{v(1, 1, "2024-01-01", "2024-06-30"), v(2, 2, "2024-01-01", "")}, []period{{"2024-01-01", ""}}},
		{"stored order, not file order", []windowRec{v(2, 2, "2024-01-01", "2024-03-31"), v(1, 1, "2024-01-01", "")}, []period{{"2024-01-01", "2024-03-31"}}},
		{"same time: the higher version", []windowRec{v(1, 2, "2024-01-01", "2024-12-31"), v(1, 1, "2024-01-01", "2024-02-01")}, []period{{"2024-01-01", "2024-12-31"}}},
		{"same time and version: the later row", []windowRec{v(1, 1, "2024-01-01", "2024-12-31"), v(1, 1, "2024-01-01", "2024-02-01")}, []period{{"2024-01-01", "2024-02-01"}}},
		{"left and came back", []windowRec{v(1, 1, "2024-01-01", "2024-06-30"), v(2, 2, "2024-09-01", "")}, []period{{"2024-01-01", "2024-06-30"}, {"2024-09-01", ""}}},
		{"first period corrected after the return", []windowRec{v(1, 1, "2024-01-01", "2024-06-30"), v(2, 2, "2024-09-01", ""), v(3, 3, "2024-01-01", "2024-05-31")},
			[]period{{"2024-01-01", "2024-05-31"}, {"2024-09-01", ""}}},
		{"overlapping start moved", []windowRec{v(1, 1, "2024-01-01", "2024-06-30"), v(2, 2, "2024-02-01", "2024-06-30")}, []period{{"2024-02-01", "2024-06-30"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			prefix := []window{{start: 1}} // fold appends: what is there stays
			ps, _ := fold(slices.Clone(prefix), tt.vs, nil)
			if ps[0] != prefix[0] {
				t.Fatalf("fold changed what was in ps before: %+v", ps[0])
			}
			var got []period
			for _, p := range ps[1:] {
				e := ""
				if p.end != 0 {
					e = p.end.String()
				}
				got = append(got, period{p.start.String(), e})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("periods %v, want %v", got, tt.want)
			}
		})
	}
}

// benchExport is a generated export kept in memory for the benchmarks.
func benchExport(b *testing.B, rows int) []byte {
	b.Helper()
	var buf bytes.Buffer
	if _, err := exportgen.Generate(&buf, exportgen.Options{Rows: rows, Clients: rows / 10, Seed: 1, RealFormat: true}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkBareRead is the floor: encoding/csv with ReuseRecord and
// nothing else; cpu-s/op as BenchmarkGate's, to compare the two under load.
func BenchmarkBareRead(b *testing.B) {
	data := benchExport(b, 200000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() { b.ReportMetric((cpuTime()-cpu0)/float64(b.N), "cpu-s/op") }()
	for i := 0; i < b.N; i++ {
		r := export.BareReader(bytes.NewReader(data))
		n := 0
		var pe *csv.ParseError
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil && !errors.As(err, &pe) {
				b.Fatal(err)
			}
			n++
		}
	}
}

// BenchmarkGate is the full rule pass on 1, 2, 3 and 4 workers (N
// goroutines parse and check rows, the gate's keeps the cross-row state),
// side by side: compare MB/s between them, and cpu-s/op for the work
// done. -cpu 1 gives the one-core figure to hold against
// BenchmarkBareRead's.
func BenchmarkGate(b *testing.B) {
	data := benchExport(b, 200000)
	cat := sosmeta.MustDefault()
	for _, workers := range []int{1, 2, 3, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu0 := cpuTime()
			for b.Loop() {
				r, err := export.NewCSVReader(bytes.NewReader(data), export.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Run(r, Config{Catalogue: cat, Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
			// CPU seconds (all goroutines, GC included) per op: what the
			// parallel hand-offs cost, however loaded the machine.
			b.ReportMetric((cpuTime()-cpu0)/float64(b.N), "cpu-s/op")
		})
	}
}

// FuzzGate feeds arbitrary CSV bodies under the canonical header: the
// gate must never panic, must account for every row, must not echo a
// henkilötunnus in full, and must give the same result on four workers as
// on one, and with its state spilled to the temporary file (a budget of
// one byte, chunks of one record) as in memory.
func FuzzGate(f *testing.F) {
	for _, c := range Checks {
		for _, sm := range append(append([]sample{}, c.good...), c.bad...) {
			body := csvOf(sm)
			f.Add(body[strings.IndexByte(body, '\n')+1:])
		}
	}
	cat := sosmeta.MustDefault()
	f.Fuzz(func(t *testing.T, body string) {
		r, err := export.NewCSVReader(strings.NewReader(canonicalHeader+"\n"+body), export.Options{})
		if err != nil {
			t.Fatalf("header: %v", err)
		}
		seed := maphash.MakeSeed()
		res, err := Run(r, Config{Catalogue: cat, MaxPerRule: -1, seed: &seed})
		// Four workers (three parsers) must give the same result, or the
		// same error.
		r4, err4 := export.NewCSVReader(strings.NewReader(canonicalHeader+"\n"+body), export.Options{})
		if err4 != nil {
			t.Fatalf("header: %v", err4)
		}
		res4, err4 := Run(r4, Config{Catalogue: cat, MaxPerRule: -1, seed: &seed, Workers: 4})
		if fmt.Sprint(err) != fmt.Sprint(err4) {
			t.Fatalf("1 worker: %v; 4 workers: %v", err, err4)
		}
		if err == nil {
			if d := sameResult(res, res4); d != "" {
				t.Fatalf("4 workers: %s", d)
			}
		}
		rs, errs := export.NewCSVReader(strings.NewReader(canonicalHeader+"\n"+body), export.Options{})
		if errs != nil {
			t.Fatalf("header: %v", errs)
		}
		smallChunks(t) // for the rest of this input: results do not depend on it
		resS, errS := Run(rs, Config{Catalogue: cat, MaxPerRule: -1, seed: &seed, Memory: 1, TempDir: t.TempDir()})
		if fmt.Sprint(err) != fmt.Sprint(errS) {
			t.Fatalf("in memory: %v; spilled: %v", err, errS)
		}
		if err == nil {
			resS.Stats.Spilled = 0
			if d := sameResult(res, resS); d != "" {
				t.Fatalf("spilled: %s", d)
			}
		}
		if err != nil {
			if errors.Is(err, kartoitus.ErrNotRecognised) || errors.Is(err, kartoitus.ErrUnreadable) {
				return
			}
			t.Fatalf("run: %v", err)
		}
		// Plans (when.go) must hide no finding.
		if r, err = export.NewCSVReader(strings.NewReader(canonicalHeader+"\n"+body), export.Options{}); err != nil {
			t.Fatalf("header: %v", err)
		}
		all, err := Run(r, Config{Catalogue: cat, MaxPerRule: -1, noPlans: true})
		if err != nil {
			t.Fatalf("run without plans: %v", err)
		}
		if a, b := sortedSummary(res.Findings), sortedSummary(all.Findings); a != b {
			t.Fatalf("plans change the findings:\nwith:\n%s\nwithout:\n%s", a, b)
		}
		if !res.Tally.Balanced() {
			t.Fatalf("tally %+v", res.Tally)
		}
		for _, fd := range res.Findings {
			for _, s := range []string{fd.Message.FI, fd.Message.EN, fd.Location.Key} {
				if ident.ContainsHetu(s) {
					t.Fatalf("unmasked henkilötunnus in %q", s)
				}
			}
		}
	})
}

// TestPlansHideNothing: a check's when (when.go) only spares judges that
// could not find anything, so running every enabled judge on every row
// must give the same result. The exports are generated, then shuffled
// field by field and cut to fewer columns, to reach fact combinations
// that the samples do not.
func TestPlansHideNothing(t *testing.T) {
	var inputs []string
	for seed := uint64(1); seed <= 4; seed++ {
		var buf bytes.Buffer
		if _, err := exportgen.Generate(&buf, exportgen.Options{Rows: 3000, Clients: 300, Seed: seed, Canonical: true, DeploymentTest: seed%2 == 0}); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, buf.String(), scramble(t, buf.String(), seed, nil),
			scramble(t, buf.String(), seed, map[string]bool{"author_org": true, "service_task": true}),
			scramble(t, buf.String(), seed, map[string]bool{"basis": true, "status": true, "controller_kind": true}))
	}
	for _, c := range Checks {
		for _, sm := range append(append([]sample{}, c.good...), c.bad...) {
			inputs = append(inputs, csvOf(sm))
		}
	}
	for i, in := range inputs {
		for _, dep := range []bool{true, false} {
			a := runCSV(t, in, Config{DeploymentTest: dep})
			b := runCSV(t, in, Config{DeploymentTest: dep, noPlans: true})
			if fa, fb := sortedSummary(a.Findings), sortedSummary(b.Findings); fa != fb || !maps.Equal(a.Counts, b.Counts) || a.Stats != b.Stats {
				t.Errorf("input %d, deployment test %v: plans change the result:\nwith    %v\nwithout %v", i, dep, a.Counts, b.Counts)
			}
		}
	}
}

// sortedSummary is summary in finding.Sort order (REG041's findings come
// in id-hash order, which the random hash seed changes between runs).
func sortedSummary(fs []finding.Finding) string {
	fs = slices.Clone(fs)
	finding.Sort(fs)
	return summary(fs)
}

// scramble overwrites about a quarter of the rows' fields with another
// row's value of the same or another column, or blanks them, and drops
// the columns named in drop.
func scramble(t *testing.T, in string, seed uint64, drop map[string]bool) string {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(in))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = ';', -1, true
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Comma = ';'
	for ri, rec := range recs {
		if ri > 0 && rnd.IntN(4) == 0 {
			i, o := rnd.IntN(len(rec)), recs[1+rnd.IntN(len(recs)-1)]
			switch rnd.IntN(3) {
			case 0:
				rec[i] = ""
			case 1:
				rec[i] = o[rnd.IntN(len(o))]
			default:
				if i < len(o) {
					rec[i] = o[i]
				}
			}
		}
		var out []string
		for i, v := range rec {
			if !drop[recs[0][min(i, len(recs[0])-1)]] {
				out = append(out, v)
			}
		}
		if err := cw.Write(out); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	return b.String()
}
