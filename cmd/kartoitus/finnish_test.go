package main

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// finnishDeny are English words that leak into Finnish text when an enum
// value, a severity or an English format string is shown as is. Finnish
// prose has none of them as words.
var finnishDeny = regexp.MustCompile(`(?i)\b(errors?|warnings?|info|none|exact|synonym|fuzzy|normali[sz]ed|health|social|legacy|mixed|` +
	`wrote|rows?|fitness|unknown|missing|unmapped|candidates?|accepted|true|false|null|` +
	`own_production|purchased(_service)?|(service_)?voucher|self_paying|voided|active)\b`)

// isoDate is a YYYY-MM-DD date; Finnish prose writes d.m.yyyy.
var isoDate = regexp.MustCompile(`(^|[^\w.-])\d{4}-\d{2}-\d{2}($|[^\w])`)

// dotDecimal is a fraction written with a decimal point (0.75); Finnish
// writes 0,75. Section numbers (2.4, 7.1) and versions have no leading 0.
var dotDecimal = regexp.MustCompile(`(^|[^\w.])0\.\d+($|[^\w.])`)

// exempt removes what may hold English or ISO forms inside Finnish text:
// values quoted from the input ("…", ”…”, “…”), paths and file names,
// identifiers with an underscore or a colon (register:health, a config
// key and its value), command-line flags, OIDs, and the pm4py term the
// HTML keeps in a tooltip.
var exempt = []*regexp.Regexp{
	regexp.MustCompile(`"[^"]*"|”[^”]*”|“[^”]*”|'[^']*'|` + "`[^`]*`"),
	regexp.MustCompile(`\w+_\w+: \S+`),
	regexp.MustCompile(`\w+ \(pm4py\)`), // the analysts' term, kept in a tooltip
	regexp.MustCompile(`\S*[/\\]\S*|\S+\.(xlsx|csv|json|yaml|yml|xml|html|svg|txt|dot)\b`),
	regexp.MustCompile(`\S*_\S*|\b\w+:\w\S*`),
	regexp.MustCompile(`--[\w-]+`),
	regexp.MustCompile(`\b\d+(\.\d+){3,}\b`),
}

func finnishProblems(s string) []string {
	for _, re := range exempt {
		s = re.ReplaceAllString(s, " ")
	}
	var out []string
	out = append(out, finnishDeny.FindAllString(s, -1)...)
	for _, m := range isoDate.FindAllString(s, -1) {
		out = append(out, strings.TrimSpace(m))
	}
	for _, m := range dotDecimal.FindAllString(s, -1) {
		out = append(out, strings.TrimSpace(m))
	}
	return out
}

// TestFinnishOutputsReadFinnish runs the sample assessment (with its
// deployment-test pairs and onboarding plan) in the default language and
// scans what a records manager reads — the console summary,
// the text and tooltips of index.html (graphs included), every cell of
// report.xlsx and the Finnish texts of findings.json — for English words,
// ISO dates and decimal points. Machine fields (JSON keys and values
// other than "fi", element ids, SVG node names) are not prose.
func TestFinnishOutputsReadFinnish(t *testing.T) {
	// With the deployment-test pairs and the onboarding plan, so their
	// sections are scanned too.
	r, out := assessSamples(t, "--pairs", "../../samples/deploytest/pairs.yaml", "--go-live", "2027-03-01",
		"--plan-status", "../../samples/plan/status.yaml", "--staff", "../../samples/plan/staff.csv", "--today", "2026-12-17")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	bad := map[string][]string{} // problem text → where
	scanned := map[string]int{}  // source → texts scanned, so an empty scan cannot pass
	scan := func(where, text string) {
		scanned[strings.Fields(where)[0]]++
		for _, line := range strings.Split(text, "\n") {
			if p := finnishProblems(line); len(p) > 0 {
				key := strings.Join(p, ", ") + " in " + strings.TrimSpace(line)
				if len(key) > 300 {
					key = key[:300] + "…"
				}
				bad[key] = append(bad[key], where)
			}
		}
	}

	scan("console", r.stdout)
	scan("stderr", r.stderr)

	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range htmlProse(string(b)) {
		scan("index.html", s)
	}

	f, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		scan("report.xlsx sheet", sh)
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for _, c := range row {
				scan("report.xlsx "+sh+" row "+strconv.Itoa(i+1), c)
			}
		}
	}

	b, err = os.ReadFile(filepath.Join(out, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	walkFI(doc, "", func(path, s string) { scan("findings.json "+path, s) })

	for src, min := range map[string]int{"console": 1, "index.html": 1000, "report.xlsx": 1000, "findings.json": 100} {
		if scanned[src] < min {
			t.Errorf("%s: %d texts scanned, want at least %d", src, scanned[src], min)
		}
	}
	keys := make([]string, 0, len(bad))
	for k := range bad {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%s (%s)", k, bad[k][0])
	}
}

// TestFinnishProblems pins what the scan flags and what it lets through.
func TestFinnishProblems(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"rekisteri on health (yhteensä social+health)", 3},
		{"IDN001  error  rivi 178", 1},
		{"Asiakirja on päivätty 2024-08-01", 1},
		{"varmuus alle kynnyksen 0.75", 1},
		{"kirjoitettiin 16 rows", 1},
		{"Asiakirja on päivätty 1.8.2024, kynnys 0,75", 0},
		{`Rekisteriarvo "health" ei ole tunnettu`, 0},
		{"samples/register-export.csv, rivi 3", 0},
		{"--profile (self_paying_clients: false)", 0},
		{"RFC 4180, kohta 2.4; JHS 191 7.1–7.2; OID 1.2.246.537.6.1506", 0},
		{"klo 11.20", 0},
		{"fitness (pm4py)", 0},
	}
	for _, tt := range tests {
		if got := finnishProblems(tt.in); len(got) != tt.want {
			t.Errorf("finnishProblems(%q) = %q, want %d", tt.in, got, tt.want)
		}
	}
}

var (
	htmlDrop  = regexp.MustCompile(`(?s)<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<title>[^<]*</title>`)
	htmlAttr  = regexp.MustCompile(`\s(?:title|xlink:title|aria-label|alt|placeholder)="([^"]*)"`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	svgNodeID = regexp.MustCompile(`^[a-z]+:\S*$`)
)

// htmlProse returns the visible text and the tooltips of a page. SVG
// <title> elements are dropped: Graphviz writes node names there
// (register:health), and the tooltip text is in xlink:title.
func htmlProse(page string) []string {
	var out []string
	page = htmlDrop.ReplaceAllString(page, " ")
	for _, m := range htmlAttr.FindAllStringSubmatch(page, -1) {
		v := html.UnescapeString(m[1])
		if svgNodeID.MatchString(v) {
			continue
		}
		out = append(out, v)
	}
	for _, s := range strings.Split(htmlTag.ReplaceAllString(page, "\n"), "\n") {
		if s = strings.TrimSpace(html.UnescapeString(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// walkFI calls fn with every string under a "fi" key.
func walkFI(v any, path string, fn func(path, s string)) { walkLang(v, path, "fi", fn) }

// walkLang calls fn with every string under the key lang.
func walkLang(v any, path, lang string, fn func(path, s string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if s, ok := c.(string); ok && k == lang {
				fn(path+"."+lang, s)
				continue
			}
			walkLang(c, path+"."+k, lang, fn)
		}
	case []any:
		for _, c := range x {
			walkLang(c, path+"[]", lang, fn)
		}
	}
}

// englishDeny are Finnish words of the tool's own text (severities,
// locations, counts); national document names, which stay Finnish in
// English reports, do not use them. (Bases are cited as written: "joka
// rivillä" in an RFC citation is not the tool's text.)
var englishDeny = regexp.MustCompile(`(?i)(^|[^\p{L}])(virhe|virhettä|varoitus|varoitusta|huomio|huomiota|rivi|riviä|välilehti|sarake|havainto|havaintoa|kirjoitettiin|yhteensä|kynnyksen|kattavuus)([^\p{L}]|$)`)

// TestEnglishOutputsReadEnglish: with --lang en the console, the page
// and the English texts of findings.json carry none of the tool's
// Finnish words (quoted input values aside).
func TestEnglishOutputsReadEnglish(t *testing.T) {
	r, out := assessSamples(t, "--lang", "en", "--no-graphs")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	bad := map[string]string{}
	scan := func(where, text string) {
		for _, line := range strings.Split(text, "\n") {
			s := exempt[0].ReplaceAllString(line, " ")
			if m := englishDeny.FindString(s); m != "" {
				bad[strings.TrimSpace(m)+" in "+strings.TrimSpace(line)] = where
			}
		}
	}
	scan("console", r.stdout)
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range htmlProse(string(b)) {
		scan("index.html", s)
	}
	b, err = os.ReadFile(filepath.Join(out, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	walkLang(doc, "", "en", func(path, s string) { scan("findings.json "+path, s) })
	keys := make([]string, 0, len(bad))
	for k := range bad {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if len(k) > 300 {
			t.Errorf("%s… (%s)", k[:300], bad[k])
			continue
		}
		t.Errorf("%s (%s)", k, bad[k])
	}
}

// TestFinnishCommandOutputs scans the Finnish tables of the other
// commands on the samples the same way.
func TestFinnishCommandOutputs(t *testing.T) {
	const inv, tos, ov = "../../samples/inventory.xlsx", "../../samples/tos.xlsx", "../../samples/overlay.yaml"
	dir := t.TempDir()
	for _, args := range [][]string{
		{"map", "--inventory", inv, "--view", "mappings"},
		{"map", "--inventory", inv, "--view", "coverage"},
		{"map", "--inventory", inv, "--write-accepted", filepath.Join(dir, "accepted.csv")},
		{"inventory", "columns", inv},
		{"inventory", "read", inv},
		{"retention", "--inventory", inv, "--tos", tos, "--overlay", ov, "--draft", filepath.Join(dir, "draft.csv")},
		{"registers", "-v", "../../samples/register-export.csv"},
		{"graph", "--inventory", inv, "--format", "dot", "--out", filepath.Join(dir, "graphs")},
		{"deploytest", "plan", "--pairs", "../../samples/deploytest/pairs.yaml"},
		{"catalog", "list"},
		{"catalog", "show", "15023"},
		{"catalog", "retention"},
		{"catalog", "tasks"},
	} {
		r := runCLI(t, "", args...)
		if r.code > 1 {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
			continue
		}
		for _, text := range []string{r.stdout, r.stderr} {
			for _, line := range strings.Split(text, "\n") {
				if p := finnishProblems(line); len(p) > 0 {
					t.Errorf("%v: %s in %s", args[:2], strings.Join(p, ", "), strings.TrimSpace(line))
				}
			}
		}
	}
}
