package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus/onboarding"
	"github.com/kartoitus/kartoitus/report"
)

const (
	planStatus   = "../../samples/plan/status.yaml"
	planStaff    = "../../samples/plan/staff.csv"
	planEvidence = "../../samples/plan/evidence.json"
)

var planSample = []string{"plan", "--status", planStatus, "--staff", planStaff, "--evidence", planEvidence, "--today", "2026-12-17", "--readers", "6"}

func TestPlanGolden(t *testing.T) {
	r := runCLI(t, "", planSample...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "plan_sample_fi.txt", r.stdout)

	out := filepath.Join(t.TempDir(), "plan.json")
	r = runCLI(t, "", append(planSample, "--lang", "en", "-o", out)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "plan_sample_en.json", string(b))
	if r.stdout != "" || !strings.Contains(r.stderr, "Wrote "+out) || !strings.Contains(r.stderr, "6 late, 1 at risk") {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}

	// Without a status file: the back-calculated plan only.
	r = runCLI(t, "", "plan", "--go-live", "1.2.2027", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "plan_golive_only.json", r.stdout)
}

func TestPlanJSONTasks(t *testing.T) {
	r := runCLI(t, "", append(planSample, "--format", "json")...)
	var v struct {
		Schema string `json:"schema"`
		Tasks  []struct {
			ID        string   `json:"id"`
			Title     string   `json:"title"`
			Start     string   `json:"start"`
			End       string   `json:"end"`
			DependsOn []string `json:"depends_on"`
			Status    string   `json:"status"`
			Timing    string   `json:"timing"`
		} `json:"tasks"`
		Summary struct {
			CriticalPath    []string       `json:"critical_path"`
			Counts          map[string]int `json:"counts"`
			ProjectedGoLive string         `json:"projected_go_live"`
		} `json:"summary"`
		Cards struct {
			Counts  map[string]int `json:"counts"`
			CostMin int            `json:"cost_min_eur"`
			CostMax int            `json:"cost_max_eur"`
		} `json:"cards"`
		Readiness []struct {
			Step   string `json:"step"`
			Status string `json:"status"`
		} `json:"readiness"`
		Findings []struct {
			Rule     string `json:"rule"`
			Location struct {
				Key string `json:"key"`
				Row int    `json:"row"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	if v.Schema != "kartoitus.plan/v1" || len(v.Tasks) != len(onboarding.Catalogue()) {
		t.Fatalf("schema %q, %d tasks", v.Schema, len(v.Tasks))
	}
	byID := map[string]int{}
	for i, task := range v.Tasks {
		byID[task.ID] = i
	}
	s := v.Tasks[byID["2G.kortit"]]
	if s.Start != "2027-01-26" || s.End != "2027-02-08" || strings.Join(s.DependsOn, ",") != "2G.sopimus" || s.Status != "not_started" {
		t.Errorf("2G.kortit %+v", s)
	}
	if v.Tasks[byID["2D"]].Timing != "late" || v.Tasks[byID["2G.sopimus"]].Timing != "at_risk" || v.Tasks[byID["1"]].Status != "done" {
		t.Errorf("timings: 2D %s, 2G.sopimus %s", v.Tasks[byID["2D"]].Timing, v.Tasks[byID["2G.sopimus"]].Timing)
	}
	// What samples/README.md says the sample shows.
	if v.Summary.Counts["late"] != 6 || v.Summary.Counts["at_risk"] != 1 || v.Summary.ProjectedGoLive != "2027-03-08" {
		t.Errorf("summary %+v", v.Summary)
	}
	var late []string
	for _, task := range v.Tasks {
		groups := map[string]bool{"2G": true, "3C": true, "3E": true}
		if task.Timing == "late" && !groups[task.ID] {
			late = append(late, task.ID)
		}
	}
	if strings.Join(late, " ") != "2D 2E 3D 3C.varapaiva 3E.tarkastus 3F" {
		t.Errorf("late %v", late)
	}
	if c := v.Cards.Counts; c["ammattikortti"] != 5 || c["henkilostokortti"] != 7 || c["toimijakortti"] != 1 || c["varakortti"] != 2 ||
		v.Cards.CostMin != 240 || v.Cards.CostMax != 530 {
		t.Errorf("cards %+v", v.Cards)
	}
	var ready []string
	for _, r := range v.Readiness {
		ready = append(ready, r.Step+"="+r.Status)
	}
	if strings.Join(ready, " ") != "2C=ready 2D=gaps 2E=gaps 3C–3E=unknown" {
		t.Errorf("readiness %v", ready)
	}
	pln003 := 0
	for _, f := range v.Findings {
		if f.Rule == "PLN003" && f.Location.Row == 14 {
			pln003++
		}
	}
	if pln003 != 1 {
		t.Errorf("want PLN003 for Outi Mattila on row 14: %+v", v.Findings)
	}
}

func TestPlanExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	emptyStaff := write("empty.csv", "Nimi;Rekisteröity ammattihenkilö\n")
	noTasks := write("none.yaml", "go_live: 2027-02-01\n")
	badYAML := write("bad.yaml", "tasks: [\n")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"help", []string{"plan", "-h"}, 0, "Usage: kartoitus plan"},
		{"go-live only", []string{"plan", "--go-live", "2027-02-01"}, 0, ""},
		{"late tasks are reported, not failed", planSample, 0, ""},
		{"--fail-on error fails on late tasks", append(planSample, "--fail-on", "error"), 1, ""},
		{"--fail-on warning", append(planSample, "--fail-on", "warning"), 1, ""},
		{"--fail-on error with nothing late", []string{"plan", "--go-live", "2027-02-01", "--today", "2026-06-01", "--fail-on", "error"}, 0, ""},
		{"no go-live", []string{"plan"}, 2, "needs a go-live date (--go-live DATE"},
		{"bad go-live", []string{"plan", "--go-live", "ensi kuussa"}, 2, "--go-live"},
		{"bad today", []string{"plan", "--go-live", "2027-02-01", "--today", "32.1.2027"}, 2, "--today"},
		{"bad fail-on", []string{"plan", "--go-live", "2027-02-01", "--fail-on", "late"}, 2, "--fail-on"},
		{"bad output", []string{"plan", "--go-live", "2027-02-01", "-o", "plan.pdf"}, 2, ".json, .html or .xlsx"},
		{"argument", []string{"plan", "--go-live", "2027-02-01", "status.yaml"}, 2, "unexpected argument"},
		{"missing status file", []string{"plan", "--go-live", "2027-02-01", "--status", filepath.Join(dir, "nope.yaml")}, 2, "unreadable"},
		{"broken status file", []string{"plan", "--go-live", "2027-02-01", "--status", badYAML}, 2, "bad.yaml"},
		{"status without tasks", []string{"plan", "--status", noTasks}, 3, "no tasks"},
		{"empty staff list", []string{"plan", "--go-live", "2027-02-01", "--staff", emptyStaff}, 3, "no people"},
		{"bad evidence", []string{"plan", "--go-live", "2027-02-01", "--evidence", noTasks}, 2, "unreadable"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, "", c.args...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\n%s", r.code, c.code, r.stderr)
			}
			if c.msg != "" && !strings.Contains(r.stderr, c.msg) {
				t.Errorf("stderr %q lacks %q", r.stderr, c.msg)
			}
		})
	}
}

// Several outputs from one run; the written workbook, filled in, is a
// status file for the next run.
func TestPlanOutputsAndRoundTrip(t *testing.T) {
	dir := t.TempDir()
	j, h, x := filepath.Join(dir, "plan.json"), filepath.Join(dir, "plan.html"), filepath.Join(dir, "plan.xlsx")
	r := runCLI(t, "", append(planSample, "-o", j, "-o", h, "-o", x)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, p := range []string{j, h, x} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", p, err)
		}
		if !strings.Contains(r.stderr, "Kirjoitettiin "+p) {
			t.Errorf("stderr %q", r.stderr)
		}
	}
	again := filepath.Join(dir, "again.json")
	r = runCLI(t, "", "plan", "--go-live", "2027-03-01", "--status", x, "--staff", x, "--today", "2026-12-17", "--readers", "6", "-o", again)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	tasks := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Tasks []map[string]any `json:"tasks"`
			Cards struct {
				Counts map[string]int `json:"counts"`
			} `json:"cards"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, task := range v.Tasks {
			out = append(out, strings.Join([]string{task["id"].(string), task["start"].(string), str(task["end"]), task["status"].(string), str(task["timing"]), str(task["owner"])}, " "))
		}
		cj, _ := json.Marshal(v.Cards.Counts)
		return strings.Join(out, "\n") + "\n" + string(cj)
	}
	if a, b := tasks(j), tasks(again); a != b {
		t.Errorf("the plan read back from plan.xlsx differs:\n%s\n--- was ---\n%s", b, a)
	}
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

func TestTemplatePlan(t *testing.T) {
	out := filepath.Join(t.TempDir(), "kayttoonotto.xlsx")
	r := runCLI(t, "", "template", "--plan", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "template_plan_fi.txt", strings.ReplaceAll(r.stdout, out, "OUT"))
	if r := runCLI(t, "", "template", "--plan", "-o", out); r.code != 2 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("overwrite without --force: exit %d %s", r.code, r.stderr)
	}
	// Blank: every task not started; no staff yet (exit 3).
	r = runCLI(t, "", "plan", "--go-live", "2027-02-01", "--status", out, "--today", "2026-11-02", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf(`"accepted": %d,`, len(onboarding.Catalogue()))) {
		t.Errorf("blank status: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "plan", "--go-live", "2027-02-01", "--staff", out); r.code != 3 {
		t.Errorf("blank staff: exit %d %s", r.code, r.stderr)
	}
}

// The lead inlines the chart into the assessment report, which sanitises
// every SVG: the chart must pass whole.
func TestPlanSVGSurvivesTheReportSanitiser(t *testing.T) {
	st, err := onboarding.ReadStatus(planStatus)
	if err != nil {
		t.Fatal(err)
	}
	p, err := onboarding.Schedule(onboarding.Options{GoLive: st.GoLive, Status: st, Today: st.GoLive.AddDays(-70)})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := onboarding.WriteSVG(&b, p, "fi"); err != nil {
		t.Fatal(err)
	}
	clean, err := report.SanitizeSVG(b.String(), "plan-")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(clean, `class="bar"`), len(p.Tasks); got != want {
		t.Errorf("%d bars after sanitising, want %d", got, want)
	}
	if !strings.Contains(clean, `url(#plan-hatch)`) || !strings.Contains(clean, `id="plan-hatch"`) {
		t.Error("the hatch pattern reference did not survive")
	}
}
