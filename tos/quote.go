package tos

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kartoitus/kartoitus/ident"
)

// maxQuote bounds quoted cell text in messages.
const maxQuote = 80

// Quote renders a cell value for a message: any henkilötunnus masked (a
// plan should hold none, but a free-text cell might), long text shortened,
// quoted with Go syntax so control characters show.
func Quote(s string) string {
	s = ident.Redact(strings.TrimSpace(s))
	if utf8.RuneCountInString(s) > maxQuote {
		r := []rune(s)
		s = string(r[:maxQuote]) + "…"
	}
	return strconv.Quote(s)
}
