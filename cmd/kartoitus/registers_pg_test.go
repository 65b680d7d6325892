package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/exportgen"
	"github.com/kartoitus/kartoitus/internal/pgtest"
)

// differentialSet is one export the other sources must read as the file.
type differentialSet struct {
	name string
	data []byte
	args []string
}

// differentialSets are the exports the database and Parquet paths are
// compared with the file on: generated vendor and canonical exports and
// the hand-written sample (well-formed rows only: a table has no short
// rows).
func differentialSets(t *testing.T) []differentialSet {
	return []differentialSet{
		{"generated vendor export", generatedForTable(t, exportgen.Options{Rows: 6000, Seed: 19}), nil},
		{"generated canonical deployment test", generatedForTable(t, exportgen.Options{Rows: 3000, Seed: 4, Canonical: true, DeploymentTest: true}),
			[]string{"--deployment-test"}},
		{"hand-written sample", wellFormed(t, []byte(regSample)), []string{"--deployment-test"}},
	}
}

// TestRegistersFromPostgres is the differential test of --from: the same
// data read from a file and from PostgreSQL, through --table and --query,
// gives the same findings — rule, severity, message, row, key,
// fingerprint — and the same summary; only the file name differs. Rows
// are numbered in the order the database sends them, so the ordered view
// matches the file row for row, and the bare table (no order) matches it
// finding for finding except the row.
func TestRegistersFromPostgres(t *testing.T) {
	pg := pgtest.URL(t)
	for _, tc := range differentialSets(t) {
		t.Run(tc.name, func(t *testing.T) {
			dir := inTemp(t, map[string]string{"export.csv": string(tc.data)})
			l := pgtest.LoadCSV(t, pg, tc.data, ';')
			base := append([]string{"registers", "--format", "json", "--max-findings", "-1", "--fail-on", "never"}, tc.args...)
			fromFile := registersJSON(t, "", append(base, dir+"/export.csv")...)
			fromStdin := registersJSON(t, string(tc.data), append(base, "-")...)
			fromView := registersJSON(t, "", append(base, "--from", pg, "--table", l.View)...)
			fromQuery := registersJSON(t, "", append(base, "--from", pg, "--query",
				"SELECT "+l.Columns+" FROM "+l.Table+" ORDER BY "+pgtest.Ordinal)...)
			unordered := registersJSON(t, "", append(base, "--from", pg, "--query", "SELECT "+l.Columns+" FROM "+l.Table)...)
			if len(fromFile.Findings) == 0 {
				t.Fatal("no findings from the file: the comparison would prove nothing")
			}
			for _, got := range []struct {
				name string
				out  registersOut
				file string
			}{
				{"stdin", fromStdin, "stdin"},
				{"--table", fromView, "postgres:" + l.View},
				{"--query", fromQuery, "postgres:query"},
			} {
				if files := got.out.files(); !reflect.DeepEqual(files, []string{got.file}) {
					t.Errorf("%s: findings name %v, want %q", got.name, files, got.file)
				}
				if !reflect.DeepEqual(got.out.Summary, fromFile.Summary) {
					t.Errorf("%s: summary %v, file %v", got.name, got.out.Summary, fromFile.Summary)
				}
				a, b := fromFile.comparable(), got.out.comparable()
				if !reflect.DeepEqual(a, b) {
					for i := range min(len(a), len(b)) {
						if !reflect.DeepEqual(a[i], b[i]) {
							t.Errorf("%s: finding %d differs:\nfile: %v\n%s: %v", got.name, i, a[i], got.name, b[i])
							break
						}
					}
					t.Errorf("%s: %d findings, file %d", got.name, len(b), len(a))
				}
			}
			if a, b := withoutRow(fromFile.comparable()), withoutRow(unordered.comparable()); !reflect.DeepEqual(a, b) {
				t.Errorf("the table in its own order: findings other than the rows'\nfile:  %v\ntable: %v", a, b)
			}
			t.Logf("%d findings of %d rules, identical from the file, stdin, the view and the query", len(fromFile.Findings), len(fromFile.rules()))
		})
	}
}

// TestRegistersFromPostgresErrors: a server that is not there, a missing
// database, a bad query and a missing table are exit 2 with a one-line
// message that names the source and never the password.
func TestRegistersFromPostgresErrors(t *testing.T) {
	pg := pgtest.URL(t)
	inTemp(t, nil)
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatal(err)
	}
	// The server trusts or ignores it; it must not come out again.
	u.User = url.UserPassword(u.User.Username(), "Tosi-Salainen-9")
	withPassword := u.String()
	u.Path = "/ei_ole"
	noDatabase := u.String()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no server", []string{"--from", "postgres://kirjaaja:Tosi-Salainen-9@127.0.0.1:1/sote", "--table", "t"},
			kartoitus.ExitUsage, "cannot connect to postgres://kirjaaja@127.0.0.1:1/sote"},
		{"no database", []string{"--from", noDatabase, "--table", "t"},
			kartoitus.ExitUsage, `database "ei_ole" does not exist`},
		{"bad query", []string{"--from", withPassword, "--query", "SELEC * FROM t"},
			kartoitus.ExitUsage, "postgres:query: ERROR: syntax error"},
		{"no table", []string{"--from", withPassword, "--table", "ei_ole"},
			kartoitus.ExitUsage, `postgres:ei_ole: ERROR: relation "ei_ole" does not exist`},
		{"not a register export", []string{"--from", withPassword, "--query", "SELECT 1 AS x"},
			kartoitus.ExitNotRecognised, "lacks required column"},
		{"not postgres", []string{"--from", "mysql://kirjaaja:Tosi-Salainen-9@h/sote", "--table", "t"},
			kartoitus.ExitUsage, "--from takes a postgres://"},
		{"no table or query", []string{"--from", withPassword}, kartoitus.ExitUsage, "--from needs --query or --table"},
		{"and a file", []string{"--from", withPassword, "--table", "t", "export.csv"}, kartoitus.ExitUsage, "give no export file"},
		{"query without --from", []string{"--query", "SELECT 1"}, kartoitus.ExitUsage, "need --from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"registers"}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d: %s", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.want)
			}
			if strings.Contains(r.stderr+r.stdout, "Tosi-Salainen") {
				t.Errorf("the password is in the output: %s", r.stderr)
			}
			if strings.Count(strings.TrimSuffix(r.stderr, "\n"), "\n") > 0 {
				t.Errorf("more than one line: %q", r.stderr)
			}
		})
	}
}

// generatedForTable is a generated export without the rows a table
// cannot hold.
func generatedForTable(t *testing.T, o exportgen.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := exportgen.Generate(&buf, o); err != nil {
		t.Fatal(err)
	}
	return wellFormed(t, buf.Bytes())
}

// wellFormed drops the lines COPY FROM refuses (a wrong number of fields,
// a bare quote): each line read alone, strictly, as the header's width.
// The data has no line breaks inside fields.
func wellFormed(t *testing.T, data []byte) []byte {
	t.Helper()
	lines := strings.SplitAfter(string(data), "\n")
	width := strings.Count(lines[0], ";") + 1
	var out []string
	for _, l := range lines {
		cr := csv.NewReader(strings.NewReader(l))
		cr.Comma, cr.FieldsPerRecord = ';', width
		if _, err := cr.Read(); err == nil {
			out = append(out, l)
		}
	}
	if len(out) == len(lines) {
		t.Fatal("no malformed line dropped: the data changed, or the filter is stale")
	}
	return []byte(strings.Join(out, ""))
}

// withoutRow is the findings without their rows, sorted.
func withoutRow(fs []map[string]any) []string {
	var out []string
	for _, f := range fs {
		delete(f["location"].(map[string]any), "row")
		b, _ := json.Marshal(f)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

type registersOut struct {
	Summary  map[string]any   `json:"summary"`
	Findings []map[string]any `json:"findings"`
}

func registersJSON(t *testing.T, stdin string, args ...string) registersOut {
	t.Helper()
	r := runCLI(t, stdin, args...)
	if r.code != 0 {
		t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
	}
	var out registersOut
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return out
}

// comparable is the findings without the file name.
func (o registersOut) comparable() []map[string]any {
	var out []map[string]any
	for _, f := range o.Findings {
		c := map[string]any{}
		for k, v := range f {
			c[k] = v
		}
		if loc, ok := f["location"].(map[string]any); ok {
			l := map[string]any{}
			for k, v := range loc {
				if k != "file" {
					l[k] = v
				}
			}
			c["location"] = l
		}
		out = append(out, c)
	}
	return out
}

func (o registersOut) files() []string {
	var files []string
	for _, f := range o.Findings {
		if loc, ok := f["location"].(map[string]any); ok {
			if s, _ := loc["file"].(string); !slices.Contains(files, s) {
				files = append(files, s)
			}
		}
	}
	return files
}

func (o registersOut) rules() []string {
	var rules []string
	for _, f := range o.Findings {
		if r, _ := f["rule"].(string); !slices.Contains(rules, r) {
			rules = append(rules, r)
		}
	}
	return rules
}
