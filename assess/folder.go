package assess

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/analyzer"
	"github.com/kartoitus/kartoitus/analyzer/coverage"
	"github.com/kartoitus/kartoitus/analyzer/invregister"
	"github.com/kartoitus/kartoitus/analyzer/mapping"
	"github.com/kartoitus/kartoitus/analyzer/retention"
	"github.com/kartoitus/kartoitus/finding"
	"github.com/kartoitus/kartoitus/internal/textio"
	"github.com/kartoitus/kartoitus/inventory"
	"github.com/kartoitus/kartoitus/output"
	"github.com/kartoitus/kartoitus/report"
	"github.com/kartoitus/kartoitus/separation"
	"github.com/kartoitus/kartoitus/stategraph"
	"github.com/kartoitus/kartoitus/tos"
)

// FolderOptions configure the report folder.
type FolderOptions struct {
	Dir          string
	Lang         finding.Lang
	Organisation string
	// NoGraphs writes the graphs' DOT sources but renders no SVG.
	NoGraphs bool
	// Reveal writes henkilötunnus codes in full (--reveal-ids).
	Reveal bool
	// CSVDialect is how the CSV files are written (--csv-dialect).
	CSVDialect textio.Dialect
}

// Folder is what WriteFolder wrote.
type Folder struct {
	Assessment *report.Assessment
	// Files are the paths written, relative to FolderOptions.Dir, sorted.
	Files []string
}

// artifact is one file of the folder and the writer that fills it.
type artifact struct {
	name  string
	write func(w io.Writer) error
}

// WriteFolder renders the graphs and writes the folder a consultant hands
// over: index.html, report.xlsx, findings.json, findings.csv,
// tos-draft.csv, accepted-mappings.csv and graphs/. The folder is built
// beside its target and swapped into place (package output): an
// interrupted or failed run leaves the previous folder as it was. A folder
// locked by another run, or one this tool did not write, is a usage error;
// any other failure wraps kartoitus.ErrInternal.
func (r *Result) WriteFolder(ctx context.Context, o FolderOptions) (*Folder, error) {
	if o.Dir == "" {
		return nil, fmt.Errorf("%w: no output folder", kartoitus.ErrUsage)
	}
	dst, err := output.CreateFolder(o.Dir, o.Reveal, report.Version)
	if err != nil {
		if errors.Is(err, output.ErrLocked) || errors.Is(err, output.ErrNotOurs) {
			return nil, fmt.Errorf("%w: --out %w", kartoitus.ErrUsage, err)
		}
		return nil, internal(err)
	}
	defer dst.Abort()
	a := r.View("assess", o.Lang, o.Organisation)
	out := &Folder{Assessment: a}
	a.Complete()
	// Every file is made in memory in a goroutine of its own while the
	// graphs render, and written (through the folder's redactor) by one
	// writer goroutine as soon as it is made: issue 17's 5,000-row
	// assessment spent most of its time writing, one file after another.
	// The makers only read the assessment (the page and workbook writers
	// complete a copy); drawGraphs only appends to a.Graphs, which the
	// page, started after it, is the only one to read.
	arts := []artifact{
		{"findings.json", func(f io.Writer) error { return report.JSON{}.Write(f, a.Result) }},
		{"findings.csv", func(f io.Writer) error { return report.CSV{Dialect: o.CSVDialect}.Write(f, a.Result) }},
		{"report.xlsx", func(f io.Writer) error { return report.XLSX{}.WriteAssessment(f, a) }},
	}
	if r.Mapping != nil {
		arts = append(arts, artifact{"accepted-mappings.csv", func(f io.Writer) error {
			return mapping.WriteAcceptedIn(f, mapping.TemplateRows(r.Catalogue, r.Inventory.Documents, r.Mapping, nil), o.Lang, o.CSVDialect)
		}})
	}
	if r.Retention != nil && r.Retention.Draft != nil {
		arts = append(arts, artifact{"tos-draft.csv", func(f io.Writer) error { return r.Retention.Draft.WriteCSVIn(f, o.Lang, o.CSVDialect) }})
	}
	w := newWriter(dst)
	closed := false
	defer func() {
		if !closed {
			w.close()
		}
	}()
	errs := make([]error, len(arts)+2)
	var wg sync.WaitGroup
	start := func(i int, art artifact) {
		wg.Go(func() {
			if errs[i] = ctx.Err(); errs[i] != nil {
				return
			}
			var b bytes.Buffer
			if err := art.write(&b); err != nil {
				errs[i] = fmt.Errorf("%s: %w", art.name, err)
				return
			}
			w.write(art.name, b.Bytes())
		})
	}
	for i, art := range arts {
		start(i, art)
	}
	if r.Graphs != nil {
		errs[len(arts)] = drawGraphs(ctx, a, r.Graphs, o, w)
	}
	if errs[len(arts)] == nil {
		start(len(arts)+1, artifact{"index.html", func(f io.Writer) error { return report.HTML{}.WriteAssessment(f, a) }})
	}
	wg.Wait()
	closed = true
	if err := errors.Join(append(errs, w.close())...); err != nil {
		return nil, internal(err) // interrupted or failed: the old folder stays
	}
	if err := ctx.Err(); err != nil {
		return nil, internal(err)
	}
	if err := dst.Commit(); err != nil {
		return nil, internal(err)
	}
	out.Files = dst.Files()
	return out, nil
}

// drawGraphs renders every task's current, target and comparison graph
// plus the overview into graphs/ and into the view model. The figures
// shown beside them are coverage's, carried by the conformance.
func drawGraphs(ctx context.Context, a *report.Assessment, set *stategraph.Set, o FolderOptions, w *writer) error {
	gopts := stategraph.Options{Lang: o.Lang}
	var rnd *stategraph.Renderer
	if !o.NoGraphs {
		var err error
		if rnd, err = stategraph.NewRenderer(ctx); err != nil {
			return fmt.Errorf("graph renderer: %w", err)
		}
		defer rnd.Close()
	}
	// render returns the SVG and its file relative to the page.
	render := func(name string, dot []byte) (string, string, error) {
		if err := w.write(filepath.Join("graphs", name+".dot"), dot); err != nil {
			return "", "", err
		}
		if rnd == nil {
			return "", "", nil
		}
		var svg strings.Builder
		if err := rnd.Render(ctx, dot, stategraph.FormatSVG, &svg); err != nil {
			return "", "", fmt.Errorf("render %s: %w", name, err)
		}
		return svg.String(), "graphs/" + name + ".svg", w.write(filepath.Join("graphs", name+".svg"), []byte(svg.String()))
	}
	for _, tg := range set.Tasks {
		g := report.TaskGraph{Task: tg.Task.ID}
		for _, v := range []struct {
			view      stategraph.View
			dst, file *string
			name      string
		}{{stategraph.Current, &g.Current, &g.CurrentFile, "current"}, {stategraph.Target, &g.Target, &g.TargetFile, "target"},
			{stategraph.Comparison, &g.Comparison, &g.ComparisonFile, "comparison"}} {
			var dot strings.Builder
			if err := stategraph.WriteDOT(&dot, tg.Model(v.view), gopts); err != nil {
				return err
			}
			svg, file, err := render(tg.Task.ID+"-"+v.name, []byte(dot.String()))
			if err != nil {
				return err
			}
			*v.dst, *v.file = svg, file
		}
		c := tg.Conformance
		g.Figures = []report.Figure{
			{ID: "fitness", Label: finding.T("Kattavuus", "Coverage"), Value: c.Fitness, Percent: true, Term: "fitness (pm4py)"},
			{ID: "covered", Label: finding.T("Valtakunnallisia tyyppejä läsnä", "National types present"), Value: float64(c.Covered)},
			{ID: "expected", Label: finding.T("Palvelutehtävän valtakunnallisia tyyppejä", "National types of the task"), Value: float64(c.TargetSteps)},
			{ID: "in_phase", Label: finding.T("Oikeassa vaiheessa", "In the right phase"), Value: float64(c.InPhase)},
			{ID: "missing", Label: finding.T("Puuttuu", "Missing"), Value: float64(c.Missing)},
			{ID: "extra", Label: finding.T("Vain nykytilassa", "Only in current state"), Value: float64(c.Outside)},
		}
		a.Graphs.Tasks = append(a.Graphs.Tasks, g)
	}
	if set.Overview != nil {
		var dot strings.Builder
		if err := stategraph.WriteOverviewDOT(&dot, set.Overview, gopts); err != nil {
			return err
		}
		svg, file, err := render("overview", []byte(dot.String()))
		if err != nil {
			return err
		}
		a.Graphs.Overview, a.Graphs.OverviewFile = svg, file
	}
	return nil
}

// writer writes the files of the folder under construction one at a time
// in a goroutine of its own (output.Folder is not safe for concurrent
// use); write may be called from any goroutine. The first error stops the
// writing and is what close returns.
type writer struct {
	dst  *output.Folder
	jobs chan job
	done chan error
}

type job struct {
	rel string
	b   []byte
}

func newWriter(dst *output.Folder) *writer {
	w := &writer{dst: dst, jobs: make(chan job, 16), done: make(chan error, 1)}
	go func() {
		var err error
		for j := range w.jobs {
			if err == nil {
				err = dst.Create(filepath.ToSlash(j.rel), func(f io.Writer) error { _, err := f.Write(j.b); return err })
			}
		}
		w.done <- err
	}()
	return w
}

// write queues a file; its error, if any, comes from close.
func (w *writer) write(rel string, b []byte) error {
	w.jobs <- job{rel, b}
	return nil
}

// close waits until every queued file is written.
func (w *writer) close() error {
	close(w.jobs)
	return <-w.done
}

// Rules lists every rule an assessment may report: the readers', the
// analyzers' and the gate's, and the ignore file's.
func Rules() []finding.Rule {
	rs := append([]finding.Rule(nil), inventory.Rules()...)
	rs = append(rs, tos.Rules...)
	for _, n := range []analyzer.Node{mapping.Analyzer, coverage.Analyzer, invregister.Analyzer, retention.Analyzer} {
		rs = append(rs, n.Info().Rules...)
	}
	rs = append(rs, separation.Rules()...)
	return append(rs, finding.RuleIgnoreUnused, finding.RuleIgnoreExpired)
}
