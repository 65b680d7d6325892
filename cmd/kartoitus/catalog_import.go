package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/sosmeta"
)

// catalogImport builds a structures CSV from THL's Sosmeta JSON-Schema
// export, so users can refresh the catalogue when THL publishes: the CSV
// goes to --catalog. The summary and every problem go to stderr.
func catalogImport(e env, args []string) error {
	var out string
	var skipBad bool
	fs := newFlags(e, "catalog import", "catalog import [-o FILE] [--skip-bad] SRC\n\n"+
		"SRC is THL's Sosmeta JSON-Schema export: a folder or .zip of <OID>.json files\n"+
		"(Valmis/ and Vanhentunut/ subfolders are fine), or one .json file.")
	fs.StringVar(&out, "o", "", "write the structures CSV to `file` (default: standard output)")
	fs.BoolVar(&skipBad, "skip-bad", false, "write the good structures even when some schema files have errors")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("catalog import: give one source (a folder, .zip or .json of Sosmeta schemas), have %d", len(pos))
	}
	src := pos[0]

	res, err := sosmeta.Import(src)
	switch {
	case errors.Is(err, sosmeta.ErrNoSchemas):
		return fmt.Errorf("%w: catalog import: %v", kartoitus.ErrNotRecognised, err)
	case err != nil:
		return unreadable(fmt.Errorf("catalog import: %w", err))
	}
	printImport(e.stderr, res)
	switch {
	case res.Errors() > 0 && !skipBad:
		return unreadable(fmt.Errorf("catalog import: %d of %s have errors; nothing written (fix them, or pass --skip-bad to write the other %s)",
			res.BadFiles(), plural(res.Files, "schema file"), plural(len(res.Versions), "structure")))
	case len(res.Versions) == 0:
		return unreadable(fmt.Errorf("catalog import: no schema file in %s could be imported", src))
	}

	printChanges(e.stderr, res.Versions)
	var buf bytes.Buffer
	if err := sosmeta.WriteStructures(&buf, res.Versions); err != nil {
		return err
	}
	// What we write must load with --catalog; check before writing.
	if _, err := sosmeta.ParseStructures(src, bytes.NewReader(buf.Bytes())); err != nil {
		return fmt.Errorf("catalog import: internal error, the written catalogue does not load: %v", err)
	}
	if out == "" || out == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return unreadable(fmt.Errorf("catalog import: write %s: %w", out, err))
	}
	e.notef("wrote %s (%s); use it with --catalog %s\n", out, plural(len(res.Versions), "structure"), out)
	return nil
}

// printImport writes the summary: what was read and every problem.
func printImport(w io.Writer, res *sosmeta.ImportResult) {
	skipped := ""
	if n := len(res.Skipped); n > 0 {
		skipped = fmt.Sprintf("; skipped %s that %s not .json", plural(n, "file"), map[bool]string{true: "is", false: "are"}[n == 1])
	}
	fmt.Fprintf(w, "catalog import: read %s from %s%s\n", plural(res.Files, "schema file"), res.Source, skipped)
	for _, p := range res.Problems {
		level := "error"
		if p.Warning {
			level = "warning"
		}
		fmt.Fprintf(w, "  %s: %v\n", level, p)
	}
	types := map[string]bool{}
	for _, v := range res.Versions {
		types[sosmeta.Key(v.CodeSystem, v.Code)] = true
	}
	fmt.Fprintf(w, "  %s: %d %s, %d %s; %s\n", plural(len(res.Versions), "structure"),
		res.Count(sosmeta.Valid), sosmeta.Valid, res.Count(sosmeta.Obsolete), sosmeta.Obsolete, plural(len(types), "document type"))
	fmt.Fprintf(w, "  %s, %s\n", plural(res.Errors(), "error"), plural(res.Warnings(), "warning"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// printChanges lists structures that are new or changed compared with
// the embedded catalogue: what a refresh from THL brings.
func printChanges(w io.Writer, vs []sosmeta.Version) {
	base, err := sosmeta.Default()
	if err != nil {
		return
	}
	var lines []string
	for _, v := range vs {
		old, ok := embeddedVersion(base, v.StructureOID)
		switch {
		case !ok:
			lines = append(lines, fmt.Sprintf("new      %s  %s  %s", v.StructureOID, v.Status, v.NameFI))
		case old != v:
			lines = append(lines, fmt.Sprintf("changed  %s  %s  %s%s", v.StructureOID, v.Status, v.NameFI, changedFields(old, v)))
		}
	}
	fmt.Fprintf(w, "  compared with the embedded catalogue (%s): %d new or changed\n", sosmeta.EmbeddedStructuresFile, len(lines))
	const max = 30
	for i, l := range lines {
		if i == max {
			fmt.Fprintf(w, "    … and %d more\n", len(lines)-max)
			break
		}
		fmt.Fprintln(w, "    "+l)
	}
}

func embeddedVersion(c *sosmeta.Catalogue, oid string) (sosmeta.Version, bool) {
	d := c.ByOID(oid)
	if d == nil {
		return sosmeta.Version{}, false
	}
	for _, v := range d.Versions {
		if v.StructureOID == oid {
			return v, true
		}
	}
	return sosmeta.Version{}, false
}

func changedFields(a, b sosmeta.Version) string {
	var fs []string
	add := func(name, x, y string) {
		if x != y {
			fs = append(fs, name)
		}
	}
	add("status", string(a.Status), string(b.Status))
	add("definition_version", a.Date, b.Date)
	add("name_fi", a.NameFI, b.NameFI)
	add("name_sv", a.NameSV, b.NameSV)
	add("document_type", a.Kind, b.Kind)
	add("document_author", a.Author, b.Author)
	add("document_subject", a.Subject, b.Subject)
	add("json_root", a.JSONRoot, b.JSONRoot)
	return " (" + joinComma(fs) + ")"
}

// writeFileAtomic writes through a temporary file in the same folder, so
// a failed import never leaves a half-written catalogue behind.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".kartoitus-import-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
