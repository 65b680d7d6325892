package exportgen

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/ident"
)

func TestGenerateShape(t *testing.T) {
	for _, o := range []Options{
		{Rows: 3000, Clients: 200, Seed: 5},
		{Rows: 3000, Clients: 200, Seed: 5, Canonical: true, DeploymentTest: true},
		{Rows: 1000, Clients: 1000, Seed: 6, RealFormat: true, Violations: -1},
	} {
		var a, b bytes.Buffer
		man, err := Generate(&a, o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Generate(&b, o); err != nil || a.String() != b.String() {
			t.Fatalf("%+v: not deterministic", o)
		}
		r := csv.NewReader(strings.NewReader(a.String()))
		r.Comma = ';'
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs)-1 != o.Rows {
			t.Errorf("%+v: %d rows", o, len(recs)-1)
		}
		bad := map[int]bool{}
		for _, v := range man.Expected {
			bad[v.Line] = true
		}
		clients := map[string]bool{}
		for i, rec := range recs[1:] {
			line := i + 2
			if bad[line] || len(rec) != nCols {
				continue
			}
			h, err := ident.ParseHetu(rec[cClient])
			if err == nil {
				clients[rec[cClient]] = true
			}
			if err != nil || h.Test() == o.RealFormat {
				t.Errorf("line %d: client id %s: %v (test=%v)", line, ident.Mask(rec[cClient]), err, h.Test())
			}
			for _, c := range []int{cCtrl, cOrg, cProd, cAuthor, cUnit} {
				if rec[c] != "" {
					if _, err := ident.ParseOrg(rec[c]); err != nil {
						t.Errorf("line %d column %d: %s: %v", line, c, rec[c], err)
					}
				}
			}
		}
		if len(clients) < o.Clients*9/10 {
			t.Errorf("%+v: only %d distinct clients", o, len(clients))
		}
		if o.Violations < 0 && len(man.Expected) != 0 {
			t.Errorf("violations seeded although none asked: %v", man.Expected)
		}
		if o.Violations == 0 && len(man.Expected) < 28 {
			t.Errorf("%d expected findings, want every kind", len(man.Expected))
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, o := range []Options{{Rows: 0}, {Rows: 10, DeploymentTest: true, RealFormat: true}, {Rows: 100, Clients: 5000000}} {
		if _, err := Generate(&bytes.Buffer{}, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

// BenchmarkGenerate measures the generator (it writes the 10M-row files of
// the register benchmark).
func BenchmarkGenerate(b *testing.B) {
	var buf bytes.Buffer
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if _, err := Generate(&buf, Options{Rows: 100000, Clients: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
