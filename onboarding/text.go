package onboarding

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// tf formats a message in both languages from the same arguments: a
// calendar.Day is written d.m.yyyy in Finnish and ISO in English, a
// finding.Text in its language.
func tf(fi, en string, args ...any) finding.Text {
	conv := func(l finding.Lang) []any {
		out := make([]any, len(args))
		for i, a := range args {
			switch v := a.(type) {
			case calendar.Day:
				out[i] = dateIn(v, l)
			case finding.Text:
				out[i] = v.In(l)
			default:
				out[i] = a
			}
		}
		return out
	}
	return finding.T(fmt.Sprintf(fi, conv(finding.FI)...), fmt.Sprintf(en, conv(finding.EN)...))
}

// dateIn writes a date as the language writes it ("" for the zero day).
func dateIn(d calendar.Day, l finding.Lang) string {
	if d.IsZero() {
		return ""
	}
	if l == finding.EN {
		return d.ISO()
	}
	return d.Finnish()
}

// count is a plural-aware count in both languages: count(1, "työpäivä",
// "työpäivää", "working day", "working days").
func count(n int, oneFI, manyFI, oneEN, manyEN string) finding.Text {
	fi, en := manyFI, manyEN
	if n == 1 || n == -1 {
		fi, en = oneFI, oneEN
	}
	return finding.T(strconv.Itoa(n)+" "+fi, strconv.Itoa(n)+" "+en)
}

func workdays(n int) finding.Text {
	return count(n, "työpäivä", "työpäivää", "working day", "working days")
}

// euros writes a sum of euros: "1 234 €" in Finnish, "€1,234" in English.
func euros(n int, l finding.Lang) string {
	s := strconv.Itoa(n)
	sep := " "
	if l == finding.EN {
		sep = ","
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if l == finding.EN {
		return "€" + b.String()
	}
	return b.String() + " €"
}

// euroRange writes "0–230 €" / "€0–230".
func euroRange(lo, hi int, l finding.Lang) string {
	if lo == hi {
		return euros(lo, l)
	}
	if l == finding.EN {
		return "€" + strings.TrimPrefix(euros(lo, l), "€") + "–" + strings.TrimPrefix(euros(hi, l), "€")
	}
	return strings.TrimSuffix(euros(lo, l), " €") + "–" + euros(hi, l)
}

// durationText is a duration as the plan shows it: "15–20 työpäivää".
func durationText(d Duration, l finding.Lang) string {
	if d.Min == d.Max {
		return workdays(d.Max).In(l)
	}
	unit := "työpäivää"
	if l == finding.EN {
		unit = "working days"
	}
	return fmt.Sprintf("%d–%d %s", d.Min, d.Max, unit)
}

// durationNumber is a duration without its unit: "15–20" or "5".
func durationNumber(d Duration) string {
	if d.Min == d.Max {
		return strconv.Itoa(d.Max)
	}
	return strconv.Itoa(d.Min) + "–" + strconv.Itoa(d.Max)
}

// sourceText says where a duration comes from.
func sourceText(d Duration, l finding.Lang) string {
	switch {
	case d.Override != "":
		where := d.Override
		if loc := d.overrideAt.In(l); loc != "" {
			where = loc
		}
		if l == finding.EN {
			return "status file: " + where
		}
		return "tilatiedosto: " + where
	case d.Inferred:
		if l == finding.EN {
			return "inferred — " + d.Why.EN
		}
		return "päätelmä — " + d.Why.FI
	}
	q := d.Quote.In(l)
	if q != "" {
		return d.Source + ": \"" + q + "\""
	}
	return d.Source
}

var progressText = map[Progress]finding.Text{
	Done:       finding.T("valmis", "done"),
	InProgress: finding.T("kesken", "in progress"),
	NotStarted: finding.T("aloittamatta", "not started"),
}

var timingText = map[Timing]finding.Text{
	NotJudged:  finding.T("", ""),
	TimingDone: finding.T("valmis", "done"),
	OnTrack:    finding.T("aikataulussa", "on track"),
	AtRisk:     finding.T("riskissä", "at risk"),
	Late:       finding.T("myöhässä", "late"),
}

// ProgressText is the status in l.
func ProgressText(p Progress, l finding.Lang) string { return progressText[p].In(l) }

// TimingText is the timing in l ("" when not judged).
func TimingText(t Timing, l finding.Lang) string { return timingText[t].In(l) }

var monthsFI = []string{"tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu"}

func monthLabel(d calendar.Day, l finding.Lang) string {
	if l == finding.EN {
		return d.Time().Format("Jan 2006")
	}
	return monthsFI[d.Month-1] + " " + strconv.Itoa(d.Year)
}
