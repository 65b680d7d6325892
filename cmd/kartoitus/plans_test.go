package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAssessPlanSections: with a pairs file and a go-live date the
// assessment page shows the deployment-test plan (every pair with its
// requirement and state) and the onboarding readiness (the lines and the
// timeline), each with its own findings; without them neither section is
// there (issues 16 and 20).
func TestAssessPlanSections(t *testing.T) {
	base := []string{"assess", "--inventory", "../../samples/inventory.xlsx", "--tos", "../../samples/tos.xlsx",
		"--overlay", "../../samples/overlay.yaml", "--no-graphs"}
	section := func(page, id string) string {
		m := regexp.MustCompile(`(?s)<section id="` + id + `">(.*?)</section>`).FindStringSubmatch(page)
		if m == nil {
			return ""
		}
		return m[1]
	}

	out := filepath.Join(t.TempDir(), "with")
	r := runCLI(t, "", append(base, "--pairs", "../../samples/deploytest/pairs.yaml", "--go-live", "2027-06-01",
		"--plan-status", "../../samples/plan/status.yaml", "--staff", "../../samples/plan/staff.csv", "--today", "2026-12-03", "-o", out)...)
	if r.code > 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)

	dpt := section(page, "deploytest")
	if dpt == "" {
		t.Fatal("no deploytest section")
	}
	if rows := strings.Count(dpt, "<td>vaaditaan</td>") + strings.Count(dpt, "<td>suositellaan</td>"); rows != 4 {
		t.Errorf("deployment-test plan shows %d pairs with a requirement, want the sample's 4", rows)
	}
	for _, want := range []string{"Järvimaan hyvinvointialue", "Perhekoti Satama", "<code>DPT"} {
		if !strings.Contains(dpt, want) {
			t.Errorf("deploytest section lacks %q", want)
		}
	}

	onb := section(page, "onboarding")
	if onb == "" {
		t.Fatal("no onboarding section")
	}
	for _, want := range []string{"<svg", "1.6.2027", "<td>2C</td>", "<td>2D</td>", "<td>2E</td>", "<code>PLN"} {
		if !strings.Contains(onb, want) {
			t.Errorf("onboarding section lacks %q", want)
		}
	}
	if !strings.Contains(page, `href="#deploytest"`) || !strings.Contains(page, `href="#onboarding"`) {
		t.Error("the navigation does not link the plan sections")
	}

	// report.xlsx has the same plans as sheets of their own.
	wb, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	for sheet, rows := range map[string]int{"Käyttöönottokoe": 1 + 4, "Käyttöönoton valmius": 1 + strings.Count(onb, "<tr><td>")} {
		got, err := wb.GetRows(sheet)
		if err != nil {
			t.Errorf("report.xlsx: %v", err)
			continue
		}
		if len(got) != rows {
			t.Errorf("report.xlsx sheet %s: %d rows, want %d", sheet, len(got), rows)
		}
	}

	out2 := filepath.Join(t.TempDir(), "without")
	if r := runCLI(t, "", append(base, "-o", out2)...); r.code > 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	b, err = os.ReadFile(filepath.Join(out2, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if section(string(b), "deploytest") != "" || section(string(b), "onboarding") != "" {
		t.Error("plan sections shown without a pairs file or go-live date")
	}
}
