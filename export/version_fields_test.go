package export

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The version fields (modified, modifier_org, attachments) resolve from
// their canonical names and FI/SV/EN synonyms, and leave every existing
// field where it was.
func TestVersionFieldHeaders(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   map[Field]int
	}{
		{"canonical", append(strings.Split(canonicalHeader, ";"), "modified", "modifier_org", "attachments"),
			map[Field]int{DocumentID: 0, UnitEnd: 19, Modified: 20, ModifierOrg: 21, Attachments: 22}},
		{"finnish", []string{"Asiakirjan tunniste", "Henkilötunnus", "Rekisteri", "Asiakirjatyyppi", "Laadittu", "Muokattu", "Muokkaajan organisaatio", "Liitteiden lukumäärä"},
			map[Field]int{Created: 4, Modified: 5, ModifierOrg: 6, Attachments: 7}},
		{"swedish", []string{"Handlingens id", "Personbeteckning", "Register", "Handlingstyp", "Senast ändrad", "Ändrad av", "Antal bilagor"},
			map[Field]int{DocumentID: 0, Modified: 4, ModifierOrg: 5, Attachments: 6}},
		{"english", []string{"Document ID", "Client ID", "Register", "Document type", "Last modified", "Modified by organisation", "Number of attachments"},
			map[Field]int{Modified: 4, ModifierOrg: 5, Attachments: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ResolveHeader(tt.header, nil)
			if err != nil {
				t.Fatal(err)
			}
			for f, i := range tt.want {
				if h.Index[f] != i {
					t.Errorf("%s at column %d, want %d", f, h.Index[f], i)
				}
			}
			if len(h.Unknown) != 0 {
				t.Errorf("unknown headers %q", h.Unknown)
			}
		})
	}
	for _, n := range []string{"modified", "modifier_org", "attachments"} {
		if _, ok := ParseField(n); !ok {
			t.Errorf("ParseField(%q) failed", n)
		}
	}
}

// A malformed modified or attachments value is kept as text: the register
// gate does not use these fields, so they must never reject a row.
func TestVersionFieldsAreText(t *testing.T) {
	in := canonicalHeader + ";modified;modifier_org;attachments\n" +
		"D1;2;010181-900C;social;;;;;;;;19007;;;2026-03-10T09:00:00;active;;;;;2026-03-10T10:15:00;1.2.246.10.31875424.10.0;1\n" +
		"D2;1;010181-900C;social;;;;;;;;19007;;;2026-03-10T09:00:00;active;;;;;yesterday;x;two\n"
	r, err := NewCSVReader(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs, errs := readAll(t, r)
	if len(recs) != 2 || len(errs) != 0 {
		t.Fatalf("recs %d errs %v", len(recs), errs)
	}
	if recs[0].Get(Modified) != "2026-03-10T10:15:00" || recs[0].Get(ModifierOrg) != "1.2.246.10.31875424.10.0" || recs[0].Get(Attachments) != "1" {
		t.Errorf("D1 = %q", recs[0].Values)
	}
	if ts, err := r.ParseTime(recs[0].Get(Modified)); err != nil || ts != 20260310101500 {
		t.Errorf("ParseTime = %d, %v", ts, err)
	}
	if _, err := r.ParseTime(recs[1].Get(Modified)); !errors.Is(err, ErrDate) {
		t.Errorf("ParseTime(yesterday) err = %v", err)
	}
	if _, err := ParseCount(recs[1].Get(Attachments)); !errors.Is(err, ErrCount) {
		t.Errorf("ParseCount(two) err = %v", err)
	}
}

func TestParseCount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		err  bool
	}{
		{"", 0, false}, {"0", 0, false}, {"1", 1, false}, {" 3 ", 3, false}, {"2.0", 2, false}, {"2,0", 2, false},
		{"-1", 0, true}, {"1.5", 0, true}, {"kaksi", 0, true}, {"1234567", 0, true}, {".0", 0, true},
	} {
		got, err := ParseCount(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseCount(%q) = %d, %v; want %d, err %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// An XLSX date cell holds a serial day number: ParseTime reads it for an
// XLSX export, never for CSV.
func TestParseTimeXLSXSerial(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{{"document_id", "client_id", "register", "document_type", "modified"}, {"D1", "010181-900C", "social", "19007", 46091.5}}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := NewXLSXReader(&buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	recs, _ := readAll(t, r)
	if len(recs) != 1 {
		t.Fatalf("recs %d", len(recs))
	}
	ts, err := r.ParseTime(recs[0].Get(Modified))
	if err != nil || ts != 20260310120000 {
		t.Errorf("serial 46091.5 = %d, %v; want 20260310120000", ts, err)
	}
	c, err := NewCSVReader(strings.NewReader("document_id;client_id;register;document_type\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ParseTime("46091.5"); err == nil {
		t.Error("a CSV export read a serial number as a date")
	}
}
