package calendar

import (
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	// Published Easter Sundays, including the earliest and latest possible.
	for _, tc := range []struct {
		year int
		want string
	}{
		{2019, "2019-04-21"}, {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
		{2027, "2027-03-28"}, {2038, "2038-04-25"}, {2285, "2285-03-22"}, {2000, "2000-04-23"},
	} {
		if got := Easter(tc.year).ISO(); got != tc.want {
			t.Errorf("Easter(%d) = %s, want %s", tc.year, got, tc.want)
		}
	}
}

func TestHolidays2026(t *testing.T) {
	want := map[string]string{
		"2026-01-01": "uudenvuodenpäivä", "2026-01-06": "loppiainen", "2026-04-03": "pitkäperjantai",
		"2026-04-05": "pääsiäispäivä", "2026-04-06": "2. pääsiäispäivä", "2026-05-01": "vapunpäivä",
		"2026-05-14": "helatorstai", "2026-05-24": "helluntaipäivä", "2026-06-19": "juhannusaatto",
		"2026-06-20": "juhannuspäivä", "2026-10-31": "pyhäinpäivä", "2026-12-06": "itsenäisyyspäivä",
		"2026-12-24": "jouluaatto", "2026-12-25": "joulupäivä", "2026-12-26": "tapaninpäivä",
	}
	hs := Holidays(2026)
	if len(hs) != len(want) {
		t.Fatalf("%d holidays, want %d", len(hs), len(want))
	}
	for i, h := range hs {
		if want[h.Day.ISO()] != h.FI {
			t.Errorf("%s %s not expected", h.Day, h.FI)
		}
		if i > 0 && !hs[i-1].Day.Before(h.Day) {
			t.Errorf("not in date order at %s", h.Day)
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from     string
		n        int
		evesWork bool
		want     string
	}{
		{"plain week", "2026-12-01", 2, false, "2026-12-03"},
		{"over a weekend", "2026-12-03", 2, false, "2026-12-07"},
		{"Independence Day on a Monday", "2027-12-03", 2, false, "2027-12-08"},
		{"Easter: Good Friday and Easter Monday", "2026-04-02", 2, false, "2026-04-08"},
		{"Ascension Day", "2026-05-13", 1, false, "2026-05-15"},
		{"Midsummer Eve off", "2026-06-18", 2, false, "2026-06-23"},
		{"Midsummer Eve as a working day", "2026-06-18", 2, true, "2026-06-22"},
		{"Christmas", "2026-12-23", 2, false, "2026-12-29"},
		{"Christmas Eve as a working day", "2026-12-23", 2, true, "2026-12-28"},
		{"May Day", "2026-04-30", 1, false, "2026-05-04"},
		{"New Year", "2026-12-31", 1, false, "2027-01-04"},
		{"backwards over Easter", "2026-04-07", -2, false, "2026-04-01"},
		{"zero on a holiday moves on", "2026-12-24", 0, false, "2026-12-28"},
		{"zero on a working day stays", "2026-12-22", 0, false, "2026-12-22"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, err := Parse(tc.from)
			if err != nil {
				t.Fatal(err)
			}
			c := &Calendar{EvesWork: tc.evesWork}
			if got := c.AddWorkdays(from, tc.n).ISO(); got != tc.want {
				t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
			}
		})
	}
}

func TestWorkdaysAndExtra(t *testing.T) {
	c := Default()
	// December 2026: 23 weekdays minus 24th and 25th; the 6th is a Sunday.
	if n := c.Workdays(Date(2026, 11, 30), Date(2026, 12, 31)); n != 21 {
		t.Errorf("working days in December 2026 = %d, want 21", n)
	}
	c = &Calendar{Extra: []Day{Date(2026, 12, 7)}}
	if c.IsWorkday(Date(2026, 12, 7)) {
		t.Error("an extra day off is a working day")
	}
	if !Default().IsWorkday(Date(2026, 12, 7)) {
		t.Error("Monday 7.12.2026 is a working day")
	}
}

func TestParseAndText(t *testing.T) {
	d, err := Parse("6.12.2027")
	if err != nil || d != Date(2027, time.December, 6) {
		t.Fatalf("Parse = %v, %v", d, err)
	}
	if d.Finnish() != "6.12.2027" || d.ISO() != "2027-12-06" {
		t.Errorf("text forms %q %q", d.Finnish(), d.ISO())
	}
	if _, err := Parse("2027-13-01"); err == nil {
		t.Error("month 13 parsed")
	}
	var e Day
	if err := e.UnmarshalText([]byte("2027-01-02")); err != nil || e != Date(2027, 1, 2) {
		t.Errorf("UnmarshalText = %v, %v", e, err)
	}
	if got := Date(2027, 3, 1).Sub(Date(2027, 2, 1)); got != 28 {
		t.Errorf("Sub = %d", got)
	}
}
