// Package fi formats numbers, counts, dates and times the way Finnish
// prose writes them, so every report and command output agrees: "1 rivi"
// but "2 riviä", 1.8.2024, 0,75, and local (Europe/Helsinki) clock time.
// The English counterparts sit next to them so callers pick by language.
package fi

import (
	"strconv"
	"strings"
	"sync"
	"time"

	// The binary carries the zone database: distroless images and Windows
	// have no /usr/share/zoneinfo, and Helsinki time must not silently
	// become UTC there.
	_ "time/tzdata"
)

// Count writes n and the noun: the nominative singular after 1 (also
// -1), the partitive otherwise ("1 rivi", "0 riviä", "2 riviä"). Finnish
// uses the singular only after the number one.
func Count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Noun(n, one, many)
}

// Noun is the word alone, for phrases where the number sits apart.
func Noun(n int, one, many string) string {
	if n == 1 || n == -1 {
		return one
	}
	return many
}

// CountEN is Count for English: "1 row", "2 rows".
func CountEN(n int, one, many string) string { return Count(n, one, many) }

// Decimal writes v with at most prec decimals, trailing zeros dropped,
// and a decimal comma: 0.75 → "0,75", 2.50 → "2,5".
func Decimal(v float64, prec int) string {
	return strings.Replace(DecimalEN(v, prec), ".", ",", 1)
}

// DecimalFixed writes v with exactly prec decimals and a decimal comma:
// 0.4 → "0,40" (columns of scores read better aligned).
func DecimalFixed(v float64, prec int) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', prec, 64), ".", ",", 1)
}

// DecimalEN is Decimal with a decimal point.
func DecimalEN(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Date writes the calendar date of t (in t's own location) as d.m.yyyy.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2.1.2006")
}

// ISODate turns a YYYY-MM-DD string into d.m.yyyy; anything else is
// returned unchanged (it is then a value as the input wrote it).
func ISODate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return Date(t)
}

var (
	helsinkiOnce sync.Once
	helsinki     *time.Location
)

// Helsinki is the Europe/Helsinki zone; should the zone database fail to
// load (it is embedded, so it should not), UTC, which DateTime then names.
func Helsinki() *time.Location {
	helsinkiOnce.Do(func() {
		loc, err := time.LoadLocation("Europe/Helsinki")
		if err != nil {
			loc = time.UTC
		}
		helsinki = loc
	})
	return helsinki
}

// DateTime writes t in Helsinki time to the minute: "3.12.2026 klo 11.20", "1.7.2026 klo 1.05".
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	loc := Helsinki()
	t = t.In(loc)
	// Finnish writes the hour unpadded (klo 9.05); Go's layouts pad 24-hour
	// clocks, so the hour is written by hand.
	s := t.Format("2.1.2006") + " klo " + strconv.Itoa(t.Hour()) + t.Format(".04")
	if loc == time.UTC {
		s += " UTC"
	}
	return s
}

// DateTimeEN writes t in Helsinki time for English text, with the zone
// abbreviation so the reader knows it is not UTC: "2026-12-03 11:20 EET".
func DateTimeEN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Helsinki()).Format("2006-01-02 15:04 MST")
}
