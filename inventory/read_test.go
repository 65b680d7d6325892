package inventory

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

var cat = sosmeta.MustDefault()

// wantRow1 is what the row-1 layout must give, raw values included.
var wantRow1 = []Document{
	{ServiceTaskRaw: "Lastensuojelu", ServiceTasks: []string{"child_welfare"}, Name: "Lastensuojeluilmoitus (Effica-lomake)",
		NationalRaw: "4009", PhaseRaw: "Vireilletulo", Phase: "initiation", Medium: MediumElectronic, MediumRaw: "sähköinen",
		System: "Lifecare", RegisterRaw: "Sosiaalihuollon asiakasrekisteri", Register: registers.Social, TOSRef: "05 02 01",
		RetentionRaw: "2", RetentionYears: 2, HasRetention: true, RetentionStart: "asiakkaan kuolema"},
	{ServiceTaskRaw: "Lastensuojelu", ServiceTasks: []string{"child_welfare"}, Name: "Lastensuojelutarpeen selvitys",
		NationalRaw: "1006", PhaseRaw: "Arviointi", Phase: "assessment", Medium: MediumBoth, MediumRaw: "molemmat",
		System: "Lifecare", RegisterRaw: "Sosiaalihuollon asiakasrekisteri", Register: registers.Social, TOSRef: "05 02 01",
		AMSRef: "AMS 3.2", RetentionRaw: "2 v", RetentionYears: 2, HasRetention: true, RetentionStart: "asiakkaan kuolema",
		Notes: "Paperiversio arkistoon"},
	{ServiceTaskRaw: "Lastensuojelu", ServiceTasks: []string{"child_welfare"}, Name: "Asiakassuunnitelma (LS)",
		NationalRaw: "Lastensuojelun asiakassuunnitelma", PhaseRaw: "Suunnittelu", Phase: "planning", Medium: MediumElectronic,
		MediumRaw: "sähköinen", System: "Lifecare", RegisterRaw: "Sosiaalihuollon asiakasrekisteri", Register: registers.Social,
		RetentionRaw: "2 vuotta", RetentionYears: 2, HasRetention: true, RetentionStart: "asiakkaan kuolema"},
	{ServiceTaskRaw: "Lastensuojelu", ServiceTasks: []string{"child_welfare"}, Name: "Kiireellinen sijoituspäätös",
		NationalRaw: "1.2.246.537.6.1506.11030", PhaseRaw: "Päätös", Phase: "decision", Medium: MediumPaper, MediumRaw: "paperi",
		RegisterRaw: "Sosiaalihuollon asiakasrekisteri", Register: registers.Social, RetentionRaw: "pysyvä", RetentionYears: -1,
		HasRetention: true, Notes: "Arkistoidaan pysyvästi"},
	{ServiceTaskRaw: "Vammaispalvelut", ServiceTasks: []string{"disability"}, Name: "Vammaispalveluhakemus",
		NationalRaw: "3013", PhaseRaw: "Vireilletulo", Phase: "initiation", Medium: MediumPaper, MediumRaw: "paperi",
		System: "Pegasos", RegisterRaw: "Sosiaalihuollon asiakasrekisteri", Register: registers.Social, TOSRef: "05 05 01",
		RetentionRaw: "10", RetentionYears: 10, HasRetention: true, RetentionStart: "asian sulkeminen"},
	{ServiceTaskRaw: "Vammaispalvelut", ServiceTasks: []string{"disability"}, Name: "Palvelusuunnitelma",
		PhaseRaw: "Suunnittelu", Phase: "planning", Medium: MediumElectronic, MediumRaw: "sähköinen", System: "Pegasos",
		RegisterRaw: "Sosiaalihuollon asiakasrekisteri", Register: registers.Social, RetentionRaw: "10 vuotta",
		RetentionYears: 10, HasRetention: true, RetentionStart: "asian sulkeminen", Notes: "Ei valtakunnallista vastinetta"},
	{ServiceTaskRaw: "Iäkkäiden palvelut", ServiceTasks: []string{"older_people"}, Name: "Palvelutarpeen arviointi (RAI)",
		NationalRaw: "1000", PhaseRaw: "Arviointi", Phase: "assessment", Medium: MediumElectronic, MediumRaw: "sähköinen",
		System: "Effica", RegisterRaw: "Sosiaalihuollon asiakasrekisteri", Register: registers.Social, RetentionRaw: "10 v",
		RetentionYears: 10, HasRetention: true, RetentionStart: "asian sulkeminen"},
	{ServiceTaskRaw: "Iäkkäiden palvelut", ServiceTasks: []string{"older_people"}, Name: "Työlista", PhaseRaw: "Toteutus",
		Phase: "implementation", Medium: MediumPaper, MediumRaw: "paperi", Notes: "Sisäinen, ei asiakirja"},
}

// docView is a document without what legitimately differs between
// layouts: where it came from and the raw spelling of coded values.
type docView struct {
	Tasks                 []string
	Name, National, Phase string
	Medium                Medium
	System                string
	Register              registers.Kind
	TOS, AMS              string
	Years                 int
	HasRetention          bool
	Start, Notes          string
}

func views(ds []Document) []docView {
	out := make([]docView, len(ds))
	for i, d := range ds {
		out[i] = docView{d.ServiceTasks, d.Name, d.NationalRaw, d.Phase, d.Medium, d.System, d.Register, d.TOSRef, d.AMSRef,
			d.RetentionYears, d.HasRetention, d.RetentionStart, d.Notes}
	}
	return out
}

func withoutSource(ds []Document) []Document {
	out := append([]Document(nil), ds...)
	for i := range out {
		out[i].Source = finding.Location{}
	}
	return out
}

func readBytes(t *testing.T, name string, data []byte, opts Options) (*Inventory, error) {
	t.Helper()
	return Read(bytes.NewReader(data), name, cat, opts)
}

func mustRead(t *testing.T, name string, data []byte, opts Options) *Inventory {
	t.Helper()
	inv, err := readBytes(t, name, data, opts)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return inv
}

var swallowedLines = regexp.MustCompile(`\((\d+) lines\)`)

// checkAccounts: every tally balances and documents plus rejected rows
// match the row counts.
func checkAccounts(t *testing.T, inv *Inventory) {
	t.Helper()
	docs, rej := 0, 0
	for _, tl := range inv.Tallies {
		if !tl.Balanced() {
			t.Errorf("tally %s does not balance: %+v", tl.Source, tl)
		}
		docs += tl.Accepted
		rej += tl.Rejected
	}
	// One INV004 finding stands for every line a stray quote swallowed.
	rejLines := 0
	for _, f := range inv.Rejected {
		n := 1
		if f.RuleID == RuleQuoteSwallowed.ID {
			if m := swallowedLines.FindStringSubmatch(f.Message.EN); m != nil {
				n, _ = strconv.Atoi(m[1])
			}
		}
		rejLines += n
	}
	if docs != len(inv.Documents) || rej != rejLines {
		t.Errorf("tallies say %d documents and %d rejected, inventory has %d and %d", docs, rej, len(inv.Documents), rejLines)
	}
}

// diffDocs reports the first differing documents only, to keep failures readable.
func diffDocs[T any](t *testing.T, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d documents, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("document %d:\n got %+v\nwant %+v", i, got[i], want[i])
			return
		}
	}
}

func TestRow1LayoutExact(t *testing.T) {
	inv := mustRead(t, "row1.xlsx", bookBytes(t, buildRow1(t)), Options{})
	diffDocs(t, withoutSource(inv.Documents), wantRow1)
	if inv.Documents[0].Source != (finding.Location{File: "row1.xlsx", Sheet: "Inventaario", Row: 2}) {
		t.Errorf("first source = %+v", inv.Documents[0].Source)
	}
	if len(inv.Rejected) != 1 {
		t.Fatalf("rejected = %d, want 1: %+v", len(inv.Rejected), inv.Rejected)
	}
	r := inv.Rejected[0]
	if r.RuleID != "INV001" || r.Location != (finding.Location{File: "row1.xlsx", Sheet: "Inventaario", Row: 8, Column: "B"}) {
		t.Errorf("rejected = %s at %+v", r.RuleID, r.Location)
	}
	if !strings.Contains(r.Message.EN, "D (Prosessin vaihe)") || !strings.Contains(r.Message.FI, "F (Tietojärjestelmä)") {
		t.Errorf("rejection does not name the columns that had values: %q", r.Message.EN)
	}
	if len(inv.Warnings) != 0 {
		t.Errorf("unexpected warnings: %+v", inv.Warnings)
	}
	want := finding.Tally{Source: "row1.xlsx:Inventaario", Read: 11, Accepted: 8, Rejected: 1, Skipped: 2}
	if len(inv.Tallies) != 1 || inv.Tallies[0] != want {
		t.Errorf("tallies = %+v, want %+v", inv.Tallies, want)
	}
}

func TestLayoutsReadTheSame(t *testing.T) {
	want := views(wantRow1)
	for _, l := range fxLayouts {
		t.Run(l.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), l.name+".xlsx")
			saveBook(t, l.build(t), path)
			inv, err := ReadFile(path, cat, Options{})
			if err != nil {
				t.Fatal(err)
			}
			diffDocs(t, views(inv.Documents), want)
			if len(inv.Rejected) != 1 || inv.Rejected[0].RuleID != "INV001" {
				t.Errorf("rejected = %+v, want the one nameless row", inv.Rejected)
			}
			for _, d := range inv.Documents {
				if d.Source.File != path || d.Source.Sheet == "" || d.Source.Row < 2 {
					t.Errorf("document %q has source %+v", d.Name, d.Source)
				}
			}
			if len(inv.Warnings) != 0 {
				t.Errorf("unexpected warnings: %+v", inv.Warnings)
			}
			checkAccounts(t, inv)
		})
	}
}

func TestLayoutDetails(t *testing.T) {
	t.Run("title block", func(t *testing.T) {
		inv := mustRead(t, "t.xlsx", bookBytes(t, buildTitleBlock(t)), Options{})
		sh := sheetNamed(t, inv, "Ohjeet")
		if sh.Status != SheetInstructions {
			t.Errorf("Ohjeet status = %s", sh.Status)
		}
		sh = sheetNamed(t, inv, "Kartoitus")
		if sh.HeaderRow != 5 || sh.HeaderRows != 1 {
			t.Errorf("header at %d (+%d rows), want row 5", sh.HeaderRow, sh.HeaderRows)
		}
		if sh.Rows.Title != 3 || sh.Rows.Instruction != 1 || sh.Rows.Blank != 2 {
			t.Errorf("row counts = %+v, want 3 title rows, 1 instruction row, 2 blank", sh.Rows)
		}
		if c := sh.Columns[6]; c.Header != "Vastuuhenkilö" || c.Recognised() {
			t.Errorf("column G = %+v, want an unrecognised Vastuuhenkilö", c)
		}
		if c := sh.Columns[0]; c.Field != FieldName || c.Via != ViaSynonym {
			t.Errorf("column A = %+v, want name by synonym", c)
		}
		// The hint row's "(valitse listasta)" must not become a document.
		for _, d := range inv.Documents {
			if strings.HasPrefix(d.Name, "(") {
				t.Errorf("hint row read as document %q", d.Name)
			}
		}
	})
	t.Run("task sheets", func(t *testing.T) {
		inv := mustRead(t, "t.xlsx", bookBytes(t, buildTaskSheets(t)), Options{})
		want := map[string]SheetStatus{"Täyttöohje": SheetInstructions, "Lastensuojelu": SheetRead,
			"Vammaispalvelut": SheetRead, "Iäkkäiden palvelut": SheetRead, "Taul1": SheetEmpty}
		for name, st := range want {
			if s := sheetNamed(t, inv, name); s.Status != st {
				t.Errorf("sheet %s status = %s, want %s", name, s.Status, st)
			}
		}
		if s := sheetNamed(t, inv, "Vammaispalvelut"); s.Task != "Vammaispalvelut" || s.TaskFrom != "sheet" {
			t.Errorf("task = %q from %q", s.Task, s.TaskFrom)
		}
		if len(inv.Tallies) != 3 {
			t.Errorf("tallies = %d, want one per read sheet", len(inv.Tallies))
		}
		if d := inv.Documents[1]; d.MediumRaw != "Paperi: x; Sähköinen: X" || d.Medium != MediumBoth {
			t.Errorf("marks gave %q / %q", d.MediumRaw, d.Medium)
		}
	})
	t.Run("merged", func(t *testing.T) {
		inv := mustRead(t, "t.xlsx", bookBytes(t, buildMerged(t)), Options{})
		sh := sheetNamed(t, inv, "Inventaario")
		if sh.HeaderRow != 3 || sh.HeaderRows != 2 {
			t.Fatalf("header at %d (+%d rows), want rows 3-4", sh.HeaderRow, sh.HeaderRows)
		}
		got := map[string]Field{}
		for _, c := range sh.Columns {
			got[c.Header] = c.Field
		}
		for h, f := range map[string]Field{"Tallennusmuoto / Paperi": FieldPaper, "Tallennusmuoto / Sähköinen": FieldElectronic,
			"Viittaukset / TOS": FieldTOS, "Säilytys / Laskentaperuste": FieldRetentionStart, "Palvelutehtävä": FieldServiceTask} {
			if got[h] != f {
				t.Errorf("column %q = %q, want %q (columns: %+v)", h, got[h], f, sh.Columns)
			}
		}
		if r := inv.Rejected[0]; r.Location.Row != 11 {
			t.Errorf("rejected row %d, want 11", r.Location.Row)
		}
	})
}

func sheetNamed(t *testing.T, inv *Inventory, name string) Sheet {
	t.Helper()
	for _, s := range inv.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %q in %+v", name, inv.Sheets)
	return Sheet{}
}

func TestCSVVariantsReadTheSame(t *testing.T) {
	for _, v := range fxCSVVariants {
		t.Run(v.name, func(t *testing.T) {
			inv := mustRead(t, "inventaario.csv", fxCSV(t, v.delim, v.enc), Options{})
			diffDocs(t, withoutSource(inv.Documents), wantRow1)
			if len(inv.Rejected) != 1 || inv.Rejected[0].Location != (finding.Location{File: "inventaario.csv", Row: 8, Column: "B"}) {
				t.Errorf("rejected = %+v", inv.Rejected)
			}
			// The encoding and delimiter are reported (issue 13).
			want := finding.Tally{Source: "inventaario.csv", Read: 11, Accepted: 8, Rejected: 1, Skipped: 2,
				Encoding: v.enc, Delimiter: string(v.delim)}
			if len(inv.Tallies) != 1 || inv.Tallies[0] != want {
				t.Errorf("tallies = %+v, want %+v", inv.Tallies, want)
			}
		})
	}
}

// TestCommittedFixtures reads the files under testdata, which the CLI
// tests and the README use, so a stale fixture fails here first.
func TestCommittedFixtures(t *testing.T) {
	want := views(wantRow1)
	files, _ := filepath.Glob(filepath.Join("testdata", "layout-*.xlsx"))
	csvs, _ := filepath.Glob(filepath.Join("testdata", "inventory-*.csv"))
	files = append(files, csvs...)
	if len(files) < 6 {
		t.Fatalf("found %d fixtures, want the 5 layouts and 2 CSVs (go test ./inventory -run TestWriteFixtures -update)", len(files))
	}
	for _, p := range files {
		inv, err := ReadFile(p, cat, Options{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !reflect.DeepEqual(views(inv.Documents), want) || len(inv.Rejected) != 1 {
			t.Errorf("%s: documents differ from the expected inventory", p)
		}
		checkAccounts(t, inv)
	}
	_, err := ReadFile(filepath.Join("testdata", "unrecognised.xlsx"), cat, Options{})
	if !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Errorf("unrecognised.xlsx: err = %v, want ErrNotRecognised", err)
	}
}

func TestNotRecognised(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		wantIn     []string
	}{
		{"contact list csv", "x.csv", []byte("Nimi;Puhelin;Sähköposti\nLiisa;040;l@x.fi\n"),
			[]string{"no inventory columns recognised", `"Nimi", "Puhelin", "Sähköposti"`, "--columns"}},
		{"empty csv", "x.csv", nil, []string{"no content"}},
		{"blank lines", "x.csv", []byte("\n\n;;\n"), []string{"no inventory columns"}},
		{"header only", "x.csv", []byte("Palvelutehtävä;Asiakirjan nimi\n"), []string{"no document rows", "header on row 1"}},
		{"header and blank rows", "x.csv", []byte("Palvelutehtävä;Asiakirjan nimi\n;\n;\n"), []string{"no document rows"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, err := readBytes(t, tt.file, tt.data, Options{})
			if !errors.Is(err, kartoitus.ErrNotRecognised) {
				t.Fatalf("err = %v, want ErrNotRecognised", err)
			}
			for _, w := range tt.wantIn {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if inv == nil || len(inv.Sheets) == 0 {
				t.Errorf("inventory with sheet info should come back with the error")
			}
		})
	}
	t.Run("workbook", func(t *testing.T) {
		f := newBook(t, "Taul1")
		setRow(t, f, "Taul1", 1, []any{"Nimi", "Puhelin"})
		if _, err := f.NewSheet("Ohjeet"); err != nil {
			t.Fatal(err)
		}
		setRow(t, f, "Ohjeet", 1, []any{"Palvelutehtävä", "Asiakirjan nimi"})
		if _, err := f.NewSheet("Tyhjä"); err != nil {
			t.Fatal(err)
		}
		_, err := readBytes(t, "w.xlsx", bookBytes(t, f), Options{})
		if !errors.Is(err, kartoitus.ErrNotRecognised) {
			t.Fatalf("err = %v", err)
		}
		for _, w := range []string{`sheet "Taul1" row 1: "Nimi", "Puhelin"`, `sheet "Ohjeet" skipped as instructions`, `sheet "Tyhjä" empty`} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not contain %q", err, w)
			}
		}
	})
}

func TestUnreadable(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"a.xlsx", []byte("not a zip"), "not an xlsx workbook"},
		{"a.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, "Excel 97-2003"},
		{"a.csv", []byte("PK\x03\x04garbage"), "not a readable xlsx"},
		{"a.ods", []byte("x"), "OpenDocument"},
	}
	for _, tt := range tests {
		_, err := readBytes(t, tt.name, tt.data, Options{})
		if !errors.Is(err, kartoitus.ErrUnreadable) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want ErrUnreadable mentioning %q", tt.name, err, tt.want)
		}
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.xlsx"), cat, Options{}); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("missing file: err = %v", err)
	}
	if _, err := ReadFile(t.TempDir(), cat, Options{}); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("directory: err = %v", err)
	}
}

func TestRowHandling(t *testing.T) {
	const head = "Palvelutehtävä;Asiakirjan nimi;Prosessin vaihe;Tallennusmuoto;Rekisteri;Säilytysaika\n"
	tests := []struct {
		name      string
		body      string
		wantDocs  []string // names
		wantTasks [][]string
		wantRules []string // warning rule IDs in order
		wantRows  RowCounts
	}{
		{"section heading gives the task", "Lastensuojelu;;;;;\n;Ls-ilmoitus;;;;\n;Sijoituspäätös;;;;\nVammaispalvelut;;;;;\n;Hakemus;;;;\n",
			[]string{"Ls-ilmoitus", "Sijoituspäätös", "Hakemus"},
			[][]string{{"child_welfare"}, {"child_welfare"}, {"disability"}}, nil,
			RowCounts{Documents: 3, Section: 2, Header: 1}},
		{"several tasks in one cell", "Lastensuojelu, Perheoikeudelliset palvelut;Yhteinen lausunto;;;;\n",
			[]string{"Yhteinen lausunto"}, [][]string{{"child_welfare", "family_law"}}, nil,
			RowCounts{Documents: 1, Header: 1}},
		{"legacy task name", "Aikuissosiaalityö;Toimeentulotukipäätös;;;;\n",
			[]string{"Toimeentulotukipäätös"}, [][]string{{"working_age"}}, nil, RowCounts{Documents: 1, Header: 1}},
		{"unknown values warn once per value", "Sosiaalipäivystys;A;Jokin vaihe;nauha;Arkisto;asiakkuuden ajan\nSosiaalipäivystys;B;Jokin vaihe;;;\n",
			[]string{"A", "B"}, [][]string{nil, nil}, []string{"INV010", "INV011", "INV012", "INV014", "INV013"},
			RowCounts{Documents: 2, Header: 1}},
		{"repeated header is skipped", "Lastensuojelu;A;;;;\nPalvelutehtävä;Asiakirjan nimi;Prosessin vaihe;Tallennusmuoto;Rekisteri;Säilytysaika\nLastensuojelu;B;;;;\n",
			[]string{"A", "B"}, [][]string{{"child_welfare"}, {"child_welfare"}}, nil,
			RowCounts{Documents: 2, Header: 1, RepeatedHeader: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := mustRead(t, "x.csv", []byte(head+tt.body), Options{})
			var names []string
			var tasks [][]string
			for _, d := range inv.Documents {
				names = append(names, d.Name)
				tasks = append(tasks, d.ServiceTasks)
			}
			if !reflect.DeepEqual(names, tt.wantDocs) || !reflect.DeepEqual(tasks, tt.wantTasks) {
				t.Errorf("documents %q tasks %v, want %q %v", names, tasks, tt.wantDocs, tt.wantTasks)
			}
			var rules []string
			for _, w := range inv.Warnings {
				rules = append(rules, w.RuleID)
			}
			if !reflect.DeepEqual(rules, tt.wantRules) {
				t.Errorf("warnings %v, want %v (%+v)", rules, tt.wantRules, inv.Warnings)
			}
			if got := inv.Sheets[0].Rows; got != tt.wantRows {
				t.Errorf("rows %+v, want %+v", got, tt.wantRows)
			}
			checkAccounts(t, inv)
		})
	}
	t.Run("warning counts rows", func(t *testing.T) {
		inv := mustRead(t, "x.csv", []byte(head+"Sosiaalipäivystys;A;;;;\nSosiaalipäivystys;B;;;;\nSOSIAALIPÄIVYSTYS;C;;;;\n"), Options{})
		if len(inv.Warnings) != 1 || !strings.Contains(inv.Warnings[0].Message.EN, "(3 rows)") || inv.Warnings[0].Location.Row != 2 {
			t.Errorf("warnings = %+v", inv.Warnings)
		}
	})
	t.Run("national type without name", func(t *testing.T) {
		inv := mustRead(t, "x.csv", []byte("Palvelutehtävä;Valtakunnallinen asiakirjatyyppi\nLastensuojelu;4009\n"), Options{})
		if len(inv.Documents) != 1 || inv.Documents[0].NationalRaw != "4009" || inv.Documents[0].Name != "" {
			t.Errorf("documents = %+v", inv.Documents)
		}
	})
}

func TestNoNameColumnRejectsEveryRow(t *testing.T) {
	inv := mustRead(t, "x.csv", []byte("Palvelutehtävä;Prosessin vaihe\nLastensuojelu;Päätös\nVammaispalvelut;Arviointi\n"), Options{})
	if len(inv.Documents) != 0 || len(inv.Rejected) != 2 {
		t.Fatalf("documents %d rejected %d, want 0 and 2", len(inv.Documents), len(inv.Rejected))
	}
	if !strings.Contains(inv.Rejected[0].Message.EN, "no document name or national document type column") {
		t.Errorf("message = %q", inv.Rejected[0].Message.EN)
	}
	if inv.Rejected[0].Fingerprint == inv.Rejected[1].Fingerprint {
		t.Errorf("different rows share a fingerprint")
	}
}

func TestRejectedFingerprintIgnoresRowNumber(t *testing.T) {
	a := mustRead(t, "x.csv", []byte("Palvelutehtävä;Asiakirjan nimi;Järjestelmä\nLastensuojelu;;Lifecare\n"), Options{})
	b := mustRead(t, "x.csv", []byte("Palvelutehtävä;Asiakirjan nimi;Järjestelmä\nLastensuojelu;A;\n\nLastensuojelu;;Lifecare\n"), Options{})
	if len(a.Rejected) != 1 || len(b.Rejected) != 1 {
		t.Fatalf("rejected %d and %d", len(a.Rejected), len(b.Rejected))
	}
	if a.Rejected[0].Location.Row == b.Rejected[0].Location.Row || a.Rejected[0].Fingerprint != b.Rejected[0].Fingerprint {
		t.Errorf("fingerprints %s vs %s (rows %d, %d)", a.Rejected[0].Fingerprint, b.Rejected[0].Fingerprint,
			a.Rejected[0].Location.Row, b.Rejected[0].Location.Row)
	}
}

func TestHetuMasked(t *testing.T) {
	data := []byte("Palvelutehtävä;Asiakirjan nimi;Huomautukset\nLastensuojelu;Päätös;esim. 131052-308T, ks. 010101A123N\n;;131052-308T\n")
	inv := mustRead(t, "x.csv", data, Options{})
	if got := inv.Documents[0].Notes; got != "esim. [henkilötunnus], ks. [henkilötunnus]" {
		t.Errorf("notes = %q", got)
	}
	if len(inv.Warnings) != 1 || inv.Warnings[0].RuleID != "INV015" || !strings.Contains(inv.Warnings[0].Message.EN, "2 cells") {
		t.Errorf("warnings = %+v", inv.Warnings)
	}
	for _, f := range append(inv.Rejected, inv.Warnings...) {
		if strings.Contains(f.Message.FI+f.Message.EN, "308T") {
			t.Errorf("finding leaks the identity code: %+v", f)
		}
	}
}

func TestDuplicateColumns(t *testing.T) {
	data := []byte("Asiakirjan nimi;Tietojärjestelmä;Järjestelmä;Huomautukset;Lisätietoja\nA;Effica;;n1;n2\nB;;Pegasos;;n3\n")
	inv := mustRead(t, "x.csv", data, Options{})
	if inv.Documents[0].System != "Effica" || inv.Documents[1].System != "Pegasos" {
		t.Errorf("systems = %q, %q", inv.Documents[0].System, inv.Documents[1].System)
	}
	if inv.Documents[0].Notes != "n1; n2" || inv.Documents[1].Notes != "n3" {
		t.Errorf("notes = %q, %q (notes columns are joined)", inv.Documents[0].Notes, inv.Documents[1].Notes)
	}
	if len(inv.Warnings) != 1 || inv.Warnings[0].RuleID != "INV003" || inv.Warnings[0].Location.Column != "C" {
		t.Errorf("warnings = %+v", inv.Warnings)
	}
	if !inv.Sheets[0].Columns[2].Duplicate || inv.Sheets[0].Columns[4].Duplicate {
		t.Errorf("duplicate flags = %+v", inv.Sheets[0].Columns)
	}
}

func TestTitleTask(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Palvelutehtävä: Lastensuojelu", "child_welfare"},
		{"Palvelutehtävä;Iäkkäiden palvelut", "older_people"},
		{"Vammaispalvelut", "disability"},
	}
	for _, tt := range tests {
		data := []byte("Nykytilan kartoitus\n" + tt.title + "\n\nAsiakirjan nimi;Prosessin vaihe\nA;Päätös\n")
		inv := mustRead(t, "x.csv", data, Options{})
		if got := inv.Documents[0].Task(); got != tt.want {
			t.Errorf("%q: task = %q, want %q", tt.title, got, tt.want)
		}
		if inv.Sheets[0].TaskFrom != "title" {
			t.Errorf("%q: task from %q", tt.title, inv.Sheets[0].TaskFrom)
		}
	}
	inv := mustRead(t, "lastensuojelu.csv", []byte("Asiakirjan nimi;Prosessin vaihe\nA;Päätös\n"), Options{})
	if inv.Documents[0].Task() != "child_welfare" || inv.Sheets[0].TaskFrom != "sheet" {
		t.Errorf("file name task: %q from %q", inv.Documents[0].Task(), inv.Sheets[0].TaskFrom)
	}
}

func TestMappingFile(t *testing.T) {
	data := []byte("Dokumentti;Yksikkö;Ohjelma;Vastuuhenkilö\nHakemus;Lastensuojelu;Lifecare;Liisa\n")
	if _, err := readBytes(t, "x.csv", data, Options{}); !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Fatalf("without a mapping: err = %v, want ErrNotRecognised", err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"map.yaml": "columns:\n  Dokumentti: name\n  \"YKSIKKÖ\": service_task\n  Ohjelma: Tietojärjestelmä\n  Vastuuhenkilö: ignore\n  Puuttuva: notes\n",
		"map.json": `{"Dokumentti": "name", "Yksikkö": "service_task", "Ohjelma": "system", "Vastuuhenkilö": "ignore", "Puuttuva": "notes"}`,
		"map.csv":  "otsikko;kenttä\nDokumentti;name\nYksikkö;service_task\nOhjelma;system\nVastuuhenkilö;ignore\nPuuttuva;notes\n",
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := LoadMapping(p)
			if err != nil {
				t.Fatal(err)
			}
			inv := mustRead(t, "x.csv", data, Options{Mapping: m})
			d := inv.Documents[0]
			if d.Name != "Hakemus" || d.Task() != "child_welfare" || d.System != "Lifecare" {
				t.Errorf("document = %+v", d)
			}
			cols := inv.Sheets[0].Columns
			if cols[0].Via != ViaMapping || cols[3].Field != FieldIgnore {
				t.Errorf("columns = %+v", cols)
			}
			if u := m.Unused(); !reflect.DeepEqual(u, []string{"Puuttuva"}) {
				t.Errorf("unused = %v", u)
			}
		})
	}
	bad := map[string]string{
		"bad-field.yaml": "Dokumentti: nimi_x\n",
		"list.yaml":      "- Dokumentti\n",
		"empty.yaml":     "",
		"twice.yaml":     "Dokumentti: name\ndokumentti: system\n",
		"bad.csv":        "foo;bar\nDokumentti;name\n",
	}
	for name, content := range bad {
		if _, err := ParseMapping(name, []byte(content)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSheetFilter(t *testing.T) {
	data := bookBytes(t, buildTaskSheets(t))
	inv := mustRead(t, "t.xlsx", data, Options{Sheets: []string{"lastensuojelu"}})
	if len(inv.Documents) != 4 {
		t.Errorf("documents = %d, want the 4 of Lastensuojelu", len(inv.Documents))
	}
	if s := sheetNamed(t, inv, "Vammaispalvelut"); s.Status != SheetFiltered {
		t.Errorf("Vammaispalvelut status = %s", s.Status)
	}
	if _, err := readBytes(t, "t.xlsx", data, Options{Sheets: []string{"Perheoikeus"}}); !errors.Is(err, kartoitus.ErrUsage) {
		t.Errorf("unknown sheet: err = %v, want ErrUsage", err)
	}
}

func TestReadFilesMerges(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	os.WriteFile(a, []byte("Palvelutehtävä;Asiakirjan nimi\nLastensuojelu;A\n"), 0o644)
	os.WriteFile(b, []byte("Palvelutehtävä;Asiakirjan nimi\nVammaispalvelut;B\n;\n"), 0o644)
	inv, err := ReadFiles([]string{a, b}, cat, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Documents) != 2 || len(inv.Tallies) != 2 || len(inv.Sheets) != 2 {
		t.Errorf("merged inventory: %d documents, %d tallies, %d sheets", len(inv.Documents), len(inv.Tallies), len(inv.Sheets))
	}
	// A file with nothing recognised does not hide the others.
	c := filepath.Join(dir, "c.csv")
	os.WriteFile(c, []byte("Nimi;Puhelin\nLiisa;040\n"), 0o644)
	inv, err = ReadFiles([]string{c, a, b}, cat, Options{})
	if !errors.Is(err, kartoitus.ErrNotRecognised) || len(inv.Documents) != 2 || len(inv.Sheets) != 3 {
		t.Errorf("err = %v, %d documents, %d sheets", err, len(inv.Documents), len(inv.Sheets))
	}
	if _, err := ReadFiles([]string{a, filepath.Join(dir, "missing.csv"), b}, cat, Options{}); !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestContentDecidesFormat(t *testing.T) {
	data := bookBytes(t, buildRow1(t))
	inv := mustRead(t, "exported.csv", data, Options{})
	if len(inv.Documents) != len(fxDocs) {
		t.Errorf("a workbook named .csv gave %d documents", len(inv.Documents))
	}
}

func TestTwoRowHeaderCSV(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		headerRows int
		docs       int
		medium     Medium
	}{
		// As Excel exports a merged group: the group text once, blanks after.
		{"grouped", "Asiakirjan nimi;Tallennusmuoto;;Vaihe\n;Paperi;Sähköinen;\nHakemus;x;x;Päätös\n", 2, 1, MediumBoth},
		// A data row under a one-row header must not be taken for sub-headers.
		{"data row with header words", "Asiakirjan nimi;Tallennusmuoto;\nHakemus;paperi;sähköinen\nPäätös;sähköinen;\n", 1, 2, MediumPaper},
		{"plain", "Asiakirjan nimi;Paperi;Sähköinen\nHakemus;x;\n", 1, 1, MediumPaper},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := mustRead(t, "x.csv", []byte(tt.data), Options{})
			if s := inv.Sheets[0]; s.HeaderRows != tt.headerRows {
				t.Errorf("header rows = %d, want %d (%+v)", s.HeaderRows, tt.headerRows, s.Columns)
			}
			if len(inv.Documents) != tt.docs || inv.Documents[0].Medium != tt.medium {
				t.Errorf("documents = %+v", inv.Documents)
			}
		})
	}
}

func TestCSVLineNumbers(t *testing.T) {
	// A quoted header cell with a line break: rows are located by the line
	// they start on, as an editor shows them.
	inv := mustRead(t, "x.csv", []byte("\"Asiakirjan\nnimi\";Vaihe\n\nHakemus;Päätös\n;Päätös\n"), Options{})
	if len(inv.Documents) != 1 || inv.Documents[0].Source.Row != 4 || inv.Documents[0].Name != "Hakemus" {
		t.Errorf("documents = %+v", inv.Documents)
	}
	if len(inv.Rejected) != 1 || inv.Rejected[0].Location.Row != 5 {
		t.Errorf("rejected = %+v", inv.Rejected)
	}
	if s := inv.Sheets[0]; s.HeaderRow != 1 || s.HeaderRows != 1 || s.Columns[0].Header != "Asiakirjan nimi" {
		t.Errorf("sheet = %+v", s)
	}
}

func TestChartSheetReadsAsEmpty(t *testing.T) {
	f := buildRow1(t)
	chart := &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{
		{Name: "Inventaario!$A$1", Categories: "Inventaario!$B$2:$B$4", Values: "Inventaario!$J$2:$J$4"}}}
	if err := f.AddChartSheet("Kaavio", chart); err != nil {
		t.Fatal(err)
	}
	inv := mustRead(t, "c.xlsx", bookBytes(t, f), Options{})
	if len(inv.Documents) != len(fxDocs) || sheetNamed(t, inv, "Kaavio").Status != SheetEmpty {
		t.Errorf("%d documents; chart sheet %+v", len(inv.Documents), sheetNamed(t, inv, "Kaavio"))
	}
}

// TestBasisAndController: the basis and controller columns are read by
// their Finnish, Swedish and English headers; the basis words of every
// kind parse, an unknown one is INV016.
func TestBasisAndController(t *testing.T) {
	for _, tt := range []struct {
		header, value string
		want          registers.Basis
	}{
		{"Käsittelyperuste", "Ostopalvelu", registers.BasisPurchased},
		{"Järjestämistapa", "palveluseteli", registers.BasisVoucher},
		{"Behandlingsgrund", "köpt tjänst", registers.BasisPurchased},
		{"Processing basis", "self-paying", registers.BasisSelfPaying},
		{"Käsittelyperuste", "Kela-hankinta", registers.BasisKela},
		{"Käsittelyperuste", "alihankinta", registers.BasisSubcontract},
		{"Käsittelyperuste", "oma tuotanto", registers.BasisOwn},
		{"Käsittelyperuste", "vakuutusyhtiö", registers.BasisUnknown},
	} {
		in := "Palvelutehtävä;Asiakirjan nimi;" + tt.header + ";Rekisterinpitäjä\nIäkkäiden palvelut;Iäkkäiden palvelupäätös;" + tt.value + ";Järvimaan hyvinvointialue\n"
		inv, err := readBytes(t, "inv.csv", []byte(in), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.header, err)
		}
		d := inv.Documents[0]
		if d.Basis != tt.want || d.BasisRaw != tt.value || d.Controller != "Järvimaan hyvinvointialue" {
			t.Errorf("%s %q: basis %v raw %q controller %q", tt.header, tt.value, d.Basis, d.BasisRaw, d.Controller)
		}
		warned := false
		for _, w := range inv.Warnings {
			warned = warned || w.RuleID == "INV016"
		}
		if warned != (tt.want == registers.BasisUnknown) {
			t.Errorf("%q: INV016 = %v", tt.value, warned)
		}
	}
}
