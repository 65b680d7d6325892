package sosmeta

import (
	"slices"
	"strings"
	"testing"
)

// The embedded THL export of 2025-05-20: 202 valid structures and 61
// obsolete versions (sosmeta_asiakirjarakenteet_2025-05-20.csv), which
// make 205 codes: 202 current and 3 that exist only as obsolete versions.
func TestEmbeddedCounts(t *testing.T) {
	c := MustDefault()
	valid, obsolete := 0, 0
	for _, d := range c.Types() {
		for _, v := range d.Versions {
			switch v.Status {
			case Valid:
				valid++
			case Obsolete:
				obsolete++
			default:
				t.Errorf("%s: status %q", v.StructureOID, v.Status)
			}
		}
	}
	if valid != 202 || obsolete != 61 {
		t.Errorf("versions: %d valid, %d obsolete; want 202 and 61", valid, obsolete)
	}
	if n := len(c.Types()); n != 205 {
		t.Errorf("types: %d, want 205", n)
	}
	if n := len(c.CurrentTypes()); n != 202 {
		t.Errorf("current types: %d, want 202", n)
	}
	groups := 0
	for _, d := range c.CurrentTypes() {
		if d.IsGroup() {
			groups++
		}
	}
	if groups != 4 {
		t.Errorf("current document-group types: %d, want 4 (1, 2, 8, 9)", groups)
	}
	// The kinds of the domain notes §2.3 (202 valid = 198 client types + 4 groups).
	kinds := map[string]int{}
	for _, d := range c.CurrentTypes() {
		if !d.IsGroup() {
			kinds[d.Kind]++
		}
	}
	for kind, want := range map[string]int{"Päätös": 53, "Suunnitelma": 24, "Arvio": 17, "Ilmoitus": 15,
		"Asiakaskertomusmerkintä": 14, "Hakemus": 12, "Maksusitoumus": 2} {
		if kinds[kind] != want {
			t.Errorf("current %s types: %d, want %d", kind, kinds[kind], want)
		}
	}
}

func TestChildWelfarePlacementDecision(t *testing.T) {
	c := MustDefault()
	d := c.ByCode("11023")
	if d == nil {
		t.Fatal("11023 not found")
	}
	want := Version{
		StructureOID: "1.2.246.537.6.1506.11023.2023.5.31", CodeSystem: DocumentTypeOID, Code: "11023",
		Date: "2023-05-31", Status: Valid,
		NameFI: "Päätös lapsen huostaanotosta ja sijaishuollosta",
		NameSV: "Beslut om omhändertagande av barn och vård utom hemmet",
		Kind:   "Päätös", Author: "Ammattihenkilö",
		Subject:  "Lastensuojelun sijaishuollon asiakasasiakirjat",
		JSONRoot: "paatos_lapsen_huostaanotosta_ja_sijaishuollosta",
	}
	if d.Version != want {
		t.Errorf("11023 =\n%+v\nwant\n%+v", d.Version, want)
	}
	if !d.Current || d.IsGroup() || d.Key() != "11023" {
		t.Errorf("11023: current=%v group=%v key=%q", d.Current, d.IsGroup(), d.Key())
	}
	if !slices.Equal(d.Tasks, []string{"child_welfare"}) || d.Common {
		t.Errorf("11023 tasks %v common %v, want [child_welfare]", d.Tasks, d.Common)
	}
	if d.Phase != "decision" {
		t.Errorf("11023 phase %q, want decision", d.Phase)
	}
	if d.Name("sv") != want.NameSV || d.Name("fi") != want.NameFI || d.Name("en") != want.NameFI {
		t.Errorf("Name: fi %q sv %q en %q", d.Name("fi"), d.Name("sv"), d.Name("en"))
	}
}

func TestResolve(t *testing.T) {
	c := MustDefault()
	tests := []struct {
		in      string
		key     string // "" = not found
		current bool
	}{
		{"11023", "11023", true},
		{" 11023 ", "11023", true},
		{"1.2.246.537.6.1506.11023.2023.5.31", "11023", true},
		{"urn:oid:1.2.246.537.6.1506.11023.2023.5.31", "11023", true},
		{"1.2.246.537.6.1506.11023", "11023", true},
		{"Päätös lapsen huostaanotosta ja sijaishuollosta", "11023", true},
		{"päätös lapsen HUOSTAANOTOSTA ja sijaishuollosta", "11023", true}, // folded
		{"Beslut om omhändertagande av barn och vård utom hemmet", "11023", true},
		// An obsolete name of a type that has a newer valid version.
		{"Vammaispalvelujen palvelusuunnitelma", "15023", true},
		{"Serviceplan inom servicen för personer med funktionsnedsättning", "15023", true},
		// Codes that exist only as obsolete versions.
		{"1020", "1020", false},
		{"16004", "16004", false},
		{"19017", "19017", false},
		{"Toimintakykyarvio", "1020", false},
		// Document groups: code fallback and the group OID.
		{"1", "group:1", true},
		{"1.2.246.537.6.1505.2.2022.6.28", "group:2", true},
		{"1.2.246.537.6.1505.2.2020.4.7", "group:2", true},
		// Not found.
		{"", "", false},
		{"99999", "", false},
		{"1.2.246.537.6.1506.99999.2020.1.1", "", false},
		{"Lomake X", "", false},
	}
	for _, tt := range tests {
		d := c.Resolve(tt.in)
		switch {
		case tt.key == "" && d != nil:
			t.Errorf("Resolve(%q) = %s, want nothing", tt.in, d.Key())
		case tt.key == "":
		case d == nil:
			t.Errorf("Resolve(%q) = nil, want %s", tt.in, tt.key)
		case d.Key() != tt.key || d.Current != tt.current:
			t.Errorf("Resolve(%q) = %s current=%v, want %s current=%v", tt.in, d.Key(), d.Current, tt.key, tt.current)
		}
	}
}

func TestObsoleteOnlyTypes(t *testing.T) {
	c := MustDefault()
	var obsolete []string
	for _, d := range c.Types() {
		if !d.Current {
			obsolete = append(obsolete, d.Key())
			if d.Status != Obsolete {
				t.Errorf("%s: representative status %q, want %s", d.Key(), d.Status, Obsolete)
			}
		}
	}
	if !slices.Equal(obsolete, []string{"1020", "16004", "19017"}) {
		t.Errorf("obsolete-only codes %v, want [1020 16004 19017]", obsolete)
	}
	// 16004 has two obsolete versions; the newest represents it.
	d := c.ByCode("16004")
	if len(d.Versions) != 2 || d.Date != "2023-09-08" {
		t.Errorf("16004: %d versions, representative %s; want 2 and 2023-09-08", len(d.Versions), d.Date)
	}
}

func TestVersionsNewestValidFirst(t *testing.T) {
	c := MustDefault()
	d := c.ByCode("15023")
	if len(d.Versions) != 2 {
		t.Fatalf("15023: %d versions, want 2", len(d.Versions))
	}
	if d.Versions[0].Date != "2024-11-04" || d.Versions[1].Date != "2022-09-28" {
		t.Errorf("15023 versions not newest first: %s, %s", d.Versions[0].Date, d.Versions[1].Date)
	}
	if d.NameFI != "Vammaispalvelujen asiakassuunnitelma" || d.Status != Valid {
		t.Errorf("15023 represented by %q (%s), want the valid Vammaispalvelujen asiakassuunnitelma", d.NameFI, d.Status)
	}
	// No current type is represented by an older version than its newest
	// valid one (11053 has versions of 2024-11-04 and 2024-11-05).
	for _, d := range c.Types() {
		if !d.Current {
			continue
		}
		for _, v := range d.Versions {
			if v.Status == Valid && v.Date > d.Date {
				t.Errorf("%s: represented by %s but valid %s is newer", d.Key(), d.Date, v.Date)
			}
		}
	}
}

func TestByOIDObsoleteStructures(t *testing.T) {
	c := MustDefault()
	for oid, key := range map[string]string{
		"1.2.246.537.6.1506.15023.2022.9.28": "15023",
		"1.2.246.537.6.1506.16004.2022.9.28": "16004",
		"1.2.246.537.6.1506.1020.2024.3.28":  "1020",
		"1.2.246.537.6.1505.1.2020.4.7":      "group:1",
		"1.2.246.537.6.1506.11037.2022.9.28": "11037",
	} {
		d := c.ByOID(oid)
		if d == nil || d.Key() != key {
			t.Errorf("ByOID(%s) = %v, want %s", oid, d, key)
		}
	}
	if d := c.ByOID("1.2.246.537.6.1221.201601"); d != nil {
		t.Errorf("ByOID(service task code system) = %s, want nil", d.Key())
	}
}

func TestSearch(t *testing.T) {
	c := MustDefault()
	keys := func(ds []*DocumentType) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Key())
		}
		return out
	}
	tests := []struct {
		q        string
		contains []string
		excludes []string
	}{
		{"huostaan", []string{"11023"}, []string{"1000"}},
		{"HUOSTAANOTOSTA sijaishuollosta", []string{"11023"}, nil},
		{"omhändertagande", []string{"11023"}, nil},
		{"palvelusuunnitelma vammais", []string{"15023"}, nil}, // an obsolete name
		{"1.2.246.537.6.1506.11023", []string{"11023"}, nil},
		{"iakkaiden palvelutarpeen", []string{"1000"}, []string{"11023"}},
	}
	for _, tt := range tests {
		got := keys(c.Search(tt.q))
		for _, k := range tt.contains {
			if !slices.Contains(got, k) {
				t.Errorf("Search(%q) = %v, missing %s", tt.q, got, k)
			}
		}
		for _, k := range tt.excludes {
			if slices.Contains(got, k) {
				t.Errorf("Search(%q) = %v, should not contain %s", tt.q, got, k)
			}
		}
	}
	for _, q := range []string{"", "  ", "xyzzy-ei-ole"} {
		if got := c.Search(q); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want none", q, keys(got))
		}
	}
}

func TestResolveTask(t *testing.T) {
	c := MustDefault()
	tests := []struct {
		in   string
		want []string
	}{
		{"child_welfare", []string{"child_welfare"}},
		{"10", []string{"child_welfare"}},
		{"20", []string{"disability"}},
		{"Lastensuojelu", []string{"child_welfare"}},
		{"LASTENSUOJELU", []string{"child_welfare"}},
		{"Lastensuojelun palvelutehtävä", []string{"child_welfare"}},
		{"Barnskydd", []string{"child_welfare"}},
		{"Child welfare", []string{"child_welfare"}},
		{"Iäkkäiden palvelut", []string{"older_people"}},
		{"iakkaiden palvelut", []string{"older_people"}},
		{"Tjänster för äldre", []string{"older_people"}},
		{"Services for older people", []string{"older_people"}},
		{"Perheoikeudelliset palvelut", []string{"family_law"}},
		{"Familjerättsliga tjänster", []string{"family_law"}},
		// Legacy (254/2015, 2011, 1989) names.
		{"Toimeentulotuki", []string{"working_age"}},
		{"Aikuissosiaalityö", []string{"working_age"}},
		{"Kehitysvammahuolto", []string{"disability"}},
		{"Vanhustenhuolto", []string{"older_people"}},
		{"Sosiaalihuoltolain mukaiset palvelut", []string{"working_age", "families", "older_people"}},
		{"Omaishoidon tuki", []string{"older_people", "disability"}},
		// Unknown.
		{"", nil},
		{"Sosiaalipäivystys", nil},
		{"30", nil},
	}
	for _, tt := range tests {
		if got := c.ResolveTask(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("ResolveTask(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestResolvePhase(t *testing.T) {
	c := MustDefault()
	tests := []struct{ in, want string }{
		{"initiation", "initiation"},
		{"1", "initiation"},
		{"6", "closure"},
		{"Asian vireilletulo", "initiation"},
		{"Vireillepano/-tulo", "initiation"},
		{"vireillepano", "initiation"},
		{"Tulotilanne", "initiation"},
		{"Palvelutarpeen arviointi", "assessment"},
		{"Valmistelu/käsittely", "assessment"},
		{"Hoidon suunnittelu", "planning"},
		{"Klientplan", "planning"},
		{"Päätöksenteko", "decision"},
		{"Beslut", "decision"},
		{"Hoidon toteutus", "implementation"},
		{"Seuranta/valvonta", "implementation"},
		{"Service delivery and follow-up", "implementation"},
		{"Prosessi päättyy", "closure"},
		{"Palvelun päättäminen", "closure"},
		{"", ""},
		{"7", ""},
		{"Arkistonmuodostus", ""},
	}
	for _, tt := range tests {
		if got := c.ResolvePhase(tt.in); got != tt.want {
			t.Errorf("ResolvePhase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var ids []string
	for _, p := range c.Phases {
		ids = append(ids, p.ID)
		if c.PhaseOrder(p.ID) != len(ids) {
			t.Errorf("PhaseOrder(%s) = %d, want %d", p.ID, c.PhaseOrder(p.ID), len(ids))
		}
	}
	want := []string{"initiation", "assessment", "planning", "decision", "implementation", "closure"}
	if !slices.Equal(ids, want) {
		t.Errorf("phases %v, want %v", ids, want)
	}
}

func TestEveryCurrentTypeAssigned(t *testing.T) {
	c := MustDefault()
	for _, d := range c.CurrentTypes() {
		if c.Phase(d.Phase) == nil {
			t.Errorf("%s %s: phase %q is not a phase", d.Key(), d.NameFI, d.Phase)
		}
		if !d.Common && len(d.Tasks) == 0 {
			t.Errorf("%s %s (subject %q): no service task and not common", d.Key(), d.NameFI, d.Subject)
		}
		for _, task := range d.Tasks {
			if c.Task(task) == nil {
				t.Errorf("%s: unknown task %q", d.Key(), task)
			}
		}
	}
	// Spot checks of the inferred defaults (domain notes §3).
	for key, want := range map[string]struct {
		phase  string
		common bool
	}{
		"11055":   {"closure", false},    // Päätös … lopettamisesta: the closure name rule
		"19001":   {"initiation", true},  // code_phases exception
		"16009":   {"closure", true},     // Yhteenveto, common subject
		"4009":    {"initiation", false}, // Lastensuojeluilmoitus
		"group:1": {"initiation", true},  // Asiakkuusasiakirja
		"15025":   {"planning", true},    // Turvasuunnitelma, Väkivaltatyö
		"19007":   {"implementation", true},
	} {
		d := c.ByKey(key)
		if d == nil {
			t.Errorf("%s not found", key)
			continue
		}
		if d.Phase != want.phase || d.Common != want.common {
			t.Errorf("%s %s: phase %q common %v, want %q %v", key, d.NameFI, d.Phase, d.Common, want.phase, want.common)
		}
	}
}

func TestTypesForTask(t *testing.T) {
	c := MustDefault()
	for _, task := range c.Tasks {
		ds := c.TypesForTask(task.ID)
		if len(ds) == 0 {
			t.Errorf("%s: no task-specific types", task.ID)
		}
		for i, d := range ds {
			if d.Common || !d.Current || !d.BelongsTo(task.ID) {
				t.Errorf("%s: %s common=%v current=%v", task.ID, d.Key(), d.Common, d.Current)
			}
			if i > 0 && c.PhaseOrder(ds[i-1].Phase) > c.PhaseOrder(d.Phase) {
				t.Errorf("%s: %s before %s breaks phase order", task.ID, ds[i-1].Key(), d.Key())
			}
		}
	}
	keys := map[string]bool{}
	for _, d := range c.TypesForTask("child_welfare") {
		keys[d.Key()] = true
	}
	if !keys["11023"] || keys["1000"] || keys["16009"] {
		t.Errorf("child_welfare types: 11023 %v, 1000 %v, 16009 (common) %v; want true, false, false", keys["11023"], keys["1000"], keys["16009"])
	}
}

func TestRetentionFor(t *testing.T) {
	c := MustDefault()
	byTask := map[string]struct {
		id    string
		years int
		start StartEvent
	}{
		"families":        {"R703-02", 30, StartCaseClosed},
		"working_age":     {"R703-03", 10, StartCaseClosed},
		"older_people":    {"R703-04", 10, StartCaseClosed},
		"substance_abuse": {"R703-05", 10, StartCaseClosed},
		"disability":      {"R703-06", 10, StartLastCaseClosed},
		"child_welfare":   {"R703-07", 2, StartClientDeath},
		"family_law":      {"R703-08a", 120, StartChildBirth},
	}
	for _, task := range c.Tasks {
		want, ok := byTask[task.ID]
		if !ok {
			t.Errorf("unexpected task %s", task.ID)
			continue
		}
		r, ok := c.RetentionFor(nil, task.ID)
		if !ok || r.ID != want.id || r.Years != want.years || r.Start != want.start || r.Basis != "703/2023 liite" {
			t.Errorf("RetentionFor(nil, %s) = %+v %v, want %+v", task.ID, r, ok, want)
		}
	}
	if len(byTask) != len(c.Tasks) {
		t.Errorf("%d tasks, want %d", len(c.Tasks), len(byTask))
	}
	// Code beats task; subject beats task.
	for _, tt := range []struct{ key, task, id string }{
		{"group:1", "child_welfare", "R703-01"},
		{"group:8", "", "R703-15"},
		{"11038", "family_law", "R703-08b"}, // Puolison elatusavun turvaaminen
		{"11023", "child_welfare", "R703-07"},
		{"1000", "older_people", "R703-04"},
	} {
		r, ok := c.RetentionFor(c.ByKey(tt.key), tt.task)
		if !ok || r.ID != tt.id {
			t.Errorf("RetentionFor(%s, %s) = %s %v, want %s", tt.key, tt.task, r.ID, ok, tt.id)
		}
	}
	if r, ok := c.RetentionFor(c.ByKey("16009"), ""); ok {
		t.Errorf("RetentionFor(common 16009, no task) = %s, want none", r.ID)
	}
}

func TestValidateEmbedded(t *testing.T) {
	c := MustDefault()
	warnings := 0
	for _, p := range c.Validate() {
		if !p.Warning {
			t.Errorf("embedded catalogue: %s", p)
			continue
		}
		warnings++
		// The only accepted warnings: 14 structures THL published without
		// a Swedish name.
		if p.Field != "name_sv" {
			t.Errorf("unexpected warning: %s", p)
		}
	}
	if warnings != 14 {
		t.Errorf("%d warnings, want 14 (types without a Swedish name)", warnings)
	}
}

func TestValidateFindsProblems(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	d := c.ByCode("11023")
	d.Tasks, d.Phase = nil, "nowhere"
	c.Retention = append(c.Retention, RetentionRule{ID: "R703-02", Text: "x", Period: "y", Start: "whenever"})
	want := []string{
		"error: 11023: field phase: unknown phase \"nowhere\"",
		"error: 11023: field tasks: no service task for subject group",
		"error: R703-02: field id: duplicate retention rule",
		"error: R703-02: field rule: (R703-02) field start: \"whenever\"",
	}
	var got []string
	for _, p := range c.Validate() {
		got = append(got, p.String())
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("Validate: no problem starting %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	// Default() is a separate copy: untouched.
	if MustDefault().ByCode("11023").Phase != "decision" {
		t.Error("changing a Load copy changed Default")
	}
}

func TestAuthorityOnly(t *testing.T) {
	cat := MustDefault()
	for code := range cat.authority {
		if d := cat.Resolve(code); d == nil || !d.Current {
			t.Errorf("authority_only code %s is not a current national type", code)
		}
	}
	for _, tt := range []struct {
		code string
		want bool
	}{
		{"11023", true}, {"3004", true}, {"11047", true}, {"11000", true},
		{"11062", true},  // lastenvalvoja (Sosmeta document_author)
		{"11050", false}, // restricting contact: also an institution's director
		{"11040", false}, // a unit's responsible director
		{"15004", false}, {"19005", false},
	} {
		if got, why := cat.AuthorityOnly(cat.Resolve(tt.code)); got != tt.want || (got && why == "") {
			t.Errorf("AuthorityOnly(%s) = %v %q, want %v", tt.code, got, why, tt.want)
		}
	}
	all, producer := cat.TypesForTask("child_welfare"), cat.TargetTypes("child_welfare", false)
	if len(producer) >= len(all) || len(cat.TargetTypes("child_welfare", true)) != len(all) {
		t.Errorf("child welfare: %d types, %d a producer writes", len(all), len(producer))
	}
	o, err := ParseOverlay("o.yaml", []byte("authority_only: {\"11023\": false, \"15004\": true}\n"))
	if err != nil {
		t.Fatal(err)
	}
	c2, err := Load("") // a catalogue of its own: Default is shared
	if err != nil {
		t.Fatal(err)
	}
	if err := c2.Apply(o); err != nil {
		t.Fatal(err)
	}
	if only, _ := c2.AuthorityOnly(c2.Resolve("11023")); only {
		t.Error("overlay false did not remove 11023")
	}
	if only, why := c2.AuthorityOnly(c2.Resolve("15004")); !only || !strings.Contains(why, "o.yaml") {
		t.Errorf("overlay true did not add 15004: %q", why)
	}
	if only, _ := MustDefault().AuthorityOnly(MustDefault().Resolve("11023")); !only {
		t.Error("the overlay changed the default catalogue")
	}
	c3, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := ParseOverlay("o.yaml", []byte("authority_only: {\"99999\": true}\n"))
	if err == nil {
		err = c3.Apply(bad)
	}
	if err == nil || !strings.Contains(err.Error(), "authority_only") {
		t.Errorf("unknown code: %v", err)
	}
}

func TestSearchInflected(t *testing.T) {
	cat := MustDefault()
	codes := func(ds []*DocumentType) (out []string) {
		for _, d := range ds {
			out = append(out, d.Code)
		}
		return out
	}
	if got := codes(cat.Search("kuntouttava työtoiminta arvio")); !slices.Contains(got, "1003") {
		t.Errorf("inflected words: %v, want 1003 Kuntouttavan työtoiminnan arvio", got)
	}
	if got := codes(cat.Search("sijaishuolto huostaanotto päätös")); !slices.Contains(got, "11023") {
		t.Errorf("any order: %v, want 11023", got)
	}
	if got := cat.Search("kuntouttava työtoiminta sopimus"); got != nil {
		t.Errorf("no type has every word: %v", codes(got))
	}
	found, m, n := cat.SearchClosest("kuntouttava työtoiminta sopimus")
	if m != 2 || n != 3 || !slices.Contains(codes(found), "1003") {
		t.Errorf("closest: %v (%d of %d)", codes(found), m, n)
	}
	if found, _, _ := cat.SearchClosest("xyzzy plugh sopimus"); found != nil {
		t.Errorf("one word of three is not close: %v", codes(found))
	}
}
