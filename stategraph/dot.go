package stategraph

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/dominikbraun/graph"

	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/registers"
)

// Options control the DOT text.
type Options struct {
	// Lang is the language of titles, phase names and the legend. National
	// document names stay as in the catalogue (Finnish).
	Lang finding.Lang
	// Wrap is the label width in characters (default 24).
	Wrap int
	// Column is the most documents stacked in one column of a phase
	// (default 12); a fuller phase gets more columns of equal height.
	Column int
}

func (o Options) norm() Options {
	if o.Lang == "" {
		o.Lang = finding.FI
	}
	if o.Wrap <= 0 {
		o.Wrap = 24
	}
	if o.Column <= 0 {
		o.Column = 12
	}
	return o
}

// The palette. Colours come from the Okabe–Ito colour-blind-safe set and
// differ in lightness (greyscale ≈ 90, 162, 213, 255) as well as in line
// style and shape, so a projector or a black-and-white print tells them
// apart: matched = dark solid rounded box with white text, misphased =
// light yellow with cut corners (diagonals), extra = orange with a double
// bold outline, missing = white with a dashed violet outline.
type look struct {
	shape, style, fill, pen, font string
	width                         float64
	peripheries                   int
}

var statusLook = map[Status]look{
	Matched:   {shape: "box", style: "rounded,filled", fill: "#1A7A5A", pen: "#0B3D2C", font: "#FFFFFF", width: 1.5},
	Misphased: {shape: "box", style: "filled,diagonals,bold", fill: "#F0E442", pen: "#5C5200", font: "#000000", width: 2},
	Extra:     {shape: "box", style: "filled,bold", fill: "#E69F00", pen: "#5A3600", font: "#000000", width: 2, peripheries: 2},
	Elsewhere: {shape: "box", style: "rounded,filled,bold", fill: "#D5ECE2", pen: "#1A7A5A", font: "#0B3D2C", width: 2},
	Missing:   {shape: "box", style: "rounded,filled,dashed", fill: "#FFFFFF", pen: "#6A3D9A", font: "#333333", width: 2},
}

// targetLook is the target graph's document style.
var targetLook = look{shape: "box", style: "rounded,filled", fill: "#DCE6F0", pen: "#3E5F80", font: "#000000", width: 1.2}

// registerLook styles current-state documents by register: a health or
// mixed register is red and bold (mixed also cut corners), an unknown one
// dashed.
var registerLook = map[registers.Kind]look{
	registers.Social:  {shape: "box", style: "rounded,filled", fill: "#D6E6F5", pen: "#2F5F8A", font: "#000000", width: 1.2},
	registers.Legacy:  {shape: "box", style: "rounded,filled", fill: "#E3E3E3", pen: "#555555", font: "#000000", width: 1.2},
	registers.Health:  {shape: "box", style: "filled,bold", fill: "#F4C2BC", pen: "#B2182B", font: "#000000", width: 3},
	registers.Mixed:   {shape: "box", style: "filled,diagonals,bold", fill: "#F4C2BC", pen: "#B2182B", font: "#000000", width: 3},
	registers.Unknown: {shape: "box", style: "rounded,filled,dashed", fill: "#FFFFFF", pen: "#555555", font: "#000000", width: 1.2},
}

const (
	fontName        = "Helvetica"
	clusterFontSize = 14
	phaseTitleWidth = 28
	clusterFill     = "#F3F5F8"
	clusterPen      = "#8A96A3"
	unknownFill     = "#FFF6E0"
	flowColour      = "#3C4650"
	subFontSize     = 10
	nodeFontSize    = 11
	flagColour      = "#B2182B"
	flagFill        = "#F4C2BC"
	plainPen        = "#5A6B7B"
)

// maxPhaseNodes bounds the boxes of one phase in the current-state and
// comparison pictures: a 5,000-row inventory drew 2,000 boxes in one
// phase, a picture 46,000 px wide that no wall shows and that took most of
// the assessment's time to lay out. The first maxPhaseNodes-1 in the
// usual order are drawn (national types and flagged documents first) and
// one box counts the rest; the target state is the catalogue's and is
// always drawn whole.
const maxPhaseNodes = 24

// maxTipLocals bounds the local documents a tooltip names.
const maxTipLocals = 12

// capPhase is the documents of a phase to draw and how many are left out
// (maxPhaseNodes). A comparison keeps every national type, present or
// missing, and leaves out documents only in the current state.
func capPhase(m *Model, docs []Node) ([]Node, int) {
	if m.View == Target || len(docs) <= maxPhaseNodes {
		return docs, 0
	}
	budget := maxPhaseNodes - 1
	if m.View == Comparison {
		for _, n := range docs {
			if n.Status != Extra {
				budget--
			}
		}
	}
	var shown []Node
	for _, n := range docs {
		if m.View == Comparison && n.Status != Extra {
			shown = append(shown, n)
		} else if budget > 0 {
			shown = append(shown, n)
			budget--
		}
	}
	return shown, len(docs) - len(shown)
}

// WriteDOT writes a per-task model as DOT text. The output depends only on
// the model and the options: vertex order is sorted, so golden files can
// compare it.
func WriteDOT(w io.Writer, m *Model, o Options) error {
	o = o.norm()
	adj, err := m.Graph.AdjacencyMap()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	l := o.Lang
	name := m.Task.ID + "_" + string(m.View)
	fmt.Fprintf(&b, "digraph %s {\n", quote(name))
	fmt.Fprintf(&b, "\tgraph [rankdir=LR, newrank=true, compound=true, nodesep=0.12, ranksep=0.45, pad=0.3, "+
		"fontname=%s, fontsize=12, labelloc=t, labeljust=l, tooltip=%s,\n\t\tlabel=%s];\n",
		quote(fontName), quote(title(m, l)), htmlLabel(titleHTML(m, l)))
	fmt.Fprintf(&b, "\tnode [shape=box, fontname=%s, fontsize=%d, width=2.4, margin=\"0.10,0.05\"];\n", quote(fontName), nodeFontSize)
	fmt.Fprintf(&b, "\tedge [color=%s, arrowsize=0.8];\n", quote(flowColour))

	// Columns per phase; an empty phase gets a placeholder so its cluster
	// is drawn and the process reads left to right without gaps.
	type phaseCols struct {
		p    PhaseInfo
		cols [][]string
	}
	var pcs []phaseCols
	titleLines := 1
	for _, p := range m.Phases {
		titleLines = max(titleLines, len(Wrap(phaseTitle(p, l), phaseTitleWidth)))
	}
	for _, p := range m.Phases {
		docs := m.documents(adj, p.ID)
		cluster := clusterName(p)
		fill, pen, style := clusterFill, clusterPen, "rounded,filled"
		if p.ID == UnknownPhase {
			fill, style = unknownFill, "rounded,filled,dashed"
		}
		fmt.Fprintf(&b, "\n\tsubgraph %s {\n", cluster)
		fmt.Fprintf(&b, "\t\tgraph [label=%s, style=%s, fillcolor=%s, color=%s, penwidth=1.5, fontname=%s, fontsize=%d, labeljust=l, margin=12];\n",
			boldTitle(phaseTitle(p, l), clusterFontSize, phaseTitleWidth, titleLines), quote(style), quote(fill), quote(pen), quote(fontName), clusterFontSize)
		var ids []string
		if len(docs) == 0 {
			id := "empty:" + p.ID
			fmt.Fprintf(&b, "\t\t%s [label=%s, shape=plaintext, style=\"\", fontsize=%d, fontcolor=\"#555555\", tooltip=%s];\n",
				quote(id), quote(msgNoDocuments.in(l)), nodeFontSize, quote(phaseTitle(p, l)))
			ids = append(ids, id)
		}
		shown, more := capPhase(m, docs)
		for _, n := range shown {
			writeNode(&b, m, n, o)
			ids = append(ids, n.ID)
		}
		if more > 0 {
			id := "more:" + p.ID
			fmt.Fprintf(&b, "\t\t%s [label=%s, shape=note, style=\"filled\", fillcolor=\"#FFFFFF\", color=%s, fontsize=%d, tooltip=%s];\n",
				quote(id), quote(msgMoreDocs.count(l, msgMoreDocs1, more)), quote(plainPen), nodeFontSize, quote(phaseTitle(p, l)))
			ids = append(ids, id)
		}
		cols := columns(ids, o.Column)
		for _, col := range cols {
			b.WriteString("\t\t{rank=same;")
			for _, id := range col {
				b.WriteString(" " + quote(id) + ";")
			}
			b.WriteString("}\n")
			// Invisible flat edges keep the column in the sorted order, top
			// down: with rankdir=LR a flat edge puts its tail below its head.
			for i := 1; i < len(col); i++ {
				fmt.Fprintf(&b, "\t\t%s -> %s [style=invis];\n", quote(col[i]), quote(col[i-1]))
			}
		}
		for i := 1; i < len(cols); i++ {
			fmt.Fprintf(&b, "\t\t%s -> %s [style=invis, weight=10];\n", quote(cols[i-1][0]), quote(cols[i][0]))
		}
		b.WriteString("\t}\n")
		pcs = append(pcs, phaseCols{p, cols})
	}

	// The process flow: one visible arrow from each phase cluster to the
	// next, drawn between the clusters' top documents and clipped to the
	// cluster boxes.
	b.WriteString("\n")
	for i := 1; i < len(pcs); i++ {
		prev, next := pcs[i-1], pcs[i]
		from := prev.cols[len(prev.cols)-1][0]
		to := next.cols[0][0]
		fmt.Fprintf(&b, "\t%s -> %s [ltail=%s, lhead=%s, penwidth=2.5, weight=10, tooltip=%s];\n",
			quote(from), quote(to), clusterName(prev.p), clusterName(next.p),
			quote(phaseTitle(prev.p, l)+" → "+phaseTitle(next.p, l)))
	}
	if len(pcs) > 0 {
		last := pcs[len(pcs)-1]
		writeLegend(&b, m, o, last.cols[len(last.cols)-1][0])
	}
	b.WriteString("}\n")
	_, err = w.Write(b.Bytes())
	return err
}

// boldTitle is a bold, left-aligned title wrapped at width characters, in
// a table cell as wide as the bold text really is (see boldWidth). It is
// padded to minLines lines, so phase clusters line up at the top.
func boldTitle(s string, pt, width int, minLines ...int) string {
	lines := Wrap(s, width)
	for len(minLines) > 0 && len(lines) < minLines[0] {
		lines = append(lines, " ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="%d">`,
		boldWidthPt(lines, float64(pt)))
	for i, line := range lines {
		if i > 0 {
			b.WriteString("<BR/>")
		}
		b.WriteString("<B>" + esc(line) + "</B>")
	}
	b.WriteString("</TD></TR></TABLE>")
	return htmlLabel(b.String())
}

// columns splits ids into columns of equal height, at most max each.
func columns(ids []string, max int) [][]string {
	n := (len(ids) + max - 1) / max
	if n < 1 {
		n = 1
	}
	per := (len(ids) + n - 1) / n
	var out [][]string
	for i := 0; i < len(ids); i += per {
		j := i + per
		if j > len(ids) {
			j = len(ids)
		}
		out = append(out, ids[i:j])
	}
	return out
}

func clusterName(p PhaseInfo) string {
	return fmt.Sprintf("cluster_%d_%s", p.Order, strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, strings.ToLower(p.ID)))
}

func phaseTitle(p PhaseInfo, l finding.Lang) string {
	if p.ID == UnknownPhase {
		return "? " + p.Name(l)
	}
	return fmt.Sprintf("%d. %s", p.Order, p.Name(l))
}

func phaseByID(m *Model, id string) (PhaseInfo, bool) {
	for _, p := range m.Phases {
		if p.ID == id {
			return p, true
		}
	}
	return PhaseInfo{}, false
}

func title(m *Model, l finding.Lang) string {
	return msgTitle[m.View].f(l, m.Task.Name(l))
}

func subtitle(m *Model, l finding.Lang) string {
	switch m.View {
	case Target:
		return msgTargetSub.f(l, m.Counts()[""], m.CommonTypes)
	case Current:
		n, mapped := 0, 0
		adj, _ := m.Graph.AdjacencyMap()
		for id := range adj {
			if v, err := m.Graph.Vertex(id); err == nil && v.Kind == KindDocument {
				n++
				if v.Code != "" {
					mapped++
				}
			}
		}
		return msgCurrentSub.count(l, msgCurrentSub1, n, mapped)
	case Comparison:
		c := m.Conformance
		if c == nil {
			return ""
		}
		return msgComparisonSub.f(l, decimal(c.Fitness, l), c.Present(), c.TargetSteps, c.Missing, c.Misphased, c.Extra)
	}
	return ""
}

func titleHTML(m *Model, l finding.Lang) string {
	return fmt.Sprintf(`<FONT POINT-SIZE="22"><B>%s</B></FONT><BR ALIGN="LEFT"/><FONT POINT-SIZE="13">%s</FONT><BR ALIGN="LEFT"/><FONT POINT-SIZE="10" COLOR="#555555">%s</FONT><BR ALIGN="LEFT"/>`,
		esc(title(m, l)), esc(subtitle(m, l)), esc(msgInferred.in(l)))
}

// writeNode writes one document vertex.
func writeNode(b *bytes.Buffer, m *Model, n Node, o Options) {
	l := o.Lang
	lk := nodeLook(m, n)
	var main, subs []string
	code := ""
	switch {
	case m.View == Current:
		main = Wrap(n.Locals[0].Name, o.Wrap)
		subs = currentSubs(n, l)
	case n.Status == Extra:
		main = Wrap(n.Locals[0].Name, o.Wrap)
		subs = extraSubs(m, n, l)
	default:
		code = n.Code
		main = Wrap(n.NameFI, o.Wrap)
		subs = comparisonSubs(m, n, l)
	}
	var lb strings.Builder
	if code != "" {
		fmt.Fprintf(&lb, "<B>%s</B><BR/>", esc(code))
	}
	for i, line := range main {
		if i > 0 {
			lb.WriteString("<BR/>")
		}
		lb.WriteString(esc(line))
	}
	if len(subs) > 0 {
		fmt.Fprintf(&lb, `<BR/><FONT POINT-SIZE="%d">`, subFontSize)
		for i, s := range subs {
			for j, line := range Wrap(s, o.Wrap+4) {
				if i > 0 || j > 0 {
					lb.WriteString("<BR/>")
				}
				lb.WriteString(esc(line))
			}
		}
		lb.WriteString("</FONT>")
	}
	fmt.Fprintf(b, "\t\t%s [label=%s, shape=%s, style=%s, fillcolor=%s, color=%s, fontcolor=%s, penwidth=%s",
		quote(n.ID), htmlLabel(lb.String()), lk.shape, quote(lk.style), quote(lk.fill), quote(lk.pen), quote(lk.font), num(lk.width))
	if lk.peripheries > 0 {
		fmt.Fprintf(b, ", peripheries=%d", lk.peripheries)
	}
	fmt.Fprintf(b, ", tooltip=%s];\n", quote(tooltip(m, n, l)))
}

func nodeLook(m *Model, n Node) look {
	switch m.View {
	case Target:
		return targetLook
	case Current:
		if lk, ok := registerLook[n.Locals[0].Register]; ok {
			return lk
		}
		return registerLook[registers.Unknown]
	}
	return statusLook[n.Status]
}

func currentSubs(n Node, l finding.Lang) []string {
	loc := n.Locals[0]
	var subs []string
	if n.Code != "" {
		subs = append(subs, msgMappedTo.f(l, n.Code))
	} else {
		subs = append(subs, msgUnmapped.in(l))
	}
	sys := loc.System
	if sys == "" {
		sys = msgSystemUnkn.in(l)
		if loc.Medium == "paper" {
			sys = msgPaper.in(l)
		}
	}
	subs = append(subs, sys+" · "+registerText(loc.Register, l))
	if !loc.PhaseGiven {
		subs = append(subs, msgPhaseDeflt.in(l))
	}
	return subs
}

func extraSubs(m *Model, n Node, l finding.Lang) []string {
	switch n.Reason {
	case ReasonOtherTask:
		var names []string
		for _, t := range n.OtherTasks {
			names = append(names, t.Name(l))
		}
		return []string{msgOtherTask.f(l, n.Code, strings.Join(names, ", "))}
	case ReasonObsolete:
		return []string{msgObsolete.f(l, n.Code)}
	case ReasonUnknown:
		return []string{msgUnknownKey.f(l, n.Key)}
	}
	return []string{msgUnmapped.in(l)}
}

func comparisonSubs(m *Model, n Node, l finding.Lang) []string {
	var subs []string
	if n.Status == Misphased {
		if p, ok := phaseByID(m, n.NationalPhase); ok {
			subs = append(subs, msgNational.f(l, p.Order, p.Name(l)))
		}
	}
	if n.Common && m.View == Comparison {
		subs = append(subs, msgCommon.in(l))
	}
	// The organisation's own name helps people find their document.
	var other []string
	for _, loc := range n.Locals {
		if textnorm.Fold(loc.Name) != textnorm.Fold(n.NameFI) && loc.Name != "" {
			other = append(other, loc.Name)
		}
	}
	if len(other) > 0 {
		s := msgLocal.f(l, other[0])
		if len(other) > 1 {
			s += " " + msgMore.f(l, len(other)-1)
		}
		subs = append(subs, s)
	}
	return subs
}

// tooltip is the hover text: code, name and OID, the national phase, and
// each local document with its system, register and source row.
func tooltip(m *Model, n Node, l finding.Lang) string {
	var parts []string
	if n.Code != "" {
		parts = append(parts, fmt.Sprintf("%s %s (%s)", n.Code, n.NameFI, n.OID))
		if p, ok := phaseByID(m, n.NationalPhase); ok {
			parts = append(parts, msgTipPhase.f(l, p.Order, p.Name(l)))
		}
	}
	for i, loc := range n.Locals {
		if i == maxTipLocals && len(n.Locals) > maxTipLocals+1 {
			// A national type of a large inventory had 800 local
			// documents: a 34 KB tooltip in every picture.
			parts = append(parts, msgTipMore.count(l, msgTipMore1, len(n.Locals)-i))
			break
		}
		s := msgTipLocal.f(l, loc.Name)
		if loc.System != "" {
			s += "; " + msgTipSystem.f(l, loc.System)
		}
		reg := loc.RegisterRaw
		if reg == "" {
			reg = registerText(loc.Register, l)
		}
		s += "; " + msgTipRegister.f(l, reg)
		if w := where(loc.Source, l); w != "" {
			s += " (" + w + ")"
		}
		if !loc.PhaseGiven {
			s += "; " + msgTipPhaseDflt.in(l)
		}
		parts = append(parts, s)
	}
	if n.Status == Extra {
		parts = append(parts, extraSubs(m, n, l)...)
	}
	return strings.Join(parts, "\n")
}

// where formats a source location in the picture's language.
func where(loc finding.Location, l finding.Lang) string {
	var parts []string
	if loc.File != "" {
		parts = append(parts, loc.File)
	}
	if loc.Sheet != "" {
		parts = append(parts, msgSheet.f(l, loc.Sheet))
	}
	if loc.Row > 0 {
		parts = append(parts, msgRow.f(l, loc.Row))
	}
	return strings.Join(parts, ", ")
}

// writeLegend writes the legend cluster right of the last phase.
func writeLegend(b *bytes.Buffer, m *Model, o Options, after string) {
	l := o.Lang
	type entry struct {
		id, text string
		lk       look
	}
	var es []entry
	switch m.View {
	case Target:
		es = append(es, entry{"legend:target", msgTargetDoc.in(l), targetLook})
	case Current:
		used := map[registers.Kind]bool{}
		adj, _ := m.Graph.AdjacencyMap()
		for id := range adj {
			if v, err := m.Graph.Vertex(id); err == nil && len(v.Locals) > 0 {
				used[v.Locals[0].Register] = true
			}
		}
		for _, k := range registerOrder {
			if used[k] {
				es = append(es, entry{"legend:register:" + string(k), msgRegisterLeg.in(l) + ": " + registerText(k, l), registerLook[k]})
			}
		}
	case Comparison:
		for _, s := range []struct {
			st  Status
			txt msg
		}{{Matched, msgMatched}, {Misphased, msgMisphased}, {Elsewhere, msgElsewhere}, {Extra, msgExtra}, {Missing, msgMissing}} {
			if s.st == Elsewhere && (m.Conformance == nil || m.Conformance.Elsewhere == 0) {
				continue // only pictures that have such a type explain it
			}
			es = append(es, entry{"legend:" + string(s.st), s.txt.in(l), statusLook[s.st]})
		}
	}
	fmt.Fprintf(b, "\n\tsubgraph cluster_legend {\n")
	fmt.Fprintf(b, "\t\tgraph [label=%s, style=\"rounded\", color=%s, fontname=%s, fontsize=%d, labeljust=l, margin=10];\n",
		boldTitle(msgLegend.in(l), clusterFontSize, 22), quote(clusterPen), quote(fontName), clusterFontSize)
	var ids []string
	for _, e := range es {
		fmt.Fprintf(b, "\t\t%s [label=%s, shape=%s, style=%s, fillcolor=%s, color=%s, fontcolor=%s, penwidth=%s",
			quote(e.id), quote(strings.Join(Wrap(e.text, o.Wrap), "\n")), e.lk.shape, quote(e.lk.style), quote(e.lk.fill), quote(e.lk.pen), quote(e.lk.font), num(e.lk.width))
		if e.lk.peripheries > 0 {
			fmt.Fprintf(b, ", peripheries=%d", e.lk.peripheries)
		}
		b.WriteString("];\n")
		ids = append(ids, e.id)
	}
	ids = append(ids, "legend:flow")
	fmt.Fprintf(b, "\t\t%s [label=%s, shape=rarrow, style=\"filled\", fillcolor=%s, color=%s, fontcolor=\"#FFFFFF\", fontsize=10];\n",
		quote("legend:flow"), quote(msgPhaseFlow.in(l)), quote(flowColour), quote(flowColour))
	fmt.Fprintf(b, "\t\t{rank=same;")
	for _, id := range ids {
		b.WriteString(" " + quote(id) + ";")
	}
	b.WriteString("}\n")
	for i := 1; i < len(ids); i++ {
		fmt.Fprintf(b, "\t\t%s -> %s [style=invis];\n", quote(ids[i]), quote(ids[i-1]))
	}
	b.WriteString("\t}\n")
	fmt.Fprintf(b, "\t%s -> %s [style=invis, weight=10];\n", quote(after), quote(ids[0]))
}

// WriteOverviewDOT writes the tasks → systems → registers graph.
func WriteOverviewDOT(w io.Writer, ov *Overview, o Options) error {
	o = o.norm()
	l := o.Lang
	var b bytes.Buffer
	b.WriteString("digraph \"overview\" {\n")
	fmt.Fprintf(&b, "\tgraph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=1.6, pad=0.3, fontname=%s, fontsize=12, labelloc=t, labeljust=l, tooltip=%s,\n\t\tlabel=%s];\n",
		quote(fontName), quote(msgOverviewTitle.in(l)),
		htmlLabel(fmt.Sprintf(`<FONT POINT-SIZE="22"><B>%s</B></FONT><BR ALIGN="LEFT"/><FONT POINT-SIZE="12">%s</FONT><BR ALIGN="LEFT"/>`,
			esc(msgOverviewTitle.in(l)), esc(msgOverviewSub.in(l)))))
	fmt.Fprintf(&b, "\tnode [shape=box, style=\"rounded,filled\", fontname=%s, fontsize=%d, width=2.2, margin=\"0.12,0.06\"];\n", quote(fontName), nodeFontSize)
	fmt.Fprintf(&b, "\tedge [fontname=%s, fontsize=11];\n", quote(fontName))

	cols := []struct {
		name  string
		title msg
		ids   []string
	}{{"cluster_tasks", msgTasks, ov.Tasks}, {"cluster_systems", msgSystems, ov.Systems}, {"cluster_registers", msgRegisters, ov.Registers}}
	for _, c := range cols {
		if len(c.ids) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n\tsubgraph %s {\n", c.name)
		fmt.Fprintf(&b, "\t\tgraph [label=%s, style=\"rounded,filled\", fillcolor=%s, color=%s, fontname=%s, fontsize=%d, labeljust=l, margin=12];\n",
			boldTitle(c.title.in(l), clusterFontSize, 22), quote(clusterFill), quote(clusterPen), quote(fontName), clusterFontSize)
		for _, id := range c.ids {
			n, err := ov.Graph.Vertex(id)
			if err != nil {
				return err
			}
			writeOverviewNode(&b, n, o)
		}
		b.WriteString("\t\t{rank=same;")
		for _, id := range c.ids {
			b.WriteString(" " + quote(id) + ";")
		}
		// No order is forced inside a column: dot's crossing minimisation
		// matters more here than alphabetical order.
		b.WriteString("}\n\t}\n")
	}
	edges, err := ov.Graph.Edges()
	if err != nil {
		return err
	}
	sortEdges(edges)
	b.WriteString("\n")
	for _, e := range edges {
		n := e.Properties.Weight
		pen := 1 + 1.5*math.Log2(float64(n))
		colour, style := plainPen, "solid"
		if e.Properties.Attributes["flag"] == "true" {
			colour, style = flagColour, "bold"
			pen++
		}
		fmt.Fprintf(&b, "\t%s -> %s [label=%s, penwidth=%s, color=%s, fontcolor=%s, style=%s, tooltip=%s];\n",
			quote(e.Source), quote(e.Target), quote(fmt.Sprint(n)), num(pen), quote(colour), quote(colour), style,
			quote(msgDocs.count(l, msgDoc, n)))
	}
	// Legend below the task column.
	fmt.Fprintf(&b, "\n\tsubgraph cluster_legend {\n")
	fmt.Fprintf(&b, "\t\tgraph [label=%s, style=\"rounded\", color=%s, fontname=%s, fontsize=%d, labeljust=l, margin=10];\n",
		boldTitle(msgLegend.in(l), clusterFontSize, 22), quote(clusterPen), quote(fontName), clusterFontSize)
	fmt.Fprintf(&b, "\t\t\"legend:normal\" [label=%s, fillcolor=%s, color=%s];\n", quote(msgNormal.in(l)), quote("#D6E6F5"), quote("#2F5F8A"))
	fmt.Fprintf(&b, "\t\t\"legend:flag\" [label=%s, style=\"filled,bold\", fillcolor=%s, color=%s, penwidth=3];\n", quote(strings.Join(Wrap(msgCheck.in(l), o.Wrap), "\n")), quote(flagFill), quote(flagColour))
	b.WriteString("\t\t{rank=same; \"legend:normal\"; \"legend:flag\";}\n\t\t\"legend:flag\" -> \"legend:normal\" [style=invis];\n\t}\n")
	if len(ov.Registers) > 0 {
		fmt.Fprintf(&b, "\t%s -> \"legend:normal\" [style=invis];\n", quote(ov.Registers[0]))
	}
	b.WriteString("}\n")
	_, err = w.Write(b.Bytes())
	return err
}

func writeOverviewNode(b *bytes.Buffer, n OverviewNode, o Options) {
	l := o.Lang
	var lb strings.Builder
	for i, line := range Wrap(n.Label(l), o.Wrap) {
		if i > 0 {
			lb.WriteString("<BR/>")
		}
		if i == 0 && n.Kind == OverviewTask {
			lb.WriteString("<B>" + esc(line) + "</B>")
		} else {
			lb.WriteString(esc(line))
		}
	}
	fmt.Fprintf(&lb, `<BR/><FONT POINT-SIZE="%d">%s`, subFontSize+1, esc(msgDocs.count(l, msgDoc, n.Documents)))
	if n.Flag && n.Kind != OverviewRegister {
		var ks []string
		flag := msgHealthOnly
		for _, k := range n.Kinds {
			ks = append(ks, registerText(k, l))
			if k == registers.Mixed {
				flag = msgMix
			}
		}
		if len(n.Kinds) > 1 {
			flag = msgMix
		}
		fmt.Fprintf(&lb, "<BR/><B>%s</B>", esc(flag.in(l)))
		for _, line := range Wrap(strings.Join(ks, ", "), o.Wrap+4) {
			lb.WriteString("<BR/>" + esc(line))
		}
	}
	lb.WriteString("</FONT>")
	fill, pen, style, width := "#D6E6F5", "#2F5F8A", "rounded,filled", 1.2
	switch {
	case n.Flag:
		fill, pen, style, width = flagFill, flagColour, "filled,bold", 3
	case n.Kind == OverviewRegister && n.Register == registers.Legacy:
		fill, pen = "#E3E3E3", "#555555"
	case n.Kind == OverviewRegister && n.Register == registers.Unknown,
		n.Kind == OverviewSystem && (n.Key == "" || n.Key == "(paper)"):
		fill, pen, style = "#FFFFFF", "#555555", "rounded,filled,dashed"
	}
	tip := n.Label(l) + " – " + msgDocs.count(l, msgDoc, n.Documents)
	fmt.Fprintf(b, "\t\t%s [label=%s, style=%s, fillcolor=%s, color=%s, penwidth=%s, tooltip=%s];\n",
		quote(n.ID), htmlLabel(lb.String()), quote(style), quote(fill), quote(pen), num(width), quote(tip))
}

func sortEdges(es []graph.Edge[string]) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].Source != es[j].Source {
			return es[i].Source < es[j].Source
		}
		return es[i].Target < es[j].Target
	})
}
