package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/fi"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/sosmeta"
)

const catalogUsage = `catalog <subcommand> [flags]

Subcommands:
  list [--all] [--task ID]   list document types (current; --all adds obsolete-only codes)
  search QUERY               search codes, OIDs and FI/SV names, current and obsolete
  show CODE|OID|NAME         show one document type with its defaults and retention rule
  tasks                      list the service tasks and the old task names mapped onto them
  phases                     list the client-process phases in order
  retention                  list the 703/2023 annex retention rules
  validate                   check the catalogue (and --overlay) for consistency
  import SRC -o FILE         build a structures CSV from THL's Sosmeta JSON-Schema export
                             (a folder or .zip of <OID>.json files); use it with --catalog FILE`

func runCatalog(e env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: kartoitus "+catalogUsage)
		return usageErr("catalog: no subcommand")
	}
	sub, args := e.args[0], e.args[1:]
	switch sub {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(e.stdout, "Usage: kartoitus "+catalogUsage)
		return nil
	case "list", "ls":
		return catalogList(e, args)
	case "search", "find":
		return catalogSearch(e, args)
	case "show":
		return catalogShow(e, args)
	case "tasks":
		return catalogTasks(e, args)
	case "phases":
		return catalogPhases(e, args)
	case "retention":
		return catalogRetention(e, args)
	case "validate":
		return catalogValidate(e, args)
	case "import":
		return catalogImport(e, args)
	}
	return usageErr("catalog: unknown subcommand %q", sub)
}

// catalogFlags are the catalogue flags plus the catalog commands' --lang.
type catalogFlags struct {
	catalogueFlags
	lang string
}

// language is --lang parsed; a bad value is a usage error.
func (c *catalogFlags) language() (finding.Lang, error) {
	l, err := finding.ParseLang(c.lang)
	if err != nil {
		return "", usageErr("--lang: %v", err)
	}
	return l, nil
}

// catalogFlagSet builds the flag set shared by the catalog subcommands.
func catalogFlagSet(e env, sub, synopsis string, cf *catalogFlags, asJSON *bool) *flagSet {
	fs := newFlags(e, "catalog "+sub, "catalog "+synopsis)
	cf.register(fs)
	fs.StringVar(&cf.lang, "lang", "fi", "language of the tables: fi or en (names stay as the catalogue gives them)")
	if asJSON != nil {
		fs.BoolVar(asJSON, "json", false, "write JSON instead of a table")
	}
	return fs
}

type flagSet = flag.FlagSet

func catalogList(e env, args []string) error {
	var cf catalogFlags
	var asJSON, all bool
	var task string
	fs := catalogFlagSet(e, "list", "list [--all] [--task ID] [--json]", &cf, &asJSON)
	fs.BoolVar(&all, "all", false, "include codes that exist only as obsolete versions")
	fs.StringVar(&task, "task", "", "only types assigned to this service task (ID, code or name)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	l, err := cf.language()
	if err != nil {
		return err
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	var taskID string
	if task != "" {
		ids := cat.ResolveTask(task)
		if len(ids) == 0 {
			return usageErr("--task: unknown service task %q", task)
		}
		taskID = ids[0]
	}
	var out []*sosmeta.DocumentType
	for _, d := range cat.Types() {
		if !all && !d.Current {
			continue
		}
		if taskID != "" && !d.BelongsTo(taskID) {
			continue
		}
		out = append(out, d)
	}
	return writeTypes(e.stdout, cat, out, asJSON, l)
}

func catalogSearch(e env, args []string) error {
	var cf catalogFlags
	var asJSON bool
	fs := catalogFlagSet(e, "search", "search [--json] QUERY", &cf, &asJSON)
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		return usageErr("catalog search: give a query")
	}
	l, err := cf.language()
	if err != nil {
		return err
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	q := strings.Join(words, " ")
	found, matched, total := cat.SearchClosest(q)
	if len(found) == 0 {
		fmt.Fprintf(e.stderr, tr(l, "hakua %q vastaavaa asiakirjatyyppiä ei ole\n", "no document type matches %q\n"), q)
		return nil
	}
	if matched < total {
		fmt.Fprintf(e.stderr, tr(l, "hakua %q vastaavaa asiakirjatyyppiä, jossa olisi joka sana, ei ole; lähimmät (%d/%d sanaa):\n",
			"no document type matches every word of %q; the closest match %d of %d:\n"), q, matched, total)
	}
	return writeTypes(e.stdout, cat, found, asJSON, l)
}

func writeTypes(w io.Writer, cat *sosmeta.Catalogue, ds []*sosmeta.DocumentType, asJSON bool, l finding.Lang) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if ds == nil {
			ds = []*sosmeta.DocumentType{}
		}
		return enc.Encode(ds)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, tr(l, "KOODI\tLAJI\tVAIHE\tPALVELUTEHTÄVÄT\tNIMI\tTILA", "CODE\tKIND\tPHASE\tTASKS\tNAME (FI)\tSTATUS"))
	for _, d := range ds {
		status := tr(l, "voimassa", "current")
		if !d.Current {
			status = tr(l, "vanhentunut", "obsolete")
		}
		code := d.Code
		if d.IsGroup() {
			code = tr(l, "ryhmä ", "group ") + d.Code
		}
		phase := d.Phase
		if p := cat.Phase(d.Phase); p != nil && l != finding.EN {
			phase = p.FI
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", code, d.Kind, phase, taskList(cat, d, l), d.NameFI, status)
	}
	return tw.Flush()
}

// taskList names a type's service tasks: IDs in English (as --task takes
// them), the Finnish names in Finnish.
func taskList(cat *sosmeta.Catalogue, d *sosmeta.DocumentType, l finding.Lang) string {
	if d.Common {
		return tr(l, "(kaikki)", "(all)")
	}
	if l == finding.EN {
		return strings.Join(d.Tasks, ",")
	}
	names := make([]string, 0, len(d.Tasks))
	for _, t := range d.Tasks {
		if st := cat.Task(t); st != nil {
			t = st.FI
		}
		names = append(names, t)
	}
	return strings.Join(names, ", ")
}

func catalogShow(e env, args []string) error {
	var cf catalogFlags
	var asJSON bool
	fs := catalogFlagSet(e, "show", "show [--json] CODE|OID|NAME", &cf, &asJSON)
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		return usageErr("catalog show: give a code, OID or name")
	}
	l, err := cf.language()
	if err != nil {
		return err
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	q := strings.Join(words, " ")
	d := cat.Resolve(q)
	if d == nil {
		if g := cat.ByKey(q); g != nil {
			d = g
		}
	}
	if d == nil {
		hint := ""
		if s := cat.Search(q); len(s) > 0 {
			var names []string
			for i, x := range s {
				if i == 5 {
					break
				}
				names = append(names, x.Code+" "+x.NameFI)
			}
			hint = "; did you mean: " + strings.Join(names, "; ")
		}
		return usageErr("catalog show: no document type %q%s", q, hint)
	}
	if asJSON {
		return writeJSON(e.stdout, d)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	t := func(fi, en string) string { return tr(l, fi, en) }
	status := t("voimassa", "current") + " (" + string(sosmeta.Valid) + ")"
	if !d.Current {
		status = t("vain vanhentuneita versioita", "obsolete only") + " (" + string(sosmeta.Obsolete) + ")"
	}
	cs := t("asiakasasiakirjatyyppi ", "client-document type ") + sosmeta.DocumentTypeOID
	if d.IsGroup() {
		cs = t("asiakirjaryhmä ", "document group ") + sosmeta.DocumentGroupOID
	}
	date := d.Date
	if l != finding.EN {
		date = fi.ISODate(date)
	}
	fmt.Fprintf(w, t("Koodi:\t%s (%s)\n", "Code:\t%s (%s)\n"), d.Code, cs)
	fmt.Fprintf(w, t("Nimi (fi):\t%s\n", "Name (fi):\t%s\n"), d.NameFI)
	fmt.Fprintf(w, t("Nimi (sv):\t%s\n", "Name (sv):\t%s\n"), d.NameSV)
	fmt.Fprintf(w, t("Laji:\t%s\n", "Kind:\t%s\n"), d.Kind)
	fmt.Fprintf(w, t("Aihepiiri:\t%s\n", "Subject group:\t%s\n"), d.Subject)
	fmt.Fprintf(w, t("Laatija:\t%s\n", "Author:\t%s\n"), oneLineText(d.Author))
	fmt.Fprintf(w, t("Tila:\t%s\n", "Status:\t%s\n"), status)
	fmt.Fprintf(w, t("Rakenteen OID:\t%s (%s)\n", "Structure OID:\t%s (%s)\n"), d.StructureOID, date)
	var tasks []string
	if d.Common {
		tasks = []string{t("kaikki palvelutehtävät (yhteinen asiakirja)", "all service tasks (common document)")}
	}
	for _, id := range d.Tasks {
		if st := cat.Task(id); st != nil {
			tasks = append(tasks, fmt.Sprintf("%s (%s)", st.FI, st.ID))
		}
	}
	fmt.Fprintf(w, t("Palvelutehtävät:\t%s  [%s]\n", "Service tasks:\t%s  [%s]\n"), strings.Join(tasks, "; "), defaultNote(d, "tasks", l))
	if p := cat.Phase(d.Phase); p != nil {
		fmt.Fprintf(w, t("Vaihe:\t%d. %s (%s)  [%s]\n", "Phase:\t%d. %s (%s)  [%s]\n"), p.Order, p.FI, p.ID, defaultNote(d, "phase", l))
	}
	task := ""
	if len(d.Tasks) > 0 {
		task = d.Tasks[0]
	}
	if r, ok := cat.RetentionFor(d, task); ok {
		fmt.Fprintf(w, t("Säilytysaika:\t%s: %s (%s, %s)\n", "Retention:\t%s: %s (%s, %s)\n"), r.Text, r.Period, r.ID, r.Basis)
	} else if d.Common {
		fmt.Fprint(w, t("Säilytysaika:\tasian palvelutehtävän mukaan (703/2023 liite)\n", "Retention:\tby the service task of the case (703/2023 liite)\n"))
	}
	for _, r := range cat.AlsoFor(d, task, d.NameFI, d.NameSV) {
		text := r.Text
		if r.Note != "" {
			text += " (" + r.Note + ")"
		}
		fmt.Fprintf(w, t("Sitoo myös:\t%s: %s (%s, %s)\n", "Also binding:\t%s: %s (%s, %s)\n"), text, r.Period, r.ID, r.Basis)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(d.Versions) > 1 {
		fmt.Fprintln(e.stdout, t("\nVersiot:", "\nVersions:"))
		vw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		for _, v := range d.Versions {
			date := v.Date
			if l != finding.EN {
				date = fi.ISODate(date)
			}
			fmt.Fprintf(vw, "  %s\t%s\t%s\t%s\n", date, v.StructureOID, v.Status, v.NameFI)
		}
		return vw.Flush()
	}
	return nil
}

func defaultNote(d *sosmeta.DocumentType, field string, l finding.Lang) string {
	for _, o := range d.Overridden {
		if o == field {
			return tr(l, "paikallinen tarkennus (--overlay)", "overlay")
		}
	}
	return tr(l, "päätelty oletus", "inferred default")
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// catalogView runs a catalog subcommand that shows one part of the
// catalogue, as a table or (--json) as the value json returns.
func catalogView(e env, args []string, sub string, json func(*sosmeta.Catalogue) any, table func(*sosmeta.Catalogue, finding.Lang) error) error {
	var cf catalogFlags
	var asJSON bool
	fs := catalogFlagSet(e, sub, sub+" [--json]", &cf, &asJSON)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	l, err := cf.language()
	if err != nil {
		return err
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e.stdout, json(cat))
	}
	return table(cat, l)
}

func catalogTasks(e env, args []string) error {
	return catalogView(e, args, "tasks", func(cat *sosmeta.Catalogue) any {
		return struct {
			Tasks  []*sosmeta.ServiceTask `json:"tasks"`
			Legacy []sosmeta.LegacyTask   `json:"legacy"`
		}{cat.Tasks, cat.LegacyTasks}
	}, func(cat *sosmeta.Catalogue, l finding.Lang) error {
		w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, tr(l, "TUNNUS\tKOODI\tSUOMEKSI\tRUOTSIKSI\tENGLANNIKSI\tTYYPPEJÄ", "ID\tCODE\tFI\tSV\tEN\tTYPES"))
		for _, t := range cat.Tasks {
			code := t.Code
			if code == "" {
				code = "-"
			}
			sv := t.SV
			if t.SVTranslated {
				sv += " *"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\n", t.ID, code, t.FI, sv, t.EN, len(cat.TypesForTask(t.ID)))
		}
		fmt.Fprintln(w, tr(l, "\nVANHA NIMI (254/2015, 2011, 1989)\tNYKYINEN TEHTÄVÄ\tPYSYVÄ 254/2015-LIITTEEN MUKAAN",
			"\nOLD NAME (254/2015, 2011, 1989)\tMAPS TO\tPERMANENT UNDER THE 254/2015 ANNEX"))
		for _, lt := range cat.LegacyTasks {
			perm := ""
			if lt.Permanent254 != nil {
				perm = tr(l, lt.Permanent254.What, lt.Permanent254.WhatEN)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\n", lt.Name, strings.Join(lt.Tasks, ", "), perm)
		}
		fmt.Fprintln(w, tr(l, "\nKoodit: koodisto 1.2.246.537.6.1221 on julkaistu THL:n koodistopalvelussa; työkalussa on vain koodit\n"+
			"10 (Lastensuojelu) ja 20 (Vammaispalvelut), jotka on vahvistettu Sosmetasta. '-' = koodi, jota työkalulla ei ole.\n"+
			"* Ruotsinkielinen nimi: työkalun oma käännös (mikään lähde ei anna sitä), ei kansallinen nimi.\n"+
			"Vanhojen nimien vastaavuus nykyisiin on päätelty (virallista vastaavuustaulukkoa ei ole). Vanhalla nimellä oleva asiakirja,\n"+
			"joka ei ole myös nykyinen, menettää siirrossa 254/2015-liitteen pysyvän säilytyksen rivinsä: RET013, ellei --overlay-tiedoston\n"+
			"arkistointipäätös säilytä sitä.",
			"\nCodes: the code list 1.2.246.537.6.1221 is published in THL's code service (koodistopalvelu); the tool has only\n"+
				"10 (Lastensuojelu) and 20 (Vammaispalvelut), confirmed in Sosmeta. '-' = a code the tool does not have.\n"+
				"* Swedish name: the tool's own translation (no source gives it), not a national name.\n"+
				"The old-to-current mapping is inferred (no official crosswalk). A document under an old name that is not also a\n"+
				"current one loses its 254/2015 permanent line in the crosswalk: RET013, unless an archival decision in --overlay keeps it."))
		return w.Flush()
	})
}

func catalogPhases(e env, args []string) error {
	return catalogView(e, args, "phases", func(cat *sosmeta.Catalogue) any {
		return cat.Phases
	}, func(cat *sosmeta.Catalogue, l finding.Lang) error {
		w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, tr(l, "#\tTUNNUS\tSUOMEKSI\tRUOTSIKSI\tENGLANNIKSI", "#\tID\tFI\tSV\tEN"))
		for _, p := range cat.Phases {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", p.Order, p.ID, p.FI, p.SV, p.EN)
		}
		fmt.Fprintln(w, tr(l, "\nVaiheet ovat päätelty yleinen asiakasprosessi; tarkenna asiakirjakohtaisesti --overlay-tiedostolla.",
			"\nThe phases are an inferred general client process; override per document with --overlay."))
		return w.Flush()
	})
}

func catalogRetention(e env, args []string) error {
	return catalogView(e, args, "retention", func(cat *sosmeta.Catalogue) any {
		return cat.Retention
	}, func(cat *sosmeta.Catalogue, l finding.Lang) error {
		w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, tr(l, "TUNNUS\tVUOTTA\tLASKENTAPERUSTE\tASIAKIRJAT\tSÄILYTYSAIKA (lain sanamuoto)\tPERUSTE", "ID\tYEARS\tSTART\tDOCUMENTS\tPERIOD (verbatim)\tBASIS"))
		also := false
		for _, r := range cat.Retention {
			id := r.ID
			if r.Also {
				id, also = id+" +", true
			}
			start := string(r.Start)
			if l != finding.EN {
				start = report.EnumName(l, "start", start)
			}
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\n", id, r.Years, start, r.Text, r.Period, r.Basis)
		}
		if also {
			fmt.Fprintln(w, tr(l, "\n+ sitoo määräävän rivin rinnalla (suunnitelman on täytettävä molemmat); ei koskaan itse määräävä rivi.",
				"\n+ binds beside the governing row (a plan must meet both); never the governing row itself."))
		}
		return w.Flush()
	})
}

func catalogValidate(e env, args []string) error {
	var cf catalogFlags
	fs := catalogFlagSet(e, "validate", "validate [--catalog FILE] [--overlay FILE]", &cf, nil)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	l, err := cf.language()
	if err != nil {
		return err
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	ps := cat.Validate()
	errs := 0
	for _, p := range ps {
		fmt.Fprintln(e.stdout, p.String())
		if !p.Warning {
			errs++
		}
	}
	if l == finding.EN {
		fmt.Fprintf(e.stdout, "%s: %d document types (%d current), %d service tasks, %d phases, %d retention rules; %d errors, %d warnings\n",
			cat.Source, len(cat.Types()), len(cat.CurrentTypes()), len(cat.Tasks), len(cat.Phases), len(cat.Retention), errs, len(ps)-errs)
	} else {
		fmt.Fprintf(e.stdout, "%s: %s (%d voimassa), %s, %s, %s; %s, %s\n", cat.Source,
			count(l, len(cat.Types()), "asiakirjatyyppi", "asiakirjatyyppiä", "", ""), len(cat.CurrentTypes()),
			count(l, len(cat.Tasks), "palvelutehtävä", "palvelutehtävää", "", ""),
			count(l, len(cat.Phases), "vaihe", "vaihetta", "", ""),
			count(l, len(cat.Retention), "säilytysaikasääntö", "säilytysaikasääntöä", "", ""),
			count(l, errs, "virhe", "virhettä", "", ""), count(l, len(ps)-errs, "varoitus", "varoitusta", "", ""))
	}
	if errs > 0 {
		return unreadable(fmt.Errorf("catalogue has %d errors", errs))
	}
	return nil
}

// parseNoArgs parses the flags of a subcommand that takes no arguments; a
// stray argument is a usage error rather than silently ignored.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("%s: unexpected argument %q", fs.Name(), pos[0])
	}
	return nil
}
