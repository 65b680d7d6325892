package onboarding

import (
	"encoding/json"
	"io"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// Schema names the plan's JSON format.
const Schema = "kartoitus.plan/v1"

// Meta is what the writers need besides the plan.
type Meta struct {
	Lang    finding.Lang
	Version string
}

func (m Meta) lang() finding.Lang {
	if m.Lang == "" {
		return finding.FI
	}
	return m.Lang
}

type planJSON struct {
	Schema       string            `json:"schema"`
	Tool         string            `json:"tool"`
	Version      string            `json:"version,omitempty"`
	Lang         finding.Lang      `json:"lang"`
	Organisation string            `json:"organisation,omitempty"`
	GoLive       calendar.Day      `json:"go_live"`
	Today        calendar.Day      `json:"today,omitzero"`
	Calendar     calendarJSON      `json:"calendar"`
	Summary      summaryJSON       `json:"summary"`
	Tasks        []taskJSON        `json:"tasks"`
	Cards        *CardPlan         `json:"cards,omitempty"`
	Readiness    []Readiness       `json:"readiness"`
	EvidenceFrom string            `json:"evidence_source,omitempty"`
	Inputs       []finding.Tally   `json:"inputs"`
	Findings     []finding.Finding `json:"findings"`
	Rules        []finding.Rule    `json:"rules"`
	Sources      map[string]string `json:"sources"`
}

type calendarJSON struct {
	EvesOff bool           `json:"eves_off"`
	DaysOff []calendar.Day `json:"days_off"`
	Basis   string         `json:"basis"`
}

type summaryJSON struct {
	ProjectStart         calendar.Day   `json:"project_start"`
	DeckStart            calendar.Day   `json:"deck_start,omitzero"`
	DeckLength           string         `json:"deck_length"`
	CriticalPath         []string       `json:"critical_path"`
	ProjectedGoLive      calendar.Day   `json:"projected_go_live,omitzero"`
	ProjectedGoLiveShort calendar.Day   `json:"projected_go_live_short,omitzero"`
	Counts               map[string]int `json:"counts"`
}

type taskJSON struct {
	ID             string       `json:"id"`
	Title          string       `json:"title"`
	Parent         string       `json:"parent,omitempty"`
	Kind           Kind         `json:"kind"`
	Start          calendar.Day `json:"start"`
	End            calendar.Day `json:"end,omitzero"`
	DependsOn      []string     `json:"depends_on"`
	Status         Progress     `json:"status"`
	Timing         Timing       `json:"timing,omitempty"`
	Reason         string       `json:"reason,omitempty"`
	LatestStart    calendar.Day `json:"latest_start"`
	LatestFinish   calendar.Day `json:"latest_finish,omitzero"`
	Due            calendar.Day `json:"due,omitzero"`
	EarliestStart  calendar.Day `json:"earliest_start"`
	EarliestFinish calendar.Day `json:"earliest_finish,omitzero"`
	Float          int          `json:"float_workdays"`
	Critical       bool         `json:"critical"`
	Owner          string       `json:"owner,omitempty"`
	StatusDate     calendar.Day `json:"status_date,omitzero"`
	Note           string       `json:"note,omitempty"`
	Source         string       `json:"source"`
	Duration       *Duration    `json:"duration,omitempty"`
	Deps           []Dep        `json:"dependencies,omitempty"`
	Deadline       *Deadline    `json:"deadline,omitempty"`
	What           string       `json:"what"`
}

// WriteJSON writes the plan as kartoitus.plan/v1.
func WriteJSON(w io.Writer, p *Plan, m Meta) error {
	l := m.lang()
	out := planJSON{Schema: Schema, Tool: "kartoitus", Version: m.Version, Lang: l, Organisation: p.Organisation,
		GoLive: p.GoLive, Today: p.Today,
		Calendar: calendarJSON{EvesOff: !p.Calendar.EvesWork, DaysOff: append([]calendar.Day{}, p.Calendar.Extra...),
			Basis: "Finnish public holidays; Midsummer Eve and Christmas Eve off unless eves_work (calendar package)"},
		Summary: summaryJSON{ProjectStart: p.ProjectStart, DeckStart: p.DeckStart, CriticalPath: append([]string{}, p.Critical...),
			ProjectedGoLive: p.ProjectedGoLive, ProjectedGoLiveShort: p.ProjectedGoLiveShort,
			Counts: map[string]int{"late": p.Count(Late), "at_risk": p.Count(AtRisk), "on_track": p.Count(OnTrack), "done": p.Count(TimingDone)}},
		Cards: p.Cards, Readiness: p.Readiness, EvidenceFrom: p.EvidenceSource, Inputs: append([]finding.Tally{}, p.Inputs...),
		Findings: append([]finding.Finding{}, p.Findings...), Rules: Rules(),
		Sources: map[string]string{"K20": DeckRef},
	}
	if p.NewSystem {
		out.Summary.DeckLength = "not applicable: the system joins Kanta for the first time; K20 gives no length for that"
	} else {
		out.Summary.DeckLength = ProjectLength.Source + ": " + ProjectLength.Quote.FI
	}
	if out.Readiness == nil {
		out.Readiness = []Readiness{}
	}
	for _, s := range p.Tasks {
		t := taskJSON{ID: s.ID, Title: s.Title.In(l), Parent: s.Parent, Kind: s.Kind, Start: s.Start, End: s.End,
			DependsOn: append([]string{}, s.DependsOn...), Status: s.Progress, Timing: s.Timing, Reason: s.Reason.In(l),
			LatestStart: s.LatestStart, LatestFinish: s.LatestFinish, Due: s.Due, EarliestStart: s.EarliestStart,
			EarliestFinish: s.EarliestFinish, Float: s.Float, Critical: s.Critical, Owner: s.Owner, StatusDate: s.StatusDate,
			Note: s.Note, Source: s.Source, Deps: s.Deps, Deadline: s.Deadline, What: s.What.In(l)}
		if s.Kind == Work {
			d := s.Duration
			t.Duration = &d
		}
		out.Tasks = append(out.Tasks, t)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
