package deploytest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// severityText names a severity as the other reports do (virhe,
// varoitus, huomio).
func severityText(l finding.Lang, s finding.Severity) string {
	if l == finding.EN {
		return s.String()
	}
	return map[finding.Severity]string{finding.Error: "virhe", finding.Warning: "varoitus", finding.Info: "huomio"}[s]
}

func tr(l finding.Lang, fi, en string) string {
	if l == finding.EN {
		return en
	}
	return fi
}

// WriteJSON writes v (a PlanResult, VerifyResult or ReportDraft) as
// indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// StatusLabel is a step status in the report language.
func StatusLabel(s Status, l finding.Lang) string {
	switch s {
	case Pass:
		return tr(l, "läpäisty", "pass")
	case Fail:
		return tr(l, "epäonnistui", "fail")
	}
	return tr(l, "varmistettava", "confirm")
}

// RequirementLabel is a pair's requirement in the report language.
func RequirementLabel(r Requirement, l finding.Lang) string {
	if r == Required {
		return tr(l, "vaaditaan", "required")
	}
	return tr(l, "suositellaan", "recommended")
}

// StateLabel is a pair's test state in the report language.
func StateLabel(s State, l finding.Lang) string {
	switch s {
	case StateDone:
		return tr(l, "tehty", "done")
	case StateFailed:
		return tr(l, "epäonnistui", "failed")
	case StatePlanned:
		return tr(l, "sovittu", "planned")
	}
	return tr(l, "puuttuu", "missing")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// WritePlanTable writes the plan for the console: the pairs with their
// requirement and state, the vendor's view, then the findings.
func WritePlanTable(w io.Writer, r *PlanResult, l finding.Lang) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, tr(l, "SYÖTE\tLUETTU\tHYVÄKSYTTY\tHYLÄTTY\tOHITETTU", "INPUT\tREAD\tACCEPTED\tREJECTED\tSKIPPED"))
	for _, in := range r.Inputs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", in.Source, in.Read, in.Accepted, in.Rejected, in.Skipped)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, tr(l, "PARI\tPALVELUNJÄRJESTÄJÄ\tPALVELUNTUOTTAJA\tJÄRJESTELMÄT\tKOE\tTILA\tPERUSTE",
		"PAIR\tORGANISER\tPRODUCER\tSYSTEMS\tTEST\tSTATE\tWHY"))
	for _, p := range r.Pairs {
		state := StateLabel(p.State, l)
		if p.Latest != nil && !p.Latest.Date.IsZero() {
			state += " " + p.Latest.Date.Finnish()
		}
		sys := p.Organiser.System + " + " + p.Producer.System
		if p.Model == Parallel {
			sys += tr(l, " (rinnakkaisliittymismalli)", " (rinnakkaisliittymismalli)")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Index, p.Organiser.Name, p.Producer.label(), sys,
			RequirementLabel(p.Requirement, l), state, p.Why.In(l))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, tr(l, "JÄRJESTELMÄYHDISTELMÄ\tVARMISTETTU\tEI VARMISTETTU", "SYSTEM COMBINATION\tVERIFIED\tNOT VERIFIED"))
	for _, c := range r.Combinations {
		fmt.Fprintf(tw, "%s + %s\t%s\t%s\n", c.OrganiserSystem, c.ProducerSystem, refs(c.Verified, true), refs(c.NotVerified, false))
	}
	fmt.Fprintln(tw)
	if len(r.Findings) > 0 {
		fmt.Fprintln(tw, tr(l, "SÄÄNTÖ\tVAKAVUUS\tSIJAINTI\tHAVAINTO", "RULE\tSEVERITY\tLOCATION\tFINDING"))
		for _, f := range r.Findings {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.RuleID, severityText(l, f.Severity), f.Location.In(l), oneLine(f.Message.In(l)))
		}
		fmt.Fprintln(tw)
	}
	s := r.Summary
	fmt.Fprintf(tw, tr(l, "%s: virheitä %d, varoituksia %d, huomioita %d.\n", "%s: %d errors, %d warnings, %d info.\n"),
		tr(l, count(s.Total, "havainto", "havaintoa"), count(s.Total, "finding", "findings")), s.Error, s.Warning, s.Info)
	return tw.Flush()
}

func refs(rs []PairRef, dated bool) string {
	if len(rs) == 0 {
		return "–"
	}
	var parts []string
	for _, r := range rs {
		s := fmt.Sprintf("%d %s – %s", r.Index, r.Organiser, r.Producer)
		if dated && !r.Date.IsZero() {
			s += " " + r.Date.Finnish()
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// WriteVerifyTable writes the steps for the console.
func WriteVerifyTable(w io.Writer, r *VerifyResult, l finding.Lang) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, tr(l, "SYÖTE\tLUETTU\tHYVÄKSYTTY\tHYLÄTTY\tOHITETTU", "INPUT\tREAD\tACCEPTED\tREJECTED\tSKIPPED"))
	for _, in := range r.Inputs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", in.Source, in.Read, in.Accepted, in.Rejected, in.Skipped)
	}
	fmt.Fprintln(tw)
	fmt.Fprintf(tw, tr(l, "Testihenkilö %s, palvelunjärjestäjä %s, palveluntuottaja %s\n", "Test person %s, organiser %s, producer %s\n"),
		r.TestPerson, dash(r.Organiser), dash(r.Producer))
	if wn := r.Window; wn != nil {
		fmt.Fprintf(tw, tr(l, "Palveluyksikkö %s: asiakkuus %s–%s, versiot tallennettu %s–%s\n", "Service unit %s: relationship %s–%s, versions stored %s–%s\n"),
			wn.ServiceUnit, isoFI(wn.Start), isoFI(wn.End), isoFI(wn.StoredFrom), isoFI(wn.StoredTo))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, tr(l, "VAIHE\tTILA\tNÄYTTÖ\tPERUSTELU", "STEP\tSTATUS\tEVIDENCE\tREASON"))
	for _, s := range r.Steps {
		ev := evidenceLines(s.Evidence, l)
		first := ""
		if len(ev) > 0 {
			first = ev[0]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, StatusLabel(s.Status, l), first, oneLine(s.Reason.In(l)))
		for _, e := range ev[min(1, len(ev)):] {
			fmt.Fprintf(tw, "\t\t%s\t\n", e)
		}
	}
	fmt.Fprintln(tw)
	if len(r.Rejected) > 0 {
		fmt.Fprintln(tw, tr(l, "HYLÄTTY RIVI\tSYY", "REJECTED ROW\tREASON"))
		for _, x := range r.Rejected {
			fmt.Fprintf(tw, "%s:%d %s\t%s\n", x.File, x.Line, x.DocumentID, oneLine(x.Reason.In(l)))
		}
		fmt.Fprintln(tw)
	}
	s := r.Summary
	fmt.Fprintf(tw, tr(l, "%d vaihetta: läpäisty %d, epäonnistui %d, varmistettava %d.\n", "%d steps: %d pass, %d fail, %d to confirm.\n"),
		len(r.Steps), s.Pass, s.Fail, s.Confirm)
	return tw.Flush()
}

// isoFI writes an ISO date or timestamp as d.m.yyyy [hh.mm].
func isoFI(s string) string {
	if len(s) < 10 {
		return dash(s)
	}
	d, err := calendar.Parse(s[:10])
	if err != nil {
		return s
	}
	out := d.Finnish()
	if len(s) >= 16 && s[10] == 'T' {
		out += " " + s[11:13] + "." + s[14:16]
	}
	return out
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// evidenceLines formats evidence as "file:line doc v2: note".
func evidenceLines(ev []Evidence, l finding.Lang) []string {
	var out []string
	for _, e := range ev {
		var b strings.Builder
		if e.File != "" {
			b.WriteString(e.File)
			if e.Line > 0 {
				fmt.Fprintf(&b, ":%d", e.Line)
			}
		}
		if e.DocumentID != "" {
			fmt.Fprintf(&b, " %s", e.DocumentID)
			if e.Version != "" {
				fmt.Fprintf(&b, " v%s", e.Version)
			}
		}
		if n := e.Note.In(l); n != "" {
			if b.Len() > 0 {
				b.WriteString(": ")
			}
			b.WriteString(n)
		}
		out = append(out, oneLine(b.String()))
	}
	return out
}

type junitSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Name     string     `xml:"name,attr"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Skipped  int        `xml:"skipped,attr"`
	Suites   []junitSet `xml:"testsuite"`
}

type junitSet struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string     `xml:"name,attr"`
	ClassName string     `xml:"classname,attr"`
	Failure   *junitText `xml:"failure,omitempty"`
	Skipped   *junitText `xml:"skipped,omitempty"`
	Output    string     `xml:"system-out,omitempty"`
}

type junitText struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteVerifyJUnit writes one test case per step: a failed step fails, a
// step to confirm is skipped with what to confirm, so CI shows both.
func WriteVerifyJUnit(w io.Writer, r *VerifyResult, l finding.Lang) error {
	set := junitSet{Name: "deploytest verify"}
	for _, s := range r.Steps {
		c := junitCase{Name: s.ID + " " + oneLine(s.Check.In(l)), ClassName: "deploytest." + s.ID}
		body := oneLine(s.Reason.In(l)) + "\n" + strings.Join(evidenceLines(s.Evidence, l), "\n") + "\n" + s.Basis
		switch s.Status {
		case Fail:
			c.Failure = &junitText{Message: oneLine(s.Reason.In(l)), Type: "fail", Text: body}
			set.Failures++
		case Confirm:
			c.Skipped = &junitText{Message: "confirm: " + oneLine(s.Reason.In(l)), Text: body}
			set.Skipped++
		default:
			c.Output = body
		}
		set.Cases = append(set.Cases, c)
		set.Tests++
	}
	out := junitSuites{Name: "kartoitus deploytest", Tests: set.Tests, Failures: set.Failures, Skipped: set.Skipped, Suites: []junitSet{set}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WritePlanJUnit writes one test case per pair: a pair with a finding at or
// above the fail-on severity fails.
func WritePlanJUnit(w io.Writer, r *PlanResult, l finding.Lang, failOn finding.Severity) error {
	set := junitSet{Name: "deploytest plan"}
	byRow := map[string][]finding.Finding{}
	for _, f := range r.Findings {
		byRow[f.Location.String()] = append(byRow[f.Location.String()], f)
	}
	seen := map[string]bool{}
	for _, p := range r.Pairs {
		k := p.Location.String()
		seen[k] = true
		c := junitCase{Name: fmt.Sprintf("%d %s – %s", p.Index, p.Organiser.Name, p.Producer.label()), ClassName: "deploytest.plan"}
		var msgs []string
		for _, f := range byRow[k] {
			if f.Severity >= failOn {
				msgs = append(msgs, f.RuleID+" "+oneLine(f.Message.In(l)))
			}
		}
		if len(msgs) > 0 {
			c.Failure = &junitText{Message: msgs[0], Type: "finding", Text: strings.Join(msgs, "\n")}
			set.Failures++
		}
		set.Cases = append(set.Cases, c)
		set.Tests++
	}
	for _, f := range r.Findings { // rejected rows: no pair
		if seen[f.Location.String()] || f.Severity < failOn {
			continue
		}
		set.Cases = append(set.Cases, junitCase{Name: f.Location.In(l), ClassName: "deploytest.plan",
			Failure: &junitText{Message: f.RuleID + " " + oneLine(f.Message.In(l)), Type: "finding"}})
		set.Tests++
		set.Failures++
	}
	out := junitSuites{Name: "kartoitus deploytest", Tests: set.Tests, Failures: set.Failures, Suites: []junitSet{set}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
