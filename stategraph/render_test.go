package stategraph

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/goccy/go-graphviz"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/registers"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// One renderer for the whole test binary: starting Graphviz compiles the
// WebAssembly module.
var (
	rendererOnce sync.Once
	testRenderer *Renderer
	rendererErr  error
)

func renderer(t testing.TB) *Renderer {
	t.Helper()
	rendererOnce.Do(func() { testRenderer, rendererErr = NewRenderer(context.Background()) })
	if rendererErr != nil {
		t.Fatal(rendererErr)
	}
	return testRenderer
}

// svgInfo is what a rendered SVG is checked for.
type svgInfo struct {
	titles   map[string]bool // <title> of every graph element
	texts    string          // all <text> content
	tooltips string          // all xlink:title attributes
}

// parseSVG decodes the whole SVG as XML, failing on any syntax error.
func parseSVG(t *testing.T, data []byte) svgInfo {
	t.Helper()
	info := svgInfo{titles: map[string]bool{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	var texts, tips strings.Builder
	sawSVG := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tk.Name.Local)
			if tk.Name.Local == "svg" {
				sawSVG = true
			}
			for _, a := range tk.Attr {
				if a.Name.Local == "title" {
					tips.WriteString(a.Value + "\n")
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "title":
				info.titles[string(tk)] = true
			case "text":
				texts.Write(tk)
				texts.WriteByte('\n')
			}
		}
	}
	if !sawSVG {
		t.Fatal("no <svg> element")
	}
	info.texts, info.tooltips = texts.String(), tips.String()
	return info
}

func TestRenderSVG(t *testing.T) {
	_, docs, _, set := buildFixture(t)
	cw := taskGraphs(t, set, "child_welfare")
	r := renderer(t)
	var out bytes.Buffer
	if err := r.Render(context.Background(), dotOf(t, cw.Comparison, finding.FI), FormatSVG, &out); err != nil {
		t.Fatal(err)
	}
	svg := parseSVG(t, out.Bytes())
	// Every vertex becomes a node titled with its ID.
	adj, _ := cw.Comparison.Graph.AdjacencyMap()
	for id := range adj {
		n, _ := cw.Comparison.Graph.Vertex(id)
		if n.Kind == KindDocument && !svg.titles[id] {
			t.Errorf("SVG has no node %s", id)
		}
	}
	for _, want := range []string{"cluster_4_decision", "cluster_legend", "type:11023@decision", "type:3004"} {
		if !svg.titles[want] {
			t.Errorf("SVG lacks %s", want)
		}
	}
	// Finnish letters survive, and the tooltip carries code and OID.
	for _, want := range []string{"Päätös lapsen", "4. Päätöksenteko", "Vastaa tavoitetta"} {
		if !strings.Contains(svg.texts, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
	if !strings.Contains(svg.tooltips, "11023 Päätös lapsen huostaanotosta ja sijaishuollosta (1.2.246.537.6.1506.11023)") {
		t.Error("SVG lacks the 11023 tooltip")
	}
	if !strings.Contains(svg.tooltips, "Paikallinen asiakirja: "+docs[3].Name) {
		t.Error("SVG tooltip lacks the local document name")
	}

	// The overview renders too.
	var ob, os bytes.Buffer
	if err := WriteOverviewDOT(&ob, set.Overview, Options{Lang: finding.EN}); err != nil {
		t.Fatal(err)
	}
	if err := r.Render(context.Background(), ob.Bytes(), FormatSVG, &os); err != nil {
		t.Fatal(err)
	}
	ov := parseSVG(t, os.Bytes())
	for _, want := range []string{"task:child_welfare", "system:pegasos", "register:health", "system:pegasos->register:health"} {
		if !ov.titles[want] {
			t.Errorf("overview SVG lacks %s", want)
		}
	}
	if !strings.Contains(ov.texts, "REGISTERS MIX") {
		t.Error("overview SVG does not flag the mixing task")
	}
}

func TestRenderPNG(t *testing.T) {
	_, _, _, set := buildFixture(t)
	cw := taskGraphs(t, set, "child_welfare")
	var out bytes.Buffer
	if err := renderer(t).Render(context.Background(), dotOf(t, cw.Comparison, finding.FI), FormatPNG, &out); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&out)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 500 {
		t.Errorf("PNG is %v", b)
	}
	// The status colours are painted: matched fill, missing outline
	// (violet: only drawn because the renderer outlines filled shapes),
	// extra fill.
	for name, c := range map[string][3]uint8{"matched": {0x1A, 0x7A, 0x5A}, "missing outline": {0x6A, 0x3D, 0x9A}, "extra": {0xE6, 0x9F, 0x00}} {
		if n := countColour(img, c); n < 50 {
			t.Errorf("%s colour #%02X%02X%02X painted on %d pixels", name, c[0], c[1], c[2], n)
		}
	}
}

func countColour(img image.Image, c [3]uint8) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c[0]) && near(g>>8, c[1]) && near(bl>>8, c[2]) {
				n++
			}
		}
	}
	return n
}

func near(a uint32, b uint8) bool {
	d := int(a) - int(b)
	return d >= -3 && d <= 3
}

func TestRenderErrors(t *testing.T) {
	r := renderer(t)
	var out bytes.Buffer
	if err := r.Render(context.Background(), []byte("digraph { a -> "), FormatSVG, &out); err == nil {
		t.Error("broken DOT rendered without error")
	}
	if err := r.Render(context.Background(), []byte("digraph {}"), Format("gif"), &out); err == nil {
		t.Error("unknown format rendered without error")
	}
	out.Reset()
	dot := []byte("digraph { a }")
	if err := r.Render(context.Background(), dot, FormatDOT, &out); err != nil || out.String() != string(dot) {
		t.Errorf("DOT pass-through: %q, %v", out.String(), err)
	}
	var closed *Renderer
	if err := closed.Render(context.Background(), dot, FormatSVG, &out); err == nil {
		t.Error("nil renderer rendered")
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		ok   bool
	}{
		{"svg", FormatSVG, true}, {" PNG ", FormatPNG, true}, {"dot", FormatDOT, true}, {"pdf", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseFormat(%q) = %q, %v", tt.in, got, err)
		}
	}
}

// FuzzDOT feeds arbitrary document names, systems, registers and keys
// through Build and WriteDOT. Every output must lex as DOT (strings and
// HTML labels closed, braces balanced) and hold no personal identity
// code. The seed corpus is also parsed by Graphviz itself; under -fuzz
// that step is skipped, as the instrumented WebAssembly runtime makes
// each Graphviz call take seconds.
func FuzzDOT(f *testing.F) {
	f.Add("Huostaanottopäätös", "Lifecare", "asiakasrekisteri", "11023", "decision")
	f.Add(`"}; digraph x { a -> b`, `<B>&amp;</B>`, "yhteinen\\", "", "")
	f.Add("rivi\nrivi\r\x00\x7f", "\xff\xfe", "potilas", "group:1", "tuntematon")
	f.Add("010190-123A", "järjestelmä", "sote", "99999", "3")
	f.Add("a > b < c & d ]", "{x}", "' \\\" \\", "11042", "implementation")
	fuzzing := flag.Lookup("test.fuzz") != nil && flag.Lookup("test.fuzz").Value.String() != ""
	cat := sosmeta.MustDefault()
	f.Fuzz(func(t *testing.T, name, system, register, key, phase string) {
		docs := []inventory.Document{{
			Name:         name,
			ServiceTasks: []string{"child_welfare"},
			Phase:        cat.ResolvePhase(phase),
			System:       system,
			RegisterRaw:  register,
			Register:     registers.Classify(register),
		}}
		set, err := Build(cat, docs, []string{key}, covOf(cat, docs, []string{key}))
		if err != nil {
			t.Fatal(err)
		}
		var all [][]byte
		for _, tg := range set.Tasks {
			for _, v := range Views {
				all = append(all, dotOf(t, tg.Model(v), finding.FI))
			}
		}
		var b bytes.Buffer
		if err := WriteOverviewDOT(&b, set.Overview, Options{}); err != nil {
			t.Fatal(err)
		}
		all = append(all, b.Bytes())
		for _, dot := range all {
			if ident.ContainsHetu(string(dot)) {
				t.Fatalf("personal identity code in DOT:\n%s", dot)
			}
			if err := lexDOT(dot); err != nil {
				t.Fatalf("%v\n%s", err, dot)
			}
		}
		if fuzzing {
			return
		}
		renderer(t) // Graphviz's parser needs a started instance
		renderMu.Lock()
		defer renderMu.Unlock()
		for _, dot := range all {
			g, err := graphviz.ParseBytes(dot)
			if err != nil {
				t.Fatalf("Graphviz cannot parse the DOT: %v\n%s", err, dot)
			}
			g.Close()
		}
	})
}

// lexDOT checks the DOT lexical structure: quoted strings end, HTML
// strings (<…>) nest and end, braces and brackets balance outside them,
// and no raw control character other than tab and newline appears.
func lexDOT(dot []byte) error {
	s := string(dot)
	braces, brackets := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' {
			return fmt.Errorf("control byte %#x at %d", c, i)
		}
		switch c {
		case '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
				if i < len(s) && s[i] == '\n' {
					return fmt.Errorf("raw newline in a quoted string at %d", i)
				}
			}
			if i >= len(s) {
				return fmt.Errorf("unterminated quoted string")
			}
		case '<':
			depth := 1
			for i++; i < len(s) && depth > 0; i++ {
				switch s[i] {
				case '<':
					depth++
				case '>':
					depth--
				case '&':
					j := strings.IndexByte(s[i:], ';')
					if j < 2 || j > 8 {
						return fmt.Errorf("bare & in an HTML label at %d", i)
					}
				}
			}
			if depth != 0 {
				return fmt.Errorf("unterminated HTML label")
			}
			i--
		case '{':
			braces++
		case '}':
			braces--
		case '[':
			brackets++
		case ']':
			brackets--
		}
		if braces < 0 || brackets < 0 {
			return fmt.Errorf("unbalanced at %d", i)
		}
	}
	if braces != 0 || brackets != 0 {
		return fmt.Errorf("unbalanced braces %d or brackets %d", braces, brackets)
	}
	return nil
}
