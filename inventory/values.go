package inventory

import (
	"github.com/kartoitus/kartoitus/ident"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// clean trims a cell: spaces, non-breaking spaces and line breaks at the
// ends; inner line breaks become spaces, since a wrapped cell is one value.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// normaliseNumber turns a number Excel or a CSV export wrote with a
// fraction or grouping ("11023.0", "11023,0", "11 023", "1.1023E+4") into
// its integer digits. Anything else (names, OIDs, "05 02 03") is returned
// unchanged.
func normaliseNumber(s string) string {
	if s == "" || !startsNumeric(s) {
		return s
	}
	t := s
	if isGroupedThousands(t) {
		t = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, t)
	}
	t = strings.Replace(t, ",", ".", 1)
	if strings.Count(t, ".") > 1 {
		return s // an OID or a dotted class code
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || f != math.Trunc(f) || math.Abs(f) >= 1e15 {
		return s
	}
	return strconv.FormatInt(int64(f), 10)
}

func startsNumeric(s string) bool {
	c := s[0]
	return c >= '0' && c <= '9' || c == '-' || c == '+'
}

// isGroupedThousands matches "11 023" (space or no-break space groups).
func isGroupedThousands(s string) bool {
	groups := strings.FieldsFunc(s, unicode.IsSpace)
	if len(groups) < 2 || len(groups[0]) > 3 {
		return false
	}
	for i, g := range groups {
		if !allASCIIDigits(g) || (i > 0 && len(g) != 3) {
			return false
		}
	}
	return true
}

func allASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseMedium reads a medium cell. ok is false for a non-empty value that
// names neither paper nor electronic.
func parseMedium(s string) (Medium, bool) {
	f := textnorm.Fold(s)
	if f == "" {
		return MediumUnknown, true
	}
	switch f {
	case "p", "pap", "paperi", "paperinen", "paper", "papper":
		return MediumPaper, true
	case "s", "e", "sah", "sahk", "sahkoinen", "electronic", "elektronisk", "digital", "digitaalinen":
		return MediumElectronic, true
	case "molemmat", "kumpikin", "both", "bada", "ps", "p s", "s p", "paperi ja sahkoinen":
		return MediumBoth, true
	}
	paper, elec := false, false
	for _, w := range strings.Fields(f) {
		switch {
		case strings.HasPrefix(w, "paper"), strings.HasPrefix(w, "papper"):
			paper = true
		case strings.HasPrefix(w, "sahko"), strings.HasPrefix(w, "elektron"), strings.HasPrefix(w, "electron"),
			strings.HasPrefix(w, "digi"):
			elec = true
		case w == "molemmat" || w == "both" || w == "bada":
			paper, elec = true, true
		}
	}
	switch {
	case paper && elec:
		return MediumBoth, true
	case paper:
		return MediumPaper, true
	case elec:
		return MediumElectronic, true
	}
	return MediumUnknown, false
}

// marked reads a mark cell of a separate paper or electronic column: "x",
// "kyllä", "1", "✓" and any other non-empty value mean yes; empty and the
// explicit no-words mean no. A mark column exists to be ticked, so an
// unexpected tick ("osittain") still counts as a tick.
func marked(s string) bool {
	f := textnorm.Fold(s)
	if f == "" {
		// "✓" and "-" fold to nothing: decide on the raw text.
		t := strings.TrimSpace(s)
		return t != "" && t != "-" && t != "–" && t != "—"
	}
	switch f {
	case "ei", "0", "no", "nej", "n", "false", "epatosi", "ei ole", "none":
		return false
	}
	return true
}

// mediumFromMarks combines the paper and electronic mark columns.
func mediumFromMarks(paper, electronic bool) Medium {
	switch {
	case paper && electronic:
		return MediumBoth
	case paper:
		return MediumPaper
	case electronic:
		return MediumElectronic
	}
	return MediumUnknown
}

// parseRetention reads a retention period in years: "10", "10 v",
// "10 vuotta", "10 år", "10 years", "10.0", "2 v asiakkaan kuolemasta"
// (the leading number counts); "pysyvä", "pysyvästi", "-1" and
// "-1 (säilytetään pysyvästi)" are permanent (-1, as in JHS 191). ok is
// false when the cell is not empty but holds no period in years
// ("asiakkuuden ajan", "6 kk").
func parseRetention(s string) (years int, ok bool) {
	f := textnorm.Fold(s)
	if f == "" {
		return 0, false
	}
	for _, w := range []string{"pysyva", "pysyvasti", "pysyvaisesti", "permanent", "permanently", "varaktigt", "varaktig", "ikuisesti"} {
		if f == w || strings.HasPrefix(f, w+" ") || strings.Contains(f, " "+w) {
			return -1, true
		}
	}
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "-1") && (len(t) == 2 || !isDigit(t[2])) {
		return -1, true
	}
	// Leading number, possibly with a fraction ".0" or ",0" from Excel.
	i := 0
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	if i == 0 || i > 4 {
		return 0, false
	}
	n, _ := strconv.Atoi(t[:i])
	rest := t[i:]
	if len(rest) >= 2 && (rest[0] == '.' || rest[0] == ',') && isDigit(rest[1]) {
		j := 1
		for j < len(rest) && rest[j] == '0' {
			j++
		}
		if j < len(rest) && isDigit(rest[j]) {
			return 0, false // a real fraction: not whole years
		}
		rest = rest[j:]
	}
	unit := textnorm.Fold(rest)
	if unit == "" {
		return n, true
	}
	first := strings.Fields(unit)[0]
	switch first {
	case "v", "vuotta", "vuosi", "vuoden", "vuodeksi", "vuosina", "vuodet", "vuot", "y", "yr", "yrs", "year", "years", "ar", "aar":
		return n, true
	case "kk", "kuukautta", "kuukaudeksi", "kuukausi", "mo", "month", "months", "man", "manad", "manader", "pv", "paivaa", "d", "days", "vk", "viikkoa":
		return 0, false
	}
	// "10 asiakkaan kuolemasta": a number followed by the start event.
	return n, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// columnLetter turns a 0-based index into a spreadsheet column name.
func columnLetter(i int) string {
	if i < 0 {
		return ""
	}
	var b []byte
	for i >= 0 {
		b = append([]byte{byte('A' + i%26)}, b...)
		i = i/26 - 1
	}
	return string(b)
}

// maskHetu replaces anything shaped like a henkilötunnus by
// "[henkilötunnus]", so none reaches a report, log or error. An inventory
// should hold none; the reader warns when it masks. The shape is
// ident.IndexHetu's (every century sign in either case, any check
// character, as a whole word), narrowed to 11 characters with a day and
// month that can be a date: this rewrites document names, so a form
// number such as "100234-001" must stay. (Reports redact the wider shape
// again on the way out.)
func maskHetu(s string) (string, bool) {
	var b strings.Builder
	masked := false
	last := 0
	for i, n := ident.NextHetu(s, 0); i >= 0; i, n = ident.NextHetu(s, i+n) {
		dd := int(s[i]-'0')*10 + int(s[i+1]-'0')
		mm := int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if n != 11 || dd < 1 || dd > 31 || mm < 1 || mm > 12 {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString("[henkilötunnus]")
		last = i + n
		masked = true
	}
	if !masked {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

func isAlnum(c byte) bool { return isDigit(c) || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
