package separation

import (
	"errors"
	"fmt"
	"io"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/export"
)

// batchSize is the number of rows handed from the reader goroutine to the
// checker at a time: large enough that channel costs vanish, small enough
// (about 400 KB of records) to stay in cache.
const batchSize = 1024

type batch struct {
	raw   [][]string // fields as read, reused between batches
	lines []int
	errs  []error // non-nil for rows that could not be read
	n     int
	err   error // fatal read error after the n rows
}

// Run streams every row of r through the gate. A nil error means the run
// finished; findings are in the Result. Reading errors that stop the run
// wrap kartoitus.ErrUnreadable (ErrInternal: a database source was
// interrupted). An export with a header and no rows is
// kartoitus.ErrNotRecognised: an empty export must never pass.
func Run(r *export.Reader, cfg Config) (*Result, error) {
	if cfg.Catalogue == nil {
		return nil, errors.New("separation: no catalogue")
	}
	g := newGate(r.Header, r.Sheet, cfg)
	// Every string the gate keeps beyond its row is cloned (memo keys and
	// what they resolve to, the id arena, aggregates, kept findings'
	// keys), so the reader may reuse its buffers: no chunk of text is
	// allocated per 64 KB read, and the collector, with little to do,
	// stays off the row loop. Tests poison reused buffers (export), so a
	// string kept by mistake changes their results.
	r.ReuseBuffers()
	g.streamGC()
	var err error
	switch {
	case cfg.Workers > 1 && r.Format == export.FormatCSV:
		err = g.runParallel(r, cfg.Workers)
	case cfg.Workers > 1:
		err = g.runPipelined(r)
	default:
		err = g.runSequential(r)
	}
	g.mem.endStreamGC() // the end-of-run sorts make garbage: the default again
	defer g.spill.close()
	if err == nil {
		err = g.failed()
	}
	if err != nil {
		return nil, err
	}
	if g.res.Tally.Read == g.res.Tally.Skipped { // blank lines are no data
		return nil, fmt.Errorf("%w: the export has a header row but no data rows", kartoitus.ErrNotRecognised)
	}
	res := g.finish(r.UnnamedValues)
	if err := g.failed(); err != nil {
		return nil, err
	}
	return res, nil
}

func (g *gate) runSequential(r *export.Reader) error {
	var rec export.Record
	for {
		err := r.Next(&rec)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var re *export.RowError
			if errors.As(err, &re) {
				g.rowError(re)
				continue
			}
			return err
		}
		g.row(&rec)
		if g.spillErr != nil {
			return g.spillErr
		}
	}
}

// runParallel parses CSV on parsers goroutines (export.Stream: chunks cut
// at record boundaries, handed back in file order), each of which also
// resolves its rows and runs the per-row judges on them with a gate of
// its own in probe mode: emitting there only notes which checks would
// emit on which row. This goroutine then takes the rows in file order,
// records them in the cross-row state (document ids, windows, counts),
// runs the cross-row judges and, for the rows a probe marked, those
// checks again for real, which makes their findings here, in order. So
// findings, their order, counts and tallies are those of a sequential
// run for any number of workers, while resolving and judging, the larger
// part of a row's checking, runs on every parser.
func (g *gate) runParallel(r *export.Reader, parsers int) error {
	s := r.ParallelHook(parsers, func() func(*export.Chunk) {
		p := newGate(r.Header, r.Sheet, g.cfg)
		p.probe, p.seed = true, g.seed
		return p.probeChunk
	})
	defer s.Close()
	for c := s.Next(); c != nil; c = s.Next() {
		pr := c.Aux.(*probed)
		for i := range c.Records {
			if e := c.Errs[i]; e != nil {
				g.rowError(e)
				continue
			}
			row := &pr.rows[i]
			if row.admit {
				g.row(&c.Records[i]) // rare: checked here from the start
				continue
			}
			g.admit(&c.Records[i], false)
			g.judge(&row.f, row.hits)
		}
		if c.Err != nil {
			return c.Err
		}
		if err := g.failed(); err != nil {
			return err
		}
	}
	return nil
}

// probed is what a probe made of a chunk's rows (export.Chunk.Aux).
type probed struct {
	rows []probedRow
}

type probedRow struct {
	f facts
	// hits: the checks whose judges emit on the row (bit Check.idx).
	hits uint64
	// admit: an admitting check rejected the row or emitted on it, so
	// the gate checks the row itself; otherwise the row is accepted and f
	// is resolved.
	admit bool
}

// probeChunk resolves and probes the readable rows of c (on a parser
// goroutine; g is that parser's probe gate).
func (g *gate) probeChunk(c *export.Chunk) {
	pr, _ := c.Aux.(*probed)
	if pr == nil {
		pr = &probed{}
		c.Aux = pr
	}
	if cap(pr.rows) < len(c.Records) {
		pr.rows = make([]probedRow, len(c.Records), len(c.Records)+len(c.Records)/4)
	}
	pr.rows = pr.rows[:len(c.Records)]
	for i := range c.Records {
		if c.Errs[i] != nil {
			continue
		}
		row, rec := &pr.rows[i], &c.Records[i]
		g.hits = 0
		accepted := true
		for _, ck := range g.admits {
			if accepted = ck.admit(g, ck, rec); !accepted {
				break
			}
		}
		if row.admit = !accepted || g.hits != 0; row.admit {
			continue
		}
		g.resolve(&row.f, rec)
		for _, ck := range g.planFor(row.f.sig) {
			if !ck.crossRow {
				ck.judge(g, ck, &row.f)
			}
		}
		row.hits = g.hits
	}
}

// runPipelined reads XLSX in one goroutine and maps and checks rows in
// this one. Rows stay in file order, so findings and "first seen" state are
// the same as in a sequential run. Parsing is the larger half of the work,
// so this split is what a second core can take; the checks share state
// (document ids, windows) and stay on one goroutine. Mapping fields
// (trimming, dates) runs here rather than in the reader, which balances
// the two stages (measured: reader ~55%, checker ~45% of a row's time).
func (g *gate) runPipelined(r *export.Reader) error {
	full := make(chan *batch, 4)
	free := make(chan *batch, 6)
	for i := 0; i < 6; i++ {
		free <- &batch{raw: make([][]string, batchSize), lines: make([]int, batchSize), errs: make([]error, batchSize)}
	}
	stop := make(chan struct{})
	go func() {
		defer close(full)
		for {
			var b *batch
			select {
			case b = <-free:
			case <-stop:
				return
			}
			b.n, b.err = 0, nil
			for b.n < batchSize {
				var err error
				b.raw[b.n], b.lines[b.n], err = r.ReadRaw(b.raw[b.n])
				if err == io.EOF {
					break
				}
				b.errs[b.n] = nil
				if err != nil {
					var re *export.RowError
					if !errors.As(err, &re) {
						b.err = err
						break
					}
					b.errs[b.n] = re
				}
				b.n++
			}
			full <- b
			if b.n < batchSize {
				return
			}
		}
	}()
	defer close(stop)
	var rec export.Record
	for b := range full {
		for i := 0; i < b.n; i++ {
			err := b.errs[i]
			if err == nil {
				err = r.Fill(&rec, b.raw[i], b.lines[i])
			}
			if err != nil {
				var re *export.RowError
				if !errors.As(err, &re) {
					return err
				}
				g.rowError(re)
				continue
			}
			g.row(&rec)
		}
		if b.err != nil {
			return b.err
		}
		if err := g.failed(); err != nil {
			return err
		}
		free <- b
	}
	return nil
}
