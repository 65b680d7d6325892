package inventory

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// update rewrites the committed fixtures: go test ./inventory -update
var update = flag.Bool("update", false, "rewrite golden files")

// fxDoc is one document of the fictional organisation's inventory, as the
// Finnish layouts write it. sv holds the Swedish layout's values.
type fxDoc struct {
	task, name, national, phase, medium, system, register, tos, ams, retention, start, notes string
	// nationalNumber writes the code as a number cell rather than text.
	nationalNumber bool
	sv             fxSwedish
}

type fxSwedish struct{ task, phase, medium, register, retention string }

// fxDocs is the inventory every layout holds. Names deviate from Sosmeta
// as real ones do; codes come as numbers, as "1006.0" text, as a name and
// as an OID; two documents have no national counterpart.
var fxDocs = []fxDoc{
	{task: "Lastensuojelu", name: "Lastensuojeluilmoitus (Effica-lomake)", national: "4009", nationalNumber: true,
		phase: "Vireilletulo", medium: "sähköinen", system: "Lifecare", register: "Sosiaalihuollon asiakasrekisteri",
		tos: "05 02 01", retention: "2", start: "asiakkaan kuolema",
		sv: fxSwedish{"Barnskydd", "Inledande", "elektronisk", "Socialvårdens klientregister", "2"}},
	{task: "Lastensuojelu", name: "Lastensuojelutarpeen selvitys", national: "1006.0",
		phase: "Arviointi", medium: "molemmat", system: "Lifecare", register: "Sosiaalihuollon asiakasrekisteri",
		tos: "05 02 01", ams: "AMS 3.2", retention: "2 v", start: "asiakkaan kuolema", notes: "Paperiversio arkistoon",
		sv: fxSwedish{"Barnskydd", "Bedömning", "båda", "Socialvårdens klientregister", "2 år"}},
	{task: "Lastensuojelu", name: "Asiakassuunnitelma (LS)", national: "Lastensuojelun asiakassuunnitelma",
		phase: "Suunnittelu", medium: "sähköinen", system: "Lifecare", register: "Sosiaalihuollon asiakasrekisteri",
		retention: "2 vuotta", start: "asiakkaan kuolema",
		sv: fxSwedish{"Barnskydd", "Planering", "elektronisk", "Socialvårdens klientregister", "2 år"}},
	{task: "Lastensuojelu", name: "Kiireellinen sijoituspäätös", national: "1.2.246.537.6.1506.11030",
		phase: "Päätös", medium: "paperi", register: "Sosiaalihuollon asiakasrekisteri",
		retention: "pysyvä", notes: "Arkistoidaan pysyvästi",
		sv: fxSwedish{"Barnskydd", "Beslut", "papper", "Socialvårdens klientregister", "varaktigt"}},
	{task: "Vammaispalvelut", name: "Vammaispalveluhakemus", national: "3013", nationalNumber: true,
		phase: "Vireilletulo", medium: "paperi", system: "Pegasos", register: "Sosiaalihuollon asiakasrekisteri",
		tos: "05 05 01", retention: "10", start: "asian sulkeminen",
		sv: fxSwedish{"Service för personer med funktionsnedsättning", "Inledande", "papper", "Socialvårdens klientregister", "10"}},
	{task: "Vammaispalvelut", name: "Palvelusuunnitelma",
		phase: "Suunnittelu", medium: "sähköinen", system: "Pegasos", register: "Sosiaalihuollon asiakasrekisteri",
		retention: "10 vuotta", start: "asian sulkeminen", notes: "Ei valtakunnallista vastinetta",
		sv: fxSwedish{"Service för personer med funktionsnedsättning", "Planering", "elektronisk", "Socialvårdens klientregister", "10 år"}},
	{task: "Iäkkäiden palvelut", name: "Palvelutarpeen arviointi (RAI)", national: "1000", nationalNumber: true,
		phase: "Arviointi", medium: "sähköinen", system: "Effica", register: "Sosiaalihuollon asiakasrekisteri",
		retention: "10 v", start: "asian sulkeminen",
		sv: fxSwedish{"Tjänster för äldre", "Bedömning", "elektronisk", "Socialvårdens klientregister", "10 år"}},
	{task: "Iäkkäiden palvelut", name: "Työlista", phase: "Toteutus", medium: "paperi", notes: "Sisäinen, ei asiakirja",
		sv: fxSwedish{"Tjänster för äldre", "Genomförande", "papper", "", ""}},
}

// fxRejectAfter is the index of the document after which every layout has
// a row with data but no document name: it must be rejected, not dropped.
const fxRejectAfter = 4

// fxBlankAfter is where every layout has a blank row.
const fxBlankAfter = 3

// fxLayout builds one workbook layout.
type fxLayout struct {
	name  string // fixture file stem
	about string
	build func(t testing.TB) *excelize.File
}

var fxLayouts = []fxLayout{
	{"layout-row1", "one sheet, header on row 1, medium column, codes as numbers", buildRow1},
	{"layout-title-block", "instructions sheet, title block, header on row 5, numbered and wrapped headers, a hint row", buildTitleBlock},
	{"layout-task-sheets", "one sheet per service task, paper/electronic x-mark columns, an empty sheet", buildTaskSheets},
	{"layout-swedish", "Swedish headers and values, header on row 2", buildSwedish},
	{"layout-merged", "merged title, two-row header with merged groups, service task merged down each block", buildMerged},
}

// fiRow is a document in the Finnish layouts' canonical column order.
func fiRow(d fxDoc) []any {
	return []any{d.task, d.name, national(d), d.phase, d.medium, d.system, d.register, d.tos, d.ams, d.retention, d.start, d.notes}
}

func national(d fxDoc) any {
	if d.nationalNumber {
		var n int
		fmt.Sscan(d.national, &n)
		return n
	}
	return d.national
}

var fxRejectRowFI = []any{"Vammaispalvelut", "", "", "Päätös", "", "Pegasos", "", "", "", "", "", ""}

func newBook(t testing.TB, first string) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		t.Fatal(err)
	}
	return f
}

func setRow(t testing.TB, f *excelize.File, sheet string, row int, vals []any) {
	t.Helper()
	cell, _ := excelize.CoordinatesToCellName(1, row)
	if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
		t.Fatal(err)
	}
}

func merge(t testing.TB, f *excelize.File, sheet, a, b string) {
	t.Helper()
	if err := f.MergeCell(sheet, a, b); err != nil {
		t.Fatal(err)
	}
}

// writeDocs writes the documents (with the blank and rejected rows) from
// row, through conv, and returns the next free row.
func writeDocs(t testing.TB, f *excelize.File, sheet string, row int, docs []fxDoc, conv func(fxDoc) []any, reject []any) int {
	for i, d := range docs {
		setRow(t, f, sheet, row, conv(d))
		row++
		if i == fxBlankAfter {
			row++
		}
		if i == fxRejectAfter && reject != nil {
			setRow(t, f, sheet, row, reject)
			row++
		}
	}
	return row
}

func buildRow1(t testing.TB) *excelize.File {
	f := newBook(t, "Inventaario")
	setRow(t, f, "Inventaario", 1, []any{"Palvelutehtävä", "Asiakirjan nimi", "Valtakunnallinen asiakirjatyyppi",
		"Prosessin vaihe", "Paperinen/sähköinen", "Tietojärjestelmä", "Rekisteri", "TOS", "AMS", "Säilytysaika",
		"Säilytysajan laskentaperuste", "Huomautukset"})
	writeDocs(t, f, "Inventaario", 2, fxDocs, fiRow, fxRejectRowFI)
	return f
}

func buildTitleBlock(t testing.TB) *excelize.File {
	f := newBook(t, "Ohjeet")
	// Guidance that names the columns must not be taken for a header.
	setRow(t, f, "Ohjeet", 1, []any{"Nykytilan kartoituksen täyttöohje"})
	setRow(t, f, "Ohjeet", 3, []any{"Palvelutehtävä", "Asiakirjan nimi", "Prosessin vaihe"})
	setRow(t, f, "Ohjeet", 4, []any{"Valitse listasta", "Nimi organisaatiossa", "Valitse listasta"})
	const s = "Kartoitus"
	if _, err := f.NewSheet(s); err != nil {
		t.Fatal(err)
	}
	setRow(t, f, s, 1, []any{"Sosiaalihuollon asiakasasiakirjojen nykytilan kartoitus"})
	setRow(t, f, s, 2, []any{"Organisaatio:", "Esimerkkilän kaupunki"})
	setRow(t, f, s, 3, []any{"Täytetty 12.4.2017"})
	// Different order, numbering, a line break, parentheses, an extra column.
	setRow(t, f, s, 5, []any{"Asiakirjan\nnimi (organisaatiossa)", "2.13 Palvelutehtävä", "Vastaava asiakirjarakenne (Sosmeta)",
		"Käsittelyvaihe", "Tallennusmuoto", "Rekisteröinti/ Tietojärjestelmä", "Vastuuhenkilö", "Rekisteri", "TOS-viite",
		"AMS-viite", "2.11.1 Säilytysaika (vuotta)", "2.11.3 Säilytysajan laskentaperuste", "Lisätietoja"})
	setRow(t, f, s, 6, []any{"(paikallinen nimi)", "(valitse listasta)", "(nimi, koodi tai OID)", "(valitse listasta)"})
	conv := func(d fxDoc) []any {
		return []any{d.name, d.task, d.national, d.phase, d.medium, d.system, "", d.register, d.tos, d.ams, d.retention, d.start, d.notes}
	}
	writeDocs(t, f, s, 7, fxDocs, conv, []any{"", "Vammaispalvelut", "", "Päätös", "", "Pegasos", "Liisa Virtanen"})
	f.SetActiveSheet(1)
	return f
}

func buildTaskSheets(t testing.TB) *excelize.File {
	f := newBook(t, "Täyttöohje")
	setRow(t, f, "Täyttöohje", 1, []any{"Merkitse x sarakkeeseen Paperi tai Sähköinen"})
	head := []any{"Asiakirja", "Asiakirjatyyppi", "Vaihe", "Paperi", "Sähköinen", "Järjestelmä", "Rekisteri", "TOS", "AMS",
		"Säilytysaika", "Laskentaperuste", "Huomautukset"}
	mark := func(on bool, s string) string {
		if on {
			return s
		}
		return ""
	}
	conv := func(d fxDoc) []any {
		m, _ := parseMedium(d.medium)
		return []any{d.name, national(d), d.phase, mark(m.Paper(), "x"), mark(m.Electronic(), "X"), d.system, d.register,
			d.tos, d.ams, d.retention, d.start, d.notes}
	}
	for _, task := range []string{"Lastensuojelu", "Vammaispalvelut", "Iäkkäiden palvelut"} {
		if _, err := f.NewSheet(task); err != nil {
			t.Fatal(err)
		}
		setRow(t, f, task, 1, head)
		var docs []fxDoc
		for _, d := range fxDocs {
			if d.task == task {
				docs = append(docs, d)
			}
		}
		row := 2
		for i, d := range docs {
			setRow(t, f, task, row, conv(d))
			row++
			if task == "Lastensuojelu" && i == len(docs)-1 {
				row++ // the blank row
			}
			if task == "Vammaispalvelut" && i == 0 {
				setRow(t, f, task, row, []any{"", "", "Päätös", "", "", "Pegasos"})
				row++
			}
		}
	}
	if _, err := f.NewSheet("Taul1"); err != nil {
		t.Fatal(err)
	}
	return f
}

func buildSwedish(t testing.TB) *excelize.File {
	const s = "Inventering"
	f := newBook(t, s)
	setRow(t, f, s, 1, []any{"Kartläggning av nuläget – klienthandlingar"})
	setRow(t, f, s, 2, []any{"Serviceuppgift", "Handlingens namn", "Nationell handlingstyp", "Fas", "Lagringsform",
		"Informationssystem", "Register", "Informationsstyrningsplan", "Arkivbildningsplan", "Bevaringstid",
		"Bevaringstidens beräkningsgrund", "Anmärkningar"})
	conv := func(d fxDoc) []any {
		return []any{d.sv.task, d.name, national(d), d.sv.phase, d.sv.medium, d.system, d.sv.register, d.tos, d.ams,
			d.sv.retention, d.start, d.notes}
	}
	writeDocs(t, f, s, 3, fxDocs, conv, []any{"Service för personer med funktionsnedsättning", "", "", "Beslut", "", "Pegasos"})
	return f
}

func buildMerged(t testing.TB) *excelize.File {
	const s = "Inventaario"
	f := newBook(t, s)
	setRow(t, f, s, 1, []any{"Asiakirjainventaario 2025"})
	merge(t, f, s, "A1", "M1")
	setRow(t, f, s, 3, []any{"Palvelutehtävä", "Asiakirjan nimi", "Valtakunnallinen asiakirjatyyppi", "Prosessin vaihe",
		"Tallennusmuoto", "", "Tietojärjestelmä", "Rekisteri", "Viittaukset", "", "Säilytys", "", "Huomautukset"})
	setRow(t, f, s, 4, []any{"", "", "", "", "Paperi", "Sähköinen", "", "", "TOS", "AMS", "Säilytysaika", "Laskentaperuste"})
	for _, c := range []string{"A", "B", "C", "D", "G", "H", "M"} {
		merge(t, f, s, c+"3", c+"4")
	}
	merge(t, f, s, "E3", "F3")
	merge(t, f, s, "I3", "J3")
	merge(t, f, s, "K3", "L3")
	conv := func(d fxDoc) []any {
		m, _ := parseMedium(d.medium)
		mk := func(b bool) string {
			if b {
				return "x"
			}
			return ""
		}
		return []any{d.task, d.name, national(d), d.phase, mk(m.Paper()), mk(m.Electronic()), d.system, d.register,
			d.tos, d.ams, d.retention, d.start, d.notes}
	}
	// Blocks per task, the task written once and merged down the block.
	row := 5
	for _, task := range []string{"Lastensuojelu", "Vammaispalvelut", "Iäkkäiden palvelut"} {
		start := row
		var n int
		for _, d := range fxDocs {
			if d.task != task {
				continue
			}
			vals := conv(d)
			if row != start {
				vals[0] = ""
			}
			setRow(t, f, s, row, vals)
			row++
			n++
			if task == "Vammaispalvelut" && n == 1 {
				setRow(t, f, s, row, []any{"", "", "", "Päätös", "", "", "Pegasos"})
				row++
			}
		}
		merge(t, f, s, fmt.Sprintf("A%d", start), fmt.Sprintf("A%d", row-1))
		if task == "Lastensuojelu" {
			row++ // blank row between blocks
		}
	}
	return f
}

// fxCSV writes the row-1 layout as CSV bytes.
func fxCSV(t testing.TB, delim rune, enc string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = delim
	rec := func(vals []any) {
		out := make([]string, len(vals))
		for i, v := range vals {
			out[i] = fmt.Sprint(v)
		}
		if err := w.Write(out); err != nil {
			t.Fatal(err)
		}
	}
	rec([]any{"Palvelutehtävä", "Asiakirjan nimi", "Valtakunnallinen asiakirjatyyppi", "Prosessin vaihe",
		"Paperinen/sähköinen", "Tietojärjestelmä", "Rekisteri", "TOS", "AMS", "Säilytysaika",
		"Säilytysajan laskentaperuste", "Huomautukset"})
	for i, d := range fxDocs {
		rec(fiRow(d))
		if i == fxBlankAfter {
			rec([]any{"", "", "", "", "", "", "", "", "", "", "", ""})
		}
		if i == fxRejectAfter {
			rec(fxRejectRowFI)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	switch enc {
	case "utf-8":
		return buf.Bytes()
	case "utf-8-bom":
		return append([]byte("\xef\xbb\xbf"), buf.Bytes()...)
	case "windows-1252":
		out, err := charmap.Windows1252.NewEncoder().Bytes(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	t.Fatalf("unknown encoding %s", enc)
	return nil
}

// fxCSVVariants are the encodings and delimiters Finnish offices produce.
var fxCSVVariants = []struct {
	name  string
	delim rune
	enc   string
}{
	{"utf8-comma", ',', "utf-8"},
	{"utf8bom-semicolon", ';', "utf-8-bom"},
	{"cp1252-semicolon", ';', "windows-1252"},
	{"utf8-tab", '\t', "utf-8"},
	{"utf8bom-tab", '\t', "utf-8-bom"},
	{"cp1252-tab", '\t', "windows-1252"},
	{"cp1252-comma", ',', "windows-1252"},
}

func saveBook(t testing.TB, f *excelize.File, path string) {
	t.Helper()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	// excelize creates files executable; fixtures are plain data.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func bookBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriteFixtures refreshes inventory/testdata with -update. The
// committed files are what the CLI tests and users try the reader on.
func TestWriteFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata fixtures")
	}
	for _, l := range fxLayouts {
		saveBook(t, l.build(t), filepath.Join("testdata", l.name+".xlsx"))
	}
	for _, v := range []struct{ name, enc string }{{"inventory-utf8-comma.csv", "utf-8"}, {"inventory-cp1252-semicolon.csv", "windows-1252"}} {
		delim := ','
		if strings.Contains(v.name, "semicolon") {
			delim = ';'
		}
		if err := os.WriteFile(filepath.Join("testdata", v.name), fxCSV(t, delim, v.enc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A workbook with nothing to recognise: exit code 3 in the CLI tests.
	f := newBook(t, "Taul1")
	setRow(t, f, "Taul1", 1, []any{"Nimi", "Puhelin", "Sähköposti"})
	setRow(t, f, "Taul1", 2, []any{"Liisa Virtanen", "040 123 4567", "liisa@example.fi"})
	setRow(t, f, "Taul1", 3, []any{"Matti Meikäläinen", "050 765 4321", "matti@example.fi"})
	saveBook(t, f, filepath.Join("testdata", "unrecognised.xlsx"))
}
