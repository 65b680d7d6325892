package tos

import (
	"testing"

	"github.com/kartoitus/kartoitus/sosmeta"
)

func TestParseRetention(t *testing.T) {
	cases := []struct {
		in    string
		years int
		ok    bool
		rest  string
		elec  bool
	}{
		{"10", 10, true, "", false},
		{" 10 ", 10, true, "", false},
		{"10.0", 10, true, "", false},
		{"10,0", 10, true, "", false},
		{"10 v", 10, true, "", false},
		{"10 v.", 10, true, "", false},
		{"120 vuotta lapsen syntymästä", 120, true, "lapsen syntymästä", false},
		{"2 vuotta asiakkaan kuolemasta", 2, true, "asiakkaan kuolemasta", false},
		{"3 år", 3, true, "", false},
		{"12 years", 12, true, "", false},
		{"0", 0, true, "", false},
		{"-1", -1, true, "", false},
		{"-1 (säilytetään pysyvästi)", -1, true, "", false},
		{"pysyvä", -1, true, "", false},
		{"Pysyvästi", -1, true, "", false},
		{"säilytetään pysyvästi", -1, true, "", false},
		{"permanent", -1, true, "", false},
		{"Säilytetään sähköisesti", 0, false, "", true},
		{"", 0, false, "", false},
		{"-12", 0, false, "", false},
		{"2.5", 0, false, "", false},
		{"30 v / 12 v kuolemasta", 0, false, "", false},
		{"6 kk", 6, true, "kk", false}, // months: the number is read; the analysis sees "kk" as no start
		{"asiakkuuden ajan", 0, false, "", false},
		{"2025", 0, false, "", false},
		{"1000", 0, false, "", false},
		{"10 pysyvästi", 0, false, "", false},
	}
	for _, c := range cases {
		r := ParseRetention(c.in)
		if r.Years != c.years || r.OK != c.ok || r.Rest != c.rest || r.Electronic != c.elec {
			t.Errorf("ParseRetention(%q) = %+v, want years %d ok %v rest %q electronic %v", c.in, r, c.years, c.ok, c.rest, c.elec)
		}
	}
}

func TestParseStart(t *testing.T) {
	cases := map[string]sosmeta.StartEvent{
		// The 703/2023 annex's own wording.
		"asiakkaan kuolemasta": sosmeta.StartClientDeath,
		"asian sulkemisesta":   sosmeta.StartCaseClosed,
		"viimeisen asian sulkemisesta, kun vammaispalvelujen tarve on päättynyt": sosmeta.StartLastCaseClosed,
		"lapsen syntymästä":                      sosmeta.StartChildBirth,
		"päätöksen voimassaolon päättymisestä":   sosmeta.StartDecisionValidityEnd,
		"viestin tai vastaavan päiväyksestä":     sosmeta.StartMessageDate,
		"todistuksen tai lausunnon laatimisesta": sosmeta.StartDocumentDate,
		"lokitapahtumasta":                       sosmeta.StartLogEvent,
		"kun käyttötarve on päättynyt":           sosmeta.StartUseEnded,
		"Uusin versio 12 vuotta kuolemasta, edeltävät 12 vuotta uuden version laatimisen jälkeen": sosmeta.StartClientDeath,
		// Helsinki value list (Säilytysajan laskentaperuste).
		"Asian lopullinen ratkaisu":  sosmeta.StartCaseClosed,
		"Asiakirjan päivämäärä":      sosmeta.StartDocumentDate,
		"Asiakirjan voimassaoloaika": sosmeta.StartDecisionValidityEnd,
		"Henkilön kuolema":           sosmeta.StartClientDeath,
		"Voimassaoloaika":            sosmeta.StartDecisionValidityEnd,
		"Asian ratkaisu":             sosmeta.StartCaseClosed,
		"Henkilön kuolema (laskentaan tarvittava tieto VRK:sta, järjestelmästä)": sosmeta.StartClientDeath,
		// The repealed 254/2015 anchor.
		"palvelun päättymisestä":        StartServiceEnded,
		"Asiakkuuden päättyminen":       StartServiceEnded,
		"Hoidon päättyminen":            StartServiceEnded,
		"Tilikauden päättyminen":        StartOther,
		"Kaluston käytöstä poistaminen": StartOther,
		"Viimeinen päivitys":            StartOther,
		"Lukuvuosi":                     StartOther,
		"from the client's death":       sosmeta.StartClientDeath,
		"12 år efter klientens död":     sosmeta.StartClientDeath,
	}
	for in, want := range cases {
		if got, ok := ParseStart(in); !ok || got != want {
			t.Errorf("ParseStart(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "  ", "kk", "dodo", "tarpeen mukaan", "x"} {
		if got, ok := ParseStart(in); ok {
			t.Errorf("ParseStart(%q) = %q; want not understood", in, got)
		}
	}
}

func TestParseMedium(t *testing.T) {
	cases := []struct {
		in        string
		elec, pap bool
		ok        bool
	}{
		{"sähköinen", true, false, true},
		{"Paperi", false, true, true},
		{"paperi ja sähköinen", true, true, true},
		{"paperi/sähköinen", true, true, true},
		{"molemmat", true, true, true},
		{"AMS", false, true, true},
		{"TOS", true, false, true},
		{"Säilytetään sähköisesti", true, false, true},
		{"kirjekuori", false, false, false},
		{"", false, false, false},
	}
	for _, c := range cases {
		m, ok := ParseMedium(c.in)
		if m.Electronic != c.elec || m.Paper != c.pap || ok != c.ok {
			t.Errorf("ParseMedium(%q) = %+v %v", c.in, m, ok)
		}
	}
}

func TestHelsinkiClassTasks(t *testing.T) {
	cases := map[string]string{
		"05 02 03": "child_welfare", "05 02 09": "family_law", "05 02 10": "families", "05 03 02": "disability",
		"05 04": "older_people", "05 05 03": "substance_abuse", "05 06 02": "working_age", "05 08 02": "older_people",
		"05  02 03": "child_welfare", "05 01 02": "", "00 00 01 02": "",
	}
	for in, want := range cases {
		got := ""
		if ts := HelsinkiClassTasks(in); len(ts) > 0 {
			got = ts[0]
		}
		if got != want {
			t.Errorf("HelsinkiClassTasks(%q) = %q, want %q", in, got, want)
		}
	}
}
