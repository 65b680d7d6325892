package retention

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/tos"
)

// planStarts is every start event a plan can give, as a TOS writes it.
// "" is a plan that gives none.
var planStarts = []struct {
	event sosmeta.StartEvent
	text  string
}{
	{sosmeta.StartDocumentDate, "Asiakirjan päivämäärä"},
	{sosmeta.StartMessageDate, "viestin päiväyksestä"},
	{sosmeta.StartCaseClosed, "Asian lopullinen ratkaisu"},
	{sosmeta.StartLastCaseClosed, "viimeisen asian sulkemisesta"},
	{tos.StartServiceEnded, "asiakkuuden päättymisestä"},
	{sosmeta.StartClientDeath, "asiakkaan kuolemasta"},
	{sosmeta.StartChildBirth, "lapsen syntymästä"},
	{sosmeta.StartDecisionValidityEnd, "päätöksen voimassaolon päättymisestä"},
	{sosmeta.StartLogEvent, "lokitapahtumasta"},
	{sosmeta.StartUseEnded, "käyttötarpeen päätyttyä"},
	{sosmeta.StartNewerVersion, "uuden version laatimisesta"},
	{tos.StartOther, "Tilikauden päättyminen"},
	{"", ""},
}

// notEarlier is this test's own statement of the order (written out, not
// derived from the code's table): for each event of the law, the plan
// events that never come before it for the same client and case.
var notEarlier = map[sosmeta.StartEvent][]sosmeta.StartEvent{
	sosmeta.StartDocumentDate: {sosmeta.StartDocumentDate, sosmeta.StartMessageDate, sosmeta.StartCaseClosed, sosmeta.StartLastCaseClosed,
		tos.StartServiceEnded, sosmeta.StartClientDeath, sosmeta.StartDecisionValidityEnd, sosmeta.StartNewerVersion},
	sosmeta.StartCaseClosed:          {sosmeta.StartCaseClosed, sosmeta.StartLastCaseClosed, tos.StartServiceEnded, sosmeta.StartClientDeath},
	sosmeta.StartLastCaseClosed:      {sosmeta.StartLastCaseClosed, tos.StartServiceEnded, sosmeta.StartClientDeath},
	sosmeta.StartClientDeath:         {sosmeta.StartClientDeath},
	sosmeta.StartChildBirth:          {sosmeta.StartChildBirth},
	sosmeta.StartDecisionValidityEnd: {sosmeta.StartDecisionValidityEnd, sosmeta.StartClientDeath},
	sosmeta.StartLogEvent:            {sosmeta.StartLogEvent},
	sosmeta.StartNewerVersion:        {sosmeta.StartNewerVersion, sosmeta.StartClientDeath},
}

// safe is this test's expectation: may the plan (p years from start)
// destroy before the law's row allows?
func safe(law sosmeta.RetentionRule, p int, start sosmeta.StartEvent, horizon int) bool {
	switch {
	case p == sosmeta.Permanent:
		return true
	case law.Start == sosmeta.StartNone:
		return p >= law.Years
	case p >= horizon && law.Years < horizon:
		return true
	case start == "":
		return p >= law.Years // taken as counted the law's way (RET006 says it is not known)
	}
	ls := law.Start
	if ls == sosmeta.StartMessageDate {
		ls = sosmeta.StartDocumentDate
	}
	return slices.Contains(notEarlier[ls], start) && p >= law.Years
}

// annexDoc is a document governed by a row: its name, national type and
// service task.
func annexDoc(t *testing.T, cat *sosmeta.Catalogue, r sosmeta.RetentionRule) (name, key, task string) {
	switch r.ID {
	case "R703-01":
		return "Asiakkuusasiakirja", "group:1", "older_people"
	case "R703-02":
		return "Lapsen ja perheen palvelutarpeen arvio", "1005", "families"
	case "R703-03":
		return "Työikäisten palvelutarpeen arvio", "1012", "working_age"
	case "R703-04":
		return "Iäkkäiden palvelutarpeen arvio", "1000", "older_people"
	case "R703-05":
		return "Päihdearvio", "1008", "substance_abuse"
	case "R703-06":
		return "Vammaispalvelujen palvelutarpeen arvio", "1013", "disability"
	case "R703-07":
		return "Lastensuojeluilmoitus", "4009", "child_welfare"
	case "R703-08a":
		return "Lapsen huolto- ja tapaamisoikeusselvitys", "7005", "family_law"
	case "R703-08b":
		return "Puolison elatussopimus", "13003", "family_law"
	case "R703-09":
		return "Tositteet", "", "working_age"
	case "R703-10":
		return "Asiakasmaksupäätös", "", "older_people"
	case "R703-11":
		return "Kirjeenvaihto asiakkaan kanssa", "", "families"
	case "R703-12":
		return "Kopiot lausunnoista", "", "disability"
	case "R703-13":
		return "Videotallenteet", "", "child_welfare"
	case "R703-14":
		return "Käyttölokitiedot", "", "working_age"
	case "R703-15":
		return "Luovutuslupa (uusin versio)", "group:8", "older_people"
	case "R703-15b":
		return "Luovutuslupa (aiemmat versiot)", "group:8", "older_people"
	case "AL22-92":
		return "Adoptoitavan lapsen taustatiedot", "16000", "family_law"
	}
	t.Fatalf("annex row %s (%s) has no document in this test", r.ID, r.Text)
	return "", "", ""
}

// TestStartEventMatrix runs every row of the catalogue against a plan
// entry counted from every start event a plan can give, at every length
// class: shorter, the law's, longer, the horizon and beyond, permanent.
// A plan that may destroy before any rule binding the document allows is
// RET005 (an error); one that keeps provably longer is RET010; a start
// event other than the law's is RET006.
func TestStartEventMatrix(t *testing.T) {
	cat := sosmeta.MustDefault()
	const horizon = DefaultHorizon
	for _, ps := range planStarts {
		if got, _ := tos.ParseStart(ps.text); got != ps.event {
			t.Fatalf("ParseStart(%q) = %q, want %q: the matrix would test the wrong event", ps.text, got, ps.event)
		}
	}
	runs := 0
	for _, law := range cat.Retention {
		name, key, task := annexDoc(t, cat, law)
		if law.Years <= 0 {
			continue // R703-13: "saa hävittää, kun käyttötarve on päättynyt" has no length (TestEveryAnnexRow)
		}
		lengths := []int{law.Years - 1, law.Years, law.Years + 5, horizon - 1, horizon, horizon + 30, sosmeta.Permanent}
		for _, ps := range planStarts {
			for _, p := range lengths {
				if p < 0 && p != sosmeta.Permanent {
					continue
				}
				t.Run(fmt.Sprintf("%s/%s/%d", law.ID, ps.event, p), func(t *testing.T) {
					runs++
					inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, name, task, inventory.MediumElectronic)}}
					keys := map[int]string{}
					if key != "" {
						keys[0] = key
					}
					ret := fmt.Sprint(p)
					e := entry(3, tos.TOS, key, name, "", ret, ps.text)
					res, fs := Analyze(cat, inv, &tos.Plan{Entries: []tos.Entry{e}}, mres(keys))
					r := res.Documents[0]
					// Every rule binding the document: its governing row, the
					// rules beside it, narrowed to the versions the row names.
					var binding []sosmeta.RetentionRule
					if r.Rule != nil {
						binding = append(binding, *r.Rule)
					}
					binding = append(binding, r.Also...)
					scope := versionScope(e)
					wantShorter := false
					var primary *sosmeta.RetentionRule
					for i, b := range binding {
						if scope != "" && b.Versions != "" && b.Versions != scope {
							continue
						}
						if primary == nil {
							primary = &binding[i]
						}
						if b.Years > 0 && !safe(b, p, ps.event, horizon) {
							wantShorter = true
						}
					}
					if primary == nil || (primary.ID != law.ID && !law.Also) {
						t.Fatalf("the document is not governed by %s: %+v", law.ID, primary)
					}
					got := ruleIDs(fs)
					if has := slices.Contains(got, "RET005"); has != wantShorter {
						for _, f := range fs {
							t.Log(f.RuleID, f.Message.EN)
						}
						t.Fatalf("RET005 reported %v, want %v (findings %v)", has, wantShorter, got)
					}
					// RET010 only when the governing row is provably outlasted.
					wantLonger := false
					if p != sosmeta.Permanent && primary.Years > 0 {
						byH := p >= horizon && primary.Years < horizon
						later := ps.event != "" && slices.Contains(notEarlier[sameEvent(primary.Start)], ps.event)
						if primary.Start == sosmeta.StartNone {
							later = true
						}
						wantLonger = p > primary.Years && (later || byH)
					}
					if has := slices.Contains(got, "RET010"); has != wantLonger {
						t.Fatalf("RET010 reported %v, want %v (findings %v)", has, wantLonger, got)
					}
					// RET006 when the start differs from the governing row's
					// (or is missing), unless the row has none.
					wantWrong := p != sosmeta.Permanent && primary.Start != sosmeta.StartNone &&
						(ps.event == "" || !startCompatible(ps.event, primary.Start))
					if has := slices.Contains(got, "RET006"); has != wantWrong {
						t.Fatalf("RET006 reported %v, want %v (findings %v)", has, wantWrong, got)
					}
					for _, f := range fs {
						if f.RuleID == "RET005" && f.Severity != finding.Error {
							t.Errorf("RET005 is %s", f.Severity)
						}
					}
				})
			}
		}
	}
	if runs < 1000 {
		t.Errorf("only %d combinations ran", runs)
	}
}

// TestIssue15Example: the report that started issue 15. A child-welfare
// notification kept "30 vuotta — Asiakirjan päivämäärä" against the law's
// "2 vuotta asiakkaan kuolemasta" is an error that says why; 120 years
// from the document date is not.
func TestIssue15Example(t *testing.T) {
	cat := sosmeta.MustDefault()
	run := func(ret string, opts Options) []finding.Finding {
		inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, "Lastensuojeluilmoitus", "child_welfare", inventory.MediumElectronic)}}
		e := entry(34, tos.TOS, "4009", "Lastensuojeluilmoitus", "child_welfare", ret, "Asiakirjan päivämäärä")
		_, fs := AnalyzeWith(cat, inv, &tos.Plan{Entries: []tos.Entry{e}}, mres(map[int]string{0: "4009"}), opts)
		return fs
	}
	fs := run("30", Options{})
	f := find(fs, "RET005")
	if f == nil || f.Severity != finding.Error {
		t.Fatalf("30 years from the document date: %v, want RET005 (error)", ruleIDs(fs))
	}
	for _, want := range []string{"counted from \"Asiakirjan päivämäärä\"", "can end before the law's \"2 vuotta asiakkaan kuolemasta\"",
		"always comes before the law's (client's death)", "may thus be destroyed before the law allows", "at least 120 years"} {
		if !strings.Contains(f.Message.EN, want) {
			t.Errorf("message does not say %q:\n%s", want, f.Message.EN)
		}
	}
	if !strings.Contains(f.Message.FI, "voitaisiin siis hävittää ennen kuin laki sallii") {
		t.Errorf("FI message: %s", f.Message.FI)
	}
	if find(fs, "RET010") != nil {
		t.Error("30 years from the document date reported as longer than the law")
	}
	fs = run("120", Options{})
	if got := ruleIDs(fs); !slices.Equal(got, []string{"RET006", "RET010"}) {
		t.Errorf("120 years from the document date: %v, want RET006 (start differs) and RET010 (longer), no error", got)
	}
	// The horizon is configurable: at 150 years, 120 is no longer sure.
	if fs := run("120", Options{Horizon: 150}); find(fs, "RET005") == nil {
		t.Errorf("horizon 150: %v, want RET005", ruleIDs(fs))
	}
	ov := withOverlay(t, "retention_horizon: 150\n")
	inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, "Lastensuojeluilmoitus", "child_welfare", inventory.MediumElectronic)}}
	e := entry(34, tos.TOS, "4009", "Lastensuojeluilmoitus", "child_welfare", "120", "Asiakirjan päivämäärä")
	if _, fs := Analyze(ov, inv, &tos.Plan{Entries: []tos.Entry{e}}, mres(map[int]string{0: "4009"})); find(fs, "RET005") == nil {
		t.Errorf("overlay retention_horizon 150: %v, want RET005", ruleIDs(fs))
	}
	// The option beats the overlay.
	if _, fs := AnalyzeWith(ov, inv, &tos.Plan{Entries: []tos.Entry{e}}, mres(map[int]string{0: "4009"}), Options{Horizon: 120}); find(fs, "RET005") != nil {
		t.Errorf("--horizon 120 over the overlay's 150: %v", ruleIDs(fs))
	}
}

// TestBirthIsNotOrdered: a period from birth can be shorter or longer
// than one from death, and a document on a child's matter can be older
// than the child.
func TestBirthIsNotOrdered(t *testing.T) {
	cat := sosmeta.MustDefault()
	for _, tc := range []struct {
		name, key, task, ret, start string
		want                        []string
	}{
		// 120 years from the child's birth outlasts 2 from the death only by the horizon.
		{"Lastensuojeluilmoitus", "4009", "child_welfare", "120", "lapsen syntymästä", []string{"RET006", "RET010"}},
		// 100 years from the birth: the child may live past 98.
		{"Lastensuojeluilmoitus", "4009", "child_welfare", "100", "lapsen syntymästä", []string{"RET005", "RET006"}},
		// The law's 120 from the birth: the same from the document date can end earlier (acknowledged during pregnancy).
		{"Pöytäkirja vanhemmuuden selvittämisestä", "7016", "family_law", "120", "Asiakirjan päivämäärä", []string{"RET005", "RET006"}},
		// ... and from the death (a parent may die before the birth); only permanent is sure.
		{"Pöytäkirja vanhemmuuden selvittämisestä", "7016", "family_law", "150", "asiakkaan kuolemasta", []string{"RET005", "RET006"}},
		{"Pöytäkirja vanhemmuuden selvittämisestä", "7016", "family_law", "-1", "", []string{"RET007"}},
		{"Pöytäkirja vanhemmuuden selvittämisestä", "7016", "family_law", "120", "lapsen syntymästä", nil},
	} {
		t.Run(tc.ret+" "+tc.start, func(t *testing.T) {
			inv := &inventory.Inventory{Documents: []inventory.Document{doc(2, tc.name, tc.task, inventory.MediumElectronic)}}
			e := entry(3, tos.TOS, tc.key, tc.name, "", tc.ret, tc.start)
			_, fs := Analyze(cat, inv, &tos.Plan{Entries: []tos.Entry{e}}, mres(map[int]string{0: tc.key}))
			if got := ruleIDs(fs); !slices.Equal(got, tc.want) {
				for _, f := range fs {
					t.Log(f.RuleID, f.Message.EN)
				}
				t.Fatalf("%v, want %v", got, tc.want)
			}
			if f := find(fs, "RET005"); f != nil && strings.Contains(tc.start, "syntym") == false && tc.key == "7016" &&
				!strings.Contains(f.Message.EN, "before the child is born") {
				t.Errorf("message does not say why: %s", f.Message.EN)
			}
		})
	}
}

// TestOrderTable: the code's order is the test's (an edge added to one and
// not the other fails here first).
func TestOrderTable(t *testing.T) {
	var events []sosmeta.StartEvent
	for _, ps := range planStarts {
		if ps.event != "" {
			events = append(events, ps.event)
		}
	}
	for law, later := range notEarlier {
		for _, plan := range events {
			o := orderOf(plan, law)
			want := slices.Contains(later, plan)
			if got := o == orderSame || o == orderLater; got != want {
				t.Errorf("orderOf(plan %s, law %s) = %d: not earlier %v, want %v", plan, law, o, got, want)
			}
		}
	}
}

// TestNoStartInInventory: an inventory period without a start event is
// read as counted the law's way when it equals the law's length, but a
// longer one is not called longer (it may be counted from an earlier
// event); shorter stays an error.
func TestNoStartInInventory(t *testing.T) {
	cat := sosmeta.MustDefault()
	for _, tc := range []struct {
		ret  string
		want []string
	}{
		{"2", nil},
		{"30", []string{"RET006"}},
		{"120", []string{"RET010"}},
		{"1", []string{"RET005"}},
	} {
		d := doc(2, "Lastensuojeluilmoitus", "child_welfare", inventory.MediumElectronic)
		r := tos.ParseRetention(tc.ret)
		d.RetentionRaw, d.RetentionYears, d.HasRetention = tc.ret, r.Years, r.OK
		_, fs := Analyze(cat, &inventory.Inventory{Documents: []inventory.Document{d}}, nil, mres(map[int]string{0: "4009"}))
		if got := ruleIDs(fs); !slices.Equal(got, tc.want) {
			t.Errorf("inventory %q: %v, want %v", tc.ret, got, tc.want)
		}
		if f := find(fs, "RET006"); f != nil && !strings.Contains(f.Message.EN, "is enough only when counted from that event or a later one") {
			t.Errorf("RET006: %s", f.Message.EN)
		}
	}
}
