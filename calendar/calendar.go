// Package calendar holds Finnish public holidays and working-day
// arithmetic: the one home for "what is a working day" used by the
// deployment-test report deadline and the onboarding plan.
//
// Holidays [confirmed, well established]: the fixed days New Year's Day
// (1.1), Epiphany (6.1), May Day (1.5), Independence Day (6.12),
// Christmas Day (25.12) and St Stephen's Day (26.12); the Easter-based
// Good Friday, Easter Sunday, Easter Monday, Ascension Day (Easter + 39)
// and Whitsun (Easter + 49); Midsummer Day (the Saturday 20–26 June) and
// All Saints' Day (the Saturday 31 October – 6 November).
//
// Deadlines: Laki säädettyjen määräaikain laskemisesta (150/1930) § 5
// moves a deadline that falls on a holiday, Independence Day, May Day,
// Christmas Eve, Midsummer Eve or a Saturday to the next weekday. We read
// Kela's "kahden arkipäivän sisällä" (K25, K20) the same way [inferred]:
// Monday to Friday, excluding the holidays and, by default, Midsummer Eve
// and Christmas Eve. Options turn the two eves into working days.
package calendar

import (
	"fmt"
	"time"
)

// Day is a calendar date with no time of day or zone.
type Day struct {
	Year  int
	Month time.Month
	D     int
}

// Date builds a Day, normalising overflow (31.4. → 1.5.).
func Date(y int, m time.Month, d int) Day {
	return Of(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
}

// Of returns the calendar date of t in its own location.
func Of(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, m, d}
}

// Parse reads YYYY-MM-DD or d.m.yyyy.
func Parse(s string) (Day, error) {
	for _, layout := range []string{"2006-01-02", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Of(t), nil
		}
	}
	return Day{}, fmt.Errorf("%q is not a date (YYYY-MM-DD or d.m.yyyy)", s)
}

// Time is the day at noon UTC (noon keeps arithmetic clear of any DST edge).
func (d Day) Time() time.Time { return time.Date(d.Year, d.Month, d.D, 12, 0, 0, 0, time.UTC) }

// IsZero reports whether d is the zero Day.
func (d Day) IsZero() bool { return d == Day{} }

// AddDays returns d + n calendar days.
func (d Day) AddDays(n int) Day { return Of(d.Time().AddDate(0, 0, n)) }

// Weekday of d.
func (d Day) Weekday() time.Weekday { return d.Time().Weekday() }

// Before reports whether d is before e.
func (d Day) Before(e Day) bool { return d.Time().Before(e.Time()) }

// After reports whether d is after e.
func (d Day) After(e Day) bool { return d.Time().After(e.Time()) }

// Sub returns the number of calendar days from e to d.
func (d Day) Sub(e Day) int { return int(d.Time().Sub(e.Time()).Hours() / 24) }

// ISO is YYYY-MM-DD.
func (d Day) ISO() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.D) }

// Finnish is d.m.yyyy, as Finnish text writes dates.
func (d Day) Finnish() string { return fmt.Sprintf("%d.%d.%d", d.D, d.Month, d.Year) }

// String is ISO.
func (d Day) String() string { return d.ISO() }

// MarshalText writes ISO, so JSON carries "2026-12-07".
func (d Day) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte(""), nil
	}
	return []byte(d.ISO()), nil
}

// UnmarshalText accepts what Parse accepts, and "" for the zero Day.
func (d *Day) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Day{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Easter returns Easter Sunday of year y (the Gregorian computus,
// Meeus/Jones/Butcher algorithm).
func Easter(y int) Day {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date(y, time.Month(month), day)
}

// Holiday is a named day off.
type Holiday struct {
	Day Day
	FI  string
	EN  string
	Eve bool // Midsummer Eve or Christmas Eve: a day off by custom and by 150/1930 § 5
}

// saturdayBetween returns the Saturday in [first, first+6].
func saturdayBetween(y int, m time.Month, first int) Day {
	d := Date(y, m, first)
	for d.Weekday() != time.Saturday {
		d = d.AddDays(1)
	}
	return d
}

// Holidays returns the holidays of year y and the two eves, in date order.
func Holidays(y int) []Holiday {
	e := Easter(y)
	midsummer := saturdayBetween(y, time.June, 20)
	hs := []Holiday{
		{Date(y, 1, 1), "uudenvuodenpäivä", "New Year's Day", false},
		{Date(y, 1, 6), "loppiainen", "Epiphany", false},
		{e.AddDays(-2), "pitkäperjantai", "Good Friday", false},
		{e, "pääsiäispäivä", "Easter Sunday", false},
		{e.AddDays(1), "2. pääsiäispäivä", "Easter Monday", false},
		{Date(y, 5, 1), "vapunpäivä", "May Day", false},
		{e.AddDays(39), "helatorstai", "Ascension Day", false},
		{e.AddDays(49), "helluntaipäivä", "Whitsun", false},
		{midsummer.AddDays(-1), "juhannusaatto", "Midsummer Eve", true},
		{midsummer, "juhannuspäivä", "Midsummer Day", false},
		{saturdayBetween(y, time.October, 31), "pyhäinpäivä", "All Saints' Day", false},
		{Date(y, 12, 6), "itsenäisyyspäivä", "Independence Day", false},
		{Date(y, 12, 24), "jouluaatto", "Christmas Eve", true},
		{Date(y, 12, 25), "joulupäivä", "Christmas Day", false},
		{Date(y, 12, 26), "tapaninpäivä", "St Stephen's Day", false},
	}
	// Sort by date (Easter-based days move around the fixed ones).
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].Day.Before(hs[j-1].Day); j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
	return hs
}

// Calendar decides working days.
type Calendar struct {
	// EvesWork makes Midsummer Eve and Christmas Eve working days (the
	// default treats them as days off).
	EvesWork bool
	// Extra are further days off (an organisation's own, e.g. a bridge day).
	Extra []Day
	cache map[int]map[Day]Holiday
}

// Default is the calendar with both eves off.
func Default() *Calendar { return &Calendar{} }

func (c *Calendar) year(y int) map[Day]Holiday {
	if c.cache == nil {
		c.cache = map[int]map[Day]Holiday{}
	}
	if m, ok := c.cache[y]; ok {
		return m
	}
	m := map[Day]Holiday{}
	for _, h := range Holidays(y) {
		if h.Eve && c.EvesWork {
			continue
		}
		m[h.Day] = h
	}
	c.cache[y] = m
	return m
}

// HolidayOn returns the holiday on d, if any (weekends are not holidays).
func (c *Calendar) HolidayOn(d Day) (Holiday, bool) {
	h, ok := c.year(d.Year)[d]
	return h, ok
}

// IsWorkday reports whether d is Monday–Friday and neither a holiday, a
// day-off eve nor an extra day off.
func (c *Calendar) IsWorkday(d Day) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	if _, ok := c.HolidayOn(d); ok {
		return false
	}
	for _, x := range c.Extra {
		if x == d {
			return false
		}
	}
	return true
}

// AddWorkdays returns the n-th working day after d (n > 0) or before d
// (n < 0). n == 0 returns d itself when it is a working day, else the next
// one.
func (c *Calendar) AddWorkdays(d Day, n int) Day {
	if n == 0 {
		for !c.IsWorkday(d) {
			d = d.AddDays(1)
		}
		return d
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkday(d) {
			n--
		}
	}
	return d
}

// Workdays counts working days in (from, to]: 0 when to is not after from.
func (c *Calendar) Workdays(from, to Day) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}
