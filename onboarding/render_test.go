package onboarding

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/finding"
)

// samplePlan is the plan of the sample organisation on 17.12.2026.
func samplePlan(t *testing.T) *Plan {
	t.Helper()
	st, err := ReadStatus("../samples/plan/status.yaml")
	if err != nil {
		t.Fatal(err)
	}
	staff, err := ReadStaff("../samples/plan/staff.csv")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := LoadEvidence("../samples/plan/evidence.json")
	if err != nil {
		t.Fatal(err)
	}
	p := schedule(t, Options{GoLive: st.GoLive, Today: calendar.Date(2026, 12, 17), Status: st,
		Calendar: &calendar.Calendar{Extra: st.DaysOff}})
	p.AttachCards(PlanCards(staff, CardOptions{Readers: 6}), staff)
	p.AttachReadiness(ev)
	return p
}

type svgElem struct {
	name  string
	attrs map[string]string
	text  string
}

func parseSVG(t *testing.T, b []byte) []svgElem {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var out []svgElem
	var stack []int
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			e := svgElem{name: v.Name.Local, attrs: map[string]string{}}
			for _, a := range v.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			out = append(out, e)
			stack = append(stack, len(out)-1)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				out[stack[len(stack)-1]].text += string(v)
			}
		}
	}
	return out
}

func TestSVG(t *testing.T) {
	p := samplePlan(t)
	var b bytes.Buffer
	if err := WriteSVG(&b, p, finding.FI); err != nil {
		t.Fatal(err)
	}
	els := parseSVG(t, b.Bytes())
	if els[0].name != "svg" || els[0].attrs["viewBox"] == "" {
		t.Fatalf("root %+v", els[0])
	}
	bars := map[string]svgElem{}
	for _, e := range els {
		switch e.name {
		case "script", "foreignObject", "image", "iframe":
			t.Errorf("<%s> in the chart", e.name)
		}
		for k, v := range e.attrs {
			if strings.HasPrefix(k, "on") || (k == "href" && !strings.HasPrefix(v, "#")) {
				t.Errorf("attribute %s=%q", k, v)
			}
		}
		if e.name == "text" {
			if size, _ := strconv.Atoi(e.attrs["font-size"]); size < 16 {
				t.Errorf("text %q at %dpx: too small for a projector", e.text, size)
			}
		}
		if e.attrs["class"] == "bar" {
			if _, dup := bars[e.attrs["data-task"]]; dup {
				t.Errorf("two bars for %s", e.attrs["data-task"])
			}
			bars[e.attrs["data-task"]] = e
		}
	}
	if len(bars) != len(p.Tasks) {
		t.Errorf("%d bars, want one per task (%d)", len(bars), len(p.Tasks))
	}
	// Status reads without colour: progress is a fill pattern, timing an
	// outline style and a word, the critical path a heavy outline.
	fills := map[Progress]string{Done: "#404040", InProgress: "url(#hatch)", NotStarted: "#fff"}
	texts := strings.Builder{}
	for _, e := range els {
		if e.name == "text" {
			texts.WriteString(e.text + "\n")
		}
	}
	for _, s := range p.Tasks {
		bar := bars[s.ID]
		if s.Kind == Work {
			if bar.attrs["fill"] != fills[s.Progress] {
				t.Errorf("%s (%s) filled %s", s.ID, s.Progress, bar.attrs["fill"])
			}
			if s.Critical && bar.attrs["stroke-width"] < "4" {
				t.Errorf("critical %s outline %s", s.ID, bar.attrs["stroke-width"])
			}
			if s.Timing == AtRisk && bar.attrs["stroke-dasharray"] == "none" {
				t.Errorf("at-risk %s has a solid outline", s.ID)
			}
		}
		if bar.attrs["data-progress"] != string(s.Progress) || bar.attrs["data-timing"] != string(s.Timing) {
			t.Errorf("%s data %v", s.ID, bar.attrs)
		}
	}
	for _, w := range []string{"!! myöhässä", "! riskissä", "◆ 2D", "Käyttöönotto 1.3.2027", "Tänään 17.12.2026", "Selite", "kesken", "valmis", "aloittamatta"} {
		if !strings.Contains(texts.String(), w) {
			t.Errorf("chart text lacks %q", w)
		}
	}
	// The overrun of a late task is drawn.
	if !strings.Contains(b.String(), `class="slip" data-task="2D"`) {
		t.Error("no overrun arrow for 2D")
	}
	// Holidays in range are shaded: joulupäivä 25.12.2026.
	if !strings.Contains(b.String(), "25.12.2026 joulupäivä") {
		t.Error("Christmas Day not shaded")
	}
	var again bytes.Buffer
	_ = WriteSVG(&again, p, finding.FI)
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("the chart is not deterministic")
	}
}

func TestSVGWithoutStatus(t *testing.T) {
	p := refPlan(t)
	var b bytes.Buffer
	if err := WriteSVG(&b, p, finding.EN); err != nil {
		t.Fatal(err)
	}
	els := parseSVG(t, b.Bytes())
	n := 0
	for _, e := range els {
		if e.attrs["class"] == "bar" {
			n++
		}
	}
	if n != len(p.Tasks) || !strings.Contains(b.String(), "Go-live 2027-02-01") || strings.Contains(b.String(), "Today") {
		t.Errorf("%d bars; %s", n, b.String()[:200])
	}
}

func TestHTMLSelfContained(t *testing.T) {
	p := samplePlan(t)
	var b bytes.Buffer
	if err := WriteHTML(&b, p, Meta{Lang: finding.FI, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, `http-equiv="Content-Security-Policy" content="`+HTMLPolicy+`"`) {
		t.Error("no content security policy")
	}
	if strings.Contains(page, "<script") || regexp.MustCompile(`(src|href)="[^#]`).MatchString(page) || strings.Contains(page, "url(http") {
		t.Error("the page loads something")
	}
	for _, w := range []string{`<html lang="fi">`, `id="tbl-tasks"`, `id="tbl-cost"`, `id="tbl-readiness"`, "240–530 €",
		"vuoden 2020 hintoja", "K20 dia 20: &#34;sopimuskäsittely vie aikaa noin 3–4 viikkoa&#34;", "päätelmä — ei lähdettä", "✗ puutteita", "PLN010"} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func TestJSON(t *testing.T) {
	p := samplePlan(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, p, Meta{Lang: finding.EN}); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Schema string `json:"schema"`
		Tasks  []struct {
			ID        string   `json:"id"`
			Title     string   `json:"title"`
			Start     string   `json:"start"`
			End       string   `json:"end"`
			DependsOn []string `json:"depends_on"`
			Status    string   `json:"status"`
		} `json:"tasks"`
	}
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.Schema != "kartoitus.plan/v1" || len(v.Tasks) != len(p.Tasks) {
		t.Fatalf("schema %s, %d tasks", v.Schema, len(v.Tasks))
	}
	for i, task := range v.Tasks {
		s := p.Tasks[i]
		if task.ID != s.ID || task.Title != s.Title.EN || task.Start != s.Start.ISO() || task.DependsOn == nil || task.Status != string(s.Progress) {
			t.Errorf("task %d: %+v", i, task)
		}
		if s.Kind != Ongoing && task.End != s.End.ISO() {
			t.Errorf("%s end %q", s.ID, task.End)
		}
	}
}

func TestPlanSheet(t *testing.T) {
	p := samplePlan(t)
	f := excelize.NewFile()
	defer f.Close()
	if err := FillSheet(f, "Käyttöönotto", p, finding.FI); err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Käyttöönotto")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(p.Tasks)+1 || rows[0][0] != "Tunnus" || rows[0][10] != "Tila" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	// 2G.sopimus: the sourced range, its slide, not started.
	r := rows[10]
	if r[0] != "2G.sopimus" || r[6] != "15–20" || !strings.HasPrefix(r[7], "K20 dia 20") || r[10] != "aloittamatta" {
		t.Errorf("2G.sopimus row %q", r)
	}
	if v, _ := f.GetCellValue("Käyttöönotto", "C11"); v != "23.12.2026" {
		t.Errorf("start shown as %q, want d.m.yyyy", v)
	}
	panes, err := f.GetPanes("Käyttöönotto")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v %v", panes, err)
	}
	lay, err := f.GetPageLayout("Käyttöönotto")
	if err != nil || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("page layout %+v %v", lay, err)
	}
	props, err := f.GetSheetProps("Käyttöönotto")
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page %+v", props)
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == "Käyttöönotto" && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
			found = true
		}
	}
	if !found {
		t.Errorf("no print titles: %+v", f.GetDefinedName())
	}
}

func TestPlanWorkbookSheets(t *testing.T) {
	p := samplePlan(t)
	var b bytes.Buffer
	if err := WriteXLSX(&b, p, Meta{Lang: finding.EN, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "Plan,Cards,Card cost,Readiness" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Cards")
	if len(rows) != 16 || rows[1][0] != "Marja Kivelä" || rows[1][4] != "staff card (henkilöstökortti)" {
		t.Errorf("cards sheet %d rows %q", len(rows), rows[:2])
	}
	rows, _ = f.GetRows("Card cost")
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	if !strings.Contains(all, "€240–530") || !strings.Contains(all, "2020 prices") {
		t.Errorf("cost lines missing:\n%s", all)
	}
}

func TestTemplateWorkbook(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTemplate(&b, finding.FI); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "Tila,Henkilöstö,Ohjeet" {
		t.Errorf("sheets %s", got)
	}
	dvs, err := f.GetDataValidations("Tila")
	if err != nil || len(dvs) != 3 {
		t.Fatalf("status validations %d %v", len(dvs), err)
	}
	if !strings.Contains(dvs[0].Formula1, "valmis") || dvs[1].Type != "date" || dvs[2].Type != "whole" {
		t.Errorf("validations %+v %+v %+v", dvs[0], dvs[1], dvs[2])
	}
	staff, _ := f.GetDataValidations("Henkilöstö")
	if len(staff) != 3 || !strings.Contains(staff[2].Formula1, "varakortti") {
		t.Errorf("staff validations %+v", staff)
	}
	rows, _ := f.GetRows("Tila")
	if len(rows) != len(Catalogue())+1 || rows[10][0] != "2G.sopimus" || !strings.Contains(rows[10][8], "K20 dia 20") {
		t.Errorf("status rows %d, %q", len(rows), rows[10])
	}
}
