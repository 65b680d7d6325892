package tos

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// checkPlan holds for every successful read: tallies balance, every entry
// has a kind and a name, and every error carries a sentinel.
func checkPlan(t *testing.T, p *Plan, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, kartoitus.ErrUnreadable) && !errors.Is(err, kartoitus.ErrNotRecognised) && !errors.Is(err, kartoitus.ErrUsage) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		return
	}
	for _, tl := range p.Tallies {
		if !tl.Balanced() {
			t.Fatalf("unbalanced tally %+v", tl)
		}
	}
	if len(p.Entries) == 0 && len(p.Rejected) == 0 {
		t.Fatal("success with nothing read")
	}
	for _, e := range p.Entries {
		if (e.Kind != TOS && e.Kind != AMS) || e.Name == "" {
			t.Fatalf("bad entry %+v", e)
		}
		if e.HasRetention && (e.RetentionYears < sosmeta.Permanent || e.RetentionYears > maxYears) {
			t.Fatalf("implausible years %d from %q", e.RetentionYears, e.RetentionRaw)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	cp, err := os.ReadFile("testdata/plan_cp1252.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(cp)
	f.Add([]byte("Asiakirja,Säilytysaika,Laskentaperuste\nHuostaanottopäätös,2,asiakkaan kuolemasta\n"))
	f.Add([]byte("\ufeffTehtäväluokka;2.13 Tehtävä;2.15 Asiakirjan tyyppi;Asiakirjatyypin tarkenne;2.11.1 Säilytysaika\n05 02;Lastensuojelu\nAsiakirjan metatiedot;;päätös;sijoituspäätös;-1\n"))
	f.Add([]byte("Koodi\tSäilytysaika\tTallennusmuoto\n11023\t2\tmolemmat\n"))
	f.Add([]byte("\"Asiakirja\";\"Säilytysaika\"\n\"a\"\"b\";\"1\n2\"\n"))
	f.Add([]byte(""))
	cat := sosmeta.MustDefault()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadCSV(bytes.NewReader(data), "fuzz.csv", cat, Options{})
		checkPlan(t, p, err)
	})
}

// FuzzReadXLSX: run with -fuzzminimizetime 5s; minimising a mutated
// workbook byte by byte otherwise holds the worker for a minute at a time.
func FuzzReadXLSX(f *testing.F) {
	h, err := os.ReadFile(helsinki)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(h)
	f.Add(helsinkiSocial(f))
	f.Add([]byte("PK\x03\x04"))
	cat := sosmeta.MustDefault()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadXLSX(bytes.NewReader(data), "fuzz.xlsx", cat, Options{})
		checkPlan(t, p, err)
	})
}

func FuzzParseRetention(f *testing.F) {
	for _, s := range []string{"10", "-1 (säilytetään pysyvästi)", "120 vuotta lapsen syntymästä", "10,0 v", "pysyvä", "Säilytetään sähköisesti", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := ParseRetention(s)
		if r.OK && (r.Years < sosmeta.Permanent || r.Years > maxYears) {
			t.Fatalf("ParseRetention(%q) = %+v", s, r)
		}
		if !r.OK && r.Years != 0 {
			t.Fatalf("ParseRetention(%q) not ok but years %d", s, r.Years)
		}
		ParseStart(s)
		ParseMedium(s)
		_ = Quote(s)
	})
}
