package onboarding

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// The chart is drawn for a projector: 1600 units wide, 20-unit text, and
// readable in greyscale — progress is a fill pattern (solid dark = done,
// hatched = in progress, white = not started), timing is text in its own
// column and an outline style, the critical path a heavy outline and a ◆
// before the label. Colour only repeats what pattern and text say.
const (
	svgW       = 1600
	labelX     = 16
	titleX     = 206
	chartX0    = 600
	chartX1    = 1290
	statusX    = 1306
	rowH       = 42
	barH       = 26
	headTop    = 64
	fontLabel  = 20
	fontAxis   = 16
	fontStatus = 18
	minBar     = 8
)

// svgDoc accumulates markup; every text goes through text().
type svgDoc struct{ b bytes.Buffer }

func (d *svgDoc) raw(format string, a ...any) { fmt.Fprintf(&d.b, format, a...) }

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (d *svgDoc) text(x, y float64, size int, anchor, weight, s string) {
	d.raw(`<text x="%.1f" y="%.1f" font-size="%d" text-anchor="%s" font-weight="%s" fill="#000">%s</text>`+"\n",
		x, y, size, anchor, weight, esc(s))
}

// chartRange is the span of days the chart shows.
func chartRange(p *Plan) (from, to calendar.Day) {
	from = p.GoLive
	for _, s := range p.Tasks {
		a, _ := barSpan(s, p)
		if !a.IsZero() && a.Before(from) {
			from = a
		}
	}
	if !p.Today.IsZero() && p.Today.Before(from) {
		from = p.Today
	}
	// The deck's six-month start is shown when it is not far off;
	// otherwise it is named at the left edge.
	if !p.DeckStart.IsZero() && p.DeckStart.Before(from) && from.Sub(p.DeckStart) <= 45 {
		from = p.DeckStart
	}
	end := p.GoLive
	if !p.Today.IsZero() && p.Today.After(end) {
		end = p.Today
	}
	if !p.ProjectedGoLive.IsZero() && p.ProjectedGoLive.After(end) {
		end = p.ProjectedGoLive
	}
	for _, s := range p.Tasks {
		if _, b := barSpan(s, p); b.After(end) {
			end = b
		}
		if slip(s, p) {
			end = laterOf(end, s.EarliestFinish)
		}
	}
	return from.AddDays(-3), end.AddDays(14)
}

func laterOf(a, b calendar.Day) calendar.Day {
	if b.After(a) {
		return b
	}
	return a
}

// barSpan is where a task's bar goes: without --today its planned dates;
// with it, a done task at its actual dates, one in progress from its start
// to its forecast finish, one not started at its latest dates.
func barSpan(s *Scheduled, p *Plan) (calendar.Day, calendar.Day) {
	if p.Today.IsZero() || s.Milestone() {
		return s.Start, s.End
	}
	switch {
	case s.Kind == Group:
		var a, b calendar.Day
		for i, id := range s.Children {
			ca, cb := barSpan(p.Task(id), p)
			if i == 0 || ca.Before(a) {
				a = ca
			}
			if i == 0 || cb.After(b) {
				b = cb
			}
		}
		return a, b
	case s.Progress == Done:
		return s.EarliestStart, s.EarliestFinish
	case s.Progress == InProgress:
		// Beyond the latest finish the overrun arrow takes over.
		end := s.EarliestFinish
		if end.After(s.LatestFinish) && !s.LatestFinish.Before(s.EarliestStart) {
			end = s.LatestFinish
		}
		return s.EarliestStart, end
	}
	return s.LatestStart, s.LatestFinish
}

// slip reports whether a task not done is forecast to finish after its
// latest finish: the chart draws the overrun as an arrow.
func slip(s *Scheduled, p *Plan) bool {
	return !p.Today.IsZero() && s.Kind == Work && s.Progress != Done && s.EarliestFinish.After(s.LatestFinish)
}

// WriteSVG draws the plan as a Gantt chart: one row and one bar (class
// "bar", data-task = the task id) per task, in catalogue order.
func WriteSVG(w io.Writer, p *Plan, l finding.Lang) error {
	from, to := chartRange(p)
	span := float64(to.Sub(from))
	x := func(d calendar.Day) float64 { return chartX0 + float64(d.Sub(from))/span*(chartX1-chartX0) }
	rows := len(p.Tasks)
	chartBottom := float64(headTop + rows*rowH)
	refTop := chartBottom + 26
	legendTop := refTop + 4*24 + 10
	height := legendTop + 150
	L := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	d := &svgDoc{}
	title := L("Käyttöönoton aikataulu", "Onboarding schedule")
	if p.Organisation != "" {
		title += " — " + p.Organisation
	}
	d.raw(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %.0f" width="%d" height="%.0f" role="img" aria-labelledby="gantt-title gantt-desc" font-family="DejaVu Sans, Verdana, Arial, sans-serif" class="gantt">`+"\n",
		svgW, height, svgW, height)
	d.raw(`<title id="gantt-title">%s</title>`+"\n", esc(title))
	d.raw(`<desc id="gantt-desc">%s</desc>`+"\n", esc(fmt.Sprintf(L("%d tehtävää; käyttöönotto %s; kriittinen polku %s.", "%d tasks; go-live %s; critical path %s."),
		rows, dateIn(p.GoLive, l), strings.Join(p.Critical, " → "))))
	d.raw(`<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">` +
		`<rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#000" stroke-width="3"/></pattern></defs>` + "\n")
	d.raw(`<rect x="0" y="0" width="%d" height="%.0f" fill="#fff"/>`+"\n", svgW, height)

	// Holidays and the organisation's days off: light columns.
	for day := from; !day.After(to); day = day.AddDays(1) {
		if wd := day.Weekday(); wd == 0 || wd == 6 || p.Calendar.IsWorkday(day) {
			continue
		}
		name := L("vapaapäivä", "day off")
		if h, ok := p.Calendar.HolidayOn(day); ok {
			name = h.FI
			if l == finding.EN {
				name = h.EN
			}
		}
		d.raw(`<rect class="holiday" x="%.1f" y="%d" width="%.1f" height="%.0f" fill="#d9d9d9"><title>%s</title></rect>`+"\n",
			x(day), headTop-8, x(day.AddDays(1))-x(day), chartBottom-headTop+8, esc(dateIn(day, l)+" "+name))
	}
	// Month lines and labels; Monday ticks with dates, thinned to fit.
	pxWeek := 7 / span * (chartX1 - chartX0)
	every := 1
	for float64(every)*pxWeek < 64 {
		every++
	}
	week := 0
	for day := from; !day.After(to); day = day.AddDays(1) {
		if day.D == 1 || day == from {
			if day.D == 1 {
				d.raw(`<line x1="%.1f" y1="8" x2="%.1f" y2="%.0f" stroke="#000" stroke-width="1.5"/>`+"\n", x(day), x(day), chartBottom)
			}
			// Month names only; the years stand in the label column.
			lbl := strings.Fields(monthLabel(day, l))[0]
			// The first label stands at the chart's edge unless a month
			// starts too close to it.
			if day == from && (to.Sub(from) < 10 || day.AddDays(8).Month != day.Month && day.D != 1) {
				lbl = ""
			}
			if lbl != "" {
				d.text(x(day)+4, 24, fontAxis, "start", "bold", lbl)
			}
		}
		if day.Weekday() == 1 {
			if week%every == 0 {
				d.raw(`<line x1="%.1f" y1="32" x2="%.1f" y2="%.0f" stroke="#999" stroke-width="0.8" stroke-dasharray="2 4"/>`+"\n", x(day), x(day), chartBottom)
				d.text(x(day)+2, 48, fontAxis, "start", "normal", fmt.Sprintf("%d.%d.", day.D, day.Month))
			}
			week++
		}
	}
	years := strconv.Itoa(from.Year)
	if to.Year != from.Year {
		years += "–" + strconv.Itoa(to.Year)
	}
	d.text(labelX, 24, fontAxis, "start", "bold", years)
	d.text(statusX, 48, fontAxis, "start", "bold", L("Tila", "Status"))
	// Row labels, bars, status text.
	for i, s := range p.Tasks {
		top := float64(headTop + i*rowH)
		mid := top + rowH/2
		if i%2 == 1 {
			d.raw(`<rect x="0" y="%.0f" width="%d" height="%d" fill="#000" fill-opacity="0.04"/>`+"\n", top, svgW, rowH)
		}
		weight := "normal"
		id := s.ID
		if s.Critical {
			weight = "bold"
			id = "◆ " + id
		}
		idSize, indent := fontLabel, 0.0
		if s.Parent != "" {
			idSize, indent = fontAxis, 18
		}
		d.text(labelX+indent, mid+7, idSize, "start", weight, id)
		d.text(titleX+indent, mid+7, fontLabel, "start", weight, s.Short.In(l))
		d.bar(s, p, l, x, from, to, top)
		d.text(statusX, mid+6, fontStatus, "start", statusWeight(s), statusLabel(s, l))
	}
	// Reference lines on top of the bars.
	vline := func(day calendar.Day, dash, label string, y float64, width float64) {
		if day.IsZero() || day.Before(from) || day.After(to) {
			return
		}
		d.raw(`<line class="ref" x1="%.1f" y1="%d" x2="%.1f" y2="%.0f" stroke="#000" stroke-width="%.1f" stroke-dasharray="%s"/>`+"\n",
			x(day), headTop-4, x(day), y-14, width, dash)
		anchor := "end"
		lx := x(day) - 4
		if x(day) < (chartX0+chartX1)/2 {
			anchor, lx = "start", x(day)+4
		}
		// A white plate under the label keeps it readable over bars.
		wlab := float64(len([]rune(label))) * 9.5
		rx := lx
		if anchor == "end" {
			rx = lx - wlab
		}
		d.raw(`<rect x="%.1f" y="%.1f" width="%.1f" height="22" fill="#fff" fill-opacity="0.85"/>`+"\n", rx, y-17, wlab)
		d.text(lx, y, fontAxis, anchor, "bold", label)
	}
	vline(p.GoLive, "none", L("Käyttöönotto ", "Go-live ")+dateIn(p.GoLive, l), refTop, 3)
	if !p.Today.IsZero() {
		vline(p.Today, "10 5", L("Tänään ", "Today ")+dateIn(p.Today, l), refTop+24, 2.5)
		if p.ProjectedGoLive.After(p.GoLive) {
			vline(p.ProjectedGoLive, "3 3", L("Ennuste ", "Forecast ")+dateIn(p.ProjectedGoLive, l), refTop+48, 2)
		}
	}
	if !p.DeckStart.IsZero() {
		lbl := L("~6 kk ennen (K20 dia 7) ", "~6 months before (K20 slide 7) ") + dateIn(p.DeckStart, l)
		y := refTop + 48
		if !p.Today.IsZero() && p.ProjectedGoLive.After(p.GoLive) {
			y = refTop + 72
		}
		if p.DeckStart.Before(from) {
			d.text(chartX0+2, y, fontAxis, "start", "normal", "← "+lbl)
		} else {
			vline(p.DeckStart, "2 4", lbl, y, 2)
		}
	}
	d.legend(legendTop, l)
	d.raw("</svg>\n")
	_, err := w.Write(d.b.Bytes())
	return err
}

// bar draws one task's shape.
func (d *svgDoc) bar(s *Scheduled, p *Plan, l finding.Lang, x func(calendar.Day) float64, from, to calendar.Day, top float64) {
	y := top + (rowH-barH)/2
	stroke, width, dash := "#000", 1.5, "none"
	if s.Critical {
		width = 4
	}
	switch s.Timing {
	case Late:
		stroke, dash = "#b00020", "none"
		width = max(width, 3.5)
	case AtRisk:
		stroke, dash = "#8a5a00", "7 4"
		width = max(width, 3)
	}
	fill := "#fff"
	switch s.Progress {
	case Done:
		fill = "#404040"
	case InProgress:
		fill = "url(#hatch)"
	}
	attrs := fmt.Sprintf(`class="bar" data-task="%s" data-kind="%s" data-progress="%s" data-timing="%s" data-critical="%t"`,
		esc(s.ID), s.Kind, s.Progress, s.Timing, s.Critical)
	tip := esc(fmt.Sprintf("%s %s: %s – %s", s.ID, s.Title.In(l), dateIn(s.Start, l), dateIn(s.End, l)))
	switch s.Kind {
	case Group:
		a, b := barSpan(s, p)
		x0, x1 := x(a), x(b.AddDays(1))
		d.raw(`<polygon %s points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="#000" stroke="#000" stroke-width="1"><title>%s</title></polygon>`+"\n",
			attrs, x0, y+4, x1, y+4, x1, y+barH-2, x1-8, y+12, x0+8, y+12, x0, y+barH-2, tip)
	case GoLive:
		cx, cy, r := x(s.Start), y+barH/2, float64(barH)/2+3
		d.raw(`<polygon %s points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s" stroke="%s" stroke-width="%.1f" stroke-dasharray="%s"><title>%s</title></polygon>`+"\n",
			attrs, cx, cy-r, cx+r, cy, cx, cy+r, cx-r, cy, fillOr(fill, "#000"), stroke, max(width, 2), dash, tip)
	case Ongoing:
		x0, x1 := x(s.Start), x(to)
		d.raw(`<polygon %s points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="#bfbfbf" stroke="#000" stroke-width="1.5"><title>%s</title></polygon>`+"\n",
			attrs, x0, y, x1-14, y, x1, y+barH/2, x1-14, y+barH, x0, y+barH, tip)
	default:
		a, b := barSpan(s, p)
		x0, x1 := x(a), x(b.AddDays(1))
		if x1-x0 < minBar {
			x1 = x0 + minBar
		}
		tip = esc(fmt.Sprintf("%s %s: %s – %s", s.ID, s.Title.In(l), dateIn(a, l), dateIn(b, l)))
		if slip(s, p) {
			// The overrun: from the latest finish to the forecast finish.
			sx0, sx1 := x(s.LatestFinish.AddDays(1)), x(s.EarliestFinish.AddDays(1))
			sy := y + barH/2
			d.raw(`<g class="slip" data-task="%s"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="3"/>`+
				`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="#000"/><title>%s</title></g>`+"\n",
				esc(s.ID), max(sx0, x1), sy, sx1-8, sy, sx1-10, sy-7, sx1, sy, sx1-10, sy+7,
				esc(fmt.Sprintf("%s: %s %s", s.ID, map[finding.Lang]string{finding.FI: "ennuste", finding.EN: "forecast"}[l], dateIn(s.EarliestFinish, l))))
		}
		d.raw(`<rect %s x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s" stroke="%s" stroke-width="%.1f" stroke-dasharray="%s"><title>%s</title></rect>`+"\n",
			attrs, x0, y, x1-x0, barH, fill, stroke, width, dash, tip)
		// A deadline (the report to Kela) is a short vertical mark.
		if !s.Due.IsZero() && !s.Due.Before(from) && !s.Due.After(to) {
			dx := x(s.Due.AddDays(1))
			d.raw(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="3"><title>%s</title></line>`+"\n",
				dx, y-6, dx, y+barH+6, esc(fmt.Sprintf("%s %s", map[finding.Lang]string{finding.FI: "määräaika", finding.EN: "deadline"}[l], dateIn(s.Due, l))))
		}
	}
}

func fillOr(f, def string) string {
	if f == "#fff" {
		return def
	}
	return f
}

func statusLabel(s *Scheduled, l finding.Lang) string {
	var parts []string
	switch s.Kind {
	case GoLive:
		parts = append(parts, dateIn(s.Start, l))
	case Ongoing:
		parts = append(parts, map[finding.Lang]string{finding.FI: "jatkuva", finding.EN: "ongoing"}[l])
	default:
		parts = append(parts, ProgressText(s.Progress, l))
	}
	switch s.Timing {
	case Late:
		parts = append(parts, "!! "+TimingText(s.Timing, l))
	case AtRisk:
		parts = append(parts, "! "+TimingText(s.Timing, l))
	}
	return strings.Join(parts, " · ")
}

func statusWeight(s *Scheduled) string {
	if s.Timing == Late || s.Timing == AtRisk {
		return "bold"
	}
	return "normal"
}

// legend explains every pattern and mark in words.
func (d *svgDoc) legend(top float64, l finding.Lang) {
	L := func(fi, en string) string {
		if l == finding.EN {
			return en
		}
		return fi
	}
	items := []struct {
		shape string
		text  string
	}{
		{`<rect x="%.1f" y="%.1f" width="44" height="22" fill="#404040" stroke="#000" stroke-width="1.5"/>`, L("valmis", "done")},
		{`<rect x="%.1f" y="%.1f" width="44" height="22" fill="url(#hatch)" stroke="#000" stroke-width="1.5"/>`, L("kesken", "in progress")},
		{`<rect x="%.1f" y="%.1f" width="44" height="22" fill="#fff" stroke="#000" stroke-width="1.5"/>`, L("aloittamatta", "not started")},
		{`<rect x="%.1f" y="%.1f" width="44" height="22" fill="#fff" stroke="#000" stroke-width="4"/>`, L("◆ paksu reuna: kriittinen polku", "◆ heavy outline: critical path")},
		{`<rect x="%.1f" y="%.1f" width="44" height="22" fill="#fff" stroke="#b00020" stroke-width="3.5"/>`, L("!! myöhässä", "!! late")},
		{`<rect x="%.1f" y="%.1f" width="44" height="22" fill="#fff" stroke="#8a5a00" stroke-width="3" stroke-dasharray="7 4"/>`, L("! katkoviiva: riskissä", "! dashed: at risk")},
		{`<rect x="%.1f" y="%.1f" width="44" height="22" fill="#d9d9d9"/>`, L("arkipyhä tai vapaapäivä", "public holiday or day off")},
		{`<g transform="translate(%.1f,%.1f)"><line x1="0" y1="11" x2="36" y2="11" stroke="#000" stroke-width="3"/><polygon points="34,4 44,11 34,18" fill="#000"/></g>`,
			L("nuoli: ennustettu ylitys", "arrow: forecast overrun")},
	}
	d.text(labelX, top+4, fontAxis, "start", "bold", L("Selite", "Legend"))
	for i, it := range items {
		col, row := i%4, i/4
		x := float64(labelX + col*390)
		y := top + 20 + float64(row)*40
		d.raw(it.shape+"\n", x, y)
		d.text(x+54, y+17, fontAxis, "start", "normal", it.text)
	}
	d.text(labelX, top+112, fontAxis, "start", "normal",
		L("Aloittamaton tehtävä: viimeisin aloitus ja valmistuminen työpäivinä (arkipyhät pois); valmis ja kesken: toteutunut ja ennuste. Kestot ja lähteet taulukossa.",
			"Not started: latest start and finish in working days (public holidays excluded); done and in progress: actual and forecast. Durations and sources in the table."))
}
