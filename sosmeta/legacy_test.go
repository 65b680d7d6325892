package sosmeta

import (
	"slices"
	"testing"
)

// TestLegacyTask: only names that are old and not also current task names
// count as old; the 254/2015 permanence lines are on the old names §1.3
// lists.
func TestLegacyTask(t *testing.T) {
	c := MustDefault()
	for name, want := range map[string]string{
		"Kotipalvelut":             "päätökset, suunnitelmat ja asiakaskertomukset kuukauden 8., 18. ja 28. päivänä syntyneistä",
		"omaishoidon TUKI":         "päätökset, suunnitelmat ja asiakaskertomukset kuukauden 8., 18. ja 28. päivänä syntyneistä",
		"Kotoutumisen edistäminen": "kaikki asiakirjat",
		"Toimeentulotuki":          "kaikki asiakirjat kuukauden 8., 18. ja 28. päivänä syntyneistä",
		"Aikuissosiaalityö":        "", // old, but the 254/2015 annex gave it no permanent line
	} {
		lt, ok := c.LegacyTask(name)
		if !ok {
			t.Errorf("LegacyTask(%q) not found", name)
			continue
		}
		got := ""
		if lt.Permanent254 != nil {
			got = lt.Permanent254.What
			if lt.Permanent254.WhatEN == "" {
				t.Errorf("%s: no English wording", name)
			}
		}
		if got != want {
			t.Errorf("LegacyTask(%q).Permanent254 = %q, want %q", name, got, want)
		}
	}
	// Current names (and their synonyms) are not old ones, even where the
	// 254/2015 annex used the same name.
	for _, name := range []string{"Lastensuojelu", "Päihdehuolto", "Vammaispalvelut", "Iäkkäiden palvelut", "Ikäihmisten palvelut", "older_people", ""} {
		if lt, ok := c.LegacyTask(name); ok {
			t.Errorf("LegacyTask(%q) = %+v, want none (a current name)", name, lt)
		}
	}
	kp, _ := c.LegacyTask("Kotipalvelut")
	if !slices.Equal(kp.Permanent254.Kinds, []string{"Päätös", "Suunnitelma", "Asiakaskertomusmerkintä"}) || !slices.Equal(kp.Permanent254.BirthDays, []int{8, 18, 28}) {
		t.Errorf("Kotipalvelut line %+v", kp.Permanent254)
	}
}

// TestAlsoRules: rules marked also bind beside the governing row and are
// never returned as the governing row themselves.
func TestAlsoRules(t *testing.T) {
	c := MustDefault()
	adoption := c.ByKey("16000") // Adoptoitavan lapsen taustatiedot
	if adoption == nil || adoption.Subject != "Adoptioneuvonnan asiakasasiakirjat" {
		t.Fatal("fixture changed")
	}
	if r, ok := c.RetentionFor(adoption, "family_law"); !ok || r.ID != "R703-08a" {
		t.Errorf("governing row of 16000 = %s, want R703-08a", r.ID)
	}
	ids := func(rs []RetentionRule) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for _, tc := range []struct {
		d     *DocumentType
		names []string
		want  []string
	}{
		{adoption, nil, []string{"AL22-92"}},
		{nil, []string{"Adoptioneuvonnan muistio"}, []string{"AL22-92"}},
		{c.ByKey("group:8"), nil, []string{"R703-15b"}},
		{nil, []string{"Luovutuslupa"}, []string{"R703-15b"}},
		{c.ByKey("11023"), []string{"Huostaanottopäätös"}, nil},
	} {
		if got := ids(c.AlsoFor(tc.d, "family_law", tc.names...)); !slices.Equal(got, tc.want) {
			t.Errorf("AlsoFor(%v, %v) = %v, want %v", tc.d, tc.names, got, tc.want)
		}
	}
	for _, r := range c.Retention {
		if !r.Also {
			continue
		}
		if g, ok := c.RetentionByName(r.Names...); ok && g.Also {
			t.Errorf("RetentionByName returned also-rule %s", g.ID)
		}
	}
	if r, ok := c.RetentionRule("AL22-92"); !ok || r.Years != 100 || r.Start != StartDocumentDate || r.Basis != "Adoptiolaki 22/2012 § 92" {
		t.Errorf("AL22-92 = %+v", r)
	}
	if r, _ := c.RetentionRule("R703-15b"); r.Start != StartNewerVersion || r.Versions != VersionsEarlier {
		t.Errorf("R703-15b = %+v", r)
	}
}

// TestSwedishTaskNames: a Swedish service-task name is national only where
// a source gives it (Sosmeta 19008: 10 Barnskydd, 20 Service för personer
// med funktionsnedsättning); the rest are marked as the tool's own.
func TestSwedishTaskNames(t *testing.T) {
	c := MustDefault()
	for _, task := range c.Tasks {
		sourced := task.Code == "10" || task.Code == "20"
		if task.SVTranslated == sourced {
			t.Errorf("%s (%s): sv_translated %v; only the sourced names 10 and 20 are national", task.ID, task.SV, task.SVTranslated)
		}
	}
	if c.Task("child_welfare").SV != "Barnskydd" || c.Task("disability").SV != "Service för personer med funktionsnedsättning" {
		t.Error("sourced Swedish names changed")
	}
}

func TestOverlayArchivalScope(t *testing.T) {
	c := loadCopy(t)
	o, err := ParseOverlay("o.yaml", []byte(`
archival:
  - id: KA-KP
    basis: "AL/20064/07.01.01.03.01/2014"
    legacy_tasks: [kotipalvelut]
    created_from: 2015-04-01
    created_to: "2023-12-31"
retention_horizon: 130
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Apply(o); err != nil {
		t.Fatal(err)
	}
	a := c.Archival[len(c.Archival)-1]
	if a.CreatedFrom != "2015-04-01" || a.CreatedTo != "2023-12-31" || !a.Partial() || c.Horizon != 130 {
		t.Errorf("archival %+v, horizon %d", a, c.Horizon)
	}
	if (ArchivalRule{ID: "x", Tasks: []string{"families"}}).Partial() {
		t.Error("an undated rule for every client is not partial")
	}
}
