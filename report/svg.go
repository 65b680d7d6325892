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
