package main

import (
	"strings"
	"testing"
)

// TestProfileRoles: with a producer's profile, documents of the county's
// register are not the producer's retention gaps (RET001 goes, the TOS
// draft leaves them out) and a plan period for them is RET014; its own
// self-paying clients' documents still need their TOS row. In the gate a
// private controller under a county is REG012 only once the profile says
// the county is an authority (issue 14).
func TestProfileRoles(t *testing.T) {
	prof := writeTemp(t, "profile.yaml", "organisation: {name: Hoivapolku Oy, y_tunnus: 3187542-4, kind: private}\n"+
		"roles: [producer, organiser]\nself_paying_clients: true\n"+
		"organisers: [{name: Järvimaan hyvinvointialue, y_tunnus: 3266145-2, kind: public}]\n")
	inv := writeTemp(t, "inv.csv", "Palvelutehtävä;Asiakirjan nimi;Tallennusmuoto;Käsittelyperuste;Säilytysaika;Säilytysajan laskentaperuste\n"+
		"Iäkkäiden palvelut;Iäkkäiden palvelujen asiakassuunnitelma;sähköinen;ostopalvelu;;\n"+
		"Iäkkäiden palvelut;Iäkkäiden palvelupäätös;sähköinen;palveluseteli;10;asian sulkemisesta\n"+
		"Iäkkäiden palvelut;Iäkkäiden palvelujen toteuttamissuunnitelma;sähköinen;itsemaksava;;\n")
	without := runCLI(t, "", "retention", "--format", "json", "--lang", "en", inv)
	with := runCLI(t, "", "retention", "--format", "json", "--lang", "en", "--profile", prof, inv)
	count := func(out, rule string) int { return strings.Count(out, `"rule": "`+rule+`"`) }
	// The voucher decision's own retention column stands for its plan.
	if n := count(without.stdout, "RET001"); n != 2 || count(without.stdout, "RET014") != 0 {
		t.Errorf("without a profile: %d RET001, want 2 and no RET014 (every document is the organisation's)\n%s", n, without.stdout)
	}
	if n := count(with.stdout, "RET001"); n != 1 {
		t.Errorf("with the profile: %d RET001, want 1 (the self-paying client's plan only)\n%s", n, with.stdout)
	}
	if n := count(with.stdout, "RET014"); n != 1 || !strings.Contains(with.stdout, "organiser's register") {
		t.Errorf("with the profile: %d RET014, want 1 for the voucher decision kept 10 years\n%s", n, with.stdout)
	}
	if bad := runCLI(t, "", "retention", "--profile", writeTemp(t, "bad.yaml", "organisation: {}\n"), inv); bad.code != 2 || !strings.Contains(bad.stderr, "y_tunnus or oid") {
		t.Errorf("bad profile: exit %d, %s", bad.code, bad.stderr)
	}

	exp := writeTemp(t, "export.csv", "document_id;client_id;register;controller_id;controller_kind;organiser_id;producer_id;basis;document_type;author_org\n"+
		"D1;010181-900C;social;1.2.246.10.31875424.19.0;private;3266145-2;3187542-4;ostopalvelu;19005;3187542-4\n")
	plain := runCLI(t, "", "registers", "--deployment-test", "--format", "json", exp)
	profiled := runCLI(t, "", "registers", "--deployment-test", "--format", "json", "--profile", prof, exp)
	if count(plain.stdout, "REG012") != 0 || count(plain.stdout, "REG014") != 1 {
		t.Errorf("without a profile: want REG014 (kind unknown), no REG012\n%s", plain.stdout)
	}
	if count(profiled.stdout, "REG012") != 1 || count(profiled.stdout, "REG014") != 0 {
		t.Errorf("with the profile: want REG012 (the county is an authority)\n%s", profiled.stdout)
	}

	// A producer system's own export, taken after the unit's end (REG025).
	held := writeTemp(t, "held.csv", "document_id;client_id;register;controller_id;organiser_id;producer_id;service_unit;basis;document_type;author_org;created;unit_start;unit_end\n"+
		"P1;010181-900C;social;1.2.246.10.32661452.19.0;1.2.246.10.32661452.10.0;1.2.246.10.31875424.10.0;1.2.246.10.31875424.10.1;ostopalvelu;19005;1.2.246.10.31875424.10.0;2025-03-01;2025-01-01;2025-06-30\n")
	for _, tt := range []struct {
		asOf string
		want int
	}{{"2025-06-30", 0}, {"1.7.2025", 1}} {
		r := runCLI(t, "", "registers", "--deployment-test", "--format", "json", "--as-of", tt.asOf, held)
		if got := count(r.stdout, "REG025"); got != tt.want {
			t.Errorf("--as-of %s: %d REG025, want %d\n%s%s", tt.asOf, got, tt.want, r.stdout, r.stderr)
		}
	}
	if r := runCLI(t, "", "registers", "--as-of", "eilen", held); r.code != 2 {
		t.Errorf("--as-of eilen: exit %d", r.code)
	}
}
