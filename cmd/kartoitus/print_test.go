package main

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus/internal/xlsxprint"
)

// Every workbook the tool writes prints readably: each sheet is fitted to
// one page wide, landscape when wide, with its header row repeated.
func TestEveryWorkbookHasAPrintSetup(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	runs := []struct {
		file string
		args []string
	}{
		{"template.xlsx", []string{"template", "-o", at("template.xlsx")}},
		{"pairs.xlsx", []string{"template", "--pairs", "-o", at("pairs.xlsx")}},
		{"checklist.xlsx", []string{"template", "--deploytest", "-o", at("checklist.xlsx")}},
		{"plan-template.xlsx", []string{"template", "--plan", "-o", at("plan-template.xlsx")}},
		{"plan.xlsx", append(append([]string{}, planSample...), "-o", at("plan.xlsx"))},
		{"deploytest.xlsx", []string{"deploytest", "report", "--pairs", dtPairs, "--pair", "1", "-o", at("deploytest.xlsx")}},
		{"draft.xlsx", []string{"retention", "--inventory", retInv, "--tos", retTOS, "--draft", at("draft.xlsx")}},
	}
	for _, run := range runs {
		if r := runCLI(t, "", run.args...); r.code > 1 {
			t.Fatalf("%v: exit %d: %s", run.args, r.code, r.stderr)
		}
	}
	_, out := assessSamples(t)
	files := []string{filepath.Join(out, "report.xlsx")}
	for _, run := range runs {
		files = append(files, at(run.file))
	}
	for _, p := range files {
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := xlsxprint.Check(f); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
		f.Close()
	}
}
