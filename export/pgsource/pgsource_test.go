package pgsource

import (
	"context"
	"errors"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/internal/pgtest"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  Source
		want string // "" = valid
	}{
		{"table", Source{URL: "postgres://u@h/db", Table: "t"}, ""},
		{"query", Source{URL: "postgresql://u@h/db", Query: "SELECT 1"}, ""},
		{"other scheme", Source{URL: "mysql://u:pw@h/db", Table: "t"}, "postgres://"},
		{"not a URL", Source{URL: "host=h password=pw", Table: "t"}, "postgres://"},
		{"neither", Source{URL: "postgres://u@h/db"}, "needs --query or --table"},
		{"both", Source{URL: "postgres://u@h/db", Table: "t", Query: "SELECT 1"}, "exclude each other"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.src.Check()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("Check: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("Check: %v, want %q", err, tc.want)
			case err != nil && strings.Contains(err.Error(), "pw"):
				t.Fatalf("Check quotes the URL: %v", err)
			}
		})
	}
}

func TestNameAndSQL(t *testing.T) {
	for _, tc := range []struct {
		src        Source
		name, copy string
	}{
		{Source{Table: "asiakirjat"}, "postgres:asiakirjat",
			`COPY (SELECT * FROM "asiakirjat") TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';')`},
		{Source{Table: "sote.asiakirjat"}, "postgres:sote.asiakirjat",
			`COPY (SELECT * FROM "sote"."asiakirjat") TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';')`},
		// A name cannot end the identifier and run SQL of its own.
		{Source{Table: `x"; DROP TABLE y; --`}, `postgres:x"; DROP TABLE y; --`,
			`COPY (SELECT * FROM "x""; DROP TABLE y; --") TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';')`},
		{Source{Query: "SELECT a FROM t;\n"}, "postgres:query",
			`COPY (SELECT a FROM t) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';')`},
	} {
		if got := tc.src.Name(); got != tc.name {
			t.Errorf("Name = %q, want %q", got, tc.name)
		}
		if got := tc.src.copySQL(); got != tc.copy {
			t.Errorf("copySQL =\n%s\nwant\n%s", got, tc.copy)
		}
	}
}

func TestRedaction(t *testing.T) {
	for _, tc := range []struct{ url, where string }{
		{"postgres://kirjaaja:S3cr%3Ft@db.example:5433/sote?sslmode=require", "postgres://kirjaaja@db.example:5433/sote"},
		{"postgres:///sote?host=/run/postgresql&password=S3cr%3Ft", "postgres:///run/postgresql/sote"},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := redactedURL(u); got != tc.where {
			t.Errorf("redactedURL(%s) = %q, want %q", tc.url, got, tc.where)
		}
		msg := scrub(errors.New("failed for S3cr?t\n\tand S3cr%3Ft\n\tand S3cr%3Ft"), u)
		if strings.Contains(msg, "S3cr") || strings.Contains(msg, "\n") {
			t.Errorf("scrub = %q: a password or a line break left", msg)
		}
		if want := "failed for xxxxx; and xxxxx"; msg != want {
			t.Errorf("scrub = %q, want %q", msg, want)
		}
	}
}

// TestOpen reads a table and a query from a real server, and fails
// clearly on a bad query, a missing table and a server that is not there.
func TestOpen(t *testing.T) {
	pg := pgtest.URL(t)
	l := pgtest.LoadCSV(t, pg, []byte("Asiakirjan tunniste;Tila\n1.2.3;aktiivinen\n1.2.4;\"a;b\"\n1.2.5;\n"), ';')
	ctx := context.Background()
	read := func(t *testing.T, s Source) string {
		t.Helper()
		rc, err := Open(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		if err := rc.Close(); err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := "Asiakirjan tunniste;Tila\n1.2.3;aktiivinen\n1.2.4;\"a;b\"\n1.2.5;\n"
	for _, table := range []string{l.View, "public." + l.View} {
		if got := read(t, Source{URL: pg, Table: table}); got != want {
			t.Errorf("table %s:\n%s\nwant\n%s", table, got, want)
		}
	}
	if got := read(t, Source{URL: pg, Query: `SELECT "Tila" FROM ` + l.Table + ` WHERE "Tila" IS NOT NULL ORDER BY 1;`}); got != "Tila\n\"a;b\"\naktiivinen\n" {
		t.Errorf("query: %q", got)
	}

	// The session writes ISO dates and Helsinki time whatever the server's
	// defaults (the test server's are UTC, as a cloud database's often
	// are): a document made at 0.30 local time on 1.3.2024 (22.30 UTC the
	// day before) keeps its day.
	const instant = `SELECT '2024-02-29 22:30:00+00'::timestamptz AS created, '2024-07-13 08:59:00+00'::timestamptz AS summer, DATE '2024-03-01' AS d`
	if got, want := read(t, Source{URL: pg, Query: instant}), "created;summer;d\n2024-03-01 00:30:00+02;2024-07-13 11:59:00+03;2024-03-01\n"; got != want {
		t.Errorf("timestamptz: %q, want %q", got, want)
	}
	if got, want := read(t, Source{URL: pg + "&timezone=UTC", Query: instant}), "created;summer;d\n2024-02-29 22:30:00+00;2024-07-13 08:59:00+00;2024-03-01\n"; got != want {
		t.Errorf("timezone in the URL: %q, want %q", got, want)
	}
	if got, want := read(t, Source{URL: pg + "&DateStyle=German", Query: instant}), "created;summer;d\n2024-03-01 00:30:00+02;2024-07-13 11:59:00+03;2024-03-01\n"; got != want {
		t.Errorf("DateStyle in the URL: %q, want ISO %q", got, want)
	}

	// Closing before the end stops the COPY and frees the connection.
	rc, err := Open(ctx, Source{URL: pg, Query: "SELECT g FROM generate_series(1, 1000000) g"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	if err := rc.Close(); err != nil {
		t.Logf("close mid-stream: %v", err)
	}

	// An interrupt mid-COPY is the run's failure, not the input's.
	cctx, stop := context.WithCancel(ctx)
	rc, err = Open(cctx, Source{URL: pg, Query: "SELECT g FROM generate_series(1, 10000000) g"})
	if err != nil {
		t.Fatal(err)
	}
	stop()
	_, err = io.Copy(io.Discard, rc)
	rc.Close()
	if !errors.Is(err, kartoitus.ErrInternal) || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("cancelled COPY: %v, want ErrInternal, interrupted", err)
	}

	u, _ := url.Parse(pg)
	bad := *u
	bad.User = url.UserPassword("postgres", "S3cr3t-pw")
	for _, tc := range []struct {
		name string
		src  Source
		want string
	}{
		{"syntax", Source{URL: pg, Query: "SELEC nothing"}, "postgres:query: ERROR: syntax error"},
		{"a value in the error", Source{URL: pg, Query: "SELECT '010181-900C'::date"}, `invalid input syntax for type date: "010181-`},
		{"no table", Source{URL: pg, Table: "no_such_table"}, `postgres:no_such_table: ERROR: relation "no_such_table" does not exist`},
		{"no database", Source{URL: strings.Replace(bad.String(), "/postgres?", "/no_such_db?", 1), Table: "t"}, `cannot connect to postgres://postgres@`},
		{"no server", Source{URL: "postgres://postgres:S3cr3t-pw@127.0.0.1:1/db", Table: "t"}, "cannot connect to postgres://postgres@127.0.0.1:1/db"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc, err := Open(ctx, tc.src)
			if err == nil {
				rc.Close()
				t.Fatal("no error")
			}
			if !errors.Is(err, kartoitus.ErrUnreadable) {
				t.Errorf("%v: not ErrUnreadable", err)
			}
			t.Log(err)
			if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "S3cr3t") || strings.Contains(msg, "\n") || strings.Contains(msg, "900C") {
				t.Errorf("error %q: want %q, one line, no password, no henkilötunnus", msg, tc.want)
			}
		})
	}
}
