package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/term"

	"github.com/kartoitus/kartoitus/assess"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/export/pgsource"
	"github.com/kartoitus/kartoitus/exportgen"
	"github.com/kartoitus/kartoitus/output"
	"github.com/kartoitus/kartoitus/separation"
)

const registersUsage = `registers [flags] EXPORT
       kartoitus registers [flags] --from postgres://USER@HOST/DB (--query SELECT... | --table NAME)
       kartoitus registers generate --rows N [--clients M] [--seed S] -o FILE [--manifest FILE]

Checks a client-system register export (CSV: ';', ',' or tab, UTF-8 or
Windows-1252; or a small XLSX) for mixed registers, controller and basis
conflicts, the producer's register use right, § 37 metadata, Sosmeta codes
and identifiers. EXPORT "-" reads standard input; --from reads a
PostgreSQL table or query through COPY as the same CSV. Exit 1 when a
finding is at or above --fail-on: use it as a CI gate.`

func runRegisters(e env) error {
	if len(e.args) > 0 && e.args[0] == "generate" {
		return registersGenerate(e, e.args[1:])
	}
	var cf catalogueFlags
	var of outputFlags
	var mapping, sheet, pseudo, progress, prof, asOf string
	var db pgsource.Source
	var deployment, reveal bool
	var maxFindings, workers int
	var mf memoryFlags
	fs := newFlags(e, "registers", registersUsage)
	cf.register(fs)
	mf.register(fs)
	of.register(fs, "table")
	fs.StringVar(&mapping, "mapping", "", "mapping `file` (YAML): vendor columns and values → canonical fields")
	fs.StringVar(&db.URL, "from", "", "read the export from PostgreSQL: a postgres://user@host/database `URL` (the password from PGPASSWORD or ~/.pgpass, not the URL, keeps it out of shell history)")
	fs.StringVar(&db.Query, "query", "", "with --from: the `SELECT` whose rows are the export")
	fs.StringVar(&db.Table, "table", "", "with --from: the `table` (schema.table) read whole")
	fs.StringVar(&sheet, "sheet", "", "XLSX sheet `name` (default: the first sheet)")
	fs.StringVar(&prof, "profile", "", "organisation profile `file` (YAML): the organisers' kinds (public, private, Kela) and whether it has a register of its own")
	fs.StringVar(&asOf, "as-of", "", "the export is the producer system's own, taken on `DATE`: the organiser's documents it still holds after the client relationship ended are REG025")
	fs.BoolVar(&deployment, "deployment-test", false, "deployment test: every client id must be a 900-series test henkilötunnus")
	fs.StringVar(&pseudo, "pseudonymize", "", "replace client ids in the report by a keyed hash (HMAC-SHA256) of `KEY`; @FILE reads the key from a file, env:NAME from the environment")
	fs.BoolVar(&reveal, "reveal-ids", false, "show client ids in full in the report (only when you must; the default masks them)")
	fs.IntVar(&maxFindings, "max-findings", separation.DefaultMaxPerRule, "list at most `N` findings per rule (all are counted); -1 lists all")
	fs.IntVar(&workers, "workers", defaultWorkers(), "`N` > 1: N goroutines parse and check the CSV's rows, one more keeps what spans rows, in file order (the result is the same for any N); 1: one goroutine reads and checks")
	fs.StringVar(&progress, "progress", "auto", "progress bar on standard error: auto (terminal and input over 64 MB), always or never")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	switch {
	case db.URL != "":
		if fs.NArg() != 0 {
			return usageErr("registers: --from reads the export from the database; give no export file")
		}
		if err := db.Check(); err != nil {
			return usageErr("registers: %v", err)
		}
	case db.Query != "" || db.Table != "":
		return usageErr("registers: --query and --table need --from")
	case fs.NArg() != 1:
		return usageErr("registers: give exactly one export file (or - for standard input)")
	}
	if reveal && pseudo != "" {
		return usageErr("registers: --reveal-ids and --pseudonymize exclude each other")
	}
	if workers < 1 {
		// 0 is not "as many as there are cores" here: that is the default.
		return usageErr("registers: --workers must be 1 or more (the default is one per core, at most 8)")
	}
	if maxFindings == 0 {
		return usageErr("registers: --max-findings must be positive or -1")
	}
	switch progress {
	case "auto", "always", "never":
	default:
		return usageErr("registers: --progress must be auto, always or never")
	}
	p, err := of.parse(e)
	if err != nil {
		return err
	}
	restoreGC := startGC()
	cat, err := cf.load()
	restoreGC()
	if err != nil {
		return err
	}
	cfg := p.config(cat)
	cfg.Export, cfg.ExportStdin, cfg.ExportMapping, cfg.ExportSheet = fs.Arg(0), e.stdin, mapping, sheet
	if db.URL != "" {
		cfg.Export = db.Name()
		cfg.OpenExport = func(ctx context.Context) (io.ReadCloser, error) { return pgsource.Open(ctx, db) }
	}
	cfg.DeploymentTest, cfg.MaxPerRule, cfg.Workers, cfg.Profile = deployment, maxFindings, workers, prof
	if err := mf.apply("registers", &cfg); err != nil {
		return err
	}
	if asOf != "" {
		ts, err := export.ParseTimestamp(asOf)
		if err != nil {
			return usageErr("registers: --as-of %q is not a date (YYYY-MM-DD or d.m.yyyy)", asOf)
		}
		cfg.AsOf = ts.Date()
	}
	switch {
	case reveal:
		cfg.IDs = separation.Reveal
		fmt.Fprintln(e.stderr, "kartoitus: --reveal-ids: the report shows client henkilötunnus codes in full; do not share it")
	case pseudo != "":
		key, err := pseudonymKey(pseudo)
		if err != nil {
			return err
		}
		cfg.PseudonymKey = key
	}

	mf.limitHeap()
	var bar *progressBar
	if path := fs.Arg(0); path != "-" && db.URL == "" {
		if st, serr := os.Stat(path); serr == nil && !e.quiet() && wantProgress(progress, e.stderr, st.Size()) {
			bar = newProgressBar(e.stderr, st.Size())
			cfg.WrapExport = bar.wrap
			bar.start()
		}
	}
	res, err := assess.Run(e.ctx, cfg, assess.Gate)
	if bar != nil {
		var g *separation.Result
		if res != nil {
			g = res.Gate
		}
		bar.stop(g)
	}
	if err != nil {
		return err
	}
	return of.emit(e, p, "registers", res)
}

// defaultWorkers is one goroutine per core to parse plus the checker,
// at most 4: the checker (about 40% of a row's work on one core) is the
// limit from two parsers on, and a parser more than the cores lets the
// scheduler fill both cores of a 2-core machine while the checker waits.
func defaultWorkers() int {
	// One per core: the goroutine that keeps the cross-row state in file
	// order does about a seventh of a row's work (BenchmarkGate profile),
	// so past about 8 parsers it is the limit.
	return min(runtime.GOMAXPROCS(0), 8)
}

// pseudonymKey reads KEY, @FILE or env:NAME. Keys shorter than 16 bytes are
// refused: a short key can be guessed, and then every pseudonym reversed.
func pseudonymKey(s string) ([]byte, error) {
	var key []byte
	switch {
	case strings.HasPrefix(s, "@"):
		b, err := os.ReadFile(s[1:])
		if err != nil {
			return nil, unreadable(fmt.Errorf("--pseudonymize: %v", err))
		}
		key = []byte(strings.TrimRight(string(b), "\r\n"))
	case strings.HasPrefix(s, "env:"):
		v, ok := os.LookupEnv(s[4:])
		if !ok {
			return nil, usageErr("--pseudonymize: environment variable %s is not set", s[4:])
		}
		key = []byte(v)
	default:
		key = []byte(s)
	}
	if len(key) < 16 {
		return nil, usageErr("--pseudonymize: the key must be at least 16 bytes (got %d)", len(key))
	}
	return key, nil
}

func registersGenerate(e env, args []string) error {
	var o exportgen.Options
	var out, manifest string
	var seed uint64
	fs := newFlags(e, "registers generate", "registers generate --rows N [--clients M] [--seed S] -o FILE [--manifest FILE]")
	fs.IntVar(&o.Rows, "rows", 0, "number of data rows (required)")
	fs.IntVar(&o.Clients, "clients", 0, "number of distinct clients (default rows/10)")
	fs.Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same file")
	fs.StringVar(&out, "o", "", "output `file` (- for standard output)")
	fs.StringVar(&manifest, "manifest", "", "write the seeded violations as JSON to `file`")
	fs.BoolVar(&o.DeploymentTest, "deployment-test", false, "seed IDN003 violations for a --deployment-test run")
	fs.BoolVar(&o.Canonical, "canonical", false, "canonical snake_case headers and values instead of Finnish vendor style")
	fs.BoolVar(&o.RealFormat, "real-format", false, "individual numbers 002–899 instead of 900-series test codes (benchmarks, privacy tests)")
	fs.IntVar(&o.Violations, "violations", 0, "number of seeded violations (default one per 2,000 rows, at least one of each kind; -1 none)")
	// Read before the flags (e.reveal); declared so that the flag parses.
	fs.Bool("reveal-ids", false, "with --real-format: write the codes in full (required with it)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.Rows < 1 || out == "" || fs.NArg() != 0 {
		return usageErr("registers generate: --rows and -o are required")
	}
	o.Seed = seed
	if o.RealFormat && !e.reveal {
		return usageErr("registers generate: --real-format writes valid-looking henkilötunnus codes; add --reveal-ids to write them in full")
	}
	// The generated export holds 900-series test codes (not personal
	// identity codes: Kanta's testiketti) or, with --real-format and
	// --reveal-ids, codes the user asked for: written unredacted.
	var man *exportgen.Manifest
	err := output.WriteFile(e.rawStdout, out, true, func(w io.Writer) error {
		var err error
		man, err = exportgen.Generate(w, o)
		return err
	})
	if err != nil {
		return usageErr("registers generate: %v", err)
	}
	if manifest != "" {
		b, _ := json.MarshalIndent(man, "", "  ")
		if err := output.WriteFile(e.rawStdout, manifest, true, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err }); err != nil {
			return internalErr(err)
		}
	}
	if out != "-" {
		e.notef("wrote %s: %d rows, %d clients, %d expected findings\n", out, o.Rows, man.Clients, len(man.Expected))
	}
	return nil
}

// wantProgress decides whether to draw a progress bar.
func wantProgress(mode string, w io.Writer, size int64) bool {
	switch mode {
	case "never":
		return false
	case "always":
		return true
	}
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		w = u.Unwrap() // stderr passes through a redacting writer
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && size > 64<<20
}

// progressBar counts bytes read and redraws a line on stderr.
type progressBar struct {
	w     io.Writer
	total int64
	n     atomic.Int64
	begin time.Time
	done  chan struct{}
	ended chan struct{}
}

func newProgressBar(w io.Writer, total int64) *progressBar {
	return &progressBar{w: w, total: total, done: make(chan struct{}), ended: make(chan struct{})}
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (b *progressBar) wrap(r io.Reader) io.Reader { return countingReader{r: r, n: &b.n} }

func (b *progressBar) start() {
	b.begin = time.Now()
	go func() {
		defer close(b.ended)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-b.done:
				return
			case <-t.C:
				b.draw()
			}
		}
	}()
}

func (b *progressBar) draw() {
	n := b.n.Load()
	pct := 0.0
	if b.total > 0 {
		pct = 100 * float64(n) / float64(b.total)
	}
	secs := time.Since(b.begin).Seconds()
	const width = 30
	fill := int(pct / 100 * width)
	fill = max(0, min(width, fill))
	fmt.Fprintf(b.w, "\rregisters [%s%s] %5.1f%%  %s / %s  %.0f MB/s ", strings.Repeat("=", fill), strings.Repeat(" ", width-fill),
		pct, mb(n), mb(b.total), float64(n)/1e6/max(secs, 0.001))
}

func (b *progressBar) stop(res *separation.Result) {
	close(b.done)
	<-b.ended
	b.draw()
	secs := time.Since(b.begin).Seconds()
	if res != nil {
		fmt.Fprintf(b.w, "\n%d rows in %.1f s (%.0f rows/s)\n", res.Tally.Read, secs, float64(res.Tally.Read)/max(secs, 0.001))
	} else {
		fmt.Fprintln(b.w)
	}
}

func mb(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }
