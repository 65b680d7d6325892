package stategraph

import (
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
)

// Graphviz (as compiled for go-graphviz) estimates every text width with
// regular Helvetica metrics, so bold titles come out about a tenth wider
// than it planned and overflow their cluster. boldWidth measures bold text
// with Go Bold, whose widths are within 1% of Helvetica Bold, so titles can
// reserve their real width. The font is embedded: the DOT text stays
// deterministic.
var (
	boldMu   sync.Mutex
	boldFace font.Face
)

// boldWidth returns the width of s in bold at pt points, in points.
func boldWidth(s string, pt float64) float64 {
	boldMu.Lock()
	defer boldMu.Unlock()
	if boldFace == nil {
		ft, err := opentype.Parse(gobold.TTF)
		if err != nil {
			return float64(len([]rune(s))) * pt * 0.65 // cannot happen: embedded font
		}
		if boldFace, err = opentype.NewFace(ft, &opentype.FaceOptions{Size: 100, DPI: 72}); err != nil {
			return float64(len([]rune(s))) * pt * 0.65
		}
	}
	return float64(font.MeasureString(boldFace, s)) / 64 * pt / 100
}

// boldWidthPt is boldWidth rounded up to whole points with a little slack.
func boldWidthPt(lines []string, pt float64) int {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, boldWidth(l, pt))
	}
	return int(math.Ceil(w)) + 2
}
