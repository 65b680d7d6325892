// Package pgtest gives tests a PostgreSQL server: $KARTOITUS_PG_URL when
// set, else a throwaway cluster of the installed server binaries in a
// temporary folder, reached over a unix socket only (listen_addresses
// empty: no TCP port is opened). Without binaries the test is skipped,
// or fails when CI=1: CI installs the server, so a missing one there is a
// broken runner, not a reason to pass.
package pgtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/csv"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable of an existing server's URL.
const EnvURL = "KARTOITUS_PG_URL"

// URL returns a connection URL of a database the test may create tables
// in. A cluster it starts is stopped and removed when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	bin, err := binDir()
	if err != nil {
		missing(t, err)
	}
	// Not t.TempDir: the socket path must stay under ~100 bytes, and
	// when root runs the tests the postgres user must reach the folder.
	dir, err := os.MkdirTemp("", "kpg")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// initdb refuses to run as root: the cluster then belongs to the
	// postgres user, which must own the folder.
	var as []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			missing(t, fmt.Errorf("running as root and no postgres user to run the server as: %v", err))
		}
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			missing(t, fmt.Errorf("running as root and no runuser: %v", err))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		as = []string{runuser, "-u", "postgres", "--"}
	}
	run := func(name string, args ...string) error {
		argv := append(append(append([]string(nil), as...), filepath.Join(bin, name)), args...)
		out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v\n%s", name, err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := run("initdb", "-N", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "-D", data); err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	// fsync off: the cluster is thrown away, so durability buys nothing.
	// TimeZone UTC whatever the machine's, as a cloud database's often is:
	// the tests show the session's own zone is what the rows are written in.
	opts := fmt.Sprintf("-k %s -p %d -c listen_addresses='' -c fsync=off -c TimeZone=UTC", dir, port)
	if err := run("pg_ctl", "start", "-w", "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		t.Fatalf("%v\n%s", err, log)
	}
	t.Cleanup(func() {
		if err := run("pg_ctl", "stop", "-m", "immediate", "-D", data); err != nil {
			t.Log(err)
		}
	})
	q := url.Values{"host": {dir}, "port": {strconv.Itoa(port)}}
	return "postgres://postgres@/postgres?" + q.Encode()
}

// missing skips the test, or fails it under CI.
func missing(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI: a PostgreSQL server is needed (set %s or install postgresql): %v", EnvURL, err)
		return
	}
	t.Skipf("no PostgreSQL server (set %s or install postgresql): %v", EnvURL, err)
}

// binDir finds initdb and pg_ctl: on PATH, else in Debian's versioned
// folders (which are not on PATH), the newest version first.
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if isFile(filepath.Join(d, "initdb")) && isFile(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	return "", fmt.Errorf("no initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(strings.Split(filepath.Base(filepath.Dir(binDir)), ".")[0])
	return n
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// freePort is a TCP port nothing listens on. The server opens no TCP
// port, but the number names its socket and its shared memory key.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Loaded is a CSV loaded into the server.
type Loaded struct {
	// Table has the CSV's columns (text) and an ordinal, Ordinal, of each
	// row's place in the file.
	Table string
	// View is the CSV's columns only, in the file's order. A table has no
	// order: rows of variable size are placed wherever the free-space map
	// finds room (measured: a 6,000-row COPY moved rows up to 100 places),
	// and a seq scan returns them in that order.
	View string
	// Columns is the CSV's columns, quoted and comma-separated.
	Columns string
}

// Ordinal is the column of Loaded.Table that keeps the file's row order.
const Ordinal = "kartoitus_rivi"

// LoadCSV loads data (UTF-8 CSV, delimiter delim, a header row) into a
// new table of text columns named by the header, with COPY FROM STDIN.
// The names are unique, so tests may share a server ($KARTOITUS_PG_URL);
// table and view are dropped when the test ends.
func LoadCSV(t testing.TB, pgURL string, data []byte, delim rune) Loaded {
	t.Helper()
	ctx := context.Background()
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delim
	header, err := cr.Read()
	if err != nil {
		t.Fatalf("header row: %v", err)
	}
	name := "kartoitus_test_" + strings.ToLower(rand.Text()[:10])
	l := Loaded{Table: name, View: name + "_v"}
	names := make([]string, len(header))
	defs := make([]string, len(header))
	for i, h := range header {
		names[i] = pgx.Identifier{strings.TrimPrefix(h, "\ufeff")}.Sanitize()
		defs[i] = names[i] + " text"
	}
	l.Columns = strings.Join(names, ", ")
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, pgURL)
		if err != nil {
			t.Log(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP TABLE IF EXISTS "+l.Table+" CASCADE"); err != nil {
			t.Log(err)
		}
	})
	// COPY reads rows in order, so the identity numbers them as the file.
	create := fmt.Sprintf("CREATE TABLE %s (%s bigint GENERATED ALWAYS AS IDENTITY, %s)", l.Table, Ordinal, strings.Join(defs, ", "))
	view := fmt.Sprintf("CREATE VIEW %s AS SELECT %s FROM %s ORDER BY %s", l.View, l.Columns, l.Table, Ordinal)
	if _, err := conn.Exec(ctx, create); err != nil {
		t.Fatal(err)
	}
	sql := fmt.Sprintf("COPY %s (%s) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER %s)", l.Table, l.Columns, quoteLiteral(string(delim)))
	if _, err := conn.PgConn().CopyFrom(ctx, bytes.NewReader(data), sql); err != nil {
		t.Fatalf("loading the CSV: %v", err)
	}
	if _, err := conn.Exec(ctx, view); err != nil {
		t.Fatal(err)
	}
	return l
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// Exec runs SQL statements on the server (test set-up).
func Exec(t testing.TB, pgURL, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatal(err)
	}
}
