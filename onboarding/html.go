package onboarding

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/kartoitus/kartoitus/finding"
)

// HTMLPolicy is the page's content security policy: no script, nothing
// fetched; inline styles only (the page and its SVG carry them).
const HTMLPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const pageCSS = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 20px; line-height: 1.45; margin: 24px auto; max-width: 1660px; padding: 0 16px; color: #000; background: #fff; }
h1 { font-size: 34px; margin: 0 0 8px; } h2 { font-size: 27px; margin: 36px 0 12px; border-bottom: 3px solid #000; }
.sub { font-size: 19px; margin: 0 0 20px; }
.figs { display: flex; flex-wrap: wrap; gap: 14px; margin: 16px 0; padding: 0; list-style: none; }
.figs li { border: 2px solid #000; padding: 10px 16px; min-width: 200px; }
.figs .v { display: block; font-size: 28px; font-weight: bold; }
.figs .late { border-width: 5px; } .figs .risk { border-style: dashed; border-width: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 18px; margin: 8px 0 16px; }
th, td { border: 1px solid #555; padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.fixed { table-layout: fixed; }
th { background: #e6e6e6; } tr.group td { font-weight: bold; background: #f2f2f2; }
td.num { text-align: right; white-space: nowrap; } td.date { white-space: nowrap; }
.t-late { font-weight: bold; text-decoration: underline wavy; } .t-at_risk { font-weight: bold; }
.crit { font-weight: bold; }
.st { display: inline-block; border: 2px solid #000; padding: 0 8px; font-weight: bold; white-space: nowrap; }
.st-gaps { border-width: 4px; } .st-check { border-style: dashed; } .st-unknown { border-style: dotted; font-weight: normal; }
.chart { overflow-x: auto; border: 1px solid #999; } .chart svg { width: 100%; height: auto; min-width: 1200px; display: block; }
.small { font-size: 16px; } ul.details { margin: 4px 0 0 0; }
@media print { @page { size: A4 landscape; margin: 12mm; } body { font-size: 12pt; max-width: none; } h2 { break-after: avoid; }
  .chart { border: none; overflow: visible; } .chart svg { min-width: 0; } table { font-size: 10pt; } tr { break-inside: avoid; } }
`

type htmlDoc struct{ b bytes.Buffer }

func (h *htmlDoc) w(format string, a ...any) { fmt.Fprintf(&h.b, format, a...) }

func he(s string) string { return html.EscapeString(s) }

// WriteHTML writes the plan as one self-contained page (no script, no
// network): key figures, the Gantt chart, the task table with sources,
// the card plan, readiness lines and rejected rows.
func WriteHTML(w io.Writer, p *Plan, m Meta) error {
	l := m.lang()
	L := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	var svg bytes.Buffer
	if err := WriteSVG(&svg, p, l); err != nil {
		return err
	}
	h := &htmlDoc{}
	title := L("Käyttöönottosuunnitelma", "Onboarding plan")
	if p.Organisation != "" {
		title += " — " + p.Organisation
	}
	h.w("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", l)
	h.w("<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", HTMLPolicy)
	h.w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", he(title), pageCSS)
	h.w("<h1>%s</h1>\n", he(title))
	h.w("<p class=\"sub\">%s</p>\n", he(L("Kelan vaiheet yksityisen palveluntuottajan liittymiseen Sosiaalihuollon asiakastiedon arkistoon (K20), laskettu taaksepäin käyttöönottopäivästä työpäivinä.",
		"Kela's onboarding steps for a private provider joining the social-welfare client-data archive (K20), back-calculated from the go-live date in working days.")))

	// Key figures.
	h.w("<ul class=\"figs\" id=\"figures\">\n")
	fig := func(id, class, label, value string) {
		h.w("<li id=\"fig-%s\" class=\"%s\">%s<span class=\"v\">%s</span></li>\n", id, class, he(label), he(value))
	}
	fig("go-live", "", L("Käyttöönotto", "Go-live"), dateIn(p.GoLive, l))
	fig("start", "", L("Aloitettava viimeistään (kriittinen polku)", "Start by (critical path)"), dateIn(p.ProjectStart, l))
	if !p.DeckStart.IsZero() {
		fig("deck", "", L("Kelan arvio ~6 kk (K20 dia 7)", "Kela's ~6 months (K20 slide 7)"), dateIn(p.DeckStart, l))
	}
	if !p.Today.IsZero() {
		fig("today", "", L("Tilanne", "As of"), dateIn(p.Today, l))
		fig("late", "late", L("Myöhässä", "Late"), fmt.Sprint(p.Count(Late)))
		fig("at-risk", "risk", L("Riskissä", "At risk"), fmt.Sprint(p.Count(AtRisk)))
		fig("projected", "", L("Ennuste: käyttöönotto aikaisintaan", "Forecast: go-live at the earliest"), dateIn(p.ProjectedGoLive, l))
	}
	h.w("</ul>\n")
	if p.NewSystem {
		h.w("<p>%s</p>\n", he(L("Järjestelmä liittyy Kantaan ensimmäistä kertaa: Kelan arvio projektin kestosta (noin puoli vuotta) koskee jo liittynyttä järjestelmää, eikä ensimmäiselle liittymiselle anneta kestoa.",
			"The system joins Kanta for the first time: Kela's estimate of the project length (about half a year) is for a system that has joined before; none is given for a first join.")))
	}

	// Timeline.
	h.w("<h2 id=\"timeline\">%s</h2>\n", he(L("Aikajana", "Timeline")))
	h.w("<div class=\"chart\">\n%s</div>\n", svg.String())
	if len(p.Critical) > 0 {
		h.w("<p><strong>%s</strong> %s</p>\n", he(L("Kriittinen polku:", "Critical path:")), he(strings.Join(p.Critical, " → ")))
	}

	// Tasks.
	h.w("<h2 id=\"tasks\">%s</h2>\n<table id=\"tbl-tasks\" class=\"fixed\">\n<colgroup>", he(L("Tehtävät", "Tasks")))
	for _, w := range []int{9, 19, 8, 8, 7, 14, 8, 8, 8, 11} {
		h.w("<col style=\"width:%d%%\">", w)
	}
	h.w("</colgroup>\n<thead><tr>")
	for _, c := range []string{L("Tunnus", "ID"), L("Tehtävä", "Task"), L("Aloitus viimeistään", "Latest start"), L("Valmis viimeistään", "Latest finish"), L("Kesto", "Duration"),
		L("Lähde", "Source"), L("Riippuu", "Depends on"), L("Tila", "Status"), L("Vastuu", "Owner"), L("Ajoitus", "Timing")} {
		h.w("<th scope=\"col\">%s</th>", he(c))
	}
	h.w("</tr></thead>\n<tbody>\n")
	for _, s := range p.Tasks {
		class := ""
		if s.Kind == Group {
			class = " class=\"group\""
		}
		id := s.ID
		if s.Critical {
			id = "◆ " + id
		}
		h.w("<tr%s data-task=\"%s\"><td class=\"%s\">%s</td>", class, he(s.ID), map[bool]string{true: "crit", false: ""}[s.Critical], he(id))
		h.w("<td>%s<br><span class=\"small\">%s</span></td>", he(s.Title.In(l)), he(s.What.In(l)))
		end := dateIn(s.End, l)
		if s.Kind == Ongoing {
			end = L("jatkuva", "ongoing")
		}
		h.w("<td class=\"date\">%s</td><td class=\"date\">%s", he(dateIn(s.Start, l)), he(end))
		if !s.Due.IsZero() {
			h.w("<br><span class=\"small\">%s %s</span>", he(L("määräaika", "deadline")), he(dateIn(s.Due, l)))
		}
		h.w("</td>")
		dur, src := "", s.Source
		if s.Kind == Work {
			dur = durationText(s.Duration, l)
			src = sourceText(s.Duration, l)
			if s.Deadline != nil {
				src += "; " + L("määräaika", "deadline") + " " + s.Deadline.Source + ": \"" + s.Deadline.Quote.In(l) + "\""
			}
		}
		h.w("<td>%s</td><td class=\"small\">%s</td>", he(dur), he(src))
		h.w("<td>%s</td>", he(strings.Join(s.DependsOn, ", ")))
		status := ProgressText(s.Progress, l)
		if !s.StatusDate.IsZero() {
			status += " " + dateIn(s.StatusDate, l)
		}
		h.w("<td>%s</td><td>%s</td>", he(status), he(s.Owner))
		timing := TimingText(s.Timing, l)
		if r := s.Reason.In(l); r != "" {
			timing += ": " + r
		}
		h.w("<td class=\"t-%s\">%s</td></tr>\n", s.Timing, he(timing))
	}
	h.w("</tbody>\n</table>\n")
	h.w("<p class=\"small\">%s</p>\n", he(L("Kestot työpäivinä (ma–pe ilman arkipyhiä, juhannus- ja jouluaatto vapaita). Lähteellinen kesto on Kelan diasarjasta K20; \"päätelmä\" on työkalun oletus, jonka voi muuttaa tilatiedostossa (Oma kesto). Alueen kestoista suunnitelma käyttää pidempää, jotta viimeisin aloituspäivä pitää.",
		"Durations in working days (Mon–Fri without public holidays; Midsummer and Christmas Eve off). A sourced duration is from Kela's deck K20; \"inferred\" is the tool's default, overridable in the status file (own duration). Of a range the plan uses the long end so the latest start holds.")))

	if p.Cards != nil {
		writeCardsHTML(h, p.Cards, l)
	}
	if len(p.Readiness) > 0 {
		h.w("<h2 id=\"readiness\">%s</h2>\n", he(L("Valmius aineiston perusteella", "Readiness from the data")))
		if p.EvidenceSource != "" {
			h.w("<p class=\"small\">%s %s</p>\n", he(L("Aineisto:", "Evidence:")), he(p.EvidenceSource))
		}
		h.w("<table id=\"tbl-readiness\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			he(L("Vaihe", "Step")), he(L("Asia", "Item")), he(L("Tila", "Status")), he(L("Peruste", "Basis")))
		for _, r := range p.Readiness {
			h.w("<tr data-step=\"%s\" data-status=\"%s\"><td>%s</td><td>%s<ul class=\"details\">", he(r.Step), r.Status, he(r.Step), he(r.Title.In(l)))
			for _, d := range r.Details {
				h.w("<li>%s</li>", he(d.In(l)))
			}
			h.w("</ul></td><td><span class=\"st st-%s\">%s %s</span></td><td>%s</td></tr>\n", r.Status, readinessSymbol(r.Status), he(ReadinessText(r.Status, l)), he(r.Basis))
		}
		h.w("</tbody>\n</table>\n")
	}
	if len(p.Findings) > 0 {
		h.w("<h2 id=\"findings\">%s</h2>\n<table id=\"tbl-findings\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			he(L("Havainnot", "Findings")), he(L("Sääntö", "Rule")), he(L("Vakavuus", "Severity")), he(L("Sijainti", "Location")), he(L("Viesti", "Message")))
		for _, f := range p.Findings {
			h.w("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", he(f.RuleID), he(severityText(f.Severity, l)), he(f.Location.In(l)), he(f.Message.In(l)))
		}
		h.w("</tbody>\n</table>\n")
	}
	h.w("<h2 id=\"sources\">%s</h2>\n<ul>\n<li>K20: %s</li>\n<li>%s</li>\n</ul>\n", he(L("Lähteet", "Sources")), he(DeckRef),
		he(L("Työpäivät: Suomen yleiset vapaapäivät (calendar-paketti); organisaation omat vapaapäivät tilatiedoston days_off-kentästä.",
			"Working days: Finnish public holidays (calendar package); the organisation's own days off from the status file's days_off.")))
	h.w("<p class=\"small\">kartoitus %s</p>\n</body>\n</html>\n", he(m.Version))
	_, err := w.Write(h.b.Bytes())
	return err
}

func readinessSymbol(s ReadinessStatus) string {
	switch s {
	case Ready:
		return "✓"
	case Check:
		return "?"
	case Gaps:
		return "✗"
	}
	return "–"
}

func severityText(s finding.Severity, l finding.Lang) string {
	fi := map[finding.Severity]string{finding.Error: "virhe", finding.Warning: "varoitus", finding.Info: "huomio"}
	if l == finding.EN {
		return s.String()
	}
	return fi[s]
}

func writeCardsHTML(h *htmlDoc, cp *CardPlan, l finding.Lang) {
	L := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	h.w("<h2 id=\"cards\">%s</h2>\n", he(L("Varmennekortit ja kortinlukijat", "Certificate cards and card readers")))
	h.w("<ul class=\"figs\" id=\"card-figures\">\n")
	for _, c := range Cards {
		h.w("<li data-card=\"%s\">%s<span class=\"v\">%d</span></li>\n", c, he(CardText(c, l)), cp.Counts[c])
	}
	h.w("<li>%s<span class=\"v\">%s</span></li>\n", he(L("Kustannus (2020 hinnat)", "Cost (2020 prices)")), he(euroRange(cp.CostMin, cp.CostMax, l)))
	h.w("</ul>\n")
	if !cp.ContractBy.IsZero() {
		h.w("<p>%s</p>\n", he(tf("Toimikorttisopimus DVV:n kanssa alkuun viimeistään %s, kortit tilattava viimeistään %s, lukijat asennettava ja testattava %s alkaen.",
			"Start the DVV card contract by %s, order the cards by %s, install and test the readers from %s.", cp.ContractBy, cp.OrderBy, cp.ReadersBy).In(l)))
	}
	h.w("<table id=\"tbl-cost\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		he(L("Kohde", "Item")), he(L("Määrä", "Count")), he(L("Kappalehinta", "Unit price")), he(L("Yhteensä", "Total")), he(L("Lähde", "Source")), he(L("Huomio", "Note")))
	for _, c := range cp.Lines {
		h.w("<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td>%s</td><td>%s</td></tr>\n",
			he(c.Item.In(l)), c.Count, he(euroRange(c.UnitMin, c.UnitMax, l)), he(euroRange(c.TotalMin, c.TotalMax, l)), he(c.Source), he(c.Note.In(l)))
	}
	h.w("<tr><td><strong>%s</strong></td><td></td><td></td><td class=\"num\"><strong>%s</strong></td><td></td><td></td></tr>\n", he(L("Yhteensä", "Total")), he(euroRange(cp.CostMin, cp.CostMax, l)))
	h.w("</tbody>\n</table>\n<p><strong>%s</strong></p>\n", he(cp.PriceNote.In(l)))
	if len(cp.Unpriced) > 0 {
		h.w("<ul>\n")
		for _, u := range cp.Unpriced {
			h.w("<li>%s</li>\n", he(u.In(l)))
		}
		h.w("</ul>\n")
	}
	h.w("<table id=\"tbl-people\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		he(L("Nimi", "Name")), he(L("Rooli", "Role")), he(L("Kortti", "Card")), he(L("Peruste", "Why")))
	for _, p := range cp.People {
		h.w("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", he(p.Name), he(p.Role), he(CardText(p.Card, l)), he(p.Why.In(l)))
	}
	h.w("</tbody>\n</table>\n")
}
