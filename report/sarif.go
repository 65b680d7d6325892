package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
)

// SARIF writes a SARIF 2.1.0 log (OASIS Static Analysis Results
// Interchange Format), the format code-scanning views read (GitHub code
// scanning, GitLab, Azure DevOps, IDEs): one run with the rules that ran
// (help text, basis, default level) and one result per finding with its
// file, line and content fingerprint. The test validates it against the
// official schema (testdata/sarif-schema-2.1.0.json).
type SARIF struct{}

// sarifSchema is the official schema's address, as SARIF logs cite it.
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// sarifFingerprint is the key of the finding fingerprint in
// partialFingerprints: versioned, as SARIF asks, so a change of the
// fingerprint recipe can be told apart.
const sarifFingerprint = "kartoitus/v1"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool              `json:"tool"`
	AutomationDetails *sarifAutomation       `json:"automationDetails,omitempty"`
	Invocations       []sarifInvocation      `json:"invocations"`
	Results           []sarifResult          `json:"results"`
	Language          string                 `json:"language,omitempty"`
	ColumnKind        string                 `json:"columnKind,omitempty"`
	Properties        map[string]interface{} `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string                 `json:"id"`
	ShortDescription     sarifText              `json:"shortDescription"`
	FullDescription      sarifText              `json:"fullDescription"`
	Help                 sarifText              `json:"help"`
	DefaultConfiguration sarifConfig            `json:"defaultConfiguration"`
	Properties           map[string]interface{} `json:"properties,omitempty"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string             `json:"level"`
	Message    sarifText          `json:"message"`
	Descriptor *sarifDescriptorRf `json:"descriptor,omitempty"`
}

type sarifDescriptorRf struct {
	ID string `json:"id"`
}

type sarifResult struct {
	RuleID              string                 `json:"ruleId"`
	RuleIndex           int                    `json:"ruleIndex"`
	Level               string                 `json:"level"`
	Message             sarifText              `json:"message"`
	Locations           []sarifLocation        `json:"locations,omitempty"`
	PartialFingerprints map[string]string      `json:"partialFingerprints,omitempty"`
	Properties          map[string]interface{} `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifText     `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogical struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

// sarifURI makes a path a URI reference: forward slashes, each segment
// percent-encoded (spaces, ä), absolute paths as file URIs.
func sarifURI(p string) string {
	if p == "" {
		return ""
	}
	u := url.URL{Path: p}
	if strings.HasPrefix(p, "/") {
		u.Scheme = "file"
	}
	return u.String()
}

func (SARIF) Write(w io.Writer, r *Result) error {
	l := r.Lang
	rules, idx := r.ruleIndex()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "kartoitus", Version: r.Version,
			InformationURI: "https://github.com/kartoitus/kartoitus", Rules: make([]sarifRule, 0, len(rules))}},
		// The category GitHub code scanning keeps apart per command.
		AutomationDetails: &sarifAutomation{ID: "kartoitus/" + strings.ReplaceAll(r.Command, " ", "-") + "/"},
		Invocations:       []sarifInvocation{{ExecutionSuccessful: true}},
		Results:           make([]sarifResult, 0, len(r.Findings)),
		Language:          string(l),
		ColumnKind:        "unicodeCodePoints",
	}
	for _, ru := range rules {
		props := map[string]interface{}{"severity": ru.Severity.String(), "title_fi": ru.Title.FI, "title_en": ru.Title.EN}
		if ru.Basis != "" {
			props["basis"] = ru.Basis
		}
		if ru.Inferred {
			props["inferred"] = true
		}
		help := ruleHelp(ru, l)
		title := ru.Title.In(l)
		if title == "" {
			title = ru.ID
		}
		full := title
		if ru.Basis != "" {
			full += " (" + ru.Basis + ")"
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: ru.ID, ShortDescription: sarifText{Text: title}, FullDescription: sarifText{Text: full},
			Help:                 sarifText{Text: help, Markdown: strings.ReplaceAll(help, "\n", "\n\n")},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(ru.Severity)}, Properties: props,
		})
	}
	for _, f := range r.Findings {
		res := sarifResult{RuleID: f.RuleID, RuleIndex: idx[f.RuleID], Level: sarifLevel(f.Severity),
			Message: sarifText{Text: oneLine(f.Message.In(l))}}
		if res.Message.Text == "" {
			res.Message.Text = f.RuleID
		}
		loc := sarifLocation{}
		p := r.filePath(f.Location.File)
		if p == "" {
			p = r.primaryPath()
		}
		if p != "" {
			loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p)}}
			if n := textLine(f.Location); n > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: n}
			}
		}
		if wh := where(f.Location, l); wh != "" {
			loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: wh, Kind: "element"}}
		}
		if loc.PhysicalLocation != nil || loc.LogicalLocations != nil {
			res.Locations = []sarifLocation{loc}
		}
		if f.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{sarifFingerprint: f.Fingerprint}
		}
		props := map[string]interface{}{"severity": f.Severity.String()}
		for k, v := range map[string]string{"basis": f.Basis, "code": f.Code, "service_task": f.ServiceTask, "key": f.Location.Key} {
			if v != "" {
				props[k] = v
			}
		}
		if len(f.Candidates) > 0 {
			props["candidates"] = f.Candidates
		}
		res.Properties = props
		run.Results = append(run.Results, res)
	}
	// Rules that could not run are said as notifications: not a result,
	// and never to be read as clean.
	for _, n := range r.NotChecked {
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{
			Level:      "warning",
			Message:    sarifText{Text: fmt.Sprintf(tr(l, "%s ei tarkistettu: puuttuvat sarakkeet %s", "%s not checked: missing columns %s"), n.Rule, strings.Join(n.Missing, ", "))},
			Descriptor: &sarifDescriptorRf{ID: n.Rule},
		})
	}
	props := map[string]interface{}{
		"schema": r.Schema, "command": r.Command, "fail_on": r.FailOn.String(), "failed": r.Summary.Failed,
		"total": r.Summary.Total, "error": r.Summary.Error, "warning": r.Summary.Warning, "info": r.Summary.Info,
		"suppressed": r.Suppressed,
	}
	if len(r.Omitted) > 0 {
		ids := make([]string, 0, len(r.Omitted))
		for id := range r.Omitted {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		om := map[string]int{}
		for _, id := range ids {
			om[id] = r.Omitted[id]
		}
		props["omitted"] = om
	}
	run.Properties = props
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}
