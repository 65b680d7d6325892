package deploytest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Schema is the JSON schema name of every result of this package. Bump
// the major number on a breaking change.
const Schema = "kartoitus.deploytest/v1"

// Requirement of a pair's deployment test.
type Requirement string

const (
	Required    Requirement = "required"
	Recommended Requirement = "recommended"
)

// State of a pair's deployment test.
type State string

const (
	StateDone    State = "done"    // the latest test passed
	StateFailed  State = "failed"  // the latest test failed: re-run it (K25)
	StatePlanned State = "planned" // a date is agreed, no result yet
	StateMissing State = "missing" // no test recorded
)

// PairPlan is a pair with what the plan says of it.
type PairPlan struct {
	Pair
	Index       int          `json:"index"`
	Requirement Requirement  `json:"requirement"`
	Why         finding.Text `json:"why"`
	Basis       string       `json:"basis"`
	State       State        `json:"state"`
	Latest      *TestRecord  `json:"latest,omitempty"`
	// Combination is the key of the system combination (organiser,
	// organiser's system, producer's system), for the vendor's view.
	Combination string `json:"combination"`
}

// PairRef names a pair in the vendor's view.
type PairRef struct {
	Index     int          `json:"index"`
	Organiser string       `json:"organiser"`
	Producer  string       `json:"producer"`
	Date      calendar.Day `json:"date"`
}

// Combination is the vendor's view of one pair of systems: with which
// organisers and producers the register use right has been verified
// (K25: "Tietojärjestelmätoimittajien on suositeltavaa ylläpitää itsellään
// tietoa siitä, minkä muiden eri tietojärjestelmien kanssa
// rekisterinkäyttöoikeuden toimivuus on varmistettu.").
type Combination struct {
	OrganiserSystem string    `json:"organiser_system"`
	ProducerSystem  string    `json:"producer_system"`
	Parallel        bool      `json:"parallel"`
	Verified        []PairRef `json:"verified"`
	NotVerified     []PairRef `json:"not_verified"`
}

// PlanResult is what plan found: JSON-stable (Schema), for the CLI and for
// the assessment report's deployment-test section.
type PlanResult struct {
	Schema       string            `json:"schema"`
	Kind         string            `json:"kind"`
	Source       string            `json:"source"`
	Inputs       []finding.Tally   `json:"inputs"`
	Pairs        []PairPlan        `json:"pairs"`
	Combinations []Combination     `json:"combinations"`
	Findings     []finding.Finding `json:"findings"`
	Rules        []finding.Rule    `json:"rules"`
	Summary      finding.Summary   `json:"summary"`
}

// PlanConfig configures Plan.
type PlanConfig struct {
	// Today dates the check for planned tests whose date has passed; the
	// zero Day skips it.
	Today calendar.Day
	// FailOn is the severity from which Summary.Failed is set.
	FailOn finding.Severity
}

// Plan applies the plan rules to a pairs file.
//
// A system combination is the organiser (by its toimintayksikkö OID's
// Y-tunnus, or its folded name without a valid OID), the organiser's system
// and the producer's system (K25: the first use "tietyllä järjestelmien
// yhdistelmällä", with a system "jolla ei ole aiemmin tallennettu
// asiakirjoja kyseisen palvelunjärjestäjän asiakasrekisteriin"). For each
// combination one test is required: the pair whose test passed first, or,
// while none has passed, the first pair listed. Every other pair is
// recommended ("Muulloin se on suositeltavaa"). Rinnakkaisliittymismalli
// pairs are never required: K25 recommends a test "vähintään ensimmäisen
// rinnakkaisliittymismallia käyttävän palveluntuottajan kohdalla"; the
// first such pair of each organiser and organiser system (the first to
// pass, else the first listed) gets that basis, the others the general
// recommendation.
func Plan(ps *Pairs, cfg PlanConfig) *PlanResult {
	res := &PlanResult{Schema: Schema, Kind: "plan", Source: ps.Source, Inputs: []finding.Tally{ps.Tally},
		Findings: append([]finding.Finding{}, ps.Findings...), Rules: append([]finding.Rule(nil), PlanRules...),
		Pairs: []PairPlan{}, Combinations: []Combination{}}
	for i := range ps.Pairs {
		p := ps.Pairs[i]
		pp := PairPlan{Pair: p, Index: p.index, Latest: p.Latest(), Combination: combinationKey(&p)}
		pp.State = stateOf(pp.Latest)
		res.Pairs = append(res.Pairs, pp)
	}
	assignRequirements(res.Pairs)
	for i := range res.Pairs {
		res.Findings = append(res.Findings, pairFindings(&res.Pairs[i], ps.Pairs, cfg)...)
	}
	res.Combinations = combinations(res.Pairs)
	finding.Sort(res.Findings)
	res.Rules = finding.SortRules(res.Rules)
	res.Summary = finding.Summarise(res.Findings, cfg.FailOn)
	return res
}

func stateOf(t *TestRecord) State {
	switch {
	case t == nil:
		return StateMissing
	case t.Result == ResultPass:
		return StateDone
	case t.Result == ResultFail:
		return StateFailed
	}
	return StatePlanned
}

// orgKey identifies an organisation: its Y-tunnus when the OID (or
// Y-tunnus) is valid, else its folded name.
func orgKey(oid, name string) string {
	if o, err := ident.ParseOrg(strings.TrimSpace(oid)); err == nil {
		return "y:" + o.YTunnus.String()
	}
	return "n:" + textnorm.Fold(name)
}

func combinationKey(p *Pair) string {
	return orgKey(p.Organiser.OID, p.Organiser.Name) + "|" + textnorm.Fold(p.Organiser.System) + "|" + textnorm.Fold(p.Producer.System) +
		"|" + string(p.Model)
}

// firstPassed returns the index in idx of the pair whose passing test is
// earliest, or -1.
func firstPassed(pairs []PairPlan, idx []int) int {
	best := -1
	var day calendar.Day
	for _, i := range idx {
		p := &pairs[i]
		if p.State != StateDone {
			continue
		}
		// The first passing test of the pair (a later failure would have
		// made the state failed).
		d := p.Latest.Date
		for _, t := range p.Tests {
			if t.Result == ResultPass && t.Date.Before(d) {
				d = t.Date
			}
		}
		if best < 0 || d.Before(day) {
			best, day = i, d
		}
	}
	return best
}

func assignRequirements(pairs []PairPlan) {
	groups := map[string][]int{}
	var order []string
	for i, p := range pairs {
		k := p.Combination
		if p.Model == Parallel {
			// One group per organiser and its system: "the first producer
			// in the model". K25 names the organiser only; the test checks
			// both parties' actions "palvelunjärjestäjän tietojärjestelmällä",
			// so an organiser with two systems gets a recommendation for
			// each [inferred].
			k = "parallel|" + orgKey(p.Organiser.OID, p.Organiser.Name) + "|" + textnorm.Fold(p.Organiser.System)
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		idx := groups[k]
		first := firstPassed(pairs, idx)
		if first < 0 {
			first = idx[0]
		}
		parallel := pairs[idx[0]].Model == Parallel
		for _, i := range idx {
			p := &pairs[i]
			switch {
			case parallel && i == first:
				p.Requirement, p.Basis = Recommended, RuleParallelMissing.Basis
				p.Why = finding.T("Suositeltu: ensimmäinen rinnakkaisliittymismallia käyttävä palveluntuottaja tällä palvelunjärjestäjällä.",
					"Recommended: the first producer using the rinnakkaisliittymismalli with this organiser.")
			case i == first:
				p.Requirement, p.Basis = Required, RuleRequiredMissing.Basis
				p.Why = finding.Tf("Vaaditaan: järjestelmien %s + %s ensimmäinen käyttöönotto tämän palvelunjärjestäjän rekisteriin.",
					"Required: the first use of systems %s + %s with this organiser's register.", p.Organiser.System, p.Producer.System)
			default:
				ref := &pairs[first]
				p.Requirement, p.Basis = Recommended, RuleRecommendedMissing.Basis
				p.Why = finding.Tf("Suositeltu: yhdistelmän vaadittu koe on pari %d (%s).",
					"Recommended: the combination's required test is pair %d (%s).", ref.Index, ref.Producer.label())
			}
		}
	}
}

func (p Party) label() string {
	if p.UnitName != "" && p.UnitName != p.Name {
		return p.Name + " / " + p.UnitName
	}
	return p.Name
}

// pairFindings applies the rules to one pair. Prerequisites are checked
// for a pair whose test lies ahead (planned, failed, or required and
// missing): once a test has passed they were met, and a recommended test
// that nobody has scheduled has no date to be ready for.
func pairFindings(p *PairPlan, all []Pair, cfg PlanConfig) []finding.Finding {
	var out []finding.Finding
	loc := p.Location
	key := fmt.Sprintf("pair:%s|%s", p.Combination, textnorm.Fold(p.Producer.OID+"|"+p.Producer.Name+"|"+p.Producer.Unit))
	add := func(r finding.Rule, msg finding.Text, extra ...string) {
		out = append(out, finding.New(r, msg, loc, append([]string{key}, extra...)...))
	}
	who := fmt.Sprintf("%s – %s (%s + %s)", p.Organiser.Name, p.Producer.label(), p.Organiser.System, p.Producer.System)
	latest := p.Latest
	switch p.State {
	case StateMissing, StateFailed:
		failed := ""
		failedEN := ""
		if p.State == StateFailed {
			failed = fmt.Sprintf(" Viimeisin koe %s epäonnistui: korjaa ongelma ja tee koe uudelleen.", latest.Date.Finnish())
			failedEN = fmt.Sprintf(" The latest test on %s failed: fix the problem and re-run the test.", latest.Date.Finnish())
		}
		switch {
		case p.Requirement == Required:
			add(RuleRequiredMissing, finding.T("Vaadittu käyttöönottokoe ei ole onnistunut: "+who+"."+failed,
				"Required deployment test has not passed: "+who+"."+failedEN))
		case p.Basis == RuleParallelMissing.Basis:
			add(RuleParallelMissing, finding.T("Kela suosittelee koetta ensimmäiselle rinnakkaisliittymismallin palveluntuottajalle: "+who+"."+failed,
				"Kela recommends a test for the first producer in the rinnakkaisliittymismalli: "+who+"."+failedEN))
		default:
			add(RuleRecommendedMissing, finding.T("Suositeltu käyttöönottokoe tekemättä: "+who+"."+failed,
				"Recommended deployment test not done: "+who+"."+failedEN))
		}
	case StatePlanned:
		if p.Requirement == Required {
			when := "päivää ei ole sovittu"
			whenEN := "no date agreed"
			if !latest.Date.IsZero() {
				when, whenEN = "sovittu "+latest.Date.Finnish(), "scheduled for "+latest.Date.Finnish()
			}
			add(RulePlanned, finding.T("Vaadittu käyttöönottokoe "+when+": "+who+".", "Required deployment test "+whenEN+": "+who+"."))
		}
		if !cfg.Today.IsZero() && !latest.Date.IsZero() && latest.Date.Before(cfg.Today) {
			add(RuleOverdue, finding.Tf("Koe oli sovittu %s, mutta tulosta ei ole kirjattu: %s.",
				"The test was scheduled for %s but no result is recorded: %s.", latest.Date.Finnish(), who), latest.Date.ISO())
		}
	}
	ahead := p.State == StatePlanned || p.State == StateFailed || (p.State == StateMissing && p.Requirement == Required)
	if ahead {
		var testDay calendar.Day
		if latest != nil && latest.Result == ResultPlanned {
			testDay = latest.Date
		}
		if msg, bad := prereqMissing(p.ConnectionTest, testDay, false); bad {
			add(RuleConnection, finding.T("Kanta-yhteyksien testaus "+msg.FI+": "+who+".", "Connection test to Kanta "+msg.EN+": "+who+"."))
		}
		if msg, bad := prereqMissing(p.OrganiserArchiveTest, testDay, true); bad {
			add(RuleOrganiserArchive, finding.T("Palvelunjärjestäjän oma arkiston käyttöönottokoe "+msg.FI+" (tehdään etukäteen tai tämän kokeen yhteydessä)"+
				elsewhere(all, p, true)+": "+who+".",
				"The organiser's own archive deployment test "+msg.EN+" (done beforehand or together with this test)"+elsewhereEN(all, p, true)+": "+who+"."))
		}
		if p.PrivateClients {
			if msg, bad := prereqMissing(p.ProducerArchiveTest, testDay, false); bad {
				add(RuleProducerArchive, finding.T("Palveluntuottajalla on omia yksityisiä asiakkaita, joten sen oma arkiston käyttöönottokoe on tehtävä ensin; se "+msg.FI+
					elsewhere(all, p, false)+": "+who+".",
					"The producer has private clients of its own, so its own archive deployment test must be done first; it "+msg.EN+elsewhereEN(all, p, false)+": "+who+"."))
			}
		}
	}
	checkOIDs(p, add)
	if p.Model == Parallel && textnorm.Fold(p.Producer.System) != textnorm.Fold(p.Organiser.System) {
		add(RuleParallelSystem, finding.Tf("Malli on rinnakkaisliittymismalli, mutta palveluntuottajan järjestelmä %q ei ole palvelunjärjestäjän järjestelmä %q.",
			"The model is rinnakkaisliittymismalli, but the producer's system %q is not the organiser's system %q.", p.Producer.System, p.Organiser.System))
	}
	return out
}

// prereqMissing says whether a prerequisite is not done before the test
// day (sameDayOK: done on the test day counts, as for the organiser's own
// archive test that "tulee suorittaa ... tämän ... käyttöönottokokeen
// yhteydessä").
func prereqMissing(pr Prerequisite, testDay calendar.Day, sameDayOK bool) (finding.Text, bool) {
	if !pr.Done {
		return finding.T("ei ole tehty", "is not done"), true
	}
	if pr.Date.IsZero() || testDay.IsZero() {
		return finding.Text{}, false
	}
	if pr.Date.After(testDay) || (!sameDayOK && pr.Date == testDay) {
		return finding.Tf("on merkitty vasta %s, kokeen jälkeen", "is recorded only on %s, after the test day",
			pr.Date.Finnish()), true
	}
	return finding.Text{}, false
}

// elsewhere notes another pair of the same organisation that records the
// archive test done: the plan does not carry it over, because K25 does not
// say whether an organisation's own archive test covers every system it
// uses.
func elsewhere(all []Pair, p *PairPlan, organiser bool) string {
	if i := otherDone(all, p, organiser); i > 0 {
		return fmt.Sprintf("; pari %d merkitsee sen tehdyksi samalle organisaatiolle: varmista, kattaako se tämän järjestelmän", i)
	}
	return ""
}

func elsewhereEN(all []Pair, p *PairPlan, organiser bool) string {
	if i := otherDone(all, p, organiser); i > 0 {
		return fmt.Sprintf("; pair %d records it done for the same organisation: confirm that it covers this system", i)
	}
	return ""
}

func otherDone(all []Pair, p *PairPlan, organiser bool) int {
	for _, q := range all {
		if q.index == p.Index {
			continue
		}
		if organiser && orgKey(q.Organiser.OID, q.Organiser.Name) == orgKey(p.Organiser.OID, p.Organiser.Name) && q.OrganiserArchiveTest.Done {
			return q.index
		}
		if !organiser && orgKey(q.Producer.OID, q.Producer.Name) == orgKey(p.Producer.OID, p.Producer.Name) && q.ProducerArchiveTest.Done {
			return q.index
		}
	}
	return 0
}

// checkOIDs checks both toimintayksikkö OIDs (and the service unit's, when
// given).
func checkOIDs(p *PairPlan, add func(finding.Rule, finding.Text, ...string)) {
	check := func(fi, en, oid string, required bool) {
		oid = strings.TrimSpace(oid)
		if oid == "" {
			if required {
				add(RuleOID, finding.T(fi+": OID puuttuu (raporttiin tarvitaan toimintayksikön OID).", en+": OID missing (the report needs the toimintayksikkö OID)."), fi)
			}
			return
		}
		o, err := CheckOID(oid)
		if err != nil {
			add(RuleOID, finding.Tf(fi+": %q ei ole kelvollinen organisaation OID (%v).", en+": %q is not a valid organisation OID (%v).", oid, err), fi, oid)
			return
		}
		if o.Node == 19 {
			add(RuleControllerOID, finding.Tf(fi+": %q on rekisterinpitäjän OID (solmuluokka 19), ei toimintayksikön.",
				en+": %q is a register-controller OID (node class 19), not a toimintayksikkö's.", oid), fi, oid)
		}
	}
	check("Palvelunjärjestäjä", "Organiser", p.Organiser.OID, true)
	check("Palveluntuottaja", "Producer", p.Producer.OID, true)
	if u := strings.TrimSpace(p.Producer.Unit); strings.HasPrefix(u, "1.") || strings.HasPrefix(u, "urn:oid:") {
		check("Palveluyksikkö", "Service unit", u, false)
	}
}

// CheckOID validates an organisation OID (1.2.246.10.<Y-tunnus>.<10|19>.<n>,
// optionally urn:oid:) with the ident package.
func CheckOID(s string) (ident.Org, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "urn:oid:")
	return ident.ParseOrgOID(s)
}

// combinations builds the vendor's view.
func combinations(pairs []PairPlan) []Combination {
	byKey := map[string]*Combination{}
	var keys []string
	for _, p := range pairs {
		k := textnorm.Fold(p.Organiser.System) + "|" + textnorm.Fold(p.Producer.System) + "|" + string(p.Model)
		c, ok := byKey[k]
		if !ok {
			c = &Combination{OrganiserSystem: p.Organiser.System, ProducerSystem: p.Producer.System, Parallel: p.Model == Parallel,
				Verified: []PairRef{}, NotVerified: []PairRef{}}
			byKey[k] = c
			keys = append(keys, k)
		}
		ref := PairRef{Index: p.Index, Organiser: p.Organiser.Name, Producer: p.Producer.label()}
		if p.State == StateDone {
			ref.Date = p.Latest.Date
			c.Verified = append(c.Verified, ref)
		} else {
			c.NotVerified = append(c.NotVerified, ref)
		}
	}
	sort.Strings(keys)
	out := make([]Combination, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out
}
