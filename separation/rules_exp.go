package separation

import (
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
)

// Input rows and columns (EXP).
var (
	RuleFieldCount = register(&Check{Rule: finding.Rule{ID: "EXP001", Severity: finding.Error,
		Title: finding.T("Rivillä väärä määrä kenttiä", "Row has the wrong number of fields"), Basis: "RFC 4180"},
		unreadable: func(g *gate, c *Check, e *export.RowError) {
			if e.Kind != export.RowFieldCount {
				return
			}
			g.emit(c, e.Line, e.Key, []string{e.Key, "fields"}, func() finding.Text {
				return finding.Tf("Rivillä %d on %d kenttää, otsikkorivillä %d; riviä ei tarkistettu.",
					"Line %d has %d fields, the header has %d; the row was not checked.", e.Line, e.Got, e.Want)
			}, "", "")
		},
		good: []sample{{note: "full row", rows: rows(row{})}},
		bad:  []sample{{note: "three fields", rows: rows(raw("D9;1;" + testClient))}},
	})

	RuleQuoting = register(&Check{Rule: finding.Rule{ID: "EXP002", Severity: finding.Error,
		Title: finding.T("Rivin lainausmerkit virheelliset", "Row has broken quoting"), Basis: "RFC 4180"},
		unreadable: func(g *gate, c *Check, e *export.RowError) {
			if e.Kind != export.RowQuote {
				return
			}
			g.emit(c, e.Line, e.Key, []string{e.Key, "quote"}, func() finding.Text {
				fi, en := quoteReason(e.Err)
				if e.EndLine > e.Line {
					return finding.Text{
						FI: fmt.Sprintf("Rivit %d–%d: %s (merkki %d); rivejä ei voitu lukea.", e.Line, e.EndLine, fi, e.Column),
						EN: fmt.Sprintf("Lines %d–%d: %s (character %d); the lines could not be read.", e.Line, e.EndLine, en, e.Column)}
				}
				return finding.Text{
					FI: fmt.Sprintf("Rivi %d: %s (merkki %d); riviä ei tarkistettu.", e.Line, fi, e.Column),
					EN: fmt.Sprintf("Line %d: %s (character %d); the row was not checked.", e.Line, en, e.Column)}
			}, "", "")
		},
		good: []sample{{note: "quoted register", rows: rows(row{"register": `"social"`})}},
		bad:  []sample{{note: "bare quote", rows: rows(row{"register": `so"cial`})}},
	})

	RuleBadDate = register(&Check{Rule: finding.Rule{ID: "EXP003", Severity: finding.Error,
		Title: finding.T("Päivämäärä ei ole tulkittavissa", "Date cannot be read"), Basis: "ISO 8601"},
		unreadable: func(g *gate, c *Check, e *export.RowError) {
			if e.Kind != export.RowBadDate {
				return
			}
			col := g.header.Column(e.Field)
			g.emit(c, e.Line, e.Key, []string{e.Key, e.Field.String()}, func() finding.Text {
				return finding.Tf("Sarakkeen %q arvo %q ei ole päivämäärä (VVVV-KK-PP tai p.k.vvvv); riviä ei tarkistettu.",
					"Column %q value %q is not a date (YYYY-MM-DD or d.m.yyyy); the row was not checked.", col, e.Value)
			}, "", "")
		},
		good: []sample{{note: "Finnish date", rows: rows(row{"created": "1.3.2024 12:00"})}},
		bad:  []sample{{note: "30 February", rows: rows(row{"created": "2024-02-30"})}, {note: "slashes", rows: rows(row{"created": "03/01/2024"})}},
	})

	// RuleMissingValue rejects rows without a required value: they cannot
	// be judged.
	RuleMissingValue = register(&Check{Rule: finding.Rule{ID: "EXP004", Severity: finding.Error,
		Title: finding.T("Pakollinen tieto puuttuu rivistä", "Row lacks a required value"), Basis: "703/2023 § 38"},
		admit: func(g *gate, c *Check, rec *export.Record) bool {
			v := &rec.Values
			var miss []string
			for _, f := range export.Required {
				if v[f] == "" {
					miss = append(miss, g.header.Column(f))
				}
			}
			if miss == nil {
				return true
			}
			line, docID := rec.Line, v[export.DocumentID]
			g.emit(c, line, docID, append([]string{docID}, miss...), func() finding.Text {
				m := strings.Join(miss, ", ")
				return finding.Tf("Rivi %d: pakollinen tieto puuttuu (%s); riviä ei tarkistettu.",
					"Line %d: required value missing (%s); the row was not checked.", line, m)
			}, "", "")
			return false
		},
		good: []sample{{note: "all required", rows: rows(row{})}},
		bad:  []sample{{note: "no client", rows: rows(row{"client_id": ""})}, {note: "no type", rows: rows(row{"document_type": ""})}},
	})

	RuleUnknownColumn = register(&Check{Rule: finding.Rule{ID: "EXP005", Severity: finding.Info,
		Title: finding.T("Tunnistamaton sarake jätetty huomiotta", "Unrecognised column ignored")},
		finish: func(g *gate, c *Check) {
			for _, name := range g.header.Unknown {
				g.emit(c, 0, name, []string{name}, func() finding.Text {
					return finding.Tf("Sarake %q ei vastaa mitään tunnettua kenttää, joten se jätettiin huomiotta (nimeä se --mapping-tiedostossa, jos se on tarpeen).",
						"Column %q matches no known field and was ignored (name it in a --mapping file if it matters).", name)
				}, "", "")
			}
		},
		good: []sample{{note: "canonical columns only", rows: rows(row{})}},
		bad:  []sample{{note: "extra column", rows: rows(row{"Lisätieto": "x"})}},
	})

	// RuleUnknownValue is made once per distinct value (aggregated).
	RuleUnknownValue = register(&Check{Rule: finding.Rule{ID: "EXP006", Severity: finding.Warning,
		Title: finding.T("Tunnistamaton arvo sarakkeessa", "Unrecognised value in a column"),
		Basis: "1.2.246.537.5.40172; 703/2023 § 37"},
		when: when(withBasis(export.BasisUnknown), withStatus(export.StatusUnknown), withKind(export.KindUnknown), withOrgKind(export.OrgKindUnknown)),
		judge: func(g *gate, c *Check, f *facts) {
			if f.basis == export.BasisUnknown {
				g.unknownValue(c, export.Basis, f, "own, purchased, voucher, self_paying, kela, subcontract")
			}
			if f.status == export.StatusUnknown {
				g.unknownValue(c, export.Status, f, "active, voided")
			}
			if f.ckind == export.KindUnknown {
				g.unknownValue(c, export.ControllerKind, f, "public, private (1, 2)")
			}
			if f.okind == export.OrgKindUnknown {
				g.unknownValue(c, export.OrganiserKind, f, "public, private, kela")
			}
		},
		good: []sample{{note: "Finnish basis word", rows: rows(row{"basis": "oma tuotanto", "status": "aktiivinen", "controller_kind": "1"})},
			{note: "Finnish organiser kind", rows: rows(row{"organiser_kind": "hyvinvointialue"})}},
		bad: []sample{{note: "unknown basis", rows: rows(row{"basis": "leasing"})}, {note: "unknown status", rows: rows(row{"status": "luonnos"})},
			{note: "unknown kind", rows: rows(row{"controller_kind": "3"})}, {note: "unknown organiser kind", rows: rows(row{"organiser_kind": "säätiö"})}},
	})

	RuleUnnamedColumn = register(&Check{Rule: finding.Rule{ID: "EXP007", Severity: finding.Warning,
		Title: finding.T("Nimettömässä sarakkeessa on tietoja", "Unnamed column holds data")},
		finish: func(g *gate, c *Check) {
			for _, i := range slices.Sorted(maps.Keys(g.unnamed)) {
				col, n := i+1, g.unnamed[i]
				g.emit(c, 0, fmt.Sprintf("column %d", col), []string{fmt.Sprint(col)}, func() finding.Text {
					return finding.Tf("Sarakkeella %d ei ole otsikkoa, mutta siinä on tietoja %d rivillä; tiedot jätettiin huomiotta.",
						"Column %d has no header but holds values on %d rows; they were ignored.", col, n)
				}, "", "")
			}
		},
		good: []sample{{note: "unnamed column, empty", rows: rows(row{"": ""})}},
		bad:  []sample{{note: "unnamed column with data", rows: rows(row{"": "x"})}},
	})

	// RuleBadVersion: versions order a document's version chain (CDA R2
	// header 2.2.11 versionNumber, an integer; its use in the social-
	// welfare archive is inferred, as the Kanta social-welfare CDA spec
	// was not available).
	RuleBadVersion = register(&Check{Rule: finding.Rule{ID: "EXP008", Severity: finding.Error,
		Title: finding.T("Versionumero ei ole kokonaisluku 1:stä alkaen", "Version is not a whole number from 1"),
		Basis: "HL7 CDA R2 versionNumber (Kanta CDA R2 -otsake 2.2.11)", Inferred: true},
		unreadable: func(g *gate, c *Check, e *export.RowError) {
			if e.Kind != export.RowBadVersion {
				return
			}
			col := g.header.Column(e.Field)
			g.emit(c, e.Line, e.Key, []string{e.Key, "version"}, func() finding.Text {
				return finding.Tf("Rivi %d: sarakkeen %q arvo %q ei ole versionumero (kokonaisluku 1:stä alkaen); riviä ei tarkistettu.",
					"Line %d: column %q value %q is not a version number (a whole number from 1); the row was not checked.", e.Line, col, e.Value)
			}, "", "")
		},
		good: []sample{{note: "version 1", rows: rows(row{"version": "1"})}, {note: "version 12 with a leading zero", rows: rows(row{"version": "012"})},
			{note: "no version", rows: rows(row{"version": ""})}, {note: "nine digits", rows: rows(row{"version": "999999999"})}},
		bad: []sample{{note: "letters", rows: rows(row{"version": "abc"})}, {note: "negative", rows: rows(row{"version": "-1"})},
			{note: "zero", rows: rows(row{"version": "0"})}, {note: "decimal", rows: rows(row{"version": "1.5"})},
			{note: "twenty digits", rows: rows(row{"version": "12345678901234567890"})}},
	})

	// RuleImplausibleDate: the plausible range is the tool's own
	// (export.MinYear to a year after the run); no source sets one.
	RuleImplausibleDate = register(&Check{Rule: finding.Rule{ID: "EXP009", Severity: finding.Error,
		Title: finding.T("Laatimispäivä ei ole uskottava", "Created date is not plausible"),
		Basis: "ISO 8601; uskottava väli 1900 – vuosi ajopäivästä (kartoitus)", Inferred: true},
		unreadable: func(g *gate, c *Check, e *export.RowError) {
			if e.Kind != export.RowImplausibleDate {
				return
			}
			col := g.header.Column(e.Field)
			g.emit(c, e.Line, e.Key, []string{e.Key, e.Field.String()}, func() finding.Text {
				return finding.Tf("Rivi %d: sarakkeen %q päivämäärä %q ei ole uskottava (vuodesta %d vuoden päähän tästä päivästä); riviä ei tarkistettu.",
					"Line %d: column %q date %q is not plausible (from %d to a year from today); the row was not checked.", e.Line, col, e.Value, export.MinYear)
			}, "", "")
		},
		good: []sample{{note: "2024", rows: rows(row{"created": "2024-03-01"})}, {note: "first plausible day", rows: rows(row{"created": "1900-01-01"})}},
		bad: []sample{{note: "year 1800", rows: rows(row{"created": "1800-05-01"})}, {note: "year 2999", rows: rows(row{"created": "2999-01-01"})},
			{note: "Finnish date, year 1899", rows: rows(row{"created": "31.12.1899"})}},
	})

	// RuleLongField: no source bounds a field; 4,096 bytes (export.MaxField)
	// is the tool's own, far above any id, code or date.
	RuleLongField = register(&Check{Rule: finding.Rule{ID: "EXP010", Severity: finding.Error,
		Title: finding.T("Kentän arvo on liian pitkä", "Field value too long"),
		Basis: "kartoitus: enintään 4 096 tavua kentässä", Inferred: true},
		unreadable: func(g *gate, c *Check, e *export.RowError) {
			if e.Kind != export.RowLongField {
				return
			}
			col := g.header.Column(e.Field)
			g.emit(c, e.Line, e.Key, []string{e.Key, e.Field.String(), "long"}, func() finding.Text {
				return finding.Tf("Rivi %d: sarakkeen %q arvossa on %d tavua, enemmän kuin %d (alkaa %q); riviä ei tarkistettu.",
					"Line %d: column %q holds %d bytes, more than %d (starting %q); the row was not checked.", e.Line, col, e.Got, e.Want, e.Value)
			}, "", "")
		},
		good: []sample{{note: "a long void reason", rows: rows(row{"void_reason": strings.Repeat("väärä henkilö ", 200)})}},
		bad:  []sample{{note: "5,000 bytes of document type", rows: rows(row{"document_type": strings.Repeat("x", 5000)})}},
	})
)

func (g *gate) unknownValue(c *Check, fld export.Field, f *facts, want string) {
	col := g.header.Column(fld)
	g.aggregate(c, fld, f.v[fld], f.line, f.docID, func(a *agg) finding.Text {
		return finding.Tf("Sarakkeen %q arvoa %q ei tunnisteta (odotettiin: %s; %s). Sääntöjä, jotka tarvitsevat arvon, ei sovellettu niihin riveihin. Lisää arvo --mapping-tiedostoon.",
			"Column %q value %q is not recognised (want %s; %s). Rules needing the value did not apply to those rows. Add the value to a --mapping file.", col, a.value, want, finding.Rows(a.count))
	})
}

// quoteReason words a CSV quoting error in both languages.
func quoteReason(err error) (fi, en string) {
	if errors.Is(err, csv.ErrBareQuote) {
		return "lainausmerkki lainaamattoman kentän keskellä", "a quote inside an unquoted field"
	}
	return "lainattu kenttä ei pääty oikein (puuttuva tai ylimääräinen lainausmerkki)", "a quoted field does not end properly (missing or extra quote)"
}
