package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/sosmeta"
)

const inventoryUsage = `inventory <subcommand> [flags] FILE...

Reads inventory workbooks (.xlsx) or CSV files (UTF-8 or Windows-1252; ';', ',' or tab).
Columns are found by their headers in Finnish, Swedish or English, anywhere in the
first 30 rows of each sheet.

Subcommands:
  columns FILE...   show how each sheet and column was understood, and where every row went
  read FILE...      list the documents, rejected rows and warnings (--json: everything)

Flags:
  --columns FILE    column mapping for headers no synonym catches: YAML/JSON
                    ("header text: field") or CSV (header,field); field is one of
                    service_task, name, national, phase, medium, paper, electronic, system,
                    register, tos, ams, retention, retention_start, notes, or ignore
  --sheet NAMES     read only these sheets (comma-separated)
  --lang fi|en      language of the output (default fi)
  --catalog, --overlay  the catalogue, as in 'kartoitus catalog'
  read only: --json, --fail-on error|warning|info|never, --format NAME[=FILE] (repeatable), -o FILE

Exit codes: 0 read; 1 (read) findings at or above --fail-on, such as rejected rows;
2 unreadable file or usage error; 3 no inventory columns or no rows recognised.`

func runInventory(e env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: kartoitus "+inventoryUsage)
		return usageErr("inventory: no subcommand (columns or read)")
	}
	sub, args := e.args[0], e.args[1:]
	switch sub {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(e.stdout, "Usage: kartoitus "+inventoryUsage)
		return nil
	case "columns", "cols":
		return inventoryColumns(e, args)
	case "read":
		return inventoryRead(e, args)
	}
	return usageErr("inventory: unknown subcommand %q (want columns or read)", sub)
}

// inventoryFlags are shared by the inventory subcommands.
type inventoryFlags struct {
	cf      catalogueFlags
	columns string
	sheets  string
	lang    string
}

func (f *inventoryFlags) register(fs *flag.FlagSet) {
	f.cf.register(fs)
	fs.StringVar(&f.columns, "columns", "", "column mapping `file` (YAML, JSON or CSV): header text → field")
	fs.StringVar(&f.sheets, "sheet", "", "read only these `sheets` (comma-separated names)")
	fs.StringVar(&f.lang, "lang", "fi", "output language: fi or en")
}

// load parses the common flags and reads the files.
func (f *inventoryFlags) load(files []string) (*inventory.Inventory, *inventory.Mapping, *sosmeta.Catalogue, finding.Lang, error) {
	lang, err := finding.ParseLang(f.lang)
	if err != nil {
		return nil, nil, nil, "", usageErr("--lang: %v", err)
	}
	if len(files) == 0 {
		return nil, nil, nil, "", usageErr("inventory: give one or more inventory files")
	}
	cat, err := f.cf.load()
	if err != nil {
		return nil, nil, nil, "", err
	}
	var opts inventory.Options
	if f.columns != "" {
		m, err := inventory.LoadMapping(f.columns)
		if err != nil {
			return nil, nil, nil, "", unreadable(err)
		}
		opts.Mapping = m
	}
	for _, s := range strings.Split(f.sheets, ",") {
		if s = strings.TrimSpace(s); s != "" {
			opts.Sheets = append(opts.Sheets, s)
		}
	}
	inv, err := inventory.ReadFiles(files, cat, opts)
	return inv, opts.Mapping, cat, lang, err
}

func inventoryColumns(e env, args []string) error {
	var f inventoryFlags
	fs := newFlags(e, "inventory columns", "inventory columns [--columns MAPFILE] [--sheet NAMES] [--lang fi|en] FILE...")
	f.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	inv, m, _, lang, err := f.load(fs.Args())
	if inv == nil || (err != nil && !errors.Is(err, kartoitus.ErrNotRecognised)) {
		return err
	}
	// Not recognised still shows what was seen, then exits 3.
	if werr := writeInventoryColumns(e.stdout, inv, m, lang); werr != nil {
		return werr
	}
	return err
}

func writeInventoryColumns(w io.Writer, inv *inventory.Inventory, m *inventory.Mapping, lang finding.Lang) error {
	tr := func(fi, en string) string {
		if lang == finding.EN {
			return en
		}
		return fi
	}
	unrecognised := 0
	file := ""
	for _, s := range inv.Sheets {
		if s.File != file {
			if file != "" {
				fmt.Fprintln(w)
			}
			file = s.File
			fmt.Fprintln(w, file)
		}
		label := tr("CSV-tiedosto", "CSV file")
		if s.Name != "" {
			label = fmt.Sprintf(tr("Taulukko %q", "Sheet %q"), s.Name)
		}
		switch s.Status {
		case inventory.SheetInstructions:
			fmt.Fprintf(w, "  %s: %s\n", label, tr("ohitettu (ohje- tai koodistotaulukko)", "skipped (instructions or value lists)"))
			continue
		case inventory.SheetFiltered:
			fmt.Fprintf(w, "  %s: %s\n", label, tr("ohitettu (ei --sheet-valinnassa)", "skipped (not selected with --sheet)"))
			continue
		case inventory.SheetEmpty:
			fmt.Fprintf(w, "  %s: %s\n", label, tr("tyhjä", "empty"))
			continue
		case inventory.SheetNoHeader:
			fmt.Fprintf(w, "  %s: %s\n", label, fmt.Sprintf(tr("ei tunnistettua otsikkoriviä; rivillä %d: %s", "no recognised header row; row %d holds: %s"),
				s.SeenRow, invQuoteCells(s.Seen)))
			fmt.Fprintf(w, "    %s\n", invRowSummary(s, lang))
			continue
		}
		head := fmt.Sprintf(tr("otsikkorivi %d", "header row %d"), s.HeaderRow)
		if s.HeaderRows > 1 {
			head = fmt.Sprintf(tr("otsikkorivit %d–%d", "header rows %d–%d"), s.HeaderRow, s.HeaderRow+s.HeaderRows-1)
		}
		if s.Task != "" {
			from := tr("taulukon nimestä", "from the sheet name")
			if s.TaskFrom == "title" {
				from = tr("otsikkotekstistä", "from the title rows")
			}
			head += fmt.Sprintf(tr("; palvelutehtävä %q %s riveille, joilla sitä ei ole", "; service task %q %s for rows without one"), s.Task, from)
		}
		fmt.Fprintf(w, "  %s: %s\n", label, head)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, tr("    SARAKE\tOTSIKKO\tTIETO", "    COLUMN\tHEADER\tFIELD"))
		for _, c := range s.Columns {
			if c.Header == "" {
				continue
			}
			fmt.Fprintf(tw, "    %s\t%s\t%s\n", c.Letter, invOneLine(c.Header), invColumnField(c, tr))
			if !c.Recognised() {
				unrecognised++
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "    %s\n", invRowSummary(s, lang))
	}
	var sheetWarnings []finding.Finding
	for _, f := range inv.Warnings {
		if f.RuleID == inventory.RuleSheetNotRead.ID || f.RuleID == inventory.RuleDuplicateColumn.ID {
			sheetWarnings = append(sheetWarnings, f)
		}
	}
	if len(sheetWarnings) > 0 {
		fmt.Fprintln(w)
		for _, f := range sheetWarnings {
			fmt.Fprintf(w, "%s %s: %s\n", f.RuleID, f.Location, f.Message.In(lang))
		}
	}
	if u := m.Unused(); len(u) > 0 {
		fmt.Fprintf(w, "\n%s %s\n", tr("Vastaavuustiedoston otsikot, joita ei löytynyt:", "Mapping entries that matched no column:"), invQuoteCells(u))
	}
	docs, rej := 0, 0
	for _, t := range inv.Tallies {
		docs += t.Accepted
		rej += t.Rejected
	}
	fmt.Fprintf(w, "\n%s\n", fmt.Sprintf(tr("Yhteensä %s, %s, %s (katso kartoitus inventory read).",
		"Total %s, %s, %s (see kartoitus inventory read)."),
		count(lang, docs, "asiakirja", "asiakirjaa", "document", "documents"),
		count(lang, rej, "hylätty rivi", "hylättyä riviä", "rejected row", "rejected rows"),
		count(lang, len(inv.Warnings), "varoitus", "varoitusta", "warning", "warnings")))
	if unrecognised > 0 {
		fmt.Fprintln(w, tr("Tunnistamattomat sarakkeet luetaan vastaavuustiedostolla: --columns FILE, jossa rivi \"otsikko: kenttä\" (esim. \"Järj.: system\" tai \"Vastuuhenkilö: ignore\").",
			"Map unrecognised columns with --columns FILE, one \"header: field\" line each (such as \"Järj.: system\" or \"Vastuuhenkilö: ignore\")."))
	}
	return nil
}

func invColumnField(c inventory.Column, tr func(string, string) string) string {
	if !c.Recognised() {
		return tr("-- ei tunnistettu", "-- unrecognised")
	}
	lang := "fi"
	if tr("fi", "en") == "en" {
		lang = "en"
	}
	s := string(c.Field) + " (" + c.Field.Label(lang) + ")"
	switch c.Via {
	case inventory.ViaMapping:
		s += tr(" [vastaavuustiedosto]", " [mapping]")
	case inventory.ViaPrefix:
		s += tr(" [alkuosasta]", " [by prefix]")
	}
	if c.Duplicate {
		s += tr(" – kaksoissarake: luetaan vain, kun ensimmäinen on tyhjä", " – duplicate: read only when the first is empty")
	}
	return s
}

func invRowSummary(s inventory.Sheet, l finding.Lang) string {
	r := s.Rows
	var parts []string
	add := func(n int, fiOne, fiMany, enOne, enMany string) {
		if n > 0 {
			parts = append(parts, count(l, n, fiOne, fiMany, enOne, enMany))
		}
	}
	add(r.Title, "otsikkoteksti", "otsikkotekstiä", "title", "titles")
	add(r.Header, "otsikkorivi", "otsikkoriviä", "header", "headers")
	add(r.Instruction, "ohjerivi", "ohjeriviä", "hint", "hints")
	add(r.Section, "väliotsikko", "väliotsikkoa", "section heading", "section headings")
	add(r.RepeatedHeader, "toistettu otsikkorivi", "toistettua otsikkoriviä", "repeated header", "repeated headers")
	add(r.Blank, "tyhjä", "tyhjää", "blank", "blank")
	add(r.NotRead, "lukematon", "lukematonta", "not read", "not read")
	skipped := ""
	if len(parts) > 0 {
		skipped = " (" + strings.Join(parts, ", ") + ")"
	}
	t := s.Tally
	return fmt.Sprintf(tr(l, "Rivit: %d luettu = %s + %s + %s%s", "Rows: %d read = %s + %s + %s%s"), t.Read,
		count(l, t.Accepted, "asiakirja", "asiakirjaa", "document", "documents"),
		count(l, t.Rejected, "hylätty", "hylättyä", "rejected", "rejected"),
		count(l, t.Skipped, "ohitettu", "ohitettua", "skipped", "skipped"), skipped)
}

func inventoryRead(e env, args []string) error {
	var f inventoryFlags
	var of outputFlags
	var asJSON bool
	fs := newFlags(e, "inventory read", "inventory read [--json] [--columns MAPFILE] [--sheet NAMES] [--lang fi|en] [--fail-on SEVERITY] [--format NAME[=FILE]]... [-o FILE] FILE...")
	f.register(fs)
	of.register(fs, "table")
	fs.BoolVar(&asJSON, "json", false, "the table format writes the whole inventory (documents, rejected rows, warnings, tallies, sheets) as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := of.parse(e)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("inventory: give one or more inventory files")
	}
	cat, err := f.cf.load()
	if err != nil {
		return err
	}
	cfg := p.config(cat)
	cfg.Inventories, cfg.Columns, cfg.Sheets = fs.Args(), f.columns, splitList(f.sheets)
	res, err := assess.Run(e.ctx, cfg, assess.Inventory)
	if err != nil {
		return err
	}
	inv, lang := res.Inventory, p.lang
	// The table format is the document list and the findings table (or,
	// with --json, the whole inventory); the others are findings reports.
	table := func(name string) func(io.Writer) error {
		if name != "table" {
			return nil
		}
		return func(w io.Writer) error {
			r := res.Report("inventory read", lang)
			if asJSON {
				return writeJSON(w, inventoryJSON{Schema: "kartoitus.inventory/v1", Inventory: inv, Summary: r.Summary})
			}
			if err := writeInventoryDocuments(w, inv, cat, lang, fs.NArg() > 1); err != nil {
				return err
			}
			return report.Table{}.Write(w, r)
		}
	}
	return of.emitWith(e, p, "inventory read", res, table)
}

// inventoryJSON is the --json document: the inventory plus the findings
// summary the exit code was decided on.
type inventoryJSON struct {
	Schema string `json:"schema"`
	*inventory.Inventory
	Summary report.Summary `json:"summary"`
}

func writeInventoryDocuments(w io.Writer, inv *inventory.Inventory, cat *sosmeta.Catalogue, lang finding.Lang, manyFiles bool) error {
	tr := func(fi, en string) string {
		if lang == finding.EN {
			return en
		}
		return fi
	}
	fmt.Fprintf(w, tr("ASIAKIRJAT (%d)\n", "DOCUMENTS (%d)\n"), len(inv.Documents))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, tr("SIJAINTI\tPALVELUTEHTÄVÄ\tASIAKIRJA\tVALTAKUNNALLINEN\tVAIHE\tMUOTO\tJÄRJESTELMÄ\tREKISTERI\tSÄILYTYS",
		"LOCATION\tSERVICE TASK\tDOCUMENT\tNATIONAL\tPHASE\tMEDIUM\tSYSTEM\tREGISTER\tRETENTION"))
	for _, d := range inv.Documents {
		loc := strconv.Itoa(d.Source.Row)
		if d.Source.Sheet != "" {
			loc = d.Source.Sheet + ":" + loc
		}
		if manyFiles {
			loc = filepath.Base(d.Source.File) + ":" + loc
		}
		task := strings.Join(d.ServiceTasks, ",")
		if task == "" && d.ServiceTaskRaw != "" {
			task = d.ServiceTaskRaw + " (?)"
		}
		phase := d.Phase
		if phase == "" && d.PhaseRaw != "" {
			phase = d.PhaseRaw + " (?)"
		}
		national := d.NationalRaw
		if t := cat.Resolve(d.NationalRaw); t != nil {
			national = t.Code
		}
		medium, register := string(d.Medium), string(d.Register)
		if lang != finding.EN {
			// Finnish tables name the values; the IDs are the English
			// table's and the JSON's.
			if len(d.ServiceTasks) > 0 {
				names := make([]string, 0, len(d.ServiceTasks))
				for _, id := range d.ServiceTasks {
					if st := cat.Task(id); st != nil {
						id = st.FI
					}
					names = append(names, id)
				}
				task = strings.Join(names, ", ")
			}
			if p := cat.Phase(d.Phase); p != nil {
				phase = p.FI
			}
			if medium != "" {
				medium = report.EnumName(lang, "medium", medium)
			}
			if register != "" {
				register = invClip(report.EnumName(lang, "register", register), 32)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", loc, task, invClip(d.Name, 40), invClip(national, 30), phase,
			medium, invClip(d.System, 20), register, invRetention(d, tr))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return nil
}

func invRetention(d inventory.Document, tr func(string, string) string) string {
	switch {
	case !d.HasRetention && d.RetentionRaw != "":
		return invClip(d.RetentionRaw, 16) + " (?)"
	case !d.HasRetention:
		return ""
	case d.RetentionYears == sosmeta.Permanent:
		return tr("pysyvä", "permanent")
	}
	return fmt.Sprintf(tr("%d v", "%d y"), d.RetentionYears)
}

func invClip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func invOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func invQuoteCells(xs []string) string {
	var parts []string
	for i, x := range xs {
		if i == 12 {
			parts = append(parts, fmt.Sprintf("… (+%d)", len(xs)-12))
			break
		}
		parts = append(parts, strconv.Quote(invClip(invOneLine(x), 60)))
	}
	return strings.Join(parts, ", ")
}
