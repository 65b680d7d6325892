package tos

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
)

var update = flag.Bool("update", false, "rewrite golden files")

const helsinki = "testdata/helerm_00_00_01_02.xlsx"

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from golden file (run with -update if intended)\n--- got ---\n%s", name, got)
	}
}

func checkTallies(t *testing.T, p *Plan) {
	t.Helper()
	for _, tl := range p.Tallies {
		if !tl.Balanced() {
			t.Errorf("tally not balanced: %+v", tl)
		}
	}
}

// TestHelsinkiWorkbook: the real Helsinki TOS workbook reads without error,
// only document and attachment rows become entries, and the retention
// values come through as written (values starting "-1" permanent, as
// helerm's importer does).
func TestHelsinkiWorkbook(t *testing.T) {
	p, err := ReadFile(helsinki, sosmeta.MustDefault(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTallies(t, p)
	if len(p.Rejected) != 0 {
		t.Errorf("rejected rows: %v", p.Rejected)
	}
	if len(p.Entries) != 39 || len(p.Tallies) != 1 || p.Tallies[0].Accepted != 39 {
		t.Fatalf("entries %d, tallies %+v; want 39 document and attachment rows of one sheet", len(p.Entries), p.Tallies)
	}
	byRow := map[int]Entry{}
	for _, e := range p.Entries {
		if e.Kind != TOS {
			t.Errorf("row %d: kind %s; every row of the sample says \"Säilytetään sähköisesti\"", e.Source.Row, e.Kind)
		}
		if e.Class != "00 00 01 02" || e.Source.Sheet != " 00 00 01 02" {
			t.Errorf("row %d: class %q sheet %q", e.Source.Row, e.Class, e.Source.Sheet)
		}
		byRow[e.Source.Row] = e
	}
	cases := []struct {
		row                int
		docType, name      string
		years              int
		start              sosmeta.StartEvent
		raw, basisContains string
		attachment         bool
		phase, action      string
	}{
		{10, "merkintä", "rekisterimerkintä", 5, sosmeta.StartCaseClosed, "5", "Yleishallinto 1", false, "Neuvonta/Ohjaus", "Menettelyä koskeva neuvonta"},
		{13, "aloite", "erottamista koskeva aloite", 10, sosmeta.StartCaseClosed, "10", "Yleishallinto", false, "Vireillepano/-tulo", "Vireillepanoasiakirjan saapuminen"},
		{28, "lausunto", "lausunto", -1, "", "-1 (säilytetään pysyvästi)", "Ahjo-järjestelmän", false, "Valmistelu/Käsittely", "Asian selvittäminen"},
		{39, "liite", "esityksen liite", -1, "", "-1 (säilytetään pysyvästi)", "pysyvä säilytys", true, "Valmistelu/Käsittely", "Esityksen laatiminen toimielimelle"},
		{58, "merkintä", "pöytäkirjanote", 0, sosmeta.StartCaseClosed, "0", "Yleishallinto", false, "Tiedoksianto", "Tiedoksianto asianosaiselle"},
		{71, "muun viranomaisen ratkaisu", "muutoksenhakuviranomaisen ratkaisu", 10, sosmeta.StartCaseClosed, "10", "", false, "Muutoksenhaku", "Muutoksenhakuviranomaisen ratkaisun vastaanottaminen"},
	}
	for _, c := range cases {
		e, ok := byRow[c.row]
		if !ok {
			t.Errorf("row %d: no entry", c.row)
			continue
		}
		if e.DocumentRaw != c.docType || e.Name != c.name || !e.HasRetention || e.RetentionYears != c.years ||
			e.Start != c.start || e.RetentionRaw != c.raw || !strings.Contains(e.RetentionBasis, c.basisContains) ||
			e.Attachment != c.attachment || e.Phase != c.phase || e.Action != c.action {
			t.Errorf("row %d: got %+v", c.row, e)
		}
		if e.RetentionColumn != "2.11.1 Säilytysaika" || e.System == "" || e.Publicity != "Julkinen" {
			t.Errorf("row %d: column %q system %q publicity %q", c.row, e.RetentionColumn, e.System, e.Publicity)
		}
	}
	if e := byRow[39]; e.Parent != "esitys toimielimelle" {
		t.Errorf("attachment parent %q", e.Parent)
	}
	// Rows 2–9 (class, process, phase and action rows) are context, not entries.
	for _, r := range []int{2, 5, 6, 7, 8, 9} {
		if _, ok := byRow[r]; ok {
			t.Errorf("context row %d became an entry", r)
		}
	}
	// The administrative class maps to no social-welfare task: said once.
	if len(p.Notes) != 1 || p.Notes[0].RuleID != RuleUnknownTask.ID {
		t.Errorf("notes %v, want one TOS006", p.Notes)
	}
	b, _ := json.MarshalIndent(p, "", "  ")
	golden(t, "helsinki_plan.json", append(b, '\n'))
}

func TestReadCSVGeneric(t *testing.T) {
	p, err := ReadFile("testdata/plan_cp1252.csv", sosmeta.MustDefault(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTallies(t, p)
	tl := p.Tallies[0]
	if tl.Read != 7 || tl.Accepted != 5 || tl.Rejected != 1 || tl.Skipped != 1 {
		t.Errorf("tally %+v, want read 7 = 5 accepted + 1 rejected + 1 blank", tl)
	}
	type got struct {
		row   int
		kind  PlanKind
		code  string
		tasks string
		years int
		start sosmeta.StartEvent
		digi  string
	}
	var gs []got
	for _, e := range p.Entries {
		gs = append(gs, got{e.Source.Row, e.Kind, e.Code, strings.Join(e.ServiceTasks, ","), e.RetentionYears, e.Start, e.Digitisation})
	}
	want := []got{
		{2, TOS, "4009", "child_welfare", 2, sosmeta.StartClientDeath, ""},
		{3, TOS, "", "child_welfare", 2, sosmeta.StartClientDeath, "digitoidaan 2026"}, // class code + name, period with its anchor
		{3, AMS, "", "child_welfare", 2, sosmeta.StartClientDeath, "digitoidaan 2026"},
		{5, AMS, "", "older_people", 12, sosmeta.StartDecisionValidityEnd, "ei digitoida"},
		{6, TOS, "", "disability", 10, sosmeta.StartCaseClosed, ""}, // unknown medium: TOS, noted
		{8, TOS, "", "working_age", -1, "", ""},
	}
	if len(gs) != len(want) {
		t.Fatalf("entries %+v\nwant %+v", gs, want)
	}
	for i := range want {
		if gs[i] != want[i] {
			t.Errorf("entry %d: got %+v want %+v", i, gs[i], want[i])
		}
	}
	if e := p.Entries[1]; e.Class != "05 02 03" || e.ServiceTaskRaw != "Perhehoito" || !e.TasksInferred {
		t.Errorf("class split: %+v", e)
	}
	rules := map[string]finding.Location{}
	for _, f := range append(p.Rejected, p.Notes...) {
		rules[f.RuleID] = f.Location
		if strings.Contains(f.Message.FI, "\ufffd") {
			t.Errorf("mis-decoded text in %s", f.Message.FI)
		}
	}
	for id, col := range map[string]string{"TOS001": "Asiakirja", "TOS003": "Vastuuhenkilö", "TOS004": "Koodi", "TOS005": "Tallennusmuoto"} {
		loc, ok := rules[id]
		if !ok || loc.Column != col || loc.File != "testdata/plan_cp1252.csv" {
			t.Errorf("%s at %+v, want column %s", id, loc, col)
		}
	}
	if loc := rules["TOS001"]; loc.Row != 7 {
		t.Errorf("TOS001 row %d, want 7", loc.Row)
	}
}

func TestForcedKind(t *testing.T) {
	csv := "Asiakirja;Säilytysaika;Tallennusmuoto\nHuostaanottopäätös;2;sähköinen\n"
	p, err := ReadCSV(strings.NewReader(csv), "ams.csv", sosmeta.MustDefault(), Options{Kind: AMS})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Entries) != 1 || p.Entries[0].Kind != AMS || p.Entries[0].Code != "" {
		t.Fatalf("entries %+v", p.Entries)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, path string
		want       error
		says       string
	}{
		{"missing file", filepath.Join(dir, "nope.csv"), kartoitus.ErrUnreadable, "nope.csv"},
		{"empty", write("empty.csv", ""), kartoitus.ErrNotRecognised, "empty"},
		{"unknown headers", write("other.csv", "Nimi tuote;Hinta\nkahvi;2\n"), kartoitus.ErrNotRecognised, `"Hinta"`},
		{"header only", write("head.csv", "Asiakirja;Säilytysaika\n"), kartoitus.ErrNotRecognised, "no data rows"},
		{"blank rows only", write("blank.csv", "Asiakirja;Säilytysaika\n;\n;\n"), kartoitus.ErrNotRecognised, "no data rows"},
		{"corrupt xlsx", write("bad.xlsx", "PK\x03\x04 not really a zip"), kartoitus.ErrUnreadable, "not a readable xlsx"},
		{"old excel", write("old.xls", "\xd0\xcf\x11\xe0"), kartoitus.ErrUnreadable, ".xlsx or .csv"},
		{"csv syntax", write("q.csv", "Asiakirja;Säilytysaika\n\"a\"b\"\"\";2\n\"unterminated;3\n"), nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadFile(c.path, sosmeta.MustDefault(), Options{})
			if c.want == nil {
				return // must simply not panic
			}
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("err = %v, want %v saying %q", err, c.want, c.says)
			}
		})
	}
}

// helsinkiSocial builds a Helsinki-layout workbook for a social-welfare
// class, with the paper columns filled and some broken rows.
func helsinkiSocial(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "05 02 03"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Tehtäväluokka", "2.13 Tehtävä", "5.6 Käsittelyvaihe", "5.6 Toimenpide", "2.15 Asiakirjan tyyppi", "Asiakirjatyypin tarkenne (=asiakirjallinen tieto)",
			"Asiakirjan  liitteet (sarake jätetään tyhjäksi, jos liitteitä ei ole)", "Rekisteröinti/ Tietojärjestelmä", "2.6.1 Julkisuusluokka",
			"2.11.1 Säilytysaika", "2.11.2 Säilytysajan peruste", "Säilytysajan laskentaperuste",
			"Paperiasiakirjojen säilytysaika arkistossa = paperiasiakirjojen kokonaissäilytysaika"},
		{"05", "Sosiaalitoimi"},
		{"05 02", "Lastensuojelu ja perheiden palvelut"},
		{"05 02 03", "Perhehoito"},
		{"Asian metatiedot", "", "", "", "", "", "", "", "Salassa pidettävä", "2", "703/2023 liite", "Henkilön kuolema"},
		{"Käsittelyvaiheen metatiedot", "", "Päätöksenteko"},
		{"Toimenpiteen metatiedot", "", "", "Sijoituspäätöksen tekeminen"},
		{"Asiakirjan metatiedot", "", "", "", "päätös", "sijoituspäätös", "", "Lifecare", "Salassa pidettävä", "", "", "", "Säilytetään sähköisesti"},
		{"Asiakirjan liitteen metatiedot ", "", "", "", "liite", "", "sijoituspäätöksen liite", "Lifecare", "Salassa pidettävä", "2", "703/2023 liite", "Henkilön kuolema", "-1 (säilytetään pysyvästi)"},
		{"Asiakirjan metatiedot", "", "", "", "sopimus", "Perhehoitosopimus", "", "", "", "2", "", "asiakkaan kuolemasta", "2"},
		{"Asiakirjan metatiedot", "", "", "", "", "", "", "Lifecare"},
		{"Tuntematon rivi", "x"},
		{"", "", "", "", "muistio", "orpo rivi"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHelsinkiSocialWelfare(t *testing.T) {
	p, err := ReadXLSX(bytes.NewReader(helsinkiSocial(t)), "ls.xlsx", sosmeta.MustDefault(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTallies(t, p)
	var summary []string
	for _, e := range p.Entries {
		summary = append(summary, strings.Join([]string{
			string(e.Kind), e.Name, e.RetentionRaw, string(e.Start), strings.Join(e.ServiceTasks, ","),
			map[bool]string{true: "inferred", false: ""}[e.TasksInferred], map[bool]string{true: "process", false: ""}[e.RetentionFromProcess],
		}, "|"))
	}
	want := []string{
		"tos|sijoituspäätös|2|client_death|child_welfare|inferred|process",
		"tos|sijoituspäätöksen liite|2|client_death|child_welfare|inferred|",
		"ams|sijoituspäätöksen liite|-1 (säilytetään pysyvästi)|client_death|child_welfare|inferred|",
		"tos|Perhehoitosopimus|2|client_death|child_welfare|inferred|",
		"ams|Perhehoitosopimus|2|client_death|child_welfare|inferred|",
	}
	if strings.Join(summary, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries\n%s\nwant\n%s", strings.Join(summary, "\n"), strings.Join(want, "\n"))
	}
	var rej []string
	for _, f := range p.Rejected {
		rej = append(rej, f.RuleID+"@"+string(rune('0'+f.Location.Row/10))+string(rune('0'+f.Location.Row%10)))
	}
	if strings.Join(rej, " ") != "TOS001@11 TOS002@12 TOS002@13" {
		t.Errorf("rejected %v", rej)
	}
	tl := p.Tallies[0]
	if tl.Read != 12 || tl.Accepted != 3 || tl.Rejected != 3 || tl.Skipped != 6 {
		t.Errorf("tally %+v", tl)
	}
}

func TestSheetOption(t *testing.T) {
	data := helsinkiSocial(t)
	if _, err := ReadXLSX(bytes.NewReader(data), "ls.xlsx", sosmeta.MustDefault(), Options{Sheet: "nope"}); !errors.Is(err, kartoitus.ErrUsage) {
		t.Errorf("unknown sheet: %v", err)
	}
	if p, err := ReadXLSX(bytes.NewReader(data), "ls.xlsx", sosmeta.MustDefault(), Options{Sheet: " 05 02 03 "}); err != nil || len(p.Entries) == 0 {
		t.Errorf("named sheet: %v", err)
	}
}

func TestQuoteMasksHetu(t *testing.T) {
	got := Quote("Päätös 131052-308T asiakkaalle")
	if strings.Contains(got, "308T") {
		t.Errorf("Quote leaked a henkilötunnus: %s", got)
	}
	if long := Quote(strings.Repeat("a", 200)); len([]rune(long)) > maxQuote+3 {
		t.Errorf("Quote did not shorten: %d runes", len([]rune(long)))
	}
}

// BenchmarkReadHelsinki reads the real Helsinki TOS workbook (99 rows).
func BenchmarkReadHelsinki(b *testing.B) {
	data, err := os.ReadFile(helsinki)
	if err != nil {
		b.Fatal(err)
	}
	cat := sosmeta.MustDefault()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadXLSX(bytes.NewReader(data), helsinki, cat, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCSV reads a generated 20 000-row TOS CSV.
func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("Tehtäväluokka;Palvelutehtävä;Asiakirja;Koodi;Säilytysaika;Säilytysajan laskentaperuste;Tallennusmuoto\n")
	for i := 0; i < 20000; i++ {
		buf.WriteString("05 02 03;Lastensuojelu;Huostaanottopäätös;11023;2;asiakkaan kuolemasta;paperi ja sähköinen\n")
	}
	data := buf.Bytes()
	cat := sosmeta.MustDefault()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadCSV(bytes.NewReader(data), "b.csv", cat, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
