package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/onboarding"
	"github.com/kartoitus/kartoitus/report"
)

// outFiles collects repeated -o flags.
type outFiles []string

func (o *outFiles) String() string     { return strings.Join(*o, ",") }
func (o *outFiles) Set(v string) error { *o = append(*o, v); return nil }

// planWriters are the plan's file formats, by extension.
var planWriters = map[string]func(io.Writer, *onboarding.Plan, onboarding.Meta) error{
	".json": onboarding.WriteJSON,
	".html": onboarding.WriteHTML,
	".htm":  onboarding.WriteHTML,
	".xlsx": onboarding.WriteXLSX,
}

func runPlan(e env) error {
	var goLive, today, statusFile, staffFile, evidenceFile, langFlag, format, failOn, org string
	var outs outFiles
	var cf catalogueFlags
	var inventories, tosFiles, amsFiles stringList
	var exportFile, pairsFile, accepted string
	var backup, readers, warn int
	var newSystem, evesWork bool
	fs := newFlags(e, "plan", "plan --go-live DATE [--status FILE] [--staff FILE] [--evidence FILE] [--today DATE] [-o FILE]...\n\n"+
		"Kela's onboarding steps 1, 2A–2J, 3A–3F and 4 for a private provider joining the social-welfare\n"+
		"archive (deck of 20.4.2020) as a plan back-calculated from the go-live date over Finnish working days:\n"+
		"latest start and finish per task, each lead time with its source (or marked as the tool's default),\n"+
		"the critical path and, with --status and --today, what is late or at risk. --staff adds the\n"+
		"certificate-card plan; --evidence (JSON, kartoitus.evidence/v1) the readiness lines 2C, 2D, 2E, 3C–3E.\n"+
		"-o writes plan.json (kartoitus.plan/v1), plan.html (with the timeline) or plan.xlsx; repeat it for several.\n"+
		"Without -o the plan is printed (--format table or json).\n\n"+
		"Dates are YYYY-MM-DD or d.m.yyyy. With --status and no --today, today is the current date.\n"+
		"Exit codes: 0 the plan was made (late tasks are reported, not failed, unless --fail-on error: exit 1\n"+
		"on a late task; --fail-on warning: also on one at risk or a rejected row); 2 usage or unreadable\n"+
		"input; 3 nothing recognised (an empty status file or staff list).\n"+
		"A blank status and staff workbook: kartoitus template --plan.")
	fs.StringVar(&goLive, "go-live", "", "go-live `date` (production start, step 3F); default: go_live of a YAML status file")
	fs.StringVar(&today, "today", "", "judge late and at-risk tasks on this `date`")
	fs.StringVar(&statusFile, "status", "", "status `file` (.yaml/.json or .xlsx): per task status (done, in progress, not started), owner, date, own duration")
	fs.StringVar(&staffFile, "staff", "", "staff list `file` (.csv or .xlsx): name, role, registered professional yes/no, vendor staff yes/no")
	fs.StringVar(&evidenceFile, "evidence", "", "evidence `file` (JSON) for the readiness lines")
	cf.register(fs)
	fs.Var(&inventories, "inventory", "take readiness from the data instead of --evidence: inventory `file` (repeatable)")
	fs.Var(&tosFiles, "tos", "… with this TOS `file` (repeatable)")
	fs.Var(&amsFiles, "ams", "… with this AMS `file` (repeatable)")
	fs.StringVar(&accepted, "accepted", "", "… with this accepted-mappings `file`")
	fs.StringVar(&exportFile, "export", "", "… with this register export `file`")
	fs.StringVar(&pairsFile, "pairs", "", "… with this deployment-test pairs `file`")
	fs.IntVar(&backup, "backup-cards", 0, "backup cards (varakortit) to add to the card plan; the deck gives no number")
	fs.IntVar(&readers, "readers", -1, "card readers to buy (priced at the deck's €40–50); default: not counted")
	fs.IntVar(&warn, "warn-days", onboarding.DefaultWarnDays, "a task not started is at risk when its latest start is within this many working days")
	fs.BoolVar(&newSystem, "new-system", false, "the system joins Kanta for the first time (Kela's ~6-month project length does not apply)")
	fs.BoolVar(&evesWork, "eves-work", false, "count Midsummer Eve and Christmas Eve as working days")
	fs.StringVar(&org, "organisation", "", "organisation `name` for the titles (default: organisation of the status file)")
	fs.StringVar(&langFlag, "lang", "fi", "language: fi or en")
	fs.StringVar(&format, "format", "table", "standard output format without -o: table or json")
	fs.StringVar(&failOn, "fail-on", "none", "exit 1 on findings at or above: none, error (late tasks) or warning (also at risk, rejected rows)")
	fs.Var(&outs, "o", "write the plan to `file`: .json, .html or .xlsx (repeatable)")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("plan: unexpected argument %q", fs.Arg(0))
	}
	lang, err := finding.ParseLang(langFlag)
	if err != nil {
		return usageErr("--lang: %v", err)
	}
	if format != "table" && format != "json" {
		return usageErr("--format: %q (want table or json)", format)
	}
	var failSev finding.Severity
	failing := failOn != "none"
	if failing {
		if failSev, err = finding.ParseFailOn(failOn); err != nil {
			return usageErr("--fail-on: %v (or none)", err)
		}
	}
	for _, o := range outs {
		if planWriters[strings.ToLower(filepath.Ext(o))] == nil {
			return usageErr("-o %s: the plan is written as .json, .html or .xlsx", ident.Redact(o))
		}
	}
	if backup < 0 || warn < 1 {
		return usageErr("--backup-cards must be 0 or more and --warn-days 1 or more")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	bo := onboarding.BuildOptions{StatusFile: statusFile, StaffFile: staffFile, EvesWork: evesWork, WarnDays: warn,
		BackupCards: backup, Readers: readers, Organisation: org}
	if goLive != "" {
		if bo.GoLive, err = calendar.Parse(goLive); err != nil {
			return usageErr("--go-live: %v", err)
		}
	}
	if today != "" {
		if bo.Today, err = calendar.Parse(today); err != nil {
			return usageErr("--today: %v", err)
		}
	}
	if set["new-system"] {
		bo.NewSystem = &newSystem
	}
	fromData := len(inventories) > 0 || exportFile != "" || pairsFile != ""
	if fromData && evidenceFile != "" {
		return usageErr("plan: give --evidence or the data to take readiness from (--inventory, --export, --pairs), not both")
	}
	var p *onboarding.Plan
	if fromData {
		// The readiness lines from the analyses themselves: the same
		// pipeline and the same evidence as the assessment's section.
		cat, err := cf.load()
		if err != nil {
			return err
		}
		stages := assess.Onboarding | assess.DeployPlan | assess.Gate
		if len(inventories) > 0 {
			stages |= assess.Retention
		}
		res, err := assess.Run(e.ctx, assess.Config{Catalogue: cat, Inventories: inventories, TOS: tosFiles, AMS: amsFiles,
			Accepted: accepted, Export: exportFile, Pairs: pairsFile, Onboarding: bo, Workers: defaultWorkers()}, stages)
		if err != nil {
			return err
		}
		if p = res.Onboard; p == nil {
			return usageErr("plan: --go-live DATE is required (or go_live in a YAML status file)")
		}
	} else {
		if evidenceFile != "" {
			if bo.Evidence, err = onboarding.LoadEvidence(evidenceFile); err != nil {
				return unreadable(err)
			}
		}
		if p, err = onboarding.Build(bo); err != nil {
			return err
		}
	}

	meta := onboarding.Meta{Lang: lang, Version: report.Version}
	if len(outs) == 0 {
		write := onboarding.WriteText
		if format == "json" {
			write = onboarding.WriteJSON
		}
		if err := write(e.stdout, p, meta); err != nil {
			return err
		}
	}
	for _, o := range outs {
		w := planWriters[strings.ToLower(filepath.Ext(o))]
		if err := e.writeTo(o, func(out io.Writer) error { return w(out, p, meta) }); err != nil {
			return fmt.Errorf("plan: writing %s: %v", ident.Redact(o), ident.Redact(err.Error()))
		}
		if lang == finding.EN {
			e.notef("Wrote %s.\n", ident.Redact(o))
		} else {
			e.notef("Kirjoitettiin %s.\n", ident.Redact(o))
		}
	}
	if len(outs) > 0 && !p.Today.IsZero() {
		if lang == finding.EN {
			e.notef("As of %s: %d late, %d at risk; go-live %s.\n", p.Today.ISO(), p.Count(onboarding.Late), p.Count(onboarding.AtRisk), p.GoLive.ISO())
		} else {
			e.notef("Tilanne %s: myöhässä %d, riskissä %d; käyttöönotto %s.\n", p.Today.Finnish(), p.Count(onboarding.Late), p.Count(onboarding.AtRisk), p.GoLive.Finnish())
		}
	}
	if failing {
		if n := finding.AtOrAbove(p.Findings, failSev); n > 0 {
			return fmt.Errorf("%w: %d at or above %s", kartoitus.ErrFindings, n, failSev)
		}
	}
	return nil
}
