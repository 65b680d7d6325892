package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus/analyzer/coverage"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/fi"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/sosmeta"
)

const mapUsage = `map --inventory FILE [flags]

Maps every inventory document to a national Sosmeta document type and
shows what the organisation has, lacks and has extra per service task and
process phase, with the inventory-level register checks.

Matching, in order of trust: --accepted mappings; a code, OID or national
name in the row; the exact or normalised name; synonyms and abbreviations;
a fuzzy match. At or above --threshold a match is asserted; below it the
top candidates are offered (MAP002).

Workshop loop: --write-accepted FILE writes every distinct name and task
with the best guess (code filled at or above the threshold, candidates
below it). Edit the code column ("-" = not a national document; a blank
code = not decided yet) and pass the file back with --accepted FILE.
Writing over the --accepted file keeps every earlier decision.

--view findings (default) writes the findings report (--format table,
json, csv or junit); mappings lists each document's match; coverage the
service task × phase summary (both: --format table, json or csv). The
exit code follows the findings whatever the view.`

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}

func runMap(e env) error {
	var cf catalogueFlags
	var of outputFlags
	var inventories stringList
	var accepted, writeAccepted, view, columns, sheets string
	var threshold float64
	var allTasks bool
	fs := newFlags(e, "map", mapUsage)
	cf.register(fs)
	of.register(fs, "table")
	fs.Var(&inventories, "inventory", "inventory `file` (.xlsx or .csv); repeat for several, or give them as arguments")
	var prof string
	fs.StringVar(&prof, "profile", "", "organisation profile `file` (YAML): whose register each document is")
	fs.StringVar(&accepted, "accepted", "", "accepted-mappings `file` (CSV, or XLSX with name and code columns) from a workshop")
	fs.StringVar(&writeAccepted, "write-accepted", "", "write the accepted-mappings template with the current best guesses to `file`")
	fs.Float64Var(&threshold, "threshold", mapping.DefaultThreshold, "confidence at or above which a match is asserted (0 < X ≤ 1)")
	fs.StringVar(&view, "view", "findings", "what to write: findings, mappings or coverage")
	fs.BoolVar(&allTasks, "all-tasks", false, "coverage: include service tasks the inventory has no documents for")
	fs.StringVar(&columns, "columns", "", "inventory column-mapping `file` (YAML/CSV: header → field) for headers no synonym catches")
	fs.StringVar(&sheets, "sheet", "", "read only these workbook sheets (comma-separated `names`)")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	inventories = append(inventories, fs.Args()...)
	if len(inventories) == 0 {
		return usageErr("map: give an inventory with --inventory FILE")
	}
	if !(threshold > 0 && threshold <= 1) {
		return usageErr("map: --threshold must be above 0 and at most 1, not %v", threshold)
	}
	p, err := of.parse(e)
	if err != nil {
		return err
	}
	var viewOut target
	switch view {
	case "findings":
	case "mappings", "coverage":
		if viewOut, err = p.single("map --view " + view); err != nil {
			return err
		}
		switch viewOut.format.Name {
		case "table", "json", "csv":
		default:
			return usageErr("map: --view %s writes table, json or csv, not %q", view, viewOut.format.Name)
		}
	default:
		return usageErr("map: --view must be findings, mappings or coverage, not %q", view)
	}
	if writeAccepted == "-" {
		return usageErr("map: --write-accepted needs a file name (standard output carries the report)")
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	cfg := p.config(cat)
	cfg.Inventories, cfg.Columns, cfg.Sheets = inventories, columns, splitList(sheets)
	cfg.Accepted, cfg.Threshold, cfg.AllTasks = accepted, threshold, allTasks
	cfg.Profile = prof
	res, err := assess.Run(e.ctx, cfg, assess.Mapping|assess.Coverage|assess.Registers)
	if err != nil {
		return err
	}
	if writeAccepted != "" {
		rows := mapping.TemplateRows(cat, res.Inventory.Documents, res.Mapping, res.Accepted)
		if err := e.writeTo(writeAccepted, func(w io.Writer) error { return mapping.WriteAcceptedIn(w, rows, p.lang, p.csv) }); err != nil {
			return internalErr(fmt.Errorf("map: --write-accepted: %w", err))
		}
		e.notef(tr(p.lang, "kartoitus: %s kirjoitettiin tiedostoon %s: täydennä tai korjaa koodisarake ja aja sitten valinnalla --accepted %s\n",
			"kartoitus: wrote %s to %s: fill in or correct the code column, then run with --accepted %s\n"),
			count(p.lang, len(rows), "rivi", "riviä", "row", "rows"), writeAccepted, writeAccepted)
	}
	if view == "findings" {
		return of.emit(e, p, "map", res)
	}
	v := mapView{cat: cat, docs: res.Inventory.Documents, mr: res.Mapping, cr: res.Coverage, lang: p.lang, csv: p.csv}
	write := func(w io.Writer) error {
		if view == "mappings" {
			return v.writeMappings(w, viewOut.format.Name)
		}
		return v.writeCoverage(w, viewOut.format.Name)
	}
	if err := e.writeTo(viewOut.path, write); err != nil {
		return internalErr(err)
	}
	return res.Verdict()
}

// mapView renders the mappings and coverage views.
type mapView struct {
	cat  *sosmeta.Catalogue
	docs []inventory.Document
	mr   *mapping.Result
	cr   *coverage.Result
	lang finding.Lang
	csv  textio.Dialect
}

// csvHeader is a view's CSV header: canonical in the rfc4180 dialect,
// else in the report language (fi as given, en the canonical names).
func (v mapView) csvHeader(canonical, fi []string) []string {
	if v.csv.Canonical() || v.lang == finding.EN {
		return canonical
	}
	return fi
}

// MappingRow is one document in the mappings view (JSON and CSV).
type MappingRow struct {
	Doc        int                 `json:"doc"`
	Source     finding.Location    `json:"source"`
	Name       string              `json:"name"`
	Task       string              `json:"task,omitempty"`
	Key        string              `json:"key,omitempty"`
	National   string              `json:"national_name,omitempty"`
	Method     mapping.Method      `json:"method"`
	Confidence float64             `json:"confidence"`
	Field      string              `json:"field,omitempty"`
	Candidates []mapping.Candidate `json:"candidates,omitempty"`
}

func (v mapView) rows() []MappingRow {
	out := make([]MappingRow, 0, len(v.mr.Matches))
	for _, m := range v.mr.Matches {
		d := &v.docs[m.Doc]
		row := MappingRow{Doc: m.Doc, Source: d.Source, Name: d.Name, Task: m.Task, Key: m.Key,
			Method: m.Method, Confidence: m.Confidence, Field: m.Field, Candidates: m.Candidates}
		if d.Task() != "" {
			row.Task = d.Task()
		}
		if dt := v.cat.ByKey(m.Key); dt != nil {
			row.National = dt.NameFI
		}
		out = append(out, row)
	}
	return out
}

func (v mapView) taskName(id string) string {
	if t := v.cat.Task(id); t != nil {
		return t.Name(string(v.lang))
	}
	if id == "" {
		return v.text("(ei palvelutehtävää)", "(no service task)")
	}
	return id
}

func (v mapView) phaseName(id string) string {
	if p := v.cat.Phase(id); p != nil {
		return p.Name(string(v.lang))
	}
	return v.text("(ei vaihetta)", "(no phase)")
}

func (v mapView) text(fi, en string) string {
	return finding.T(fi, en).In(v.lang)
}

// candidateKeys lists candidates with their confidence; num writes the
// number (a decimal comma in the Finnish table, a point in CSV).
func candidateKeys(cs []mapping.Candidate, skipFirst bool, num func(float64) string) string {
	var parts []string
	for i, c := range cs {
		if i == 0 && skipFirst {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", c.Key, num(c.Confidence)))
	}
	return strings.Join(parts, ", ")
}

func pointDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// num writes a confidence or threshold in the view's language.
func (v mapView) num(x float64) string {
	if v.lang == finding.EN {
		return pointDecimal(x)
	}
	return fi.DecimalFixed(x, 2)
}

func (v mapView) writeMappings(w io.Writer, format string) error {
	rows := v.rows()
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Schema    string       `json:"schema"`
			Threshold float64      `json:"threshold"`
			Accepted  string       `json:"accepted,omitempty"`
			Documents []MappingRow `json:"documents"`
		}{"kartoitus.mappings/v1", v.mr.Threshold, v.mr.Accepted, rows})
	case "csv":
		cw, err := v.csv.Writer(w)
		if err != nil {
			return err
		}
		cw.Write(v.csvHeader([]string{"file", "sheet", "row", "name", "service_task", "code", "national_name", "method", "confidence", "field", "candidates"},
			[]string{"Tiedosto", "Välilehti", "Rivi", "Asiakirjan nimi", "Palvelutehtävä", "Koodi", "Kansallinen nimi", "Menetelmä", "Varmuus", "Kenttä", "Ehdokkaat"}))
		for _, r := range rows {
			cw.Write([]string{r.Source.File, r.Source.Sheet, itoaRow(r.Source.Row), r.Name, r.Task, r.Key, r.National,
				string(r.Method), strconv.FormatFloat(r.Confidence, 'f', 3, 64), r.Field, candidateKeys(r.Candidates, r.Key != "", pointDecimal)})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, v.text("RIVI\tASIAKIRJA\tPALVELUTEHTÄVÄ\tKOODI\tVALTAKUNNALLINEN NIMI\tMENETELMÄ\tVARMUUS\tEHDOKKAAT",
		"ROW\tDOCUMENT\tSERVICE TASK\tCODE\tNATIONAL NAME\tMETHOD\tCONFIDENCE\tCANDIDATES"))
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rowRef(r.Source), clip(r.Name, 48), v.taskName(r.Task),
			dash(r.Key), clip(r.National, 56), report.EnumName(v.lang, "method", string(r.Method)), v.num(r.Confidence), candidateKeys(r.Candidates, r.Key != "", v.num))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	mapped, accepted := 0, 0
	for _, r := range rows {
		if r.Key != "" {
			mapped++
		}
		if r.Method == mapping.MethodAccepted {
			accepted++
		}
	}
	_, err := fmt.Fprintf(w, v.text("\n%d/%d asiakirjaa kohdistettu (kynnys %s, hyväksyttyjä %d); ehdokkaat tarjotaan kynnyksen alittaville.\n",
		"\n%d/%d documents mapped (threshold %s, accepted %d); candidates are offered below the threshold.\n"),
		mapped, len(rows), v.num(v.mr.Threshold), accepted)
	return err
}

func (v mapView) writeCoverage(w io.Writer, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Schema string `json:"schema"`
			*coverage.Result
		}{"kartoitus.coverage/v1", v.cr})
	case "csv":
		cw, err := v.csv.Writer(w)
		if err != nil {
			return err
		}
		cw.Write(v.csvHeader([]string{"service_task", "phase", "present", "missing", "extra", "undecided", "misphased", "duplicates", "wrong_task", "present_codes", "missing_codes"},
			[]string{"Palvelutehtävä", "Vaihe", "Löytyy", "Puuttuu", "Ylimääräiset", "Ratkaisematta", "Eri vaihe", "Päällekkäiset", "Väärä tehtävä", "Löytyvät koodit", "Puuttuvat koodit"}))
		for _, t := range v.cr.Tasks {
			for _, c := range t.Cells {
				if empty(c) {
					continue
				}
				var pk []string
				for _, p := range c.Present {
					pk = append(pk, p.Key)
				}
				cw.Write([]string{t.Task, c.Phase, strconv.Itoa(len(c.Present)), strconv.Itoa(len(c.Missing)), strconv.Itoa(len(c.Extra)),
					strconv.Itoa(len(c.Undecided)), strconv.Itoa(len(c.Misphased)), strconv.Itoa(len(c.Duplicates)), strconv.Itoa(len(c.WrongTask)),
					strings.Join(pk, " "), strings.Join(c.Missing, " ")})
			}
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, v.text("PALVELUTEHTÄVÄ\tVAIHE\tON\tPUUTTUU\tYLIMÄÄRÄISET\tRATKAISEMATTA\tERI VAIHE\tPÄÄLLEKKÄISET\tVÄÄRÄ TEHTÄVÄ\tPUUTTUVAT KOODIT",
		"SERVICE TASK\tPHASE\tPRESENT\tMISSING\tEXTRA\tUNDECIDED\tMISPHASED\tDUPLICATES\tWRONG TASK\tMISSING CODES"))
	for _, t := range v.cr.Tasks {
		for _, c := range t.Cells {
			if empty(c) {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", v.taskName(t.Task), v.phaseName(c.Phase),
				len(c.Present), len(c.Missing), len(c.Extra), len(c.Undecided), len(c.Misphased), len(c.Duplicates), len(c.WrongTask),
				clip(strings.Join(c.Missing, " "), 60))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", v.taskName(t.Task), v.text("YHTEENSÄ", "TOTAL"),
			t.Totals.Present, t.Totals.Missing, t.Totals.Extra, t.Totals.Undecided, t.Totals.Misphased, t.Totals.Duplicates, t.Totals.WrongTask,
			v.text(fmt.Sprintf("%d/%d tehtäväkohtaista tyyppiä", t.Totals.Covered, t.Totals.Expected),
				fmt.Sprintf("%d/%d task-specific types", t.Totals.Covered, t.Totals.Expected)))
	}
	return tw.Flush()
}

func empty(c coverage.Cell) bool {
	return len(c.Present)+len(c.Missing)+len(c.Extra)+len(c.Misphased)+len(c.Duplicates)+len(c.WrongTask) == 0
}

func rowRef(l finding.Location) string {
	s := filepath.Base(l.File)
	if l.Sheet != "" {
		s += ":" + l.Sheet
	}
	if l.Row > 0 {
		s += ":" + strconv.Itoa(l.Row)
	}
	return s
}

func itoaRow(r int) string {
	if r == 0 {
		return ""
	}
	return strconv.Itoa(r)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens s to n runes for the console table.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
