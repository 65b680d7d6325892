package separation

import (
	"sort"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// Organisations of the samples (valid Y-tunnus check digits).
const (
	orgOID      = "1.2.246.10.32213086.10.0" // organiser, a wellbeing services county
	orgCtrl     = "1.2.246.10.32213086.19.0" // its controller node
	prodOID     = "1.2.246.10.10938633.10.0" // a private producer
	prodCtrl    = "1.2.246.10.10938633.19.0"
	prodUnit    = "1.2.246.10.10938633.10.1" // the producer's service unit
	otherUnit   = "1.2.246.10.10938633.10.2"
	kelaCtrl    = "1.2.246.10.2462460.19.0"
	testClient  = "010181-900C"
	testClient2 = "020516C903K"
)

// row is one sample row: canonical field → value, overriding base. Keys
// that are not canonical names become extra columns ("" = unnamed).
type row map[string]string

// raw is a sample line written as is (after the header).
type raw string

// sample is a set of rows (row or raw) run through the gate together.
type sample struct {
	note string
	rows []any
	// prod runs without --deployment-test.
	prod bool
}

// base is a clean own-production document of the organiser.
var base = row{
	"document_id": "D1", "version": "1", "client_id": testClient, "register": "social",
	"controller_id": orgCtrl, "controller_kind": "public", "organiser_id": orgOID, "producer_id": orgOID,
	"service_unit": "", "basis": "own", "service_task": "older_people", "document_type": "11000",
	"case_id": "A-1", "author_org": orgOID, "created": "2024-03-01", "status": "active", "void_reason": "",
	"special_content": "", "unit_start": "", "unit_end": "",
}

// rel is the organiser's Asiakkuusasiakirja giving the producer unit a
// client relationship 1.1.–30.6.2024.
func rel(over row) row {
	r := row{"document_id": "R1", "document_type": "group:1", "producer_id": prodOID, "service_unit": prodUnit,
		"basis": "purchased", "unit_start": "2024-01-01", "unit_end": "2024-06-30", "created": "2024-01-01",
		"service_task": "older_people"}
	for k, v := range over {
		r[k] = v
	}
	return r
}

// pdoc is a producer-written purchased-service document in the
// organiser's register.
func pdoc(over row) row {
	r := row{"document_id": "P1", "basis": "purchased", "producer_id": prodOID, "service_unit": prodUnit,
		"author_org": prodOID, "created": "2024-03-01", "document_type": "19005", "case_id": "A-1"}
	for k, v := range over {
		r[k] = v
	}
	return r
}

func rows(rs ...any) []any { return rs }

// samples holds, per rule, rows that must trigger it (bad) and rows that
// must produce no finding at all (good), gitleaks-style.
var samples = map[string]struct{ good, bad []sample }{
	"EXP001": {
		good: []sample{{note: "full row", rows: rows(row{})}},
		bad:  []sample{{note: "three fields", rows: rows(raw("D9;1;" + testClient))}},
	},
	"EXP002": {
		good: []sample{{note: "quoted register", rows: rows(row{"register": `"social"`})}},
		bad:  []sample{{note: "bare quote", rows: rows(row{"register": `so"cial`})}},
	},
	"EXP003": {
		good: []sample{{note: "Finnish date", rows: rows(row{"created": "1.3.2024 12:00"})}},
		bad:  []sample{{note: "30 February", rows: rows(row{"created": "2024-02-30"})}, {note: "slashes", rows: rows(row{"created": "03/01/2024"})}},
	},
	"EXP004": {
		good: []sample{{note: "all required", rows: rows(row{})}},
		bad:  []sample{{note: "no client", rows: rows(row{"client_id": ""})}, {note: "no type", rows: rows(row{"document_type": ""})}},
	},
	"EXP005": {
		good: []sample{{note: "canonical columns only", rows: rows(row{})}},
		bad:  []sample{{note: "extra column", rows: rows(row{"Lisätieto": "x"})}},
	},
	"EXP006": {
		good: []sample{{note: "Finnish basis word", rows: rows(row{"basis": "oma tuotanto", "status": "aktiivinen", "controller_kind": "1"})}},
		bad: []sample{{note: "unknown basis", rows: rows(row{"basis": "leasing"})}, {note: "unknown status", rows: rows(row{"status": "luonnos"})},
			{note: "unknown kind", rows: rows(row{"controller_kind": "3"})}},
	},
	"EXP007": {
		good: []sample{{note: "unnamed column, empty", rows: rows(row{"": ""})}},
		bad:  []sample{{note: "unnamed column with data", rows: rows(row{"": "x"})}},
	},
	"EXP008": {
		good: []sample{{note: "version 1", rows: rows(row{"version": "1"})}, {note: "version 12 with a leading zero", rows: rows(row{"version": "012"})},
			{note: "no version", rows: rows(row{"version": ""})}, {note: "nine digits", rows: rows(row{"version": "999999999"})}},
		bad: []sample{{note: "letters", rows: rows(row{"version": "abc"})}, {note: "negative", rows: rows(row{"version": "-1"})},
			{note: "zero", rows: rows(row{"version": "0"})}, {note: "decimal", rows: rows(row{"version": "1.5"})},
			{note: "twenty digits", rows: rows(row{"version": "12345678901234567890"})}},
	},
	"EXP009": {
		good: []sample{{note: "2024", rows: rows(row{"created": "2024-03-01"})}, {note: "first plausible day", rows: rows(row{"created": "1900-01-01"})}},
		bad: []sample{{note: "year 1800", rows: rows(row{"created": "1800-05-01"})}, {note: "year 2999", rows: rows(row{"created": "2999-01-01"})},
			{note: "Finnish date, year 1899", rows: rows(row{"created": "31.12.1899"})}},
	},
	"EXP010": {
		good: []sample{{note: "a long void reason", rows: rows(row{"void_reason": strings.Repeat("väärä henkilö ", 200)})}},
		bad:  []sample{{note: "5,000 bytes of document type", rows: rows(row{"document_type": strings.Repeat("x", 5000)})}},
	},
	"REG001": {
		good: []sample{{note: "patient record in patient register", rows: rows(row{"document_type": "Potilaskertomus", "register": "potilasrekisteri"})}},
		bad: []sample{{note: "patient record in social register", rows: rows(row{"document_type": "Potilaskertomus"})},
			{note: "doctor's statement", rows: rows(row{"document_type": "Lääkärin lausunto", "register": "Sosiaalihuollon asiakasrekisteri"})}},
	},
	"REG002": {
		good: []sample{{note: "narrative in social register", rows: rows(row{"document_type": "19005"})}},
		bad:  []sample{{note: "narrative in patient register", rows: rows(row{"document_type": "19005", "register": "potilasrekisteri"})}},
	},
	"REG003": {
		good: []sample{{note: "joint needs assessment in both", rows: rows(row{"document_type": "1000", "register": "health"}, row{"document_type": "1000", "document_id": "D2"})},
			{note: "client plan in patient register", rows: rows(row{"document_type": "15003", "register": "health"})}},
		bad: []sample{{note: "decision in patient register", rows: rows(row{"register": "health"})}},
	},
	"REG004": {
		good: []sample{{note: "one register", rows: rows(row{"register": "Sosiaalihuollon asiakasrekisteri"})}},
		bad:  []sample{{note: "joint", rows: rows(row{"register": "yhteinen"})}, {note: "both named", rows: rows(row{"register": "sosiaalihuollon asiakasrekisteri ja potilasrekisteri"})}},
	},
	"REG005": {
		good: []sample{{note: "code 1", rows: rows(row{"register": "1"})}},
		bad:  []sample{{note: "system name", rows: rows(row{"register": "Effica"})}},
	},
	"REG006": {
		good: []sample{{note: "client register", rows: rows(row{"register": "social"})}},
		bad:  []sample{{note: "ilmoitusrekisteri", rows: rows(row{"register": "sosiaalihuollon ilmoitusrekisteri"})}},
	},
	"REG010": {
		good: []sample{{note: "producer writes into organiser's register", rows: rows(rel(nil), pdoc(nil))}},
		bad: []sample{{note: "purchased service in producer's own register", rows: rows(pdoc(row{"controller_id": prodCtrl}))},
			{note: "voucher in producer's own register", rows: rows(pdoc(row{"basis": "palveluseteli", "controller_id": prodCtrl}))}},
	},
	"REG011": {
		good: []sample{{note: "self-paying in producer's register", rows: rows(row{"basis": "itsemaksava", "producer_id": prodOID, "organiser_id": "", "controller_id": prodCtrl, "controller_kind": "private", "author_org": prodOID})}},
		bad:  []sample{{note: "self-paying in county's register", rows: rows(row{"basis": "self_paying", "producer_id": prodOID, "organiser_id": "", "controller_id": orgCtrl, "controller_kind": "private", "author_org": prodOID})}},
	},
	"REG012": {
		good: []sample{{note: "voucher, public controller", rows: rows(row{"basis": "voucher", "producer_id": prodOID})}},
		bad: []sample{{note: "voucher, private controller", rows: rows(row{"basis": "voucher", "producer_id": prodOID, "controller_kind": "yksityinen"})},
			{note: "self-paying, public controller", rows: rows(row{"basis": "self_paying", "producer_id": prodOID, "organiser_id": "", "controller_id": prodCtrl, "author_org": prodOID})}},
	},
	"REG013": {
		good: []sample{{note: "county controller", rows: rows(row{})}},
		bad:  []sample{{note: "Kela controller", rows: rows(row{"controller_id": kelaCtrl})}},
	},
	"REG020": {
		good: []sample{
			{note: "inside window, relationship after the document", rows: rows(pdoc(nil), rel(nil))},
			{note: "open-ended relationship", rows: rows(rel(row{"unit_end": ""}), pdoc(row{"created": "2025-01-01"}))},
			{note: "on the last day", rows: rows(rel(nil), pdoc(row{"created": "2024-06-30T23:59:00"}))},
			{note: "later relationship widens the window", rows: rows(pdoc(row{"created": "2024-08-01"}), rel(nil), rel(row{"document_id": "R2", "created": "2024-07-01", "unit_end": "2024-12-31"}))},
			{note: "voided relationship ignored", rows: rows(rel(nil), rel(row{"document_id": "R2", "created": "2024-07-01", "unit_end": "2024-02-01", "status": "voided", "void_reason": "väärä henkilö"}), pdoc(nil))},
		},
		bad: []sample{
			{note: "after the end", rows: rows(rel(nil), pdoc(row{"created": "2024-08-01"}))},
			{note: "before the start, relationship later in file", rows: rows(pdoc(row{"created": "2023-12-31"}), rel(nil))},
			{note: "latest relationship shortened the window", rows: rows(rel(row{"unit_end": ""}), pdoc(row{"created": "2024-08-01"}), rel(row{"document_id": "R2", "version": "2", "created": "2024-07-01", "unit_end": "2024-07-15"}))},
		},
	},
	"REG021": {
		good: []sample{{note: "relationship present", rows: rows(rel(nil), pdoc(nil))}},
		bad: []sample{{note: "no relationship at all", rows: rows(pdoc(nil))},
			{note: "relationship for another unit", rows: rows(rel(row{"service_unit": otherUnit}), pdoc(nil))},
			{note: "relationship of another client", rows: rows(rel(row{"client_id": testClient2}), pdoc(nil))}},
	},
	"REG022": {
		good: []sample{{note: "with case id", rows: rows(rel(nil), pdoc(nil))}},
		bad:  []sample{{note: "no case id", rows: rows(rel(nil), pdoc(row{"case_id": ""}))}},
	},
	"REG023": {
		good: []sample{{note: "dated", rows: rows(rel(nil), pdoc(nil))}},
		bad:  []sample{{note: "undated", rows: rows(rel(nil), pdoc(row{"created": ""}))}},
	},
	"REG030": {
		good: []sample{{note: "task name", rows: rows(row{"service_task": "Iäkkäiden palvelut"})},
			{note: "health-care document in the patient register", rows: rows(row{"service_task": "", "document_type": "Hoitokertomus", "register": "potilasrekisteri"})}},
		bad: []sample{{note: "empty task", rows: rows(row{"service_task": ""})},
			{note: "health-care document in the social register", rows: rows(row{"service_task": "", "document_type": "Hoitokertomus"})}},
	},
	"REG031": {
		good: []sample{{note: "purchased with both parties", rows: rows(rel(nil), pdoc(nil))}},
		bad: []sample{{note: "purchased without organiser", rows: rows(pdoc(row{"organiser_id": "", "controller_id": prodCtrl}))},
			{note: "producer differs, basis missing", rows: rows(row{"basis": "", "producer_id": prodOID})}},
	},
	"REG032": {
		good: []sample{{note: "code 20", rows: rows(row{"service_task": "20"})}, {note: "two tasks", rows: rows(row{"service_task": "older_people|disability"})}},
		bad:  []sample{{note: "code 99", rows: rows(row{"service_task": "99"})}, {note: "one of two unknown", rows: rows(row{"service_task": "older_people|kummallinen"})}},
	},
	"REG033": {
		good: []sample{{note: "group as 1505.2", rows: rows(row{"document_type": "1505.2"})}, {note: "code-system OID", rows: rows(row{"document_type": "1.2.246.537.6.1506.11023"})},
			{note: "structure OID", rows: rows(row{"document_type": "1.2.246.537.6.1505.1.2023.6.1"})}, {note: "name", rows: rows(row{"document_type": "Iäkkäiden palvelupäätös"})}},
		bad: []sample{{note: "unknown code", rows: rows(row{"document_type": "99999"})}, {note: "unknown name", rows: rows(row{"document_type": "Työvuorolista"})}},
	},
	"REG034": {
		good: []sample{{note: "current", rows: rows(row{"document_type": "1019"})}},
		bad:  []sample{{note: "obsolete-only 1020", rows: rows(row{"document_type": "1020"})}},
	},
	"REG035": {
		good: []sample{{note: "current name", rows: rows(row{"service_task": "Työikäisten palvelut"})}},
		bad:  []sample{{note: "legacy name", rows: rows(row{"service_task": "Toimeentulotuki"})}},
	},
	"REG040": {
		good: []sample{{note: "voided with reason", rows: rows(row{"status": "voided", "void_reason": "väärä henkilö"})}},
		bad:  []sample{{note: "voided without reason", rows: rows(row{"status": "mitätöity"})}},
	},
	"REG041": {
		good: []sample{{note: "two versions, one register", rows: rows(row{}, row{"version": "2"})},
			{note: "joint needs assessment in both", rows: rows(row{"document_type": "1000"}, row{"document_type": "1000", "register": "health"})}},
		bad: []sample{{note: "social and patient", rows: rows(row{}, row{"register": "health", "version": "2"})},
			{note: "social and legacy", rows: rows(row{"register": "ilmoitusrekisteri"}, row{})}},
	},
	"IDN001": {
		good: []sample{{note: "2023 sign", rows: rows(row{"client_id": testClient2})}},
		bad: []sample{{note: "check character", rows: rows(row{"client_id": "010181-900D"})}, {note: "date", rows: rows(row{"client_id": "310281-900C"})},
			{note: "sign missing", rows: rows(row{"client_id": "0101819000C"})}},
	},
	"IDN002": {
		good: []sample{{note: "Y-tunnus form", rows: rows(row{"organiser_id": "3221308-6"})}, {note: "unit name", rows: rows(row{"service_unit": "Kotihoito Pohjoinen"})}},
		bad: []sample{{note: "check digit", rows: rows(row{"organiser_id": "3221308-7"})}, {note: "bad OID", rows: rows(row{"author_org": "1.2.246.10.32213087.10.0"})},
			{note: "name instead of id", rows: rows(row{"controller_id": "Järvimaan hyvinvointialue"})}, {note: "bad unit OID", rows: rows(row{"service_unit": "1.2.246.10.1.10.1"})}},
	},
	"IDN003": {
		good: []sample{{note: "test code", rows: rows(row{"client_id": testClient})}},
		bad:  []sample{{note: "real-format code", rows: rows(row{"client_id": "131052-308T"})}, {note: "pseudonym", rows: rows(row{"client_id": "ASIAKAS-17"})}},
	},
	"IDN004": {
		good: []sample{{note: "production codes", prod: true, rows: rows(row{"client_id": "131052-308T"})}},
		bad:  []sample{{note: "test code in production", prod: true, rows: rows(row{"client_id": testClient})}},
	},
}

// csvOf writes a sample as a ';' CSV with the canonical header plus any
// extra columns its rows name.
func csvOf(s sample) string {
	names := append([]string(nil), strings.Split(canonicalHeader, ";")...)
	canon := map[string]bool{}
	for _, n := range names {
		canon[n] = true
	}
	var extra []string
	seen := map[string]bool{}
	for _, r := range s.rows {
		if rr, ok := r.(row); ok {
			for k := range rr {
				if !canon[k] && !seen[k] {
					seen[k] = true
					extra = append(extra, k)
				}
			}
		}
	}
	sort.Strings(extra)
	names = append(names, extra...)
	var b strings.Builder
	b.WriteString(strings.Join(names, ";") + "\n")
	for _, r := range s.rows {
		switch r := r.(type) {
		case raw:
			b.WriteString(string(r) + "\n")
		case row:
			vals := make([]string, len(names))
			for i, n := range names {
				if v, ok := r[n]; ok {
					vals[i] = v
				} else {
					vals[i] = base[n]
				}
			}
			b.WriteString(strings.Join(vals, ";") + "\n")
		}
	}
	return b.String()
}

const canonicalHeader = "document_id;version;client_id;register;controller_id;controller_kind;organiser_id;producer_id;service_unit;basis;service_task;document_type;case_id;author_org;created;status;void_reason;special_content;unit_start;unit_end"

func runCSV(t *testing.T, in string, cfg Config) *Result {
	t.Helper()
	r, err := export.NewCSVReader(strings.NewReader(in), export.Options{Mapping: cfg.Mapping})
	if err != nil {
		t.Fatalf("reader: %v\n%s", err, in)
	}
	if cfg.Catalogue == nil {
		cfg.Catalogue = sosmeta.MustDefault()
	}
	if cfg.MaxPerRule == 0 {
		cfg.MaxPerRule = -1
	}
	res, err := Run(r, cfg)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if !res.Tally.Balanced() {
		t.Errorf("tally not balanced: %+v", res.Tally)
	}
	return res
}

func summary(fs []finding.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+" "+f.Location.String()+": "+f.Message.EN)
	}
	return strings.Join(out, "\n")
}

func TestRuleSamples(t *testing.T) {
	for _, c := range Checks {
		s, ok := samples[c.ID]
		if !ok || len(s.good) == 0 || len(s.bad) == 0 {
			t.Errorf("%s has no good and bad samples", c.ID)
			continue
		}
		for _, sm := range s.good {
			t.Run(c.ID+"/good/"+sm.note, func(t *testing.T) {
				res := runCSV(t, csvOf(sm), Config{DeploymentTest: !sm.prod})
				if len(res.Findings) != 0 {
					t.Errorf("clean sample produced findings:\n%s\n%s", summary(res.Findings), csvOf(sm))
				}
			})
		}
		for _, sm := range s.bad {
			t.Run(c.ID+"/bad/"+sm.note, func(t *testing.T) {
				res := runCSV(t, csvOf(sm), Config{DeploymentTest: !sm.prod})
				if res.Counts[c.ID] == 0 {
					t.Errorf("no %s finding; got:\n%s\n%s", c.ID, summary(res.Findings), csvOf(sm))
				}
				for _, f := range res.Findings {
					if f.RuleID == c.ID && (f.Message.FI == "" || f.Message.EN == "" || f.Fingerprint == "") {
						t.Errorf("%s finding lacks a message or fingerprint: %+v", c.ID, f)
					}
				}
			})
		}
	}
	for id := range samples {
		found := false
		for _, c := range Checks {
			found = found || c.ID == id
		}
		if !found {
			t.Errorf("samples for unknown rule %s", id)
		}
	}
}

func TestRulesDeclared(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks {
		if seen[c.ID] {
			t.Errorf("duplicate rule %s", c.ID)
		}
		seen[c.ID] = true
		if c.Title.FI == "" || c.Title.EN == "" {
			t.Errorf("%s lacks a title in both languages", c.ID)
		}
		if c.Basis == "" && !strings.HasPrefix(c.ID, "EXP") {
			t.Errorf("%s has no basis", c.ID)
		}
	}
}
