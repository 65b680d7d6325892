package onboarding

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
)

// The card each kind of person gets (K20 dia 18–19).
func TestCardRules(t *testing.T) {
	cases := []struct {
		row      string
		card     Card
		warning  bool // PLN003: registration not stated
		rejected bool
	}{
		{"Sanna;sosiaalityöntekijä;kyllä;ei;", Ammattikortti, false, false},
		{"Aino;lähihoitaja;K;;", Ammattikortti, false, false},
		{"Elina;sihteeri;ei;ei;", Henkilostokortti, false, false},
		{"Hanna;avustaja;no;no;", Henkilostokortti, false, false},
		{"Kari;toimittaja;;kyllä;", Toimijakortti, false, false},
		{"Reija;toimittajan sairaanhoitaja;kyllä;kyllä;", Toimijakortti, false, false}, // vendor staff act as the vendor
		{"Outi;sijainen;;;", Henkilostokortti, true, false},
		{"Pekka;lähihoitaja;kyllä;ei;henkilöstökortti", Henkilostokortti, false, false}, // an explicit card wins
		{"Varakortti 1;;;;varakortti", Varakortti, false, false},
		{";;;;varakortti", Varakortti, false, false},
		{";rooli;kyllä;ei;", "", false, true},         // no name
		{"Mikko;ohjaaja;ehkä;ei;", "", false, true},   // not yes/no
		{"Tiina;ohjaaja;ei;joskus;", "", false, true}, // not yes/no
		{"Ville;arkistonhoitaja;ei;ei;kultakortti", "", false, true},
	}
	for _, c := range cases {
		t.Run(c.row, func(t *testing.T) {
			src := "Nimi;Rooli;Rekisteröity ammattihenkilö;Toimittajan henkilö;Korttityyppi\n" + c.row + "\n" + "Muu;;ei;ei;\n"
			st, err := ParseStaffCSV("s.csv", strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			if !st.Tally.Balanced() || st.Tally.Read != 2 {
				t.Fatalf("tally %+v", st.Tally)
			}
			if c.rejected {
				if st.Tally.Rejected != 1 || st.Findings[0].RuleID != "PLN002" || st.Findings[0].Location.Row != 2 || st.Findings[0].Location.Column == "" {
					t.Errorf("want a PLN002 on row 2: %+v", st.Findings)
				}
				return
			}
			p := st.People[0]
			if p.Card != c.card || p.Why.FI == "" {
				t.Errorf("card %s (%s), want %s", p.Card, p.Why.EN, c.card)
			}
			if got := hasRule(st.Findings, "PLN003"); got != c.warning {
				t.Errorf("PLN003 %v, want %v", got, c.warning)
			}
		})
	}
}

func TestSampleCardPlan(t *testing.T) {
	st, err := ReadStaff("../samples/plan/staff.csv")
	if err != nil {
		t.Fatal(err)
	}
	cp := PlanCards(st, CardOptions{Readers: 6})
	want := map[Card]int{Ammattikortti: 5, Henkilostokortti: 7, Toimijakortti: 1, Varakortti: 2}
	for c, n := range want {
		if cp.Counts[c] != n {
			t.Errorf("%s: %d, want %d", c, cp.Counts[c], n)
		}
	}
	if cp.Total != 15 || st.Tally.Accepted != 15 || !st.Tally.Balanced() {
		t.Errorf("total %d, tally %+v", cp.Total, st.Tally)
	}
	// 10 priced cards at 0–23 € and 6 readers at 40–50 € (2020 prices).
	if cp.CostMin != 6*40 || cp.CostMax != 10*23+6*50 {
		t.Errorf("cost %d–%d", cp.CostMin, cp.CostMax)
	}
	if !strings.Contains(cp.PriceNote.FI, "2020") || !strings.Contains(cp.PriceNote.EN, "2020") {
		t.Errorf("prices not marked as the deck's 2020 prices: %v", cp.PriceNote)
	}
	if len(cp.Unpriced) != 1 || !strings.Contains(cp.Unpriced[0].EN, "service fee") {
		t.Errorf("unpriced %v", cp.Unpriced)
	}
	if got := euroRange(cp.CostMin, cp.CostMax, finding.FI); got != "240–530 €" {
		t.Errorf("fi %q", got)
	}
	if got := euroRange(1200, 12345, finding.EN); got != "€1,200–12,345" {
		t.Errorf("en %q", got)
	}
}

func TestCardPlanOptions(t *testing.T) {
	st := &Staff{People: []Person{{Name: "A", Card: Henkilostokortti}}}
	cp := PlanCards(st, CardOptions{BackupCards: 3, Readers: -1})
	if cp.Counts[Varakortti] != 3 || cp.CostMax != 4*23 || cp.ReadersGiven {
		t.Errorf("%+v", cp)
	}
	// Readers not given: priced per unit in a note, not summed.
	if len(cp.Unpriced) != 1 || !strings.Contains(cp.Unpriced[0].EN, "--readers") {
		t.Errorf("unpriced %v", cp.Unpriced)
	}
}

func TestStaffFiles(t *testing.T) {
	win := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name, src string
		people    int
		err       error
	}{
		{"tab, English headers", "Name\tRole\tRegistered professional\tVendor staff\nA\tnurse\tyes\tno\n", 1, nil},
		{"comma, BOM, title row", "\xef\xbb\xbfHenkilöstö 2026\nNimi,Rekisteröity,Toimittaja\nA,kyllä,ei\nB,ei,ei\n", 2, nil},
		{"Windows-1252", win("Nimi;Rekisteröity ammattihenkilö\nÄijä;kyllä\n"), 1, nil},
		{"blank lines are not rows", "Nimi;Rekisteröity\n\nA;kyllä\n;;\n", 1, nil},
		{"card column only", "Nimi;Korttityyppi\nA;toimijakortti\n", 1, nil},
		{"no staff header", "Etunimi;Sukunimi\nA;B\n", 0, kartoitus.ErrNotRecognised},
		{"header only", "Nimi;Rekisteröity\n", 0, kartoitus.ErrNotRecognised},
		{"every row rejected", "Nimi;Rekisteröity\nA;ehkä\n", 0, kartoitus.ErrNotRecognised},
		{"broken quote", "Nimi;Rekisteröity\n\"A;kyllä\nB;ei\n", 0, kartoitus.ErrUnreadable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, err := ParseStaffCSV("s.csv", strings.NewReader(c.src))
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(st.People) != c.people || !st.Tally.Balanced() {
				t.Errorf("%d people, tally %+v", len(st.People), st.Tally)
			}
		})
	}
	if _, err := ReadStaff("staff.pdf"); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("%v", err)
	}
}

// No henkilötunnus reaches a person or a message.
func TestStaffRedactsIDs(t *testing.T) {
	st, err := ParseStaffCSV("s.csv", strings.NewReader("Nimi;Rooli;Rekisteröity\nA 131052-308T;x;131052-308T\nB;131052-308T;ei\n"))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, p := range st.People {
		all.WriteString(p.Name + p.Role)
	}
	for _, f := range st.Findings {
		all.WriteString(f.Message.FI + f.Message.EN + f.Location.String())
	}
	if strings.Contains(all.String(), "308T") {
		t.Errorf("henkilötunnus leaked: %s", all.String())
	}
}

func TestStaffXLSXFromTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTemplate(&b, finding.EN); err != nil {
		t.Fatal(err)
	}
	// The blank staff sheet lists nobody: nothing recognised.
	if _, err := ParseStaffXLSX("t.xlsx", b.Bytes()); !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Fatalf("blank template: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{{"Sanna", "social worker", "yes", "no"}, {"Kari", "vendor", "", "yes"}, {"Spare 1", "", "", "", "varakortti"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Staff", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	st, err := ParseStaffXLSX("t.xlsx", out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range st.People {
		got = append(got, string(p.Card))
	}
	if strings.Join(got, " ") != "ammattikortti toimijakortti varakortti" || st.People[0].Loc.Sheet != "Staff" || st.People[2].Loc.Row != 4 {
		t.Errorf("cards %v, %+v", got, st.People)
	}
	if _, err := os.Stat("../samples/plan/staff.csv"); err != nil {
		t.Fatal(err)
	}
}
