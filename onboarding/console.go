package onboarding

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kartoitus/kartoitus/finding"
)

// WriteText writes the plan as a console table: the key dates, every
// task, the card plan, readiness and findings.
func WriteText(out io.Writer, p *Plan, m Meta) error {
	l := m.lang()
	L := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	var b strings.Builder
	title := L("Käyttöönottosuunnitelma", "Onboarding plan")
	if p.Organisation != "" {
		title += " — " + p.Organisation
	}
	fmt.Fprintln(&b, title)
	line := L("Käyttöönotto ", "Go-live ") + dateIn(p.GoLive, l)
	if !p.Today.IsZero() {
		line += L(" · tilanne ", " · as of ") + dateIn(p.Today, l)
	}
	fmt.Fprintln(&b, line)
	fmt.Fprintln(&b, tf("Aloitettava viimeistään %s (kriittinen polku).", "Start by %s (critical path).", p.ProjectStart).In(l))
	if p.NewSystem {
		fmt.Fprintln(&b, L("Järjestelmä liittyy Kantaan ensimmäistä kertaa: Kela ei anna projektin kestoa (noin puoli vuotta koskee jo liittynyttä järjestelmää, K20 dia 7).",
			"The system joins Kanta for the first time: Kela gives no project length (about half a year is for a system that has joined before, K20 slide 7)."))
	} else {
		fmt.Fprintln(&b, tf("Kelan arvio koko projektille noin puoli vuotta (K20 dia 7): aloitus noin %s.", "Kela's estimate for the whole project is about half a year (K20 slide 7): start about %s.", p.DeckStart).In(l))
	}
	if len(p.Critical) > 0 {
		fmt.Fprintln(&b, L("Kriittinen polku: ", "Critical path: ")+strings.Join(p.Critical, " → "))
	}
	if !p.Today.IsZero() {
		fmt.Fprintln(&b, tf("Ennuste: käyttöönotto aikaisintaan %s pisimmillä ja %s lyhyimmillä läpimenoajoilla. Myöhässä %d, riskissä %d.",
			"Forecast: go-live %s at the earliest at the long end of the lead times, %s at the short end. Late %d, at risk %d.",
			p.ProjectedGoLive, p.ProjectedGoLiveShort, p.Count(Late), p.Count(AtRisk)).In(l))
	}
	fmt.Fprintln(&b)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{L("Tunnus", "ID"), L("Tehtävä", "Task"), L("Aloitus viimeistään", "Latest start"), L("Valmis viimeistään", "Latest finish"),
		L("Kesto", "Duration"), L("Lähde", "Source"), L("Tila", "Status"), L("Ajoitus", "Timing")}, "\t"))
	for _, s := range p.Tasks {
		id := s.ID
		if s.Critical {
			id = "◆ " + id
		}
		name := s.Short.In(l)
		if s.Parent != "" {
			name = "  " + name
		}
		end := dateIn(s.End, l)
		if s.Kind == Ongoing {
			end = L("jatkuva", "ongoing")
		}
		dur, src := "", s.Source
		if s.Kind == Work {
			dur = durationNumber(s.Duration)
			switch {
			case s.Duration.Override != "":
				src = L("tilatiedosto", "status file")
			case s.Duration.Inferred:
				src = L("oletus", "default")
			default:
				src = s.Duration.Source
			}
		}
		status := ProgressText(s.Progress, l)
		if !s.StatusDate.IsZero() {
			status += " " + dateIn(s.StatusDate, l)
		}
		fmt.Fprintln(tw, strings.Join([]string{id, name, dateIn(s.Start, l), end, dur, src, status, TimingText(s.Timing, l)}, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(&b, L("Kestot työpäivinä; ◆ = kriittinen polku; oletus = lähteetön kesto (päätelmä), muutettavissa tilatiedostossa.",
		"Durations in working days; ◆ = critical path; default = a duration without a source (inferred), overridable in the status file."))
	if cp := p.Cards; cp != nil {
		fmt.Fprintln(&b)
		var parts []string
		for _, c := range Cards {
			parts = append(parts, fmt.Sprintf("%s %d", CardText(c, l), cp.Counts[c]))
		}
		fmt.Fprintln(&b, L("Kortit: ", "Cards: ")+strings.Join(parts, ", "))
		fmt.Fprintln(&b, L("Kustannus: ", "Cost: ")+euroRange(cp.CostMin, cp.CostMax, l)+". "+cp.PriceNote.In(l))
		for _, u := range cp.Unpriced {
			fmt.Fprintln(&b, "  "+u.In(l))
		}
		if !cp.ContractBy.IsZero() {
			fmt.Fprintln(&b, tf("Toimikorttisopimus alkuun viimeistään %s, kortit tilattava viimeistään %s.", "Card contract started by %s, cards ordered by %s.", cp.ContractBy, cp.OrderBy).In(l))
		}
	}
	if len(p.Readiness) > 0 {
		fmt.Fprintln(&b)
		fmt.Fprintln(&b, L("Valmius aineiston perusteella:", "Readiness from the data:"))
		if p.EvidenceSource != "" {
			fmt.Fprintln(&b, L("  Aineisto: ", "  Evidence: ")+p.EvidenceSource)
		}
		for _, r := range p.Readiness {
			fmt.Fprintf(&b, "  %s %s %s: %s\n", readinessSymbol(r.Status), r.Step, r.Title.In(l), ReadinessText(r.Status, l))
			for _, d := range r.Details {
				fmt.Fprintf(&b, "      %s\n", d.In(l))
			}
		}
	}
	if len(p.Findings) > 0 {
		fmt.Fprintln(&b)
		fmt.Fprintln(&b, L("Havainnot:", "Findings:"))
		for _, f := range p.Findings {
			loc := f.Location.In(l)
			if f.Location.File == "" {
				loc = ""
			} else {
				loc = " (" + loc + ")"
			}
			fmt.Fprintf(&b, "  %s %s: %s%s\n", f.RuleID, severityText(f.Severity, l), f.Message.In(l), loc)
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}
