package onboarding

import (
	"errors"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
)

func units(oids ...string) []UnitEvidence {
	var us []UnitEvidence
	for i, o := range oids {
		us = append(us, UnitEvidence{Name: "Yksikkö " + string(rune('A'+i)), OID: o})
	}
	return us
}

const (
	orgOID = "1.2.246.10.31875424.10.0"
	unit1  = "1.2.246.10.31875424.10.1"
	unit2  = "1.2.246.10.31875424.10.2"
)

// Hand-made evidence, good and bad, for each readiness line.
func TestReadiness(t *testing.T) {
	cases := []struct {
		name   string
		ev     Evidence
		step   string
		want   ReadinessStatus
		detail string // a fragment of the English details
	}{
		{"no evidence", Evidence{}, "2C", Unknown, "No organisation profile"},
		{"organisation ready", Evidence{Organisation: &OrganisationEvidence{Name: "Oy", YTunnus: "3187542-4", OID: orgOID, Units: units(unit1, unit2)}}, "2C", Ready, "SOTE organisation register"},
		{"no OID", Evidence{Organisation: &OrganisationEvidence{Units: units(unit1)}}, "2C", Gaps, "has no OID"},
		{"malformed OID", Evidence{Organisation: &OrganisationEvidence{OID: "1.2.246.10.31875425.10.0", Units: units(unit1)}}, "2C", Gaps, "is not an organisation OID"},
		{"no service unit", Evidence{Organisation: &OrganisationEvidence{OID: orgOID}}, "2C", Gaps, "at least one palveluyksikkö"},
		{"unit is the toimintayksikkö", Evidence{Organisation: &OrganisationEvidence{OID: orgOID, Units: units(orgOID)}}, "2C", Gaps, "cannot be a service unit"},
		{"unit without OID", Evidence{Organisation: &OrganisationEvidence{OID: orgOID, Units: units(unit1, "")}}, "2C", Gaps, "has no OID"},
		{"two units, one OID", Evidence{Organisation: &OrganisationEvidence{OID: orgOID, Units: units(unit1, unit1)}}, "2C", Gaps, "share the OID"},
		{"profile problem", Evidence{Organisation: &OrganisationEvidence{OID: orgOID, Units: units(unit1), Problems: []string{"Tähkä: OID under correction"}}}, "2C", Gaps, "under correction"},
		{"Y-tunnus not in the OID", Evidence{Organisation: &OrganisationEvidence{OID: orgOID, YTunnus: "3266145-2", Units: units(unit1)}}, "2C", Check, "does not carry"},

		{"no inventory", Evidence{}, "2D", Unknown, "No inventory"},
		{"inventory ready", Evidence{Inventory: &InventoryEvidence{Documents: 10, Mapped: 10, Electronic: 8, ElectronicInTOS: 8, Paper: 2, PaperInAMS: 2}}, "2D", Ready, "10 documents"},
		{"empty inventory", Evidence{Inventory: &InventoryEvidence{}}, "2D", Gaps, "no documents"},
		{"unmapped", Evidence{Inventory: &InventoryEvidence{Documents: 10, Mapped: 9, Unmapped: 1}}, "2D", Gaps, "1 document without a mapping decision"},
		{"TOS gap", Evidence{Inventory: &InventoryEvidence{Documents: 10, Mapped: 10, Electronic: 8, ElectronicInTOS: 5}}, "2D", Gaps, "3 electronic documents without a TOS entry"},
		{"AMS gap", Evidence{Inventory: &InventoryEvidence{Documents: 3, Mapped: 3, Paper: 3, PaperInAMS: 2}}, "2D", Gaps, "1 paper document without an AMS entry"},
		{"retention error", Evidence{Inventory: &InventoryEvidence{Documents: 3, Mapped: 3, RetentionErrors: 2}}, "2D", Gaps, "may destroy before the law allows"},
		{"rejected rows only", Evidence{Inventory: &InventoryEvidence{Documents: 3, Mapped: 3, Rejected: 1}}, "2D", Check, "1 inventory row could not be read"},

		{"no export", Evidence{}, "2E", Unknown, "No register export"},
		{"export clean", Evidence{Registers: &RegistersEvidence{Rows: 100}}, "2E", Ready, "100 rows checked: 0 errors, 0 warnings"},
		{"register errors", Evidence{Registers: &RegistersEvidence{Rows: 100, Errors: 2, ByRule: map[string]int{"REG001": 1, "REG002": 1}}}, "2E", Gaps, "REG001 1, REG002 1"},
		{"register warnings", Evidence{Registers: &RegistersEvidence{Rows: 100, Warnings: 1}}, "2E", Check, "1 warning"},
		{"rules not checked", Evidence{Registers: &RegistersEvidence{Rows: 100, NotChecked: []string{"REG020"}}}, "2E", Check, "Not checked"},
		{"empty export", Evidence{Registers: &RegistersEvidence{}}, "2E", Unknown, "no rows"},

		{"no test plan", Evidence{}, "3C–3E", Unknown, "No deployment-test plan"},
		{"tests done", Evidence{DeploymentTest: &DeploymentTestEvidence{Required: 2, Recommended: 1, Done: 2}}, "3C–3E", Ready, "2 required, 1 recommended; 2 passed"},
		{"tests to do", Evidence{DeploymentTest: &DeploymentTestEvidence{Required: 2, Done: 1}}, "3C–3E", Check, "1 required test still to do"},
		{"missing prerequisite", Evidence{DeploymentTest: &DeploymentTestEvidence{Required: 1, MissingPrerequisites: []string{"connection test"}}}, "3C–3E", Gaps, "Missing prerequisite: connection test"},
		{"failed test", Evidence{DeploymentTest: &DeploymentTestEvidence{Required: 1, Failed: 1}}, "3C–3E", Gaps, "1 failed test to be re-run"},
		{"real ids in test data", Evidence{DeploymentTest: &DeploymentTestEvidence{Required: 1, Done: 1, NonTestIDs: 3}}, "3C–3E", Gaps, "900-series"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := c.ev
			rs := AssessReadiness(&ev)
			if len(rs) != 4 {
				t.Fatalf("%d lines", len(rs))
			}
			for _, r := range rs {
				if r.Step != c.step {
					continue
				}
				var en []string
				for _, d := range r.Details {
					if d.FI == "" || d.EN == "" {
						t.Errorf("a detail lacks a language: %+v", d)
					}
					en = append(en, d.EN)
				}
				if r.Status != c.want || !strings.Contains(strings.Join(en, " | "), c.detail) {
					t.Errorf("%s: %s %q, want %s with %q", r.Step, r.Status, en, c.want, c.detail)
				}
				if r.Basis == "" || r.Title.FI == "" {
					t.Errorf("line without basis or title: %+v", r)
				}
				return
			}
			t.Fatalf("no line %s", c.step)
		})
	}
	if rs := AssessReadiness(nil); rs[0].Status != Unknown || rs[3].Status != Unknown {
		t.Errorf("nil evidence: %+v", rs)
	}
}

func TestSampleEvidence(t *testing.T) {
	ev, err := LoadEvidence("../samples/plan/evidence.json")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range AssessReadiness(ev) {
		got = append(got, r.Step+" "+string(r.Status))
	}
	if strings.Join(got, ", ") != "2C ready, 2D gaps, 2E gaps, 3C–3E unknown" {
		t.Errorf("sample readiness %s", strings.Join(got, ", "))
	}
}

func TestParseEvidence(t *testing.T) {
	cases := []struct {
		name, src string
		want      error
	}{
		{"empty", "", kartoitus.ErrNotRecognised},
		{"nothing in it", "{}", kartoitus.ErrNotRecognised},
		{"unknown field", `{"inventory": {"documents": 1, "docs": 2}}`, kartoitus.ErrUnreadable},
		{"wrong schema", `{"schema": "kartoitus.findings/v1", "registers": {"rows": 1}}`, kartoitus.ErrUnreadable},
		{"two values", `{"registers": {"rows": 1}} {}`, kartoitus.ErrUnreadable},
		{"not JSON", `registers: 1`, kartoitus.ErrUnreadable},
		{"good", `{"schema": "kartoitus.evidence/v1", "registers": {"rows": 1}}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseEvidence("e.json", []byte(c.src))
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
}
