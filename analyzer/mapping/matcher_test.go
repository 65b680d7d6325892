package mapping

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/sosmeta"
)

func TestStem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"paatos", "paatos"},
		{"paatoksen", "paatos"},
		{"paatokset", "paatos"},
		{"hakemukset", "hakemus"},
		{"palvelujen", "palvelu"},
		{"palveluiden", "palvelu"},
		{"lastensuojelun", "lastensuojelu"},
		{"huoltoon", "huolto"},
		{"ennakollinen", "ennakollis"},
		{"ennakollisen", "ennakollis"},
		{"tuesta", "tue"},
		{"tuen", "tue"},
		{"ls", "ls"},
		{"2016", "2016"},
	} {
		if got := stem(c.in); got != c.want {
			t.Errorf("stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTokenSim(t *testing.T) {
	for _, c := range []struct {
		a, b    string
		atLeast float64
		below   float64
	}{
		{"huostaanotto", "huostaanoto", 0.9, 1.01},       // consonant gradation
		{"toimeentulotue", "toimeentulotuki", 0.9, 1.01}, // gradation at the end
		{"ilmoitus", "ilmotus", 0.85, 1.01},              // typo
		{"palveluseteli", "palvelu", 0, 0.01},            // a compound is not an inflection
		{"arvio", "paatos", 0, 0.01},
	} {
		got := tokenSim(c.a, c.b)
		if got < c.atLeast || got >= c.below {
			t.Errorf("tokenSim(%q, %q) = %.2f, want in [%.2f, %.2f)", c.a, c.b, got, c.atLeast, c.below)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"arvio", "arvio", 0}, {"arvio", "arvoi", 1}, {"arvio", "arvo", 1}, {"abc", "xyz", 3}, {"", "ab", 2},
	} {
		if got := editDistance(c.a, c.b, 5); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if got := editDistance("aaaaaaaa", "bbbbbbbb", 2); got != 3 {
		t.Errorf("editDistance past the limit = %d, want limit+1 = 3", got)
	}
}

func TestSplitCompound(t *testing.T) {
	m := newTestMatcher(t, nil)
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"huostaanottopaatos", []string{"huostaanotto", "paatos"}},
		{"lastensuojeluilmoitus", []string{"lastensuojelu", "ilmoitus"}},
		{"arvio", []string{"arvio"}},
	} {
		if got := m.split(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("split(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func newTestMatcher(t testing.TB, acc *Accepted) *Matcher {
	t.Helper()
	m, err := NewMatcher(sosmeta.MustDefault(), nil, DefaultThreshold, acc)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestShippedVocabularyChecks(t *testing.T) {
	v, err := ShippedVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Check(sosmeta.MustDefault()); err != nil {
		t.Fatal(err)
	}
	bad, err := ParseVocabulary("bad.yaml", []byte("phrases:\n  - names: [x]\n    code: \"99999\"\n    by_task: {nosuchtask: \"11023\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = bad.Check(sosmeta.MustDefault())
	if err == nil || !strings.Contains(err.Error(), `unknown catalogue key "99999"`) || !strings.Contains(err.Error(), `unknown service task "nosuchtask"`) {
		t.Errorf("Check = %v, want both the unknown key and the unknown task named", err)
	}
	if _, err := ParseVocabulary("bad.yaml", []byte("phrasez: []\n")); err == nil {
		t.Error("a misspelt section must be an error")
	}
}

func TestMatchMethods(t *testing.T) {
	cat := sosmeta.MustDefault()
	for _, c := range []struct {
		name     string
		in       Input
		key      string
		method   Method
		minConf  float64
		noteKind NoteKind
	}{
		{"code in the row", Input{Name: "Oma nimi", NationalRaw: "11023"}, "11023", MethodCode, 1, 0},
		{"group code", Input{Name: "Asiakkuus", NationalRaw: "group:1"}, "group:1", MethodCode, 1, 0},
		{"code as an Excel number", Input{Name: "x", NationalRaw: "11020.0"}, "", MethodNone, 0, NoteUnknownCode},
		{"code as an Excel number, known", Input{Name: "x", NationalRaw: "1006.0"}, "1006", MethodCode, 1, 0},
		{"code system OID", Input{Name: "x", NationalRaw: "1.2.246.537.6.1506.4009"}, "4009", MethodCode, 1, 0},
		{"obsolete structure OID of a current type", Input{Name: "x", NationalRaw: "1.2.246.537.6.1506.15023.2022.9.28"}, "15023", MethodCode, 1, NoteObsoleteName},
		{"unknown code falls back to the name", Input{Name: "Lastensuojeluilmoitus", NationalRaw: "99999"}, "4009", MethodExact, 1, NoteUnknownCode},
		{"obsolete-only code", Input{Name: "x", NationalRaw: "1020"}, "1020", MethodCode, 1, NoteObsoleteType},
		{"national name in the row", Input{Name: "Oma", NationalRaw: "Päätös lapsen huostaanotosta ja sijaishuollosta"}, "11023", MethodExact, 1, 0},
		{"obsolete national name in the row", Input{Name: "Oma", NationalRaw: "Vammaispalvelujen palvelusuunnitelma"}, "15023", MethodExact, 1, NoteObsoleteName},
		{"exact FI name", Input{Name: "Lastensuojeluilmoitus"}, "4009", MethodExact, 1, 0},
		{"exact SV name", Input{Name: "Barnskyddsanmälan"}, "4009", MethodExact, 1, 0},
		{"normalised name", Input{Name: "  LASTENSUOJELU-ilmoitus "}, "4009", MethodNormalised, 0.97, 0},
		{"inflected name", Input{Name: "Lastensuojeluilmoitukset"}, "4009", MethodNormalised, 0.97, 0},
		{"abbreviation", Input{Name: "LS-ilmoitus", Tasks: []string{"child_welfare"}}, "4009", MethodSynonym, 0.95, 0},
		{"phrase by task", Input{Name: "PTA", Tasks: []string{"older_people"}}, "1000", MethodSynonym, 0.95, 0},
		{"phrase default without task", Input{Name: "Palvelutarpeen arvio"}, "1019", MethodSynonym, 0.95, 0},
		{"fuzzy compound", Input{Name: "Eristämispäätös", Tasks: []string{"child_welfare"}}, "11021", MethodFuzzy, DefaultThreshold, 0},
		{"obsolete-only name", Input{Name: "Toimintakykyarvio"}, "1020", MethodExact, 1, NoteObsoleteType},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newTestMatcher(t, nil)
			got, notes := m.Match(c.in)
			if got.Key != c.key || got.Method != c.method || got.Confidence < c.minConf {
				t.Errorf("Match(%+v) = %s %s %.3f, want %s %s ≥ %.2f (candidates %v)", c.in, got.Key, got.Method, got.Confidence, c.key, c.method, c.minConf, got.Candidates)
			}
			if got.Confidence > 1 || (got.Method == MethodFuzzy && got.Confidence > confFuzzyMax) {
				t.Errorf("confidence %.3f out of range for %s", got.Confidence, got.Method)
			}
			if c.noteKind != 0 && (len(notes) != 1 || notes[0].Kind != c.noteKind) {
				t.Errorf("notes = %+v, want one of kind %d", notes, c.noteKind)
			}
			if c.noteKind == 0 && len(notes) != 0 {
				t.Errorf("unexpected notes %+v", notes)
			}
			if got.Key != "" && cat.ByKey(got.Key) == nil {
				t.Errorf("key %q not in the catalogue", got.Key)
			}
		})
	}
}

func TestMatchBelowThresholdOffersCandidates(t *testing.T) {
	m := newTestMatcher(t, nil)
	// No task: every task's client plan is equally plausible.
	got, _ := m.Match(Input{Name: "Asiakassuunnitelma"})
	if got.Key != "" || got.Method != MethodNone {
		t.Fatalf("a task-less generic name was asserted: %+v", got)
	}
	if len(got.Candidates) < 2 || len(got.Candidates) > maxCandidates {
		t.Fatalf("candidates = %v, want 2..%d", got.Candidates, maxCandidates)
	}
	for i, c := range got.Candidates {
		if d := sosmeta.MustDefault().ByKey(c.Key); d == nil || d.Kind != "Suunnitelma" {
			t.Errorf("candidate %d %s is not a plan", i, c.Key)
		}
		if i > 0 && c.Confidence > got.Candidates[i-1].Confidence {
			t.Errorf("candidates not ordered by confidence: %v", got.Candidates)
		}
	}
	// Not a national document at all.
	got, _ = m.Match(Input{Name: "Kahvikassan tilitys", Tasks: []string{"child_welfare"}})
	if got.Key != "" {
		t.Errorf("Kahvikassan tilitys mapped to %s", got.Key)
	}
}

func TestMatchTaskInferredFromName(t *testing.T) {
	m := newTestMatcher(t, nil)
	got, _ := m.Match(Input{Name: "Kotihoidon asiakassuunnitelma"})
	if got.Task != "older_people" || got.Key != "15003" {
		t.Errorf("got task %q key %q, want older_people 15003 (candidates %v)", got.Task, got.Key, got.Candidates)
	}
}

func TestMatchOverlaySynonym(t *testing.T) {
	cat, err := sosmeta.Load("")
	if err != nil {
		t.Fatal(err)
	}
	o, err := sosmeta.ParseOverlay("overlay.yaml", []byte("synonyms:\n  Karhu-lomake: \"11023\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Apply(o); err != nil {
		t.Fatal(err)
	}
	m, err := NewMatcher(cat, nil, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := m.Match(Input{Name: "KARHU lomake"})
	if got.Key != "11023" || got.Method != MethodSynonym || got.Confidence != confOverlay {
		t.Errorf("overlay synonym: got %+v", got)
	}
}

func TestMatchDeterministic(t *testing.T) {
	rows := readLabelled(t)
	cat := sosmeta.MustDefault()
	var first []Match
	for run := 0; run < 3; run++ {
		m := newTestMatcher(t, nil)
		var out []Match
		for _, r := range rows {
			got, _ := m.Match(Input{Name: r.name, Tasks: cat.ResolveTask(r.task)})
			out = append(out, got)
		}
		if run == 0 {
			first = out
		} else if !reflect.DeepEqual(first, out) {
			t.Fatal("matching is not deterministic across matcher builds")
		}
	}
}

// BenchmarkMatch1000 maps 1,000 local names (the labelled set, repeated
// with unit prefixes so they are not all identical).
func BenchmarkMatch1000(b *testing.B) {
	rows := readLabelled(b)
	cat := sosmeta.MustDefault()
	var ins []Input
	for i := 0; len(ins) < 1000; i++ {
		r := rows[i%len(rows)]
		name := r.name
		if i >= len(rows) {
			name = fmt.Sprintf("Yksikkö %d: %s", i/len(rows), r.name)
		}
		ins = append(ins, Input{Name: name, Tasks: cat.ResolveTask(r.task)})
	}
	m := newTestMatcher(b, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range ins {
			m.Match(in)
		}
	}
}

func BenchmarkNewMatcher(b *testing.B) {
	for i := 0; i < b.N; i++ {
		newTestMatcher(b, nil)
	}
}

// FuzzMatch: any name, national column and task text gives a match with a
// catalogue key (or none) and a confidence in 0..1, never a panic.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"Huostaanottopäätös", "LS-ilmoitus", "PTA:n (kotihoito)", "((", "1.2.246.537.6.1506.", "group:", "ääää ßß Щ", "a-b-c-d-e-f", "Päätös päätös päätös"} {
		f.Add(s, "", "Lastensuojelu")
	}
	f.Add("x", "11023", "")
	f.Add("x", "urn:oid:1.2.246.537.6.1506.4009", "Vanhuspalvelut")
	cat := sosmeta.MustDefault()
	m := newTestMatcher(f, nil)
	f.Fuzz(func(t *testing.T, name, national, task string) {
		got, _ := m.Match(Input{Name: name, NationalRaw: national, Tasks: cat.ResolveTask(task), TaskRaw: task})
		if got.Confidence < 0 || got.Confidence > 1 {
			t.Fatalf("confidence %v", got.Confidence)
		}
		if got.Key != "" && cat.ByKey(got.Key) == nil {
			t.Fatalf("unknown key %q", got.Key)
		}
		if len(got.Candidates) > maxCandidates {
			t.Fatalf("%d candidates", len(got.Candidates))
		}
	})
}

// FuzzParseVocabulary: a vocabulary file is YAML a user may replace; any
// bytes give a vocabulary or an error, and Check never panics.
func FuzzParseVocabulary(f *testing.F) {
	f.Add(shippedVocabulary)
	f.Add([]byte("phrases:\n  - names: [x]\n    by_task: {older_people: \"1000\"}\n"))
	f.Add([]byte("abbreviations: {\"\": x}\n"))
	f.Add([]byte("abbreviations: {\"--\": x}\nkinds: {X: [\"-\"]}\ntask_words: {older_people: [\"!\"]}\n"))
	f.Add([]byte("kinds: [1, 2]\n"))
	cat := sosmeta.MustDefault()
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := ParseVocabulary("fuzz.yaml", b)
		if err != nil {
			return
		}
		if v.Check(cat) == nil {
			m, err := NewMatcher(cat, v, 0, nil)
			if err != nil {
				t.Fatalf("checked vocabulary rejected by NewMatcher: %v", err)
			}
			m.Match(Input{Name: "Lastensuojeluilmoituksen arvio", Tasks: []string{"child_welfare"}})
		}
	})
}

func TestLocalDocuments(t *testing.T) {
	cat := sosmeta.MustDefault()
	voc, err := ShippedVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMatcher(cat, voc, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, task string
		method     Method
		key        string
	}{
		{"Lääkehoitosuunnitelma", "older_people", MethodLocal, ""},
		{"Työvuorolista", "older_people", MethodLocal, ""},
		{"Hoitajan potilaskertomus", "older_people", "", ""}, // not the listed name: matching decides
		{"Päivittäiskirjaukset", "older_people", MethodSynonym, "19007"},
	} {
		got, _ := m.Match(Input{Name: tt.name, Tasks: []string{tt.task}})
		if tt.method != "" && (got.Method != tt.method || got.Key != tt.key) {
			t.Errorf("%s: %s %q, want %s %q", tt.name, got.Method, got.Key, tt.method, tt.key)
		}
		if tt.method == MethodLocal && len(got.Candidates) != 0 {
			t.Errorf("%s: local document offered candidates %v", tt.name, got.Candidates)
		}
	}
}
