package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/deploytest"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
)

const deploytestUsage = `deploytest <subcommand> [flags]

The register-use-right deployment test (rekisterinkäyttöoikeuden
käyttöönottokoe) between an organiser and a producer, as Kela's instruction
and test case of 27.6.2025 describe it.

Subcommands:
  plan --pairs FILE            which tests are required or recommended, done or missing;
                               missing prerequisites; the system combinations verified
  verify --organiser FILE      judge the steps T0, J1–J5 and T1–T6 from the register exports
         [--producer FILE]     (pass, fail, or confirm: not shown by an export)
  report --pairs FILE          a filled report draft (HTML or XLSX) with the deadline,
                               two working days after the test date

A blank pairs workbook: kartoitus template --pairs. The test-day checklist:
kartoitus template --deploytest. Exit 1 when a step or a plan rule fails.`

func runDeploytest(e env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: kartoitus "+deploytestUsage)
		return usageErr("deploytest: no subcommand")
	}
	sub, args := e.args[0], e.args[1:]
	switch sub {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(e.stdout, "Usage: kartoitus "+deploytestUsage)
		return nil
	case "plan":
		return deploytestPlan(e, args)
	case "verify":
		return deploytestVerify(e, args)
	case "report":
		return deploytestReport(e, args)
	}
	return usageErr("deploytest: unknown subcommand %q (want plan, verify or report)", sub)
}

// dtOutput are the output flags of plan and verify.
type dtOutput struct {
	format, out, lang string
}

func (o *dtOutput) register(fs *flagSet) {
	fs.StringVar(&o.format, "format", "table", "output format: table, json or junit")
	fs.StringVar(&o.out, "o", "", "write to `file` instead of standard output")
	fs.StringVar(&o.lang, "lang", "fi", "language: fi or en")
}

func (o *dtOutput) parse() (finding.Lang, error) {
	switch o.format {
	case "table", "json", "junit":
	default:
		return "", usageErr("--format: want table, json or junit, not %q", o.format)
	}
	l, err := finding.ParseLang(o.lang)
	if err != nil {
		return "", usageErr("--lang: %v", err)
	}
	return l, nil
}

func parseDayFlag(name, v string) (calendar.Day, error) {
	if v == "" {
		return calendar.Day{}, nil
	}
	d, err := calendar.Parse(v)
	if err != nil {
		return d, usageErr("--%s: %v", name, err)
	}
	return d, nil
}

func deploytestPlan(e env, args []string) error {
	var o dtOutput
	var pairs, failOn, today string
	fs := newFlags(e, "deploytest plan", "deploytest plan --pairs FILE [--format table|json|junit] [-o FILE] [--lang fi|en] [--fail-on SEVERITY]")
	fs.StringVar(&pairs, "pairs", "", "pairs `file`: YAML, or XLSX from 'kartoitus template --pairs' (required)")
	fs.StringVar(&failOn, "fail-on", "error", failOnHelp)
	fs.StringVar(&today, "today", "", "the `date` planned tests are compared with (default: today)")
	o.register(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if pairs == "" {
		return usageErr("deploytest plan: --pairs is required")
	}
	l, err := o.parse()
	if err != nil {
		return err
	}
	sev, err := finding.ParseFailOn(failOn)
	if err != nil {
		return usageErr("--fail-on: %v", err)
	}
	day := calendar.Of(time.Now())
	if today != "" {
		if day, err = parseDayFlag("today", today); err != nil {
			return err
		}
	}
	ps, err := deploytest.ReadPairsFile(pairs)
	if err != nil {
		return unreadable(err)
	}
	res := deploytest.Plan(ps, deploytest.PlanConfig{Today: day, FailOn: sev})
	err = e.writeTo(o.out, func(w io.Writer) error {
		switch o.format {
		case "json":
			return deploytest.WriteJSON(w, res)
		case "junit":
			return deploytest.WritePlanJUnit(w, res, l, sev)
		}
		return deploytest.WritePlanTable(w, res, l)
	})
	if err != nil {
		return err
	}
	if res.Summary.Failed {
		return fmt.Errorf("%w: %d at or above %s", kartoitus.ErrFindings, finding.AtOrAbove(res.Findings, sev), sev)
	}
	return nil
}

// verifyFlags select the exports for verify (and report).
type verifyFlags struct {
	organiser, producer, person, unit, mapping, sheet string
	reveal                                            bool
	cf                                                catalogueFlags
}

func (v *verifyFlags) register(fs *flagSet, required bool) {
	what := "the organiser system's register export `file` of the test person (CSV or XLSX)"
	if required {
		what += " (required)"
	}
	fs.StringVar(&v.organiser, "organiser", "", what)
	fs.StringVar(&v.producer, "producer", "", "the producer system's export `file`, taken after the end date (for T6)")
	fs.StringVar(&v.person, "test-person", "", "the test person's 900-series henkilötunnus `ID` (default: the only client of the export)")
	fs.StringVar(&v.unit, "unit", "", "the producer's service unit `OID`, when the Asiakkuusasiakirja names several")
	fs.StringVar(&v.mapping, "mapping", "", "mapping `file` (YAML): vendor columns and values → canonical fields")
	fs.StringVar(&v.sheet, "sheet", "", "XLSX sheet `name` of the exports (default: the first sheet)")
	fs.BoolVar(&v.reveal, "reveal-ids", false, "show the test person's id in full")
	v.cf.register(fs)
}

// run opens the exports and verifies them.
func (v *verifyFlags) run(e env) (*deploytest.VerifyResult, error) {
	cat, err := v.cf.load()
	if err != nil {
		return nil, err
	}
	opts := export.Options{Sheet: v.sheet}
	if v.mapping != "" {
		m, err := export.LoadMapping(v.mapping)
		if err != nil {
			return nil, unreadable(err)
		}
		opts.Mapping = m
	}
	if v.reveal {
		fmt.Fprintln(e.stderr, "kartoitus: --reveal-ids: the output shows the test person's henkilötunnus in full")
	}
	org, err := export.Open(v.organiser, opts)
	if err != nil {
		return nil, unreadable(fmt.Errorf("%s: %w", v.organiser, err))
	}
	defer org.Close()
	var prod *deploytest.Input
	if v.producer != "" {
		pr, err := export.Open(v.producer, opts)
		if err != nil {
			return nil, unreadable(fmt.Errorf("%s: %w", v.producer, err))
		}
		defer pr.Close()
		prod = &deploytest.Input{File: filepath.Base(v.producer), Reader: pr}
	}
	res, err := deploytest.Verify(deploytest.VerifyConfig{Catalogue: cat, Mapping: opts.Mapping, TestPerson: v.person, Unit: v.unit, RevealIDs: v.reveal},
		deploytest.Input{File: filepath.Base(v.organiser), Reader: org}, prod)
	if err != nil {
		return nil, unreadable(err)
	}
	return res, nil
}

func failedSteps(res *deploytest.VerifyResult) error {
	var ids []string
	for _, s := range res.Steps {
		if s.Status == deploytest.Fail {
			ids = append(ids, s.ID)
		}
	}
	return fmt.Errorf("%w: step(s) %s failed", kartoitus.ErrFindings, strings.Join(ids, ", "))
}

func deploytestVerify(e env, args []string) error {
	var o dtOutput
	var vf verifyFlags
	fs := newFlags(e, "deploytest verify", "deploytest verify --organiser FILE [--producer FILE] [--test-person ID] [--format table|json|junit] [-o FILE] [--lang fi|en]")
	vf.register(fs, true)
	o.register(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if vf.organiser == "" {
		return usageErr("deploytest verify: --organiser is required")
	}
	l, err := o.parse()
	if err != nil {
		return err
	}
	res, err := vf.run(e)
	if err != nil {
		return err
	}
	err = e.writeTo(o.out, func(w io.Writer) error {
		switch o.format {
		case "json":
			return deploytest.WriteJSON(w, res)
		case "junit":
			return deploytest.WriteVerifyJUnit(w, res, l)
		}
		return deploytest.WriteVerifyTable(w, res, l)
	})
	if err != nil {
		return err
	}
	if res.Summary.Failed {
		return failedSteps(res)
	}
	return nil
}

func deploytestReport(e env, args []string) error {
	var vf verifyFlags
	var pairs, format, out, langFlag, testDate, start string
	var pair int
	var evesWork bool
	fs := newFlags(e, "deploytest report", "deploytest report --pairs FILE [--pair N] [--test-date DATE] [--organiser FILE [--producer FILE]] [-o FILE.html|FILE.xlsx] [--lang fi|en]")
	fs.StringVar(&pairs, "pairs", "", "pairs `file` (YAML or XLSX) naming the organiser, the producer and their systems (required)")
	fs.IntVar(&pair, "pair", 0, "the pair's number `N` in the file (default: the only pair)")
	fs.StringVar(&testDate, "test-date", "", "the test `date` (default: the pair's latest test with a result)")
	fs.StringVar(&start, "archiving-start", "", "the `date` archiving starts (default: from the pairs file)")
	fs.BoolVar(&evesWork, "eves-work", false, "count Midsummer Eve and Christmas Eve as working days for the deadline")
	fs.StringVar(&format, "format", "", "html, xlsx or json (default: from the -o extension, else html)")
	fs.StringVar(&out, "o", "", "write to `file` instead of standard output")
	fs.StringVar(&langFlag, "lang", "fi", "language of the notes and second headings: fi (Swedish headings) or en (English headings)")
	vf.register(fs, false)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if pairs == "" {
		return usageErr("deploytest report: --pairs is required")
	}
	if vf.organiser == "" && (vf.producer != "" || vf.person != "" || vf.unit != "") {
		return usageErr("deploytest report: --producer, --test-person and --unit need --organiser")
	}
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".xlsx":
			format = "xlsx"
		case ".json":
			format = "json"
		default:
			format = "html"
		}
	}
	switch format {
	case "html", "xlsx", "json":
	default:
		return usageErr("--format: want html, xlsx or json, not %q", format)
	}
	l, err := finding.ParseLang(langFlag)
	if err != nil {
		return usageErr("--lang: %v", err)
	}
	cfg := deploytest.ReportConfig{Calendar: &calendar.Calendar{EvesWork: evesWork}}
	if cfg.TestDate, err = parseDayFlag("test-date", testDate); err != nil {
		return err
	}
	if cfg.ArchivingStart, err = parseDayFlag("archiving-start", start); err != nil {
		return err
	}
	ps, err := deploytest.ReadPairsFile(pairs)
	if err != nil {
		return unreadable(err)
	}
	p, err := deploytest.SelectPair(ps, pair)
	if err != nil {
		return err
	}
	if vf.organiser != "" {
		if cfg.Verify, err = vf.run(e); err != nil {
			return err
		}
	}
	d, err := deploytest.Draft(p, cfg)
	if err != nil {
		return err
	}
	err = e.writeTo(out, func(w io.Writer) error {
		switch format {
		case "xlsx":
			return deploytest.WriteReportXLSX(w, d, l)
		case "json":
			return deploytest.WriteJSON(w, d)
		}
		return deploytest.WriteReportHTML(w, d, l)
	})
	if err != nil {
		return err
	}
	if out != "" && out != "-" {
		if l == finding.EN {
			e.printf("Wrote %s: send it to %s by %s, subject %q.\n", out, d.EmailTo, d.Deadline.Finnish(), d.EmailSubject)
		} else {
			e.printf("Kirjoitettiin %s: lähetä se osoitteeseen %s viimeistään %s, aiheena ”%s”.\n", out, d.EmailTo, d.Deadline.Finnish(), d.EmailSubject)
		}
	}
	if d.Failed {
		// ErrFindings is not printed by run: say why here.
		for _, n := range d.Notes {
			e.notef("kartoitus: %s\n", n.In(l))
		}
		return fmt.Errorf("%w: the report draft is not ready to send", kartoitus.ErrFindings)
	}
	return nil
}
