package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
	"github.com/kartoitus/kartoitus/stategraph"
)

const graphUsage = `graph --inventory FILE [flags]

Draws, for each service task in the inventory, what the organisation does
now against the national Sosmeta target:

  <task>-current.svg     the organisation's documents in the phases it gave,
                         coloured by register, with system and national code
  <task>-target.svg      the national process phases in order with the
                         task's national document types in their phases
  <task>-comparison.svg  both at once: matched, in another phase, missing
                         (model moves) and only in the current state (log moves)
  overview.svg           service tasks × systems × registers; red where
                         registers mix

and prints the conformance figures per task: fitness = share of the task's
national document types present, missing, mis-phased and extra documents.
Documents are mapped to national types as 'kartoitus map' does (use
--accepted for the workshop's confirmed mappings).

Rendering is built in (Graphviz compiled to WebAssembly): no Graphviz
installation is needed. --format dot writes the DOT sources instead.`

func runGraph(e env) error {
	var cf catalogueFlags
	var inventories stringList
	var out, format, task, lang, accepted, columns, sheets string
	var threshold float64
	var asJSON bool
	fs := newFlags(e, "graph", graphUsage)
	cf.register(fs)
	fs.Var(&inventories, "inventory", "inventory `file` (.xlsx or .csv); repeat for several, or give them as arguments")
	fs.StringVar(&out, "out", "graphs", "write the pictures into `dir` (created if missing)")
	fs.StringVar(&out, "o", "graphs", "write the pictures into `dir`: -o is --out")
	fs.StringVar(&format, "format", "svg", "picture format: svg, png or dot")
	fs.StringVar(&task, "task", "", "draw only this service task (ID, code or name), even one the inventory lacks")
	fs.StringVar(&lang, "lang", "fi", "language of titles, phases and legends: fi or en")
	fs.StringVar(&accepted, "accepted", "", "accepted-mappings `file` (CSV) from a workshop")
	var prof string
	fs.StringVar(&prof, "profile", "", "organisation profile `file` (YAML): a producer's target leaves out what only the authority writes")
	fs.Float64Var(&threshold, "threshold", mapping.DefaultThreshold, "mapping confidence at or above which a match is asserted (0 < X ≤ 1)")
	fs.StringVar(&columns, "columns", "", "inventory column-mapping `file` (YAML/CSV: header → field) for headers no synonym catches")
	fs.StringVar(&sheets, "sheet", "", "read only these workbook sheets (comma-separated `names`)")
	fs.BoolVar(&asJSON, "json", false, "print the conformance figures as JSON instead of a table")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	inventories = append(inventories, fs.Args()...)
	if len(inventories) == 0 {
		return usageErr("graph: give an inventory with --inventory FILE")
	}
	l, err := finding.ParseLang(lang)
	if err != nil {
		return usageErr("graph: --lang: %v", err)
	}
	f, err := stategraph.ParseFormat(format)
	if err != nil {
		return usageErr("graph: --format: %v", err)
	}
	if !(threshold > 0 && threshold <= 1) {
		return usageErr("graph: --threshold must be above 0 and at most 1, not %v", threshold)
	}
	if out == "" || out == "-" {
		return usageErr("graph: -o/--out needs a directory")
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	taskID := ""
	if task != "" {
		ids := cat.ResolveTask(task)
		if len(ids) == 0 {
			return usageErr("graph: --task: unknown service task %q (see 'kartoitus catalog tasks')", task)
		}
		taskID = ids[0]
	}

	cfg := assess.Config{Catalogue: cat, Inventories: inventories, Columns: columns, Sheets: splitList(sheets),
		Accepted: accepted, Threshold: threshold, Profile: prof}
	res, err := assess.Run(e.ctx, cfg, assess.Graphs)
	if err != nil {
		return err
	}
	inv, set := res.Inventory, res.Graphs
	if taskID != "" {
		tg, err := stategraph.BuildTask(cat, taskID, inv.Documents, res.Keys(), res.Coverage)
		if err != nil {
			return internalErr(err)
		}
		set.Tasks = []*stategraph.TaskGraphs{tg}
	}
	if len(set.Tasks) == 0 {
		return fmt.Errorf("%w: %s: none of the %d documents has a recognised service task, so there is nothing to draw per task (give one with --task, or fix the service task column; see 'kartoitus inventory')",
			kartoitus.ErrNotRecognised, strings.Join(inventories, ", "), len(inv.Documents))
	}

	written, err := writeGraphs(e, set, out, f, l)
	if err != nil {
		return err
	}
	var figures []stategraph.Conformance
	for _, tg := range set.Tasks {
		figures = append(figures, tg.Conformance)
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Tasks    []stategraph.Conformance `json:"tasks"`
			Overview []stategraph.OverviewRow `json:"overview"`
		}{figures, set.Overview.Rows}); err != nil {
			return err
		}
	} else if err := writeConformance(e.stdout, cat, set, l); err != nil {
		return err
	}
	// Nothing is lost silently: say what is not in the per-task pictures.
	msg := finding.Tf("kartoitus: kirjoitettu %d kuvaa hakemistoon %s\n", "kartoitus: wrote %d pictures to %s\n", len(written), out)
	e.notef("%s", msg.In(l))
	if n := len(set.Unplaced); n > 0 {
		e.notef("%s", finding.Tf(
			"kartoitus: %d asiakirjalla ei ole tunnistettua palvelutehtävää: ne ovat vain yleiskuvassa (\"Palvelutehtävä puuttuu\")\n",
			"kartoitus: %d document(s) with no recognised service task appear only in the overview (\"No service task\")\n", n).In(l))
	}
	if n := len(inv.Rejected); n > 0 {
		e.notef("%s", finding.Tf(
			"kartoitus: %d inventaarion riviä hylättiin eikä niitä ole kuvissa (katso 'kartoitus inventory')\n",
			"kartoitus: %d inventory row(s) were rejected and are not drawn (see 'kartoitus inventory')\n", n).In(l))
	}
	return nil
}

// writeGraphs writes every picture and returns the files written. One
// renderer is started for all of them (it compiles Graphviz once).
func writeGraphs(e env, set *stategraph.Set, dir string, f stategraph.Format, l finding.Lang) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, unreadable(fmt.Errorf("--out: %v", err))
	}
	ctx := e.ctx
	var r *stategraph.Renderer
	if f != stategraph.FormatDOT {
		var err error
		if r, err = stategraph.NewRenderer(ctx); err != nil {
			return nil, err
		}
		defer r.Close()
	}
	opts := stategraph.Options{Lang: l}
	var written []string
	emit := func(name string, writeDOT func(io.Writer) error) error {
		var dot bytes.Buffer
		if err := writeDOT(&dot); err != nil {
			return err
		}
		var pic bytes.Buffer
		if err := r.Render(ctx, dot.Bytes(), f, &pic); err != nil {
			return fmt.Errorf("graph %s: %w", name, err)
		}
		path := filepath.Join(dir, name+"."+string(f))
		if err := e.writeTo(path, func(w io.Writer) error { _, err := w.Write(pic.Bytes()); return err }); err != nil {
			return err
		}
		written = append(written, path)
		return nil
	}
	for _, tg := range set.Tasks {
		for _, v := range stategraph.Views {
			m := tg.Model(v)
			if err := emit(tg.Task.ID+"-"+string(v), func(w io.Writer) error { return stategraph.WriteDOT(w, m, opts) }); err != nil {
				return written, err
			}
		}
	}
	if err := emit("overview", func(w io.Writer) error { return stategraph.WriteOverviewDOT(w, set.Overview, opts) }); err != nil {
		return written, err
	}
	return written, nil
}

// writeConformance prints the figures per task as a table.
func writeConformance(w io.Writer, cat *sosmeta.Catalogue, set *stategraph.Set, l finding.Lang) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	t := func(fi, en string) string { return finding.T(fi, en).In(l) }
	fmt.Fprintln(tw, strings.Join([]string{
		t("PALVELUTEHTÄVÄ", "SERVICE TASK"), t("ASIAKIRJAT", "DOCUMENTS"), t("TAVOITE", "TARGET"),
		t("VASTAA", "MATCHED"), t("ERI VAIHE", "MISPHASED"), t("PUUTTUU", "MISSING"),
		t("VAIN NYKYTILA", "EXTRA"), t("YHTEISET", "COMMON"), t("KATTAVUUS", "FITNESS")}, "\t"))
	for _, tg := range set.Tasks {
		c := tg.Conformance
		name := tg.Task.Name(l)
		if st := cat.Task(c.Task); st != nil {
			name = st.Name(string(l))
		}
		fit := fmt.Sprintf("%.2f", c.Fitness)
		if l != finding.EN {
			fit = strings.Replace(fit, ".", ",", 1)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n",
			name, c.Documents, c.TargetSteps, c.Matched, c.Misphased, c.Missing, c.Extra, c.CommonTypes, fit)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, t(
		"\nKattavuus = (vastaa + eri vaihe) / tavoite: kuinka suuri osa palvelutehtävän kansallisista asiakirjatyypeistä on käytössä\n"+
			"(prosessilouhinnan termein fitness (pm4py)). Puuttuu = vain tavoitteessa; vain nykytila = organisaation omat asiakirjat,\n"+
			"joilla ei ole tehtävän kansallista tyyppiä. Kaikille tehtäville yhteiset tyypit eivät kuulu tavoitteeseen.\n"+
			"Tehtävä- ja vaihejako on päätelmä (Sosmeta 1.2.246.537.6.1506); tarkenna --overlay-tiedostolla.",
		"\nFitness = (matched + misphased) / target: the share of the task's national document types in use.\n"+
			"Missing = model moves (target only); extra = log moves. Types common to every task are not target steps.\n"+
			"The task and phase assignment is inferred (Sosmeta 1.2.246.537.6.1506); refine it with --overlay."))
	return nil
}
