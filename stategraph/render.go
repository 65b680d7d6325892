package stategraph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// Format is an output format of the pictures.
type Format string

const (
	FormatSVG Format = "svg"
	FormatPNG Format = "png"
	FormatDOT Format = "dot"
)

// ParseFormat reads svg, png or dot.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatSVG, FormatPNG, FormatDOT:
		return f, nil
	}
	return "", fmt.Errorf("unknown graph format %q (want svg, png or dot)", s)
}

// pngDPI is the resolution of PNG pictures.
const pngDPI = 144

// renderMu serialises rendering: go-graphviz runs one WebAssembly
// Graphviz instance per process, and its parser is process-global.
var renderMu sync.Mutex

// Renderer lays out and renders DOT text in-process. The first one in a
// process compiles the embedded Graphviz WebAssembly module (see cache.go),
// so create one and reuse it.
type Renderer struct {
	gv *graphviz.Graphviz
}

// NewRenderer starts the embedded Graphviz.
func NewRenderer(ctx context.Context) (*Renderer, error) {
	if err := initGraphviz(ctx); err != nil {
		return nil, err
	}
	fontOnce.Do(func() { gvc.SetFontLoader(loadFont) })
	plugins, err := pngPlugins(ctx)
	if err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	gv, err := graphviz.NewWithPlugins(ctx, plugins...)
	if err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	return &Renderer{gv: gv}, nil
}

// pngPlugins replaces go-graphviz's PNG renderer with one that outlines
// filled shapes: the stock renderer fills or strokes, never both, which
// loses every node border (dashed for missing, double for extra) — the
// very cues that make the pictures readable in greyscale.
func pngPlugins(ctx context.Context) ([]graphviz.Plugin, error) {
	engine := &outlinedPNG{ImageRenderer: &gvc.ImageRenderer{DefaultRenderEngine: new(gvc.DefaultRenderEngine)}}
	render, err := gvc.NewRenderPlugin(ctx, "png", engine)
	if err != nil {
		return nil, err
	}
	device, err := gvc.PNGDevicePlugin(ctx)
	if err != nil {
		return nil, err
	}
	return []graphviz.Plugin{render, device}, nil
}

// outlinedPNG draws a filled shape twice: filled, then outlined with the
// pen (colour, width, dashes), as Graphviz's own renderers do. Inside a
// node only the first shape is filled: go-graphviz reports every
// periphery of a node as filled, which would paint over the gap of a
// double outline.
type outlinedPNG struct {
	*gvc.ImageRenderer
	inNode, inEdge bool
	shapes         int
}

// BeginEdge and EndEdge mark edges: an edge's spline is a line, never a
// filled shape, whatever go-graphviz reports (filling it paints a wedge).
func (r *outlinedPNG) BeginEdge(ctx context.Context, job *gvc.Job) error {
	r.inEdge = true
	return r.ImageRenderer.BeginEdge(ctx, job)
}

func (r *outlinedPNG) EndEdge(ctx context.Context, job *gvc.Job) error {
	r.inEdge = false
	return r.ImageRenderer.EndEdge(ctx, job)
}

func (r *outlinedPNG) BeginNode(ctx context.Context, job *gvc.Job) error {
	r.inNode, r.shapes = true, 0
	return r.ImageRenderer.BeginNode(ctx, job)
}

func (r *outlinedPNG) EndNode(ctx context.Context, job *gvc.Job) error {
	r.inNode = false
	return r.ImageRenderer.EndNode(ctx, job)
}

// draw fills (when filled and the first shape of a node) and outlines.
func (r *outlinedPNG) draw(job *gvc.Job, filled bool, shape func(filled bool) error) error {
	if r.inNode {
		if r.shapes > 0 {
			filled = false
		}
		r.shapes++
	}
	if filled {
		if err := shape(true); err != nil || job.Object().Pen() == gvc.PenNone {
			return err
		}
	}
	return shape(false)
}

func (r *outlinedPNG) Polygon(ctx context.Context, job *gvc.Job, a []*gvc.PointFloat, filled bool) error {
	return r.draw(job, filled, func(f bool) error { return r.ImageRenderer.Polygon(ctx, job, a, f) })
}

func (r *outlinedPNG) Ellipse(ctx context.Context, job *gvc.Job, a []*gvc.PointFloat, filled bool) error {
	return r.draw(job, filled, func(f bool) error { return r.ImageRenderer.Ellipse(ctx, job, a, f) })
}

func (r *outlinedPNG) BezierCurve(ctx context.Context, job *gvc.Job, a []*gvc.PointFloat, filled bool) error {
	if r.inEdge {
		return r.ImageRenderer.BezierCurve(ctx, job, a, false)
	}
	return r.draw(job, filled, func(f bool) error { return r.ImageRenderer.BezierCurve(ctx, job, a, f) })
}

// Close releases the Graphviz instance.
func (r *Renderer) Close() error {
	if r == nil || r.gv == nil {
		return nil
	}
	renderMu.Lock()
	defer renderMu.Unlock()
	err := r.gv.Close()
	r.gv = nil
	return err
}

// Render lays out dot with the dot engine and writes it in format f. DOT
// is written through unchanged.
func (r *Renderer) Render(ctx context.Context, dot []byte, f Format, w io.Writer) error {
	if f == FormatDOT {
		_, err := w.Write(dot)
		return err
	}
	if f != FormatSVG && f != FormatPNG {
		return fmt.Errorf("render: unsupported format %q", f)
	}
	renderMu.Lock()
	defer renderMu.Unlock()
	if r == nil || r.gv == nil {
		return fmt.Errorf("render: renderer is closed")
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("render: parse DOT: %w", err)
	}
	defer g.Close()
	if f == FormatPNG {
		// Sharp enough for a slide or a projector zoomed in; SVG is
		// unaffected.
		g.SetDPI(pngDPI)
	}
	// Render into memory first so a failed layout leaves no half file.
	var buf bytes.Buffer
	if err := r.gv.Render(ctx, g, graphviz.Format(f), &buf); err != nil {
		return fmt.Errorf("render %s: %w", f, err)
	}
	if buf.Len() == 0 {
		return fmt.Errorf("render %s: Graphviz produced no output", f)
	}
	_, err = buf.WriteTo(w)
	return err
}

// PNG text is drawn with the Go fonts, embedded, so pictures look the
// same on every machine and Finnish letters (ä, ö, å) always have glyphs;
// go-graphviz would otherwise search the system for "Helvetica" and fall
// back to Go Regular without bold. Layout uses Graphviz's Helvetica
// metrics, which the Go fonts are close to.
var (
	fontOnce  sync.Once
	faceMu    sync.Mutex
	faceCache = map[string]font.Face{}
)

func loadFont(_ context.Context, job *gvc.Job, tf *gvc.TextFont) (font.Face, error) {
	name := strings.ToLower(tf.Name())
	// Graphviz positions text in device pixels (zoom × dpi/72); the face
	// must be sized the same way or text shrinks at higher resolutions.
	size := tf.Size() * job.Scale().X()
	data := goregular.TTF
	// <B> and <I> in HTML-like labels arrive as flags (Graphviz
	// textspan.h: HTML_BF = 1, HTML_IF = 2), a bold font name as a name.
	bold := strings.Contains(name, "bold") || tf.Flags()&1 != 0
	italic := strings.Contains(name, "italic") || strings.Contains(name, "oblique") || tf.Flags()&2 != 0
	switch {
	case bold && italic:
		data = gobolditalic.TTF
	case bold:
		data = gobold.TTF
	case italic:
		data = goitalic.TTF
	}
	key := fmt.Sprintf("%v/%v/%.2f", bold, italic, size)
	faceMu.Lock()
	defer faceMu.Unlock()
	if f, ok := faceCache[key]; ok {
		return f, nil
	}
	ft, err := opentype.Parse(data)
	if err != nil {
		return nil, err
	}
	f, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	faceCache[key] = f
	return f, nil
}
