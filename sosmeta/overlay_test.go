package sosmeta

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

func loadCopy(t testing.TB) *Catalogue {
	t.Helper()
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOverlayApply(t *testing.T) {
	o, err := LoadOverlay("testdata/overlay/local.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := loadCopy(t)
	if err := c.Apply(o); err != nil {
		t.Fatal(err)
	}

	// tasks: by code, by national name, by structure OID, "common".
	d := c.ByCode("15012")
	if !slices.Equal(d.Tasks, []string{"older_people", "disability"}) || d.Common || !slices.Equal(d.Overridden, []string{"tasks"}) {
		t.Errorf("15012: tasks %v common %v overridden %v", d.Tasks, d.Common, d.Overridden)
	}
	if d := c.ByCode("15025"); !slices.Equal(d.Tasks, []string{"families"}) || d.Common {
		t.Errorf("15025 Turvasuunnitelma: tasks %v common %v, want [families] and not common", d.Tasks, d.Common)
	}
	if d := c.ByCode("1000"); d.Tasks != nil || !d.Common {
		t.Errorf("1000: tasks %v common %v, want common", d.Tasks, d.Common)
	}
	// phases: by synonym and by number.
	if d := c.ByCode("19007"); d.Phase != "implementation" || !slices.Contains(d.Overridden, "phase") {
		t.Errorf("19007: phase %q overridden %v", d.Phase, d.Overridden)
	}
	if d := c.ByCode("11023"); d.Phase != "implementation" {
		t.Errorf("11023: phase %q, want implementation (phase 5)", d.Phase)
	}
	// synonyms map folded local names to catalogue keys.
	for name, key := range map[string]string{"PTA": "1000", "huostaanottopaatos": "11023", "Asiakkuus": "group:1"} {
		if got := c.Synonyms[textnorm.Fold(name)]; got != key {
			t.Errorf("synonym %q → %q, want %q", name, got, key)
		}
	}
	// task aliases win over the built-in names.
	if got := c.ResolveTask("perhekeskus"); !slices.Equal(got, []string{"families", "child_welfare"}) {
		t.Errorf("ResolveTask(perhekeskus) = %v", got)
	}
	if got := c.ResolveTask("Aikuissosiaalityö ja työllisyys"); !slices.Equal(got, []string{"working_age"}) {
		t.Errorf("ResolveTask(alias) = %v", got)
	}
	// retention: same ID replaces, a new ID is added with the file as
	// basis unless it states one.
	r, ok := c.RetentionFor(nil, "families")
	if !ok || r.Period != "30 vuotta asian sulkemisesta (tarkistettu)" || r.Basis != "testdata/overlay/local.yaml" {
		t.Errorf("replaced R703-02 = %+v", r)
	}
	if n := countRule(c, "R703-02"); n != 1 {
		t.Errorf("R703-02 appears %d times, want 1", n)
	}
	r, ok = c.RetentionFor(c.ByCode("19007"), "older_people")
	if !ok || r.ID != "LOCAL-01" || r.Basis != "Kunnan arkistointipäätös 2024/12" {
		t.Errorf("RetentionFor(19007) = %+v", r)
	}
	if len(c.Retention) != len(MustDefault().Retention)+1 {
		t.Errorf("%d retention rules, want %d", len(c.Retention), len(MustDefault().Retention)+1)
	}
	// archival
	if len(c.Archival) != 1 || !slices.Equal(c.Archival[0].BirthDays, []int{8, 18, 28}) {
		t.Errorf("archival = %+v", c.Archival)
	}
	// The overlaid catalogue is still consistent, and Default untouched.
	for _, p := range c.Validate() {
		if !p.Warning {
			t.Errorf("after overlay: %s", p)
		}
	}
	if d := MustDefault().ByCode("15012"); len(d.Overridden) != 0 {
		t.Error("Apply on a Load copy changed Default")
	}
}

func countRule(c *Catalogue, id string) int {
	n := 0
	for _, r := range c.Retention {
		if r.ID == id {
			n++
		}
	}
	return n
}

func TestOverlayJSON(t *testing.T) {
	o, err := LoadOverlay("testdata/overlay/local.json")
	if err != nil {
		t.Fatal(err)
	}
	c := loadCopy(t)
	if err := c.Apply(o); err != nil {
		t.Fatal(err)
	}
	if d := c.ByCode("15012"); !slices.Equal(d.Tasks, []string{"older_people", "disability"}) {
		t.Errorf("15012 tasks %v", d.Tasks)
	}
	if c.Synonyms["pta"] != "1000" {
		t.Errorf("synonyms %v", c.Synonyms)
	}
}

func TestOverlayErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the whole error must start with the file and contain this
	}{
		{"unknown YAML key", "taks:\n  \"15012\": [older_people]\n", "field taks not found"},
		{"bad YAML", "tasks: [\n", "did not find expected node content"},
		{"tasks not a list", "tasks:\n  \"15012\": older_people\n", "cannot unmarshal"},
		{"unknown code in tasks", "tasks:\n  \"99999\": [families]\n", `tasks["99999"]: unknown document type`},
		{"unknown task", "tasks:\n  \"15012\": [elderly]\n", `tasks["15012"]: unknown service task "elderly"`},
		{"unknown code in phases", "phases:\n  Lomake X: decision\n", `phases["Lomake X"]: unknown document type`},
		{"unknown phase", "phases:\n  \"15012\": arkistointi ja hävitys\n", `phases["15012"]: unknown phase "arkistointi ja hävitys"`},
		{"synonym to nothing", "synonyms:\n  PTA: \"99999\"\n", `synonyms["PTA"]: "99999" is not a known code`},
		{"alias to unknown task", "task_aliases:\n  Perhekeskus: [perheet]\n", `task_aliases["Perhekeskus"]: unknown service task "perheet"`},
		{"rule without id", "retention:\n  - text: x\n    period: y\n    start: case_closed\n", "retention[0]: field id is required"},
		{"bad start event", "retention:\n  - id: L1\n    years: 5\n    start: asian_paattyminen\n", `retention[0]: (L1) field start: "asian_paattyminen"`},
		{"bad years", "retention:\n  - id: L1\n    years: -5\n    start: none\n", "retention[0]: (L1) field years: -5"},
		{"rule with unknown task", "retention:\n  - id: L1\n    start: none\n    tasks: [kaikki]\n", `retention[0]: (L1) field tasks: unknown service task "kaikki"`},
		{"rule with unknown code", "retention:\n  - id: L1\n    start: none\n    codes: [\"group:7\"]\n", `retention[0]: (L1) field codes: unknown catalogue key "group:7"`},
		{"archival without id", "archival:\n  - tasks: [families]\n", "archival[0]: field id is required"},
		{"archival unknown task", "archival:\n  - id: A\n    tasks: [kaikki]\n", `archival[0] (A): field tasks: unknown service task "kaikki"`},
		{"archival unknown code", "archival:\n  - id: A\n    codes: [\"99999\"]\n", `archival[0] (A): field codes: unknown document type "99999"`},
		{"archival bad day", "archival:\n  - id: A\n    birth_days: [8, 32]\n", "archival[0] (A): field birth_days: 32 is not a day of the month"},
		{"archival unknown legacy task", "archival:\n  - id: A\n    legacy_tasks: [Kotihoito]\n", `archival[0] (A): field legacy_tasks: "Kotihoito" is not an old service-task name`},
		{"archival bad date", "archival:\n  - id: A\n    created_from: 1.4.2015\n", `archival[0] (A): field created_from: "1.4.2015" is not a date (want YYYY-MM-DD)`},
		{"archival dates reversed", "archival:\n  - id: A\n    created_from: 2023-12-31\n    created_to: 2015-04-01\n", "archival[0] (A): created_to 2015-04-01 is before created_from 2023-12-31"},
		{"archival unknown key", "archival:\n  - id: A\n    created: 2015-04-01\n", "field created not found"},
		{"horizon zero or less", "retention_horizon: -3\n", "retention_horizon: -3 (want a number of years from 1 to 1000)"},
		{"horizon too long", "retention_horizon: 5000\n", "retention_horizon: 5000"},
		{"horizon not a number", "retention_horizon: pitkä\n", "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := applyOverlay(t, "org/overlay.yaml", tt.in)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "org/overlay.yaml: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\nwant it to start with the file and contain %q", err, tt.want)
			}
		})
	}
}

func applyOverlay(t *testing.T, path, in string) error {
	o, err := ParseOverlay(path, []byte(in))
	if err != nil {
		return err
	}
	return loadCopy(t).Apply(o)
}

func TestOverlayEmptyAndMissing(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "{}"} {
		if err := applyOverlay(t, "o.yaml", in); err != nil {
			t.Errorf("overlay %q: %v", in, err)
		}
	}
	if err := loadCopy(t).Apply(nil); err != nil {
		t.Errorf("Apply(nil): %v", err)
	}
	if _, err := LoadOverlay("testdata/overlay/missing.yaml"); !os.IsNotExist(err) {
		t.Errorf("missing overlay: %v, want a not-exist error", err)
	}
}

func FuzzParseOverlay(f *testing.F) {
	for _, p := range []string{"testdata/overlay/local.yaml", "testdata/overlay/local.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("tasks:\n  \"15012\": [elderly]\n")
	f.Add("retention:\n  - id: L1\n    years: -5\n    start: none\n")
	f.Add("archival:\n  - id: A\n    birth_days: [0]\n")
	f.Add("archival:\n  - id: A\n    legacy_tasks: [Kotipalvelut]\n    created_from: 2015-04-01\n    created_to: \"2023-12-31\"\nretention_horizon: 130\n")
	f.Add("&a [*a]")
	f.Add("")
	cat := loadCopy(f)
	f.Fuzz(func(t *testing.T, in string) {
		o, err := ParseOverlay("fuzz.yaml", []byte(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml: ") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		// Apply changes the catalogue; only a fresh copy gives a
		// deterministic check, and loading one per input is slow, so use
		// a fresh copy only when the overlay has anything to apply.
		c := cat
		if len(o.Tasks)+len(o.Phases)+len(o.Synonyms)+len(o.TaskAliases)+len(o.Retention)+len(o.Archival) > 0 || o.RetentionHorizon != 0 {
			c = loadCopy(t)
		}
		if err := c.Apply(o); err != nil && !strings.HasPrefix(err.Error(), "fuzz.yaml: ") {
			t.Errorf("Apply error does not name the file: %v", err)
		}
	})
}

// An overlay rule with a new ID for a task wins over the annex row: it
// is the organisation's refinement (e.g. an archival decision).
func TestOverlayRetentionPrecedence(t *testing.T) {
	cat, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	o, err := ParseOverlay("o.yaml", []byte(`retention:
  - id: LOCAL-1
    text: Päihdehuollon palvelutehtävä (paikallinen päätös)
    period: 12 vuotta asian sulkemisesta
    years: 12
    start: case_closed
    tasks: [substance_abuse]
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Apply(o); err != nil {
		t.Fatal(err)
	}
	r, ok := cat.RetentionFor(nil, "substance_abuse")
	if !ok || r.ID != "LOCAL-1" || r.Basis != "o.yaml" {
		t.Errorf("RetentionFor = %s (%s), want the overlay rule LOCAL-1", r.ID, r.Basis)
	}
	if r, _ := cat.RetentionFor(nil, "older_people"); r.ID != "R703-04" {
		t.Errorf("other tasks keep the annex row, got %s", r.ID)
	}
}
