package onboarding

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestCatalogueHasEveryStep(t *testing.T) {
	want := []string{"1", "2A", "2B", "2C", "2D", "2E", "2F", "2G", "2H", "2I", "2J", "3A", "3B", "3C", "3D", "3E", "3F", "4",
		"2G.sopimus", "2G.kortit", "3C.yhteystesti", "3C.varapaiva", "3E.raportti"}
	have := map[string]Task{}
	for _, task := range Catalogue() {
		if _, dup := have[task.ID]; dup {
			t.Errorf("duplicate id %s", task.ID)
		}
		have[task.ID] = task
	}
	for _, id := range want {
		if _, ok := have[id]; !ok {
			t.Errorf("catalogue lacks %s", id)
		}
	}
	for _, task := range Catalogue() {
		if task.Title.FI == "" || task.Title.EN == "" || task.Short.FI == "" || task.Short.EN == "" || task.What.FI == "" || task.What.EN == "" {
			t.Errorf("%s: a title, short title or description is missing in fi or en", task.ID)
		}
		if !strings.HasPrefix(task.Source, "K20 dia ") {
			t.Errorf("%s: source %q is not a slide of K20", task.ID, task.Source)
		}
		if task.Parent != "" {
			if p, ok := have[task.Parent]; !ok || p.Kind != Group || !strings.HasPrefix(task.ID, task.Parent+".") {
				t.Errorf("%s: parent %s is not its group", task.ID, task.Parent)
			}
		}
		for _, d := range task.Deps {
			if _, ok := have[d.ID]; !ok {
				t.Errorf("%s depends on unknown %s", task.ID, d.ID)
			}
			if d.Basis.FI == "" || d.Basis.EN == "" {
				t.Errorf("%s → %s: dependency without a basis", task.ID, d.ID)
			}
			if !d.Inferred && !strings.Contains(d.Basis.FI, "K20 dia ") {
				t.Errorf("%s → %s: a confirmed dependency must cite a slide: %q", task.ID, d.ID, d.Basis.FI)
			}
		}
		switch task.Kind {
		case Work:
			du := task.Duration
			if du.Min < 1 || du.Max < du.Min {
				t.Errorf("%s: duration %d–%d", task.ID, du.Min, du.Max)
			}
			if du.Inferred == (du.Source != "") {
				t.Errorf("%s: a duration is either sourced or inferred: source %q, inferred %v", task.ID, du.Source, du.Inferred)
			}
			if du.Inferred && !strings.Contains(du.Why.EN, "no source") {
				t.Errorf("%s: an inferred duration must say it has no source: %q", task.ID, du.Why.EN)
			}
			if !du.Inferred && (du.Quote.FI == "" || du.Quote.EN == "") {
				t.Errorf("%s: a sourced duration quotes its source", task.ID)
			}
		case Group, GoLive, Ongoing:
			if task.Duration != (Duration{}) {
				t.Errorf("%s (%s) has a duration", task.ID, task.Kind)
			}
		}
	}
}

// The lead times the deck gives, and only those, are sourced.
func TestSourcedLeadTimes(t *testing.T) {
	got := map[string]string{}
	for _, task := range Catalogue() {
		if task.Kind == Work && !task.Duration.Inferred {
			got[task.ID] = task.Duration.Source + " " + strconv.Itoa(task.Duration.Min) + "-" + strconv.Itoa(task.Duration.Max)
		}
		if task.Deadline != nil {
			got[task.ID+" deadline"] = task.Deadline.Source + " " + task.Deadline.After + "+" + strconv.Itoa(task.Deadline.Workdays)
		}
	}
	want := map[string]string{
		"2G.sopimus":           "K20 dia 20 15-20", // about 3–4 weeks
		"2G.kortit":            "K20 dia 17 8-10",  // about 1.5–2 weeks
		"3E.raportti deadline": "K20 dia 30 3D+2",  // within two working days
	}
	if len(got) != len(want) {
		t.Errorf("sourced lead times %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// deckSlides splits the deck's text into slides by their titles, in order;
// slides 10, 12, 18 and 20 print their number, which checks the count.
var slideTitles = []string{
	"Miten yksityisenä", "Diasetin käyttötarkoitus", "Käyttöönoton prosessin eteneminen (1/2)", "Käyttöönoton prosessin eteneminen (2/2)",
	"1. Hallinnollinen käynnistäminen", "2. Valmistelevat tehtävät", "2 A. Yhteistyö", "2 B. Yksityisen palveluntuottajan lupa",
	"2 C. Yksityisen sosiaalihuollon", "2 D. Selvitä asiakirjahallinnon nykytila", "2 E. Erottele rekisterit",
	"Rekisterinpitäjyys toisen lukuun", "Rekisterinpitäjyys toisen lukuun", "2 F. Ota työntekijät mukaan",
	"(1/5)", "(2/5)", "(3/5)", "(4/5)", "(5/5)", "Valtuutus rekisteröintipisteelle", "2 H. Varmennekortinlukija",
	"2 I. Tietosuojan ja tietoturvan", "2 J. Henkilöstön käyttöoikeuksien", "3. Käyttöönotto", "3 A. Suomi.fi-tunnistautuminen",
	"3 B. Kanta-palvelujen asiakkuuden", "3 C. Käyttöönottokokeeseen", "valmistautuminen (2/2)", "3 D. Käyttöönottokoe",
	"3 E. Käyttöönottokokeen raportointi", "3 F. Tuotantokäytön aloitus", "4. Käytön aikainen seuranta ja valvonta",
}

var spaces = regexp.MustCompile(`\s+`)

func norm(s string) string {
	return strings.ToLower(strings.ReplaceAll(spaces.ReplaceAllString(s, " "), "–", "-"))
}

// deck finds the source text: a copy of Kela's 2020 deck (the domain's
// sources/, text as extracted there) is kept in testdata so the check runs
// on any checkout; ../shared beside the checkout is read when present so a
// newer extraction there is what the quotes are checked against.
func deck(t *testing.T) []string {
	t.Helper()
	const name = "sources/kela-2020-yksityinen-palveluntuottaja-liittyminen-sosiaalihuollon-arkistoon.txt"
	for _, path := range []string{"../../shared/" + name, "../../../shared/" + name, "../../../../shared/" + name, "testdata/" + filepath.Base(name)} {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		text := norm(string(b))
		var slides []string
		pos := 0
		var starts []int
		for _, title := range slideTitles {
			i := strings.Index(text[pos:], norm(title))
			if i < 0 {
				t.Fatalf("slide title %q not found after position %d", title, pos)
			}
			starts = append(starts, pos+i)
			pos += i + len(norm(title))
		}
		for i, s := range starts {
			end := len(text)
			if i+1 < len(starts) {
				end = starts[i+1]
			}
			slides = append(slides, text[s:end])
		}
		return slides
	}
	if os.Getenv("CI") != "" {
		t.Fatal("../shared/" + name + " not found")
	}
	t.Skip("the Kela deck (../shared/sources) is not beside this checkout")
	return nil
}

func slideText(t *testing.T, slides []string, ref string) string {
	t.Helper()
	m := regexp.MustCompile(`^K20 dia (\d+)`).FindStringSubmatch(ref)
	if m == nil {
		t.Fatalf("%q is not a K20 slide reference", ref)
	}
	n, _ := strconv.Atoi(m[1])
	if n < 1 || n > len(slides) {
		t.Fatalf("%q: the deck has %d slides", ref, len(slides))
	}
	return slides[n-1]
}

func TestDeckSlideNumbers(t *testing.T) {
	slides := deck(t)
	if len(slides) != 32 {
		t.Fatalf("%d slides, want 32", len(slides))
	}
	for n, mark := range map[int]string{10: "10 20.4.2020", 12: "12 20.4.2020", 18: "18 20.4.2020", 20: "rekisteröijille 20 sote"} {
		if !strings.Contains(slides[n-1], mark) {
			t.Errorf("slide %d does not print its number (%q)", n, mark)
		}
	}
}

// Every quoted lead time, deadline and price is in the slide it cites.
func TestQuotesAreInTheDeck(t *testing.T) {
	slides := deck(t)
	check := func(what, ref, quote string) {
		t.Helper()
		if !strings.Contains(slideText(t, slides, ref), norm(quote)) {
			t.Errorf("%s: %q is not on %s", what, quote, ref)
		}
	}
	for _, task := range Catalogue() {
		if task.Kind == Work && !task.Duration.Inferred {
			check(task.ID, task.Duration.Source, task.Duration.Quote.FI)
		}
		if task.Deadline != nil {
			check(task.ID+" deadline", task.Deadline.Source, task.Deadline.Quote.FI)
		}
		// A lettered step's first slide carries its title ("2 G.").
		if len(task.ID) == 2 {
			first := strings.Split(strings.TrimPrefix(task.Source, "K20 dia "), "–")[0]
			first = strings.Split(first, ",")[0]
			check(task.ID+" title", "K20 dia "+first, task.ID[:1]+" "+task.ID[1:]+".")
		}
	}
	check("project length", ProjectLength.Source, ProjectLength.Quote.FI)
	check("card price", "K20 dia 19", strconv.Itoa(PriceCardMin)+" – "+strconv.Itoa(PriceCardMax)+" €/kortti")
	check("reader price", "K20 dia 21", strconv.Itoa(PriceReaderMin)+"-"+strconv.Itoa(PriceReaderMax)+" €")
	check("professional card free", "K20 dia 18", "kortti on maksuton")
	check("backup card", "K20 dia 19", "Varakorttia käytetään")
	check("operator card", "K20 dia 19", "Toimijakorttia käyttävät")
}
