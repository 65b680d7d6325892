package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// svgElements are the SVG elements a graph may use. Anything else (script,
// foreignObject, iframe, unknown elements) is dropped with its content: the
// SVG is inlined into a page that must run no foreign code and fetch
// nothing.
var svgElements = map[string]bool{
	"svg": true, "g": true, "path": true, "polygon": true, "polyline": true, "ellipse": true,
	"circle": true, "rect": true, "line": true, "text": true, "tspan": true, "title": true,
	"desc": true, "defs": true, "marker": true, "lineargradient": true, "radialgradient": true,
	"stop": true, "clippath": true, "a": true, "use": true, "symbol": true, "pattern": true,
	"mask": true, "style": true,
}

// maxSVG bounds one graph's markup; a larger one is not inlined.
const maxSVG = 8 << 20

var (
	svgURLRef   = regexp.MustCompile(`url\(\s*['"]?#([^)'"\s]+)['"]?\s*\)`)
	svgExternal = regexp.MustCompile(`(?i)(@import|url\(\s*['"]?[^#'"\s)]|expression\(|javascript:)`)
)

// SanitizeSVG returns SVG markup that is safe to inline in the HTML
// report: one <svg> root, only drawing elements, no event handlers, no
// links or references outside the document, and every id prefixed with
// prefix so several graphs can share one page.
func SanitizeSVG(src, prefix string) (string, error) {
	if len(src) > maxSVG {
		return "", fmt.Errorf("SVG too large (%d bytes)", len(src))
	}
	d := xml.NewDecoder(strings.NewReader(src))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	var out bytes.Buffer
	depth, skip := 0, 0 // skip > 0: inside a dropped element
	sawRoot, rootDone := false, false
	var inStyle bool
	// RawToken does not match end tags to start tags; the stack does.
	var open []xml.Name
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("SVG: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
			local := strings.ToLower(t.Name.Local)
			if rootDone {
				return "", errors.New("SVG: more than one root element")
			}
			if skip > 0 {
				skip++
				continue
			}
			if depth == 0 {
				if local != "svg" {
					return "", fmt.Errorf("SVG: root element is <%s>, want <svg>", t.Name.Local)
				}
				sawRoot = true
			}
			if !svgElements[local] {
				skip = 1
				continue
			}
			depth++
			inStyle = local == "style"
			out.WriteByte('<')
			out.WriteString(qname(t.Name))
			for _, a := range t.Attr {
				v, ok := svgAttr(a, prefix)
				if !ok {
					continue
				}
				out.WriteByte(' ')
				out.WriteString(qname(a.Name))
				out.WriteString(`="`)
				xmlEscape(&out, v)
				out.WriteByte('"')
			}
			out.WriteByte('>')
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return "", fmt.Errorf("SVG: unexpected end element </%s>", qname(t.Name))
			}
			open = open[:len(open)-1]
			if skip > 0 {
				skip--
				continue
			}
			depth--
			inStyle = false
			out.WriteString("</")
			out.WriteString(qname(t.Name))
			out.WriteByte('>')
			if depth == 0 {
				rootDone = true
			}
		case xml.CharData:
			if skip > 0 || depth == 0 {
				continue
			}
			s := string(t)
			if inStyle {
				if svgExternal.MatchString(s) || strings.Contains(s, "</") {
					continue
				}
				s = svgURLRef.ReplaceAllString(s, "url(#"+prefix+"$1)")
			}
			xmlEscape(&out, s)
		}
		// Comments, processing instructions (<?xml?>) and directives
		// (<!DOCTYPE>) are dropped.
	}
	if !sawRoot || !rootDone {
		return "", errors.New("SVG: no complete <svg> element")
	}
	return out.String(), nil
}

// svgAttr returns the attribute value to keep, or false to drop it.
func svgAttr(a xml.Attr, prefix string) (string, bool) {
	local := strings.ToLower(a.Name.Local)
	space := strings.ToLower(a.Name.Space)
	v := a.Value
	switch {
	case strings.HasPrefix(local, "on"):
		return "", false
	case space == "xmlns" || (space == "" && local == "xmlns"):
		return v, true
	case local == "href" || local == "src":
		// Only references inside the same graph are kept.
		if strings.HasPrefix(v, "#") && !strings.ContainsAny(v, " \t\r\n") {
			return "#" + prefix + v[1:], true
		}
		return "", false
	case local == "id":
		return prefix + v, true
	case space != "" && space != "xml" && space != "xlink":
		return "", false
	}
	if svgExternal.MatchString(v) {
		return "", false
	}
	return svgURLRef.ReplaceAllString(v, "url(#"+prefix+"$1)"), true
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func xmlEscape(b *bytes.Buffer, s string) {
	// EscapeText never fails on a bytes.Buffer.
	_ = xml.EscapeText(b, []byte(s))
}

// maxInlineSVG is the largest graph the page inlines when the SVG is also
// a file beside it; a larger one is shown from that file.
const maxInlineSVG = 64 << 10

// Graph sizing: a graph is shown as wide as the page allows (fitWidth)
// but never so small that its smallest text falls under minTextPx.
const (
	fitWidth  = 1280.0
	minTextPx = 12.0
)

var (
	svgRootRe   = regexp.MustCompile(`<svg\b[^>]*>`)
	svgAttrRe   = regexp.MustCompile(`\b(width|height|viewBox)="([^"]*)"`)
	svgFontRe   = regexp.MustCompile(`font-size="([0-9.]+)(px|pt)?"`)
	svgLengthRe = regexp.MustCompile(`^\s*([0-9.]+)\s*(px|pt)?\s*$`)
)

// graphSize is the size in CSS px to show an SVG at: its drawn size scaled
// to fitWidth, or larger where that would make its smallest text
// (Graphviz writes font-size in viewBox units) less than minTextPx tall.
// 0, 0 means the size is unknown and the picture is shown as drawn.
func graphSize(src string) (w, h int) {
	root := svgRootRe.FindString(src)
	if root == "" {
		return 0, 0
	}
	var width, height, vbW float64
	for _, m := range svgAttrRe.FindAllStringSubmatch(root, -1) {
		switch m[1] {
		case "width":
			width = svgLength(m[2])
		case "height":
			height = svgLength(m[2])
		case "viewBox":
			if f := strings.Fields(strings.ReplaceAll(m[2], ",", " ")); len(f) == 4 {
				fmt.Sscan(f[2], &vbW)
			}
		}
	}
	if width <= 0 || height <= 0 {
		return 0, 0
	}
	if vbW <= 0 {
		vbW = width
	}
	minFont := 0.0
	for _, m := range svgFontRe.FindAllStringSubmatch(src, -1) {
		var f float64
		if _, err := fmt.Sscan(m[1], &f); err == nil && f > 0 && (minFont == 0 || f < minFont) {
			minFont = f
		}
	}
	shown := min(width, fitWidth)
	if minFont > 0 {
		// At the drawn size the smallest text is minFont*width/vbW px.
		shown = max(shown, minTextPx*vbW/minFont)
	}
	return int(shown + .5), int(shown*height/width + .5)
}

// svgLength is an SVG length in CSS px: "1526pt" is 2035 px.
func svgLength(s string) float64 {
	m := svgLengthRe.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	var v float64
	fmt.Sscan(m[1], &v)
	if m[2] == "pt" {
		v *= 4.0 / 3
	}
	return v
}
