package tos

import (
	"strconv"
	"strings"

	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/textio"
)

// maxQuote bounds quoted cell text in messages.
const maxQuote = 80

// Quote renders a cell value for a message: any henkilötunnus masked (a
// plan should hold none, but a free-text cell might), long text shortened,
// quoted with Go syntax so control characters show.
func Quote(s string) string {
	// Redact before cutting, so a cut cannot leave part of a code.
	return strconv.Quote(textio.Excerpt(ident.Redact(strings.TrimSpace(s)), maxQuote))
}
