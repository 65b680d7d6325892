package tos

import (
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// StartServiceEnded is the end of the service or client relationship
// ("palvelun päättymisestä"), the anchor of the repealed 254/2015 annex.
// The 703/2023 annex never uses it, so a plan that still counts from it
// counts from the wrong event. It is deliberately not in
// sosmeta.StartEvents: no law row may use it.
const StartServiceEnded sosmeta.StartEvent = "service_ended"

// StartOther is a start event records management knows (the JHS 191 /
// Helsinki value list: "Tilikauden päättyminen", "Viimeinen päivitys" …)
// that no social-welfare row of the 703/2023 annex uses: understood, and
// wrong for a client document.
const StartOther sosmeta.StartEvent = "other"

// maxYears bounds a plausible retention period; a larger number is a typo
// or a date, not a period.
const maxYears = 200

// Retention is a parsed retention period.
type Retention struct {
	// Years is the period (sosmeta.Permanent = -1 for permanent).
	Years int
	// OK is false when the text is empty or not a single period.
	OK bool
	// Electronic is true for the Helsinki paper-column value "Säilytetään
	// sähköisesti": not a period, but a statement that there is no paper.
	Electronic bool
	// Rest is wording after the number ("10 vuotta asian sulkemisesta"
	// gives "asian sulkemisesta"), a candidate start event.
	Rest string
}

// ParseRetention reads a retention period as TOS and AMS files write it:
// "10", "10 v", "10 vuotta asian sulkemisesta", "-1", "-1 (säilytetään
// pysyvästi)", "pysyvä", "pysyvästi", "permanent". Like helerm's importer,
// any value starting "-1" is permanent. Text with two numbers ("30 v / 12 v
// kuolemasta") is not one period and is not guessed at.
func ParseRetention(s string) Retention {
	s = strings.TrimSpace(s)
	if s == "" {
		return Retention{}
	}
	if strings.HasPrefix(s, "-1") && (len(s) == 2 || !isDigit(s[2])) {
		return Retention{Years: sosmeta.Permanent, OK: true}
	}
	f := textnorm.Fold(s)
	switch {
	case strings.Contains(f, "sailytetaan sahkoisesti"):
		return Retention{Electronic: true}
	case strings.HasPrefix(f, "pysyv") || strings.Contains(f, "sailytetaan pysyvasti") ||
		strings.HasPrefix(f, "permanent") || strings.HasPrefix(f, "varaktig"):
		return Retention{Years: sosmeta.Permanent, OK: true}
	}
	// Leading number, optionally with a decimal ".0"/",0" as spreadsheets
	// write whole numbers.
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 || i > 3 {
		return Retention{}
	}
	n, _ := strconv.Atoi(s[:i])
	rest := s[i:]
	if len(rest) >= 2 && (rest[0] == '.' || rest[0] == ',') {
		j := 1
		for j < len(rest) && rest[j] == '0' {
			j++
		}
		if j == 1 || (j < len(rest) && isDigit(rest[j])) {
			return Retention{} // 2.5 years is not a period anyone writes
		}
		rest = rest[j:]
	}
	if n > maxYears {
		return Retention{}
	}
	rest = strings.TrimSpace(rest)
	fr := textnorm.Fold(rest)
	for _, unit := range []string{"vuotta", "vuoden", "vuosi", "vuodet", "years", "year", "yrs", "ar", "v", "y"} {
		if fr == unit || strings.HasPrefix(fr, unit+" ") {
			fr = strings.TrimSpace(strings.TrimPrefix(fr, unit))
			rest = dropWords(rest, 1)
			break
		}
	}
	if strings.IndexFunc(fr, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		return Retention{}
	}
	if strings.HasPrefix(fr, "pysyv") {
		return Retention{}
	}
	return Retention{Years: n, OK: true, Rest: strings.Trim(rest, " .,;:()")}
}

// dropWords removes the first n whitespace- or punctuation-separated words.
func dropWords(s string, n int) string {
	s = strings.TrimLeft(s, " .")
	for ; n > 0; n-- {
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return ""
		}
		s = strings.TrimSpace(s[i:])
	}
	return s
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// startPatterns map folded wording to a start event. Order matters: the
// more specific wording ("viimeisen asian sulkemisesta", "päätöksen
// voimassaolon päättymisestä") comes before the general ("asian …",
// "… päättymisestä").
var startPatterns = []struct {
	any   []string
	event sosmeta.StartEvent
}{
	{[]string{"viimeisen asian", "tarve on paattynyt", "tarpeen paattymi", "last case"}, sosmeta.StartLastCaseClosed},
	{[]string{"voimassaolo", "voimassa olon", "validity", "giltighet"}, sosmeta.StartDecisionValidityEnd},
	{[]string{"kuolem", "kuolin", "death", "dod ", "dods", "doden"}, sosmeta.StartClientDeath},
	{[]string{"syntym", "birth", "fodelse"}, sosmeta.StartChildBirth},
	{[]string{"lokitapahtum", "lokimerkinn", "log event"}, sosmeta.StartLogEvent},
	{[]string{"kayttotarve", "kayttotarpeen", "use ended", "need ended"}, sosmeta.StartUseEnded},
	// After the death (the annex's own R703-15 wording names both) and
	// before "laatimisesta": "uuden version laatimisen jälkeen".
	{[]string{"uuden version", "uudemman version", "seuraavan version", "uusi versio", "newer version", "new version"}, sosmeta.StartNewerVersion},
	{[]string{"viestin", "viesti ", "viestien", "kirjeen paivay", "message"}, sosmeta.StartMessageDate},
	{[]string{"asian sulke", "asian sulje", "asian lopullinen ratkaisu", "asian ratkaisu", "asian ratkaisemi",
		"asian paattym", "asian kasittelyn paattym", "asian kasittely paattyy", "case clos", "arendet avslut"}, sosmeta.StartCaseClosed},
	{[]string{"asiakirjan paivamaara", "asiakirjan paivays", "asiakirjan laatimi", "laatimisesta", "laatimispaiva",
		"todistuksen", "lausunnon", "document date", "handlingens datum"}, sosmeta.StartDocumentDate},
	{[]string{"palvelun paattym", "hoidon paattym", "asiakkuuden paattym", "asiakassuhteen paattym",
		"palvelun paatty", "service ended", "end of service"}, StartServiceEnded},
	// The rest of Helsinki's "Säilytysajan laskentaperuste" value list.
	{[]string{"kaluston", "lukuvuo", "opiskeluaika", "oppivelvollisuus", "palvelussuhteen", "projektin paattym",
		"rakennuksen", "sailytysjarjestelmaan", "suojelun paattym", "takuuajan", "tilikauden", "tilivuoden",
		"toimenpiteen paattym", "valvonnan paattym", "viimeinen paivitys", "kalenterivuoden"}, StartOther},
}

// ParseStart maps a retention start (laskentaperuste) as written to a start
// event. ok is false for empty or unrecognised text: the caller cannot
// compare it with the law and must not guess.
func ParseStart(s string) (sosmeta.StartEvent, bool) {
	// Patterns match at a word start: " kuolem" finds "kuolemasta" but
	// not a word that merely contains the letters.
	f := " " + textnorm.Fold(s) + " "
	if strings.TrimSpace(f) == "" {
		return "", false
	}
	for _, p := range startPatterns {
		for _, w := range p.any {
			if strings.Contains(f, " "+w) {
				return p.event, true
			}
		}
	}
	return "", false
}

// Medium says which plans a row belongs to.
type Medium struct {
	Electronic, Paper bool
}

// ParseMedium reads a storage-form value: "sähköinen", "paperi",
// "paperi ja sähköinen", "molemmat", "Säilytetään sähköisesti", "TOS",
// "AMS", "x"-style flags are handled by the caller. ok is false for text
// that names neither.
func ParseMedium(s string) (Medium, bool) {
	f := textnorm.Fold(s)
	if f == "" {
		return Medium{}, false
	}
	var m Medium
	for _, w := range strings.Fields(f) {
		switch {
		case strings.HasPrefix(w, "paper") || w == "pap" || w == "ams" || w == "p":
			m.Paper = true
		case strings.HasPrefix(w, "sahko") || strings.HasPrefix(w, "digit") || strings.HasPrefix(w, "electron") ||
			strings.HasPrefix(w, "elektron") || w == "tos" || w == "e" || w == "sahk":
			m.Electronic = true
		case w == "molemmat" || w == "both" || w == "bada":
			m.Electronic, m.Paper = true, true
		}
	}
	return m, m.Electronic || m.Paper
}

// StartLabel is a start event in words, for messages and the TOS draft.
func StartLabel(e sosmeta.StartEvent) (fi, en string) {
	switch e {
	case sosmeta.StartCaseClosed:
		return "asian sulkeminen", "case closing"
	case sosmeta.StartLastCaseClosed:
		return "viimeisen asian sulkeminen", "closing of the last case"
	case sosmeta.StartClientDeath:
		return "asiakkaan kuolema", "client's death"
	case sosmeta.StartChildBirth:
		return "lapsen syntymä", "child's birth"
	case sosmeta.StartDecisionValidityEnd:
		return "päätöksen voimassaolon päättyminen", "end of the decision's validity"
	case sosmeta.StartMessageDate:
		return "viestin päiväys", "message date"
	case sosmeta.StartDocumentDate:
		return "asiakirjan laatiminen", "document date"
	case sosmeta.StartLogEvent:
		return "lokitapahtuma", "log event"
	case sosmeta.StartUseEnded:
		return "käyttötarpeen päättyminen", "end of need for use"
	case sosmeta.StartNewerVersion:
		return "uuden version laatiminen", "making of a newer version"
	case sosmeta.StartNone:
		return "ei laskentaperustetta", "no start event"
	case StartServiceEnded:
		return "palvelun päättyminen (254/2015)", "end of service (254/2015)"
	case StartOther:
		return "muu kuin liitteen laskentaperuste", "a start event the annex does not use"
	}
	return string(e), string(e)
}
