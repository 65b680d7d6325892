package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const graphInventory = "testdata/graph_inventory.csv"

// graphFiles lists the files a graph run wrote.
func graphFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func TestGraphDOT(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", "graph", "--inventory", graphInventory, "--out", dir, "--format", "dot")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	want := []string{
		"child_welfare-comparison.dot", "child_welfare-current.dot", "child_welfare-target.dot",
		"disability-comparison.dot", "disability-current.dot", "disability-target.dot", "overview.dot",
	}
	if got := graphFiles(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("files %v, want %v", got, want)
	}
	golden(t, "graph_table_fi.txt", r.stdout)
	for _, name := range []string{"child_welfare-comparison.dot", "overview.dot"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "graph_"+name, string(b))
	}
	// The document with no service task (none stated, none inferable) is accounted for.
	if !strings.Contains(r.stderr, "1 asiakirjalla ei ole tunnistettua palvelutehtävää") {
		t.Errorf("stderr does not account for the task-less document:\n%s", r.stderr)
	}
}

func TestGraphJSONEnglish(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", "graph", "--inventory", graphInventory, "--out", dir, "--format", "dot", "--json", "--lang", "en", "--task", "Lastensuojelu")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	golden(t, "graph_json_en.json", r.stdout)
	if got := graphFiles(t, dir); len(got) != 4 {
		t.Errorf("--task wrote %v, want one task's three pictures and the overview", got)
	}
	b, err := os.ReadFile(filepath.Join(dir, "child_welfare-comparison.dot"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("Child welfare – current state against the target")) {
		t.Error("--lang en did not reach the pictures")
	}
}

// TestGraphSVG renders for real: every file is well-formed SVG naming the
// nodes it should.
func TestGraphSVG(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", "graph", "--inventory", graphInventory, "--out", dir)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	files := graphFiles(t, dir)
	if len(files) != 7 {
		t.Fatalf("wrote %v", files)
	}
	for _, name := range files {
		if !strings.HasSuffix(name, ".svg") {
			t.Errorf("%s is not an SVG", name)
			continue
		}
		titles := svgTitles(t, filepath.Join(dir, name))
		var want string
		switch {
		case strings.HasSuffix(name, "-comparison.svg") && strings.HasPrefix(name, "child_welfare"):
			want = "type:11023@decision"
		case strings.HasSuffix(name, "-target.svg") && strings.HasPrefix(name, "child_welfare"):
			want = "type:11023"
		case strings.HasSuffix(name, "-current.svg"):
			want = "cluster_1_initiation"
		case name == "overview.svg":
			want = "system:pegasos->register:health"
		default:
			want = "cluster_legend"
		}
		if !titles[want] {
			t.Errorf("%s has no element %s", name, want)
		}
	}
}

// TestGraphPNG: --format png writes PNG files.
func TestGraphPNG(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", "graph", "--inventory", graphInventory, "--out", dir, "--format", "png", "--task", "disability")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, name := range graphFiles(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s is not a PNG", name)
		}
	}
}

// TestGraphSample draws the bundled sample organisation, when present.
func TestGraphSample(t *testing.T) {
	sample := filepath.Join("..", "..", "samples", "inventory.xlsx")
	if _, err := os.Stat(sample); err != nil {
		t.Skip("no bundled sample inventory")
	}
	dir := t.TempDir()
	r := runCLI(t, "", "graph", "--inventory", sample, "--out", dir, "--format", "dot")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	files := graphFiles(t, dir)
	tasks := map[string]int{}
	for _, f := range files {
		if task, _, ok := strings.Cut(f, "-"); ok {
			tasks[task]++
		}
	}
	if len(tasks) == 0 {
		t.Fatalf("no per-task pictures: %v", files)
	}
	for task, n := range tasks {
		if n != 3 {
			t.Errorf("task %s has %d pictures, want current, target and comparison", task, n)
		}
	}
}

func TestGraphErrors(t *testing.T) {
	dir := t.TempDir()
	noTask := filepath.Join(dir, "notask.csv")
	if err := os.WriteFile(noTask, []byte("Asiakirjan nimi;Prosessin vaihe\nMuistiinpanot;Päätöksenteko\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no inventory", []string{"graph"}, 2, "give an inventory"},
		{"bad format", []string{"graph", "--inventory", graphInventory, "--format", "pdf", "--out", out}, 2, "--format"},
		{"bad lang", []string{"graph", "--inventory", graphInventory, "--lang", "sv2", "--out", out}, 2, "--lang"},
		{"unknown task", []string{"graph", "--inventory", graphInventory, "--task", "astrologia", "--out", out}, 2, "unknown service task"},
		{"missing file", []string{"graph", "--inventory", filepath.Join(dir, "nope.csv"), "--out", out}, 2, "nope.csv"},
		{"empty file", []string{"graph", "--inventory", empty, "--out", out}, 3, ""},
		{"no service task", []string{"graph", "--inventory", noTask, "--out", out}, 3, "service task"},
		{"bad threshold", []string{"graph", "--inventory", graphInventory, "--threshold", "2", "--out", out}, 2, "--threshold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.msg) {
				t.Errorf("stderr lacks %q:\n%s", tt.msg, r.stderr)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace:\n%s", r.stderr)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed run created %s", out)
	}
}

// svgTitles parses an SVG file as XML and returns its <title> texts.
func svgTitles(t *testing.T, path string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	inTitle, sawSVG := false, false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", path, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			inTitle = tk.Name.Local == "title"
			sawSVG = sawSVG || tk.Name.Local == "svg"
		case xml.EndElement:
			inTitle = false
		case xml.CharData:
			if inTitle {
				titles[string(tk)] = true
			}
		}
	}
	if !sawSVG {
		t.Fatalf("%s: no <svg> element", path)
	}
	return titles
}
