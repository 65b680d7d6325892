package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnit writes one test suite per rule and one failing test case per
// finding at or above FailOn, so CI systems show findings as test failures.
// Rules with no findings appear as a passing case: "checked and clean".
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string `xml:"name,attr"`
	ClassName string `xml:"classname,attr"`
	// File and Line place the case in the input (the attributes GitLab,
	// Jenkins and the GitHub test reporters read); Line only where the
	// row is a line of a text file.
	File    string        `xml:"file,attr,omitempty"`
	Line    int           `xml:"line,attr,omitempty"`
	Failure *junitFailure `xml:"failure,omitempty"`
	Skipped *junitSkipped `xml:"skipped,omitempty"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func (JUnit) Write(w io.Writer, r *Result) error {
	byRule := map[string][]int{}
	for i, f := range r.Findings {
		byRule[f.RuleID] = append(byRule[f.RuleID], i)
	}
	rules := r.Rules
	// Findings whose rule was not declared still get a suite.
	declared := map[string]bool{}
	for _, ru := range rules {
		declared[ru.ID] = true
	}
	for _, f := range r.Findings {
		if !declared[f.RuleID] {
			declared[f.RuleID] = true
			rules = append(rules, ruleStub(f.RuleID))
		}
	}
	rules = SortRules(rules)
	out := junitSuites{Name: "kartoitus " + r.Command}
	for _, ru := range rules {
		s := junitSuite{Name: ru.ID + " " + ru.Title.In(r.Lang)}
		idx := byRule[ru.ID]
		if len(idx) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: "clean", ClassName: ru.ID})
		}
		for _, i := range idx {
			f := r.Findings[i]
			c := junitCase{Name: fmt.Sprintf("%s %s", f.Location.In(r.Lang), f.Fingerprint), ClassName: ru.ID,
				File: r.filePath(f.Location.File), Line: textLine(f.Location)}
			if f.Severity >= r.FailOn {
				c.Failure = &junitFailure{Message: f.Message.In(r.Lang), Type: f.Severity.String(),
					Text: fmt.Sprintf("%s\n%s\nbasis: %s", f.Message.In(r.Lang), f.Location.In(r.Lang), f.Basis)}
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		if n := r.Omitted[ru.ID]; n > 0 {
			c := junitCase{Name: fmt.Sprintf("%d more findings not listed", n), ClassName: ru.ID}
			if ru.Severity >= r.FailOn {
				c.Failure = &junitFailure{Message: fmt.Sprintf("%d more findings not listed", n), Type: ru.Severity.String(),
					Text: "see the JSON report counts; raise the per-rule limit to list them"}
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	for _, n := range r.NotChecked {
		// Not checked is neither a pass nor a failure: a skipped case.
		msg := "missing columns: " + strings.Join(n.Missing, ", ")
		out.Suites = append(out.Suites, junitSuite{Name: n.Rule + " " + n.Title.In(r.Lang), Tests: 1,
			Cases: []junitCase{{Name: "not checked", ClassName: n.Rule, Skipped: &junitSkipped{Message: msg}}}})
		out.Tests++
	}
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
