package separation

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/maphash"
	"maps"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/kartoitus/kartoitus/exportgen"
)

// roughen rewrites a generated export the way real ones go wrong: quoted
// fields with line breaks and quotes, rows of the wrong width, bare and
// stray quotes, blank lines, and (crlf) Windows line ends.
func roughen(t *testing.T, in string, crlf bool) string {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(in))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = ';', -1, true
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Comma, cw.UseCRLF = ';', crlf
	nl := "\n"
	if crlf {
		nl = "\r\n"
	}
	for i, rec := range recs {
		switch {
		case i == 0:
		case i%41 == 3: // a line break and quotes inside a value
			rec[len(rec)-3] = "erityinen\n\"sisältö\"" + nl + rec[len(rec)-3]
		case i%97 == 5:
			rec = rec[:len(rec)-2]
		case i%89 == 7:
			cw.Flush()
			b.WriteString(strings.Join(rec[:3], ";") + ";bare\"quote;" + strings.Join(rec[4:], ";") + nl)
			continue
		case i%83 == 11:
			cw.Flush()
			b.WriteString(nl + nl)
		case i%79 == 13: // text after a closing quote
			cw.Flush()
			b.WriteString(strings.Join(rec[:3], ";") + ";\"x\"y;" + strings.Join(rec[4:], ";") + nl)
			continue
		}
		if err := cw.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	return b.String()
}

// runWorkers runs in with n workers and a fixed id hash seed.
func runWorkers(t *testing.T, in string, cfg Config, n int, seed maphash.Seed) *Result {
	t.Helper()
	cfg.Workers, cfg.seed = n, &seed
	return runCSV(t, in, cfg)
}

// sameResult describes how b differs from a, or "".
func sameResult(a, b *Result) string {
	switch {
	case summary(a.Findings) != summary(b.Findings):
		return "findings (or their order) differ"
	case !reflect.DeepEqual(a.Findings, b.Findings):
		return "findings differ in detail"
	case a.Tally != b.Tally:
		return fmt.Sprintf("tally %+v, want %+v", b.Tally, a.Tally)
	case a.Stats != b.Stats:
		return fmt.Sprintf("stats %+v, want %+v", b.Stats, a.Stats)
	case !maps.Equal(a.Counts, b.Counts) || !maps.Equal(a.Omitted, b.Omitted) || a.Suppressed != b.Suppressed:
		return fmt.Sprintf("counts %v omitted %v, want %v %v", b.Counts, b.Omitted, a.Counts, a.Omitted)
	case !reflect.DeepEqual(a.NotChecked, b.NotChecked):
		return "not-checked rules differ"
	}
	return ""
}

// TestWorkersAgree: the parallel parser hands the checker the same rows
// in the same order, so any number of workers gives the same findings in
// the same order and the same tallies, on clean and rough exports alike.
func TestWorkersAgree(t *testing.T) {
	var gen bytes.Buffer
	if _, err := exportgen.Generate(&gen, exportgen.Options{Rows: 20000, Clients: 2000, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	var canon bytes.Buffer
	if _, err := exportgen.Generate(&canon, exportgen.Options{Rows: 8000, Clients: 900, Seed: 12, Canonical: true, DeploymentTest: true}); err != nil {
		t.Fatal(err)
	}
	rough := roughen(t, gen.String(), false)
	roughCRLF := roughen(t, gen.String(), true)
	latin, err := charmap.Windows1252.NewEncoder().String(rough)
	if err != nil {
		t.Fatal(err)
	}
	// UTF-8 for most of the file, Windows-1252 from a late line on.
	cut := strings.Index(rough[len(rough)/2:], "\n") + len(rough)/2 + 1
	lateLatin, err := charmap.Windows1252.NewEncoder().String(rough[cut:])
	if err != nil {
		t.Fatal(err)
	}
	inputs := []struct {
		name string
		in   string
		cfg  Config
	}{
		{"generated", gen.String(), Config{}},
		{"canonical, deployment test, capped", canon.String(), Config{DeploymentTest: true, MaxPerRule: 7}},
		{"rough", rough, Config{}},
		{"rough crlf bom", "\xef\xbb\xbf" + roughCRLF, Config{MaxPerRule: 3}},
		{"windows-1252", latin, Config{}},
		{"utf-8 then windows-1252", rough[:cut] + lateLatin, Config{}},
		{"open quote at the end", rough + "D1;1;\"never closed;\n" + rough[strings.Index(rough, "\n")+1:], Config{}},
	}
	seed := maphash.MakeSeed()
	smallChunks(t) // chunk boundaries everywhere, candidates judged in parallel
	for _, tc := range inputs {
		t.Run(tc.name, func(t *testing.T) {
			base := runWorkers(t, tc.in, tc.cfg, 1, seed)
			if base.Tally.Rejected == 0 && strings.HasPrefix(tc.name, "rough") {
				t.Fatalf("no rows rejected: the rough export is not rough: %+v", base.Tally)
			}
			for _, n := range []int{2, 3, 8} {
				if d := sameResult(base, runWorkers(t, tc.in, tc.cfg, n, seed)); d != "" {
					t.Errorf("%d workers: %s", n, d)
				}
			}
		})
	}
}
