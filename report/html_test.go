package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/finding"
)

// volatileRe matches the generation time and tool version, which change
// between runs of the real command.
var volatileRe = regexp.MustCompile(`(data-volatile="(?:generated|version)">)[^<]*<|content="[^"]*" data-volatile="version"`)

func stripVolatile(s string) string {
	return volatileRe.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "content=") {
			return `content="<volatile>" data-volatile="version"`
		}
		return m[:strings.Index(m, ">")+1] + "<volatile><"
	})
}

func renderHTML(t *testing.T, a *Assessment) string {
	t.Helper()
	var b bytes.Buffer
	if err := (HTML{}).WriteAssessment(&b, a); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHTMLGolden(t *testing.T) {
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		t.Run(string(l), func(t *testing.T) {
			got := stripVolatile(renderHTML(t, fixtureAssessment(l)))
			goldenFile(t, "assessment_"+string(l)+".html", got)
		})
	}
}

func TestHTMLContent(t *testing.T) {
	fi := renderHTML(t, fixtureAssessment(finding.FI))
	en := renderHTML(t, fixtureAssessment(finding.EN))
	tests := []struct {
		name string
		page string
		want []string
		not  []string
	}{
		{"finnish by default", fi,
			[]string{`<html lang="fi">`, "Yhteenveto", "Ei läpäise", "Puuttuvaa kansallista asiakirjatyyppiä", "Vammaispalvelujen toteuttamissuunnitelma"},
			[]string{"Summary</h2>", "Fails"}},
		{"english with lang en", en,
			[]string{`<html lang="en">`, "<h2>Summary</h2>", "Fails", "National document types missing", "Services for older people"},
			[]string{"Yhteenveto</h2>", "Ei läpäise"}},
		{"summary first, then sections in order", fi,
			[]string{`id="summary"`}, nil},
		{"finding text is escaped", fi,
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt;", "erikoismerkit &#34;&lt;&gt;&#34;"},
			[]string{"<script>alert(1)</script>"}},
		{"henkilötunnus never in full", fi,
			[]string{"010181-****"}, []string{"010181-900C"}},
		{"svg inlined and sanitised", fi,
			[]string{`<svg width="120pt"`, `id="g1-graph0"`, `<circle cx="5" cy="5" r="4">`, `href="#g2-r"`, `fill="url(#g2-grad)"`},
			[]string{"alert(2)", "onload", "foreignObject", "https://example.com", "<!DOCTYPE svg", "<?xml"}},
		{"invalid svg reported, not fatal", fi,
			[]string{`<p class="graph-error">Kaaviota ei voitu näyttää:`}, nil},
		{"coverage matrix cells carry text as well as colour", fi,
			[]string{`class="cell c-missing"`, "✗ <code>15024</code> Vammaispalvelujen toteuttamissuunnitelma", "↻ Asumispalveluhakemus (<code>3005</code>): kartoituksessa Palvelun toteuttaminen ja seuranta, valtakunnallisesti Asian vireilletulo", `data-missing="2"`},
			nil},
		{"rejected rows listed", fi,
			[]string{`id="tbl-rejected"`, "Asiakirjan nimi puuttuu"}, nil},
		{"rules with basis and inferred mark", fi,
			[]string{"<code>REG009</code>", "703/2023 § 37", "<td>kyllä</td>"}, nil},
		{"findings counted but not listed are said", fi,
			[]string{`<p class="omitted">2 havaintoa säännöstä REG004 laskettiin mutta ei listattu`, `data-figure="findings-total" data-value="10"`}, nil},
		{"rules not checked are listed, not shown as clean", fi,
			[]string{`id="tbl-notchecked"`, "<td><code>REG020</code></td><td>Asiakkuusikkuna</td><td>unit_start, unit_end</td>"}, nil},
		{"unassigned rules shown under other findings", fi,
			[]string{`<section id="other">`, "<code>XYZ001</code>"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range tc.want {
				if !strings.Contains(tc.page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(tc.page, n) {
					t.Errorf("page contains %q", n)
				}
			}
		})
	}

	// Section order: summary, mapping, coverage, registers, retention,
	// graphs, rejected, other, rules.
	last := -1
	for _, id := range []string{"summary", "mapping", "coverage", "registers", "retention", "graphs", "rejected", "other", "rules"} {
		i := strings.Index(fi, `<section id="`+id+`"`)
		if i < 0 {
			t.Fatalf("section %s missing", id)
		}
		if i < last {
			t.Errorf("section %s out of order", id)
		}
		last = i
	}
}

func TestHTMLRevealIDs(t *testing.T) {
	a := fixtureAssessment(finding.FI)
	a.Meta.RevealIDs = true
	if page := renderHTML(t, a); !strings.Contains(page, "010181-900C") {
		t.Error("RevealIDs should leave identifiers as the findings carry them")
	}
}

// TestHTMLSelfContained checks that nothing in the page refers to the
// network: no external scripts, styles, images, fonts or links, and a
// policy that forbids fetching.
func TestHTMLSelfContained(t *testing.T) {
	page := renderHTML(t, fixtureAssessment(finding.FI))
	ext := regexp.MustCompile(`(?i)(src|href|action)\s*=\s*"(https?:|//)|url\(\s*['"]?(https?:|//)|@import`)
	if m := ext.FindString(page); m != "" {
		t.Errorf("external reference: %q", m)
	}
	// The only URLs allowed are XML namespace names inside SVG.
	for _, m := range regexp.MustCompile(`https?://[^"' <)]+`).FindAllString(page, -1) {
		if m != "http://www.w3.org/2000/svg" && m != "http://www.w3.org/1999/xlink" {
			t.Errorf("unexpected URL %q", m)
		}
	}
	sum := sha256.Sum256([]byte(reportPage().js))
	csp := `default-src 'none'; script-src 'sha256-` + base64.StdEncoding.EncodeToString(sum[:]) + `'`
	if !strings.Contains(html.UnescapeString(page), csp) {
		t.Errorf("page lacks the content security policy %q", csp)
	}
	if strings.Count(page, "<script") != 1 || !strings.Contains(page, "<script>"+reportPage().js+"</script>") {
		t.Error("want exactly the embedded script, inline and verbatim (its hash is in the policy)")
	}
	if !strings.Contains(page, "@media print") {
		t.Error("no print stylesheet")
	}
}

// TestHTMLResultOnly renders a plain findings Result, as any command could.
func TestHTMLResultOnly(t *testing.T) {
	r := testResult("registers", finding.EN, finding.Warning, nil, []finding.Finding{
		finding.New(fxRuleHealth, finding.T("terveys", "health"), finding.Location{File: "x.csv", Row: 2, Key: "D1"}, "D1"),
	}, []finding.Rule{fxRuleHealth})
	var b bytes.Buffer
	if err := (HTML{}).Write(&b, r); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, w := range []string{`data-figure="findings-error" data-value="1"`, `data-figure="register-errors" data-value="1"`, "x.csv, row 2, D1", `data-figure="verdict" data-value="1"`} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	// An empty assessment still renders every section.
	b.Reset()
	if err := (HTML{}).WriteAssessment(&b, &Assessment{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `data-figure="findings-total" data-value="0"`) || !strings.Contains(b.String(), `data-figure="verdict" data-value="0"`) {
		t.Error("empty assessment: figures missing")
	}
}

// templateKeys are the UI keys the template uses literally: {{t "key"}}
// and (t "key").
var templateKeyRe = regexp.MustCompile(`[({]t "([^"]+)"`)

func TestUILabels(t *testing.T) {
	tmpl, err := assets.ReadFile("assets/report.html.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, m := range templateKeyRe.FindAllStringSubmatch(string(tmpl), -1) {
		keys[m[1]] = true
	}
	// Keys built at run time.
	for _, k := range []string{"status.mapped", "status.candidate", "status.unmapped"} {
		keys[k] = true
	}
	for _, k := range cellKinds {
		keys["legend."+k.kind] = true
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys in the template: is the pattern stale?", len(keys))
	}
	for k := range keys {
		if _, ok := uiText[k]; !ok {
			t.Errorf("template uses %q, which uiText lacks", k)
		}
	}
	for k, v := range uiText {
		if v.FI == "" || v.EN == "" {
			t.Errorf("uiText %q lacks a language: %+v", k, v)
		}
	}
	for k, v := range enumText {
		if v.FI == "" || v.EN == "" {
			t.Errorf("enumText %q lacks a language: %+v", k, v)
		}
	}
	for _, m := range Methods {
		if _, ok := enumText["method."+m]; !ok {
			t.Errorf("method %q has no name", m)
		}
	}
	for _, s := range Sections {
		if _, ok := enumText["section."+string(s)]; !ok {
			t.Errorf("section %q has no name", s)
		}
	}
	for _, s := range []string{TOSMissing, TOSDiffers, TOSUnverified, TOSNoRule, TOSOK} {
		if _, ok := enumText["tos."+s]; !ok {
			t.Errorf("TOS status %q has no name", s)
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{percentText(finding.FI, 82), "82\u00a0%"},
		{percentText(finding.EN, 82), "82%"},
		{decimal(finding.FI, 0.626), "0,63"},
		{decimal(finding.EN, 2), "2"},
		{confidenceText(finding.EN, 0.714), "71%"},
		{yearsText(finding.FI, -1), "pysyvä"},
		{yearsText(finding.EN, 0), "no fixed period"},
		{yearsText(finding.FI, 10), "10 v"},
		{locationText(finding.FI, finding.Location{File: "a.xlsx", Sheet: "S", Row: 3, Column: "Nimi"}), "a.xlsx, välilehti S, rivi 3, sarake Nimi"},
		{codeName("group:1", "Asiakkuusasiakirja"), "1 Asiakkuusasiakirja"},
		{enum(finding.FI, "method", "unknown-method"), "unknown-method"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestOtherCandidates(t *testing.T) {
	cs := []Candidate{{Code: "1000"}, {Code: "1019"}, {Code: "1013"}, {Code: "1012"}, {Code: "1005"}, {Code: "1008"}, {Code: "1009"}}
	codes := func(cs []Candidate) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.Code)
		}
		return strings.Join(s, ",")
	}
	if got := codes(otherCandidates(MappingRow{Code: "1000", Candidates: cs})); got != "1019,1013,1012" {
		t.Errorf("mapped row: %s, want the three others without the match itself", got)
	}
	if got := codes(otherCandidates(MappingRow{Candidates: cs})); got != "1000,1019,1013,1012,1005" {
		t.Errorf("unmapped row: %s, want the first five", got)
	}
}

// TestFindingsByDocument: a findings table has one row per document, its
// findings listed in it (issue 17: RET00x of one inventory row were rows
// of their own); the findings themselves are all still there.
func TestFindingsByDocument(t *testing.T) {
	inv := func(row int, col string) finding.Location {
		return finding.Location{File: "inv.xlsx", Sheet: "S", Row: row, Column: col}
	}
	fs := []finding.Finding{
		{RuleID: "RET001", Severity: finding.Warning, Location: inv(7, "TOS"), Fingerprint: "a", Code: "1000", ServiceTask: "older_people", Basis: "703/2023"},
		{RuleID: "RET008", Severity: finding.Info, Location: inv(8, ""), Fingerprint: "b"},
		{RuleID: "RET002", Severity: finding.Error, Location: inv(7, "Säilytysaika"), Fingerprint: "c", Code: "1000", Basis: "254/2015"},
		{RuleID: "RET005", Severity: finding.Warning, Location: finding.Location{File: "tos.xlsx"}, Fingerprint: "d"},
		{RuleID: "RET006", Severity: finding.Warning, Location: finding.Location{File: "tos.xlsx"}, Fingerprint: "e"},
	}
	v := newFindingsView("tbl-x", fs)
	if len(v.Rows) != 4 || len(v.Shown) != len(fs) || v.More != 0 {
		t.Fatalf("%d rows, %d shown, %d more; want 4 rows (row 7 once; file-level findings alone), all shown", len(v.Rows), len(v.Shown), v.More)
	}
	r := v.Rows[0]
	if len(r.Findings) != 2 || r.Worst != finding.Error || r.Location.Column != "" ||
		strings.Join(r.Codes, ",") != "1000" || strings.Join(r.Basis, ";") != "703/2023;254/2015" {
		t.Errorf("row 7: %+v", r)
	}
	if v.Rows[1].Location.Column != "" || v.Rows[1].Findings[0].RuleID != "RET008" {
		t.Errorf("row 8: %+v", v.Rows[1])
	}

	// On the page: the retention table lists row 7 once with both.
	a := fixtureAssessment(finding.FI)
	a.Result.Findings = append(a.Result.Findings, fs[0], fs[2])
	page := renderHTML(t, a)
	sec := page[strings.Index(page, `id="tbl-retention"`):]
	sec = sec[:strings.Index(sec, "</table>")]
	if n := strings.Count(sec, "inv.xlsx, välilehti S, rivi 7"); n != 1 {
		t.Errorf("row 7 appears %d times in the retention table, want once", n)
	}
	if !strings.Contains(sec, `data-findings="2"`) || !strings.Contains(sec, `data-fingerprint="a"`) || !strings.Contains(sec, `data-fingerprint="c"`) {
		t.Errorf("row 7's findings not listed in one row:\n%s", sec)
	}
}

// TestMappingRowsCarryTheirFindings: the mapping section's findings are in
// the mapping table's rows, not a second table; when many rows have them,
// the rows name the rules only (the texts are in the files).
func TestMappingRowsCarryTheirFindings(t *testing.T) {
	for _, n := range []int{3, maxTableRows + 50} {
		var fs []finding.Finding
		a := NewAssessment(testResult("assess", finding.FI, finding.Error, nil, nil, []finding.Rule{fxRuleUnmap}), "Oy")
		for i := range n {
			loc := finding.Location{File: "inv.xlsx", Sheet: "S", Row: i + 2}
			a.Mapping = append(a.Mapping, MappingRow{Source: loc, Name: fmt.Sprintf("Asiakirja %d", i)})
			fs = append(fs, finding.New(fxRuleUnmap, finding.T(fmt.Sprintf("ei tyyppiä %d", i), "no type"), loc, strconv.Itoa(i)))
		}
		// Row 2's retention finding: named in its row, linked to its section.
		a.Result.Findings = append(fs, finding.New(fxRuleNoTOS, finding.T("ei TOS:ssa", "not in the TOS"), finding.Location{File: "inv.xlsx", Sheet: "S", Row: 2, Column: "TOS"}, "r"))
		page := renderHTML(t, a)
		if strings.Contains(page, `id="tbl-mapping-findings"`) {
			t.Errorf("%d rows: the mapping findings are a second table", n)
		}
		tbl := page[strings.Index(page, `id="tbl-mapping"`):]
		tbl = tbl[:strings.Index(tbl, "</table>")]
		if got := strings.Count(tbl, "<code>MAP001</code>"); got != n {
			t.Errorf("%d rows: %d MAP001 in the mapping table", n, got)
		}
		brief := n > maxTableRows
		if strings.Contains(tbl, "ei tyyppiä 1<") == brief || strings.Contains(page, "riveillä näkyvät vain sääntöjen tunnukset") != brief {
			t.Errorf("%d rows: messages shown %v, want %v", n, strings.Contains(tbl, "ei tyyppiä 1<"), !brief)
		}
		if got := strings.Count(tbl, `<a href="#retention">RET001</a>`); got != 1 && !brief {
			t.Errorf("%d rows: the row's retention finding is linked %d times, want once", n, got)
		}
		if strings.Contains(tbl, ` title="inv.xlsx`) {
			t.Errorf("%d rows from one file carry the file name in every row", n)
		}
	}
}

func TestClip(t *testing.T) {
	short := strings.Repeat("sana ", 50)
	if got := clip(finding.FI, short); got != short {
		t.Errorf("a short text was cut: %q", got)
	}
	long := strings.Repeat("pitkä sana, ", 200)
	got := clip(finding.FI, long)
	if n := len([]rune(got)); n > maxCellText+80 || !strings.HasSuffix(got, "(lyhennetty; koko teksti on tiedostossa report.xlsx)") || !strings.HasPrefix(long, strings.TrimSuffix(got[:strings.Index(got, " … ")], " ")) {
		t.Errorf("clip: %d runes, %q", n, got)
	}
}
