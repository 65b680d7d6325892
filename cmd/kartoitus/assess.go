package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/fi"
	"github.com/kartoitus/kartoitus/onboarding"
	"github.com/kartoitus/kartoitus/report"
)

const assessSynopsis = `assess --inventory FILE [--inventory FILE…] [--export FILE] [--tos FILE…] --out DIR [flags]

Runs every analysis and writes DIR/index.html, report.xlsx, findings.json,
findings.csv, tos-draft.csv, accepted-mappings.csv and graphs/*.svg, then
prints a console summary. The exit code follows --fail-on.`

func runAssess(e env) error {
	fs := newFlags(e, "assess", assessSynopsis)
	var (
		cf                                 catalogueFlags
		of                                 outputFlags
		inventories, tosFiles              stringList
		exportPath, out, accepted, columns string
		exportMap, pseudo                  string
		org                                string
		threshold                          float64
		deployTest, noGraphs               bool
	)
	var mf memoryFlags
	cf.register(fs)
	mf.register(fs)
	fs.Var(&inventories, "inventory", "inventory workbook or CSV (repeatable)")
	fs.Var(&tosFiles, "tos", "TOS/AMS workbook or CSV (repeatable)")
	fs.StringVar(&exportPath, "export", "", "register export CSV or XLSX of the client-information system")
	fs.StringVar(&out, "out", "", "output `folder` (created if missing)")
	fs.StringVar(&out, "o", "", "output `folder`: -o is --out")
	fs.StringVar(&accepted, "accepted", "", "accepted-mappings `file` (CSV, or a report.xlsx with an edited mapping sheet)")
	fs.StringVar(&columns, "columns", "", "inventory column-mapping `file` for headers no synonym catches")
	fs.StringVar(&exportMap, "export-mapping", "", "register export column/value mapping `file`")
	of.registerFormats(fs, "table")
	fs.StringVar(&pseudo, "pseudonymize", "", "replace client ids in the report by a keyed hash (HMAC-SHA256) of `KEY`; @FILE reads the key from a file, env:NAME from the environment (default: masked)")
	fs.StringVar(&org, "organisation", "", "organisation name shown in the report (default: from the inventory file name)")
	fs.Float64Var(&threshold, "threshold", 0, "mapping confidence at which a match is asserted (default: the mapping default)")
	fs.BoolVar(&deployTest, "deployment-test", false, "every client id must be a 900-series test code")
	fs.BoolVar(&noGraphs, "no-graphs", false, "write graph DOT files only; skip SVG rendering")
	var pairs, goLive, planStatus, staff, today, prof string
	fs.StringVar(&prof, "profile", "", "organisation profile `file` (YAML): units, roles, the organisers' kinds (public, private, Kela)")
	fs.StringVar(&pairs, "pairs", "", "deployment-test pairs `file` (YAML or XLSX): the report gets the deployment-test plan")
	fs.StringVar(&goLive, "go-live", "", "go-live `date`: the report gets the onboarding plan (Käyttöönoton valmius) with readiness from this run")
	fs.StringVar(&planStatus, "plan-status", "", "onboarding status `file` for the plan (see 'kartoitus plan --status')")
	fs.StringVar(&staff, "staff", "", "staff list `file` for the plan's certificate cards")
	fs.StringVar(&today, "today", "", "judge the plan's late and at-risk tasks on this `date` (default: today)")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("assess: unexpected argument %q (inputs are given with --inventory, --export, --tos)", fs.Arg(0))
	}
	p, err := of.parse(e)
	if err != nil {
		return err
	}
	if out == "" {
		return usageErr("assess: give the output folder with --out DIR")
	}
	cat, err := cf.load()
	if err != nil {
		return err
	}
	cfg := p.config(cat)
	cfg.Inventories, cfg.Export, cfg.TOS = inventories, exportPath, tosFiles
	cfg.Accepted, cfg.Columns, cfg.ExportMapping, cfg.Threshold = accepted, columns, exportMap, threshold
	cfg.DeploymentTest, cfg.Workers = deployTest, defaultWorkers()
	cfg.Pairs, cfg.Profile = pairs, prof
	if err := mf.apply("assess", &cfg); err != nil {
		return err
	}
	cfg.Onboarding = onboarding.BuildOptions{StatusFile: planStatus, StaffFile: staff, Readers: -1, Organisation: org}
	if goLive != "" {
		if cfg.Onboarding.GoLive, err = calendar.Parse(goLive); err != nil {
			return usageErr("--go-live: %v", err)
		}
	}
	if today != "" {
		if cfg.Onboarding.Today, err = calendar.Parse(today); err != nil {
			return usageErr("--today: %v", err)
		}
	}
	if pseudo != "" {
		if cfg.PseudonymKey, err = pseudonymKey(pseudo); err != nil {
			return err
		}
	}
	if org == "" && len(inventories) > 0 {
		org = organisationFromPath(inventories[0])
	}
	ctx := e.ctx
	res, err := assess.Run(ctx, cfg, assess.All)
	if err != nil {
		return err
	}
	folder, err := res.WriteFolder(ctx, assess.FolderOptions{Dir: out, Lang: p.lang, CSVDialect: p.csv, Organisation: org, NoGraphs: noGraphs, Reveal: e.reveal})
	if err != nil {
		return err
	}
	e.verbosef(tr(p.lang, "raporttikansio kirjoitettiin: %s", "wrote the report folder %s"), out)
	// The console is the table format: the assessment's summary, then
	// where the folder is. Any other --format is the findings report.
	console := func(name string) func(io.Writer) error {
		if name != "table" {
			return nil
		}
		return func(w io.Writer) error {
			if err := (report.Console{}).WriteAssessment(w, folder.Assessment); err != nil {
				return err
			}
			_, err := fmt.Fprintf(w, "\n%s %s\n", tr(p.lang, "Raportti:", "Report:"), filepath.Join(out, "index.html"))
			return err
		}
	}
	return of.emitWith(e, p, "assess", res, console)
}

func organisationFromPath(p string) string {
	base := filepath.Base(p)
	if dir := filepath.Base(filepath.Dir(p)); dir != "." && dir != string(os.PathSeparator) {
		return dir + "/" + base
	}
	return base
}

func tr(l finding.Lang, fi, en string) string {
	if l == finding.EN {
		return en
	}
	return fi
}

// count writes n and its noun in l: "1 rivi", "2 riviä"; "1 row", "2 rows".
func count(l finding.Lang, n int, fiOne, fiMany, enOne, enMany string) string {
	if l == finding.EN {
		return fi.CountEN(n, enOne, enMany)
	}
	return fi.Count(n, fiOne, fiMany)
}
