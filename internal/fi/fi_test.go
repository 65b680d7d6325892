package fi

import (
	"testing"
	"time"
)

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 riviä"}, {1, "1 rivi"}, {2, "2 riviä"}, {11, "11 riviä"}, {21, "21 riviä"}, {-1, "-1 rivi"},
	}
	for _, tt := range tests {
		if got := Count(tt.n, "rivi", "riviä"); got != tt.want {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := CountEN(1, "row", "rows"); got != "1 row" {
		t.Errorf("CountEN(1) = %q", got)
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		v    float64
		prec int
		fi   string
		en   string
	}{
		{0.75, 2, "0,75", "0.75"},
		{2.5, 2, "2,5", "2.5"},
		{3, 2, "3", "3"},
		{0.333333, 3, "0,333", "0.333"},
		{-0.0001, 2, "0", "0"},
		{120, 0, "120", "120"},
	}
	for _, tt := range tests {
		if got := Decimal(tt.v, tt.prec); got != tt.fi {
			t.Errorf("Decimal(%v) = %q, want %q", tt.v, got, tt.fi)
		}
		if got := DecimalEN(tt.v, tt.prec); got != tt.en {
			t.Errorf("DecimalEN(%v) = %q, want %q", tt.v, got, tt.en)
		}
	}
	if got := DecimalFixed(0.4, 2); got != "0,40" {
		t.Errorf("DecimalFixed = %q", got)
	}
}

func TestDates(t *testing.T) {
	if got := Date(time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC)); got != "1.8.2024" {
		t.Errorf("Date = %q", got)
	}
	if got := ISODate("2024-08-01"); got != "1.8.2024" {
		t.Errorf("ISODate = %q", got)
	}
	if got := ISODate("elokuu"); got != "elokuu" {
		t.Errorf("ISODate(non-date) = %q", got)
	}
	// Winter (EET, +2) and summer (EEST, +3) time.
	winter := time.Date(2026, 12, 3, 9, 20, 0, 0, time.UTC)
	if got := DateTime(winter); got != "3.12.2026 klo 11.20" {
		t.Errorf("DateTime(winter) = %q", got)
	}
	summer := time.Date(2026, 6, 30, 22, 5, 0, 0, time.UTC)
	if got := DateTime(summer); got != "1.7.2026 klo 1.05" {
		t.Errorf("DateTime(summer) = %q", got)
	}
	if got := DateTimeEN(winter); got != "2026-12-03 11:20 EET" {
		t.Errorf("DateTimeEN = %q", got)
	}
	if DateTime(time.Time{}) != "" || Date(time.Time{}) != "" {
		t.Error("zero time should format empty")
	}
}
