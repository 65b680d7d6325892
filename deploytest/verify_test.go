package deploytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/finding"
)

func statuses(r *VerifyResult) map[string]Status {
	m := map[string]Status{}
	for _, s := range r.Steps {
		m[s.ID] = s.Status
	}
	return m
}

// want is the passing scenario's status for every step, with or without
// the producer's export.
func want(withProducer bool) map[string]Status {
	m := map[string]Status{}
	for _, id := range StepIDs() {
		m[id] = Pass
	}
	m["J3"] = Confirm
	if !withProducer {
		m["T6"] = Confirm
	}
	return m
}

func TestVerifyAllPass(t *testing.T) {
	for _, withProducer := range []bool{true, false} {
		res, err := passing().run(t, withProducer, VerifyConfig{})
		if err != nil {
			t.Fatal(err)
		}
		got, w := statuses(res), want(withProducer)
		for _, id := range StepIDs() {
			if got[id] != w[id] {
				s := res.Step(id)
				t.Errorf("producer=%v: %s = %s, want %s (%s)", withProducer, id, got[id], w[id], s.Reason.EN)
			}
		}
		if res.Summary.Failed || res.Summary.Fail != 0 {
			t.Errorf("summary %+v", res.Summary)
		}
		if ids := stepIDsOf(res); !slices.Equal(ids, StepIDs()) {
			t.Errorf("steps %v, want exactly %v", ids, StepIDs())
		}
		if res.Window == nil || res.Window.Start != "2026-04-02" || res.Window.End != "2026-04-02" ||
			res.Window.StoredFrom != "2026-04-02T09:00:00" || res.Window.StoredTo != "2026-04-02T14:00:00" {
			t.Errorf("window %+v", res.Window)
		}
		if res.Organiser != "3266145-2" || res.Producer != "3187542-4" {
			t.Errorf("organiser %q producer %q", res.Organiser, res.Producer)
		}
		in := res.Inputs[0]
		if in.Read != 10 || in.Accepted != 10 || !in.Balanced() {
			t.Errorf("tally %+v", in)
		}
	}
}

func stepIDsOf(r *VerifyResult) []string {
	var ids []string
	for _, s := range r.Steps {
		ids = append(ids, s.ID)
	}
	return ids
}

// Each step fails (or, for T1 and J3, turns to confirm) on its own: one
// change to the passing scenario, and every other step keeps its status.
func TestVerifyEachStepFailsAlone(t *testing.T) {
	tests := []struct {
		step   string
		status Status
		change func(s *scenario)
		inNote string // in the step's reason or evidence (EN)
	}{
		{"T0", Fail, func(s *scenario) {
			// Another client, with a real-range individual number (354).
			s.org = append(s.org, s.org[0].with("client_id", "120570-3548", "document_id", "X1"))
		}, "not a 900-series"},
		{"J1", Fail, func(s *scenario) { s.set(decDoc, "1", "case_id", "") }, "no case id"},
		{"J1", Fail, func(s *scenario) { s.set(decDoc, "1", "document_type", "19005") }, "no decision stored by the organiser"},
		{"J1", Fail, func(s *scenario) { s.set(decDoc, "1", "author_org", hoivaOID, "modifier_org", hoivaOID) }, "no decision"},
		{"J2", Fail, func(s *scenario) { s.set(relDoc, "2", "modifier_org", hoivaOID) }, "not the organiser"},
		{"J4", Fail, func(s *scenario) { s.set(relDoc, "3", "modifier_org", satamaOID) }, "not the organiser"},
		{"J5", Fail, func(s *scenario) { s.set(p1, "3", "modifier_org", hoivaOID) }, "voided by " + hoivaOID},
		{"J5", Fail, func(s *scenario) { s.set(p1, "3", "status", "aktiivinen", "void_reason", "") }, ""},
		{"T1", Confirm, func(s *scenario) {
			for _, d := range []string{p1, p2, p3} {
				for _, v := range []string{"1", "2", "3"} {
					for i, r := range s.org {
						if r["document_id"] == d && r["version"] == v {
							s.org[i] = r.with("case_id", "VAAHTERA-17")
						}
					}
				}
			}
		}, "on no document of the organiser"},
		{"T2", Fail, func(s *scenario) {
			s.set(p1, "1", "attachments", "0")
			s.set(p1, "2", "attachments", "0")
			s.set(p1, "3", "attachments", "0")
		}, "no producer document"},
		{"T2", Fail, func(s *scenario) {
			// Stored before the start version: no register use right yet.
			s.set(p1, "1", "created", "2026-04-02T08:30:00", "modified", "2026-04-02T08:30:00")
			s.set(p1, "2", "attachments", "0")
			s.set(p1, "3", "attachments", "0")
		}, "outside the relationship"},
		{"T3", Fail, func(s *scenario) { s.drop(p1, "2") }, "no producer document has a new"},
		{"T3", Fail, func(s *scenario) { s.set(p1, "2", "modifier_org", countyOID) }, "not the producer"},
		{"T4", Fail, func(s *scenario) {
			s.set(p2, "1", "special_content", "")
			s.set(p2, "2", "special_content", "ei")
		}, "no producer document is marked"},
		{"T5", Fail, func(s *scenario) { s.set(p2, "2", "void_reason", "virheellinen kirjaus") }, "virheellinen kirjaus"},
		{"T5", Fail, func(s *scenario) { s.set(p2, "2", "modifier_org", countyOID) }, "voided by " + countyOID},
		{"T6", Fail, func(s *scenario) {
			s.prod = append(s.prod, s.org[3].with("line", ""))
		}, "still holds 1 row"},
	}
	for _, tt := range tests {
		t.Run(tt.step+" "+tt.inNote, func(t *testing.T) {
			s := passing()
			tt.change(&s)
			res, err := s.run(t, true, VerifyConfig{TestPerson: testPerson})
			if err != nil {
				t.Fatal(err)
			}
			w := want(true)
			w[tt.step] = tt.status
			got := statuses(res)
			for _, id := range StepIDs() {
				if got[id] != w[id] {
					t.Errorf("%s = %s, want %s: %s", id, got[id], w[id], res.Step(id).Reason.EN)
				}
			}
			if res.Summary.Failed != (tt.status == Fail) {
				t.Errorf("summary failed = %v", res.Summary.Failed)
			}
			step := res.Step(tt.step)
			text := step.Reason.EN
			for _, e := range step.Evidence {
				text += " | " + e.Note.EN
			}
			if !strings.Contains(strings.ToLower(text), strings.ToLower(tt.inNote)) {
				t.Errorf("%s says %q, want it to mention %q", tt.step, text, tt.inNote)
			}
		})
	}
}

// An export that holds only each document's latest version still shows
// T1 (the producer's documents in the organiser's case) from those rows.
func TestVerifyLatestVersionsOnly(t *testing.T) {
	s := passing()
	s.drop(p1, "1")
	s.drop(p2, "1")
	s.set(p3, "1", "case_id", "")
	res, err := s.run(t, true, VerifyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	got, w := statuses(res), want(true)
	for _, id := range StepIDs() {
		if got[id] != w[id] {
			t.Errorf("%s = %s, want %s: %s", id, got[id], w[id], res.Step(id).Reason.EN)
		}
	}
}

// An end date before the start date fails J4, and with it every producer
// step: no document can fall inside such a relationship.
func TestVerifyEndBeforeStart(t *testing.T) {
	s := passing()
	s.set(relDoc, "3", "unit_end", "1.4.2026")
	res, err := s.run(t, true, VerifyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	got := statuses(res)
	for id, st := range map[string]Status{"J4": Fail, "T2": Fail, "T3": Fail, "T4": Fail, "T5": Fail, "J2": Pass, "T0": Pass} {
		if got[id] != st {
			t.Errorf("%s = %s, want %s", id, got[id], st)
		}
	}
	if !strings.Contains(res.Step("J4").Reason.EN, "before the start") {
		t.Errorf("J4: %s", res.Step("J4").Reason.EN)
	}
}

// T6 needs the producer's export: without it the step is to be confirmed;
// with it, the test person's rows of the organiser's register fail it and
// rows of another register (the producer's own) do not.
func TestVerifyT6(t *testing.T) {
	tests := []struct {
		name     string
		producer bool
		add      []xrow
		want     Status
	}{
		{"no producer export", false, nil, Confirm},
		{"clean producer export", true, nil, Pass},
		{"test person in the organiser's register", true, []xrow{passing().org[3]}, Fail},
		{"test person in the producer's own register", true, []xrow{passing().org[3].with("controller_id", "1.2.246.10.31875424.19.0")}, Pass},
		{"no controller id: counts", true, []xrow{passing().org[3].with("controller_id", "")}, Fail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := passing()
			s.prod = append(s.prod, tt.add...)
			res, err := s.run(t, tt.producer, VerifyConfig{})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Step("T6").Status; got != tt.want {
				t.Errorf("T6 = %s, want %s (%s)", got, tt.want, res.Step("T6").Reason.EN)
			}
		})
	}
}

// A header-only producer export (the system holds nothing) passes T6.
func TestVerifyEmptyProducerExport(t *testing.T) {
	s := passing()
	s.prod = nil
	res, err := s.run(t, true, VerifyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Step("T6").Status; got != Pass {
		t.Errorf("T6 = %s", got)
	}
}

// What an export cannot show turns a step to confirm, never to pass.
func TestVerifyConfirmWhenExportCannotShow(t *testing.T) {
	tests := []struct {
		name    string
		change  func(s *scenario)
		confirm []string
	}{
		{"no modifier_org column", func(s *scenario) { s.dropCol("modifier_org") }, []string{"T3", "T5", "J5"}},
		{"no attachments column", func(s *scenario) { s.dropCol("attachments") }, []string{"T2"}},
		{"no special_content column", func(s *scenario) { s.dropCol("special_content") }, []string{"T4"}},
		{"no void_reason column", func(s *scenario) { s.dropCol("void_reason") }, []string{"T5"}},
		{"no case_id column", func(s *scenario) { s.dropCol("case_id") }, []string{"J1", "T1"}},
		{"dates without times", func(s *scenario) {
			// The version's date in created, no modified column.
			s.dropCol("modified")
			for i, r := range s.org {
				s.org[i] = r.with("created", r["modified"][:10])
			}
		}, []string{"T2", "T3", "T4", "T5", "J5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := passing()
			tt.change(&s)
			res, err := s.run(t, true, VerifyConfig{})
			if err != nil {
				t.Fatal(err)
			}
			w := want(true)
			for _, id := range tt.confirm {
				w[id] = Confirm
			}
			got := statuses(res)
			for _, id := range StepIDs() {
				if got[id] != w[id] {
					t.Errorf("%s = %s, want %s: %s", id, got[id], w[id], res.Step(id).Reason.EN)
				}
			}
		})
	}
}

func TestVerifyErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *scenario)
		cfg    VerifyConfig
		err    error
		inMsg  string
	}{
		{"missing author_org", func(s *scenario) { s.dropCol("author_org") }, VerifyConfig{}, kartoitus.ErrNotRecognised, "author_org"},
		{"missing created and modified", func(s *scenario) { s.dropCol("created"); s.dropCol("modified") }, VerifyConfig{}, kartoitus.ErrNotRecognised, "created or modified"},
		{"no rows", func(s *scenario) { s.org = nil }, VerifyConfig{}, kartoitus.ErrNotRecognised, "no rows"},
		{"several clients", func(s *scenario) { s.org = append(s.org, s.org[0].with("client_id", otherChild)) }, VerifyConfig{}, kartoitus.ErrUsage, "--test-person"},
		{"unknown test person", func(s *scenario) {}, VerifyConfig{TestPerson: otherChild}, kartoitus.ErrNotRecognised, "220615A****"},
		{"several units", func(s *scenario) {
			s.org = append(s.org, s.org[2].with("document_id", "R2", "service_unit", "1.2.246.10.31875424.10.1"))
		}, VerifyConfig{}, kartoitus.ErrUsage, "--unit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := passing()
			tt.change(&s)
			_, err := s.run(t, false, tt.cfg)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !strings.Contains(err.Error(), tt.inMsg) {
				t.Errorf("message %q lacks %q", err, tt.inMsg)
			}
			if strings.Contains(err.Error(), otherChild) || strings.Contains(err.Error(), testPerson) {
				t.Errorf("message shows a henkilötunnus: %v", err)
			}
		})
	}
	// --unit picks one of several units.
	s := passing()
	s.org = append(s.org, s.org[2].with("document_id", "R2", "service_unit", "1.2.246.10.31875424.10.1"))
	res, err := s.run(t, true, VerifyConfig{Unit: satamaOID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Step("J2").Status != Pass || res.Window.ServiceUnit != satamaOID {
		t.Errorf("J2 %s, window %+v", res.Step("J2").Status, res.Window)
	}
}

// Rows that cannot be used are listed with line and reason; the tally
// balances.
func TestVerifyRejectedRows(t *testing.T) {
	s := passing()
	s.org = append(s.org, s.org[7].with("document_id", "BAD1", "modified", "eilen"), s.org[7].with("document_id", "BAD2", "status", "luonnos"),
		s.org[7].with("document_id", "BAD3", "attachments", "kaksi"))
	res, err := s.run(t, true, VerifyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejected) != 3 {
		t.Fatalf("rejected %+v", res.Rejected)
	}
	for i, doc := range []string{"BAD1", "BAD2", "BAD3"} {
		if r := res.Rejected[i]; r.DocumentID != doc || r.Line != 12+i || r.Reason.EN == "" {
			t.Errorf("rejected[%d] = %+v", i, r)
		}
	}
	in := res.Inputs[0]
	if in.Read != 13 || in.Rejected != 3 || !in.Balanced() {
		t.Errorf("tally %+v", in)
	}
}

// The JSON is the kartoitus.deploytest/v1 schema: a top-level steps array
// with exactly the step ids, statuses pass|fail|confirm, texts in fi and
// en; no henkilötunnus in full; no formatting accidents.
func TestVerifyJSON(t *testing.T) {
	res, err := passing().run(t, true, VerifyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string `json:"schema"`
		Steps  []struct {
			ID       string           `json:"id"`
			Status   string           `json:"status"`
			Text     map[string]any   `json:"text"`
			Evidence []map[string]any `json:"evidence"`
		} `json:"steps"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "kartoitus.deploytest/v1" {
		t.Errorf("schema %q", doc.Schema)
	}
	var ids []string
	for _, s := range doc.Steps {
		ids = append(ids, s.ID)
		if s.Status != "pass" && s.Status != "fail" && s.Status != "confirm" {
			t.Errorf("%s status %q", s.ID, s.Status)
		}
		if s.Text["fi"] == "" || s.Text["en"] == "" {
			t.Errorf("%s text %v", s.ID, s.Text)
		}
	}
	if !slices.Equal(ids, []string{"T0", "J1", "J2", "J3", "J4", "J5", "T1", "T2", "T3", "T4", "T5", "T6"}) {
		t.Errorf("ids %v", ids)
	}
	out := b.String()
	for _, bad := range []string{testPerson, otherChild, "%!"} {
		if strings.Contains(out, bad) {
			t.Errorf("JSON contains %q", bad)
		}
	}
	if !strings.Contains(out, `"test_person": "150314A****"`) {
		t.Error("test person not masked as expected")
	}
	// Reveal shows it.
	res, _ = passing().run(t, true, VerifyConfig{RevealIDs: true})
	if res.TestPerson != testPerson {
		t.Errorf("revealed %q", res.TestPerson)
	}
}

func TestVerifyRenderers(t *testing.T) {
	s := passing()
	s.set(p2, "2", "void_reason", "virheellinen kirjaus")
	res, err := s.run(t, false, VerifyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []finding.Lang{finding.FI, finding.EN} {
		var tb, jb bytes.Buffer
		if err := WriteVerifyTable(&tb, res, l); err != nil {
			t.Fatal(err)
		}
		if err := WriteVerifyJUnit(&jb, res, l); err != nil {
			t.Fatal(err)
		}
		golden(t, "verify_table_"+string(l)+".txt", tb.String())
		golden(t, "verify_junit_"+string(l)+".xml", jb.String())
		for _, out := range []string{tb.String(), jb.String()} {
			if strings.Contains(out, testPerson) || strings.Contains(out, "%!") {
				t.Errorf("output contains a full id or a format error")
			}
		}
		if !strings.Contains(jb.String(), `failures="1"`) || !strings.Contains(jb.String(), `skipped="2"`) {
			t.Errorf("junit counts:\n%s", jb.String())
		}
	}
}
