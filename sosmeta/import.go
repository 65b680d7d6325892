package sosmeta

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kartoitus/kartoitus/internal/textio"
)

// This file reads THL's Sosmeta JSON-Schema export: one <OID>.json file per
// structure version, in a folder or a .zip, usually under Valmis/ (valid)
// and Vanhentunut/ (obsolete). Each schema carries THL's metadata in a
// top-level "sosmeta" object:
//
//	"sosmeta": {"status": "Valmis", "documentDefinitionVersion": "2023-05-31",
//	  "oid": "1.2.246.537.6.1506.11023.2023.5.31", "documentType": "Päätös",
//	  "documentAuthor": "Ammattihenkilö",
//	  "documentSubject": "Lastensuojelun sijaishuollon asiakasasiakirjat"},
//	"properties": {"paatos_lapsen_huostaanotosta_ja_sijaishuollosta": {
//	  "sosmeta": {"name": [{"lang": "fi", "value": "…"}, {"lang": "sv", …}]}, …}}
//
// The FI/SV names are on the single root property, whose key is json_root.

// ErrNoSchemas means an import source holds no Sosmeta schema at all: no
// .json file with a top-level "sosmeta" object. The CLI maps it to
// "nothing recognised" (exit 3).
var ErrNoSchemas = errors.New("no Sosmeta schema files")

// MaxSchemaSize bounds one schema file. The largest files of THL's
// 2025-05-20 export are a few hundred kB; the bound stops a zip bomb.
const MaxSchemaSize = 16 << 20

// SchemaError is one problem with one schema file.
type SchemaError struct {
	// File names the file as the user finds it: a path, or
	// "export.zip!Valmis/<OID>.json" for a zip member.
	File string
	// Field is the JSON path of the offending value ("sosmeta.oid"),
	// empty when the problem concerns the whole file.
	Field   string
	Message string
	// Warning problems do not keep the file out of the import.
	Warning bool
}

func (e *SchemaError) Error() string {
	if e.Field == "" {
		return e.File + ": " + e.Message
	}
	return e.File + ": field " + e.Field + ": " + e.Message
}

// ImportResult is what Import read.
type ImportResult struct {
	Source string
	// Files counts the .json files read.
	Files int
	// Skipped lists entries that are not schema files (other extensions,
	// hidden files, __MACOSX resource forks); they are ignored.
	Skipped []string
	// Versions are the structures of the files without errors, sorted as
	// the embedded data: code system, numeric code, definition date.
	Versions []Version
	// Problems in file order. A file with an error is not in Versions.
	Problems []*SchemaError
}

// Errors counts the error-level problems.
func (r *ImportResult) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Warnings counts the warning-level problems.
func (r *ImportResult) Warnings() int { return len(r.Problems) - r.Errors() }

// Count counts the imported versions with a status.
func (r *ImportResult) Count(s Status) int {
	n := 0
	for _, v := range r.Versions {
		if v.Status == s {
			n++
		}
	}
	return n
}

// BadFiles counts the files that have at least one error.
func (r *ImportResult) BadFiles() int {
	bad := map[string]bool{}
	for _, p := range r.Problems {
		if !p.Warning {
			bad[p.File] = true
		}
	}
	return len(bad)
}

// schemaFile is one file to parse: its display name, its path relative to
// the source (for the Valmis/Vanhentunut folder check) and its content.
type schemaFile struct {
	name string
	rel  string
	read func() ([]byte, error)
}

// Import reads a Sosmeta JSON-Schema export from a folder (walked
// recursively), a .zip archive, or a single .json file. Files that are
// not .json are skipped and listed. A file with errors is reported in
// Problems and left out; the others are imported. The error is non-nil
// only when the source cannot be read at all, or (wrapping ErrNoSchemas)
// when it holds no Sosmeta schema.
func Import(src string) (*ImportResult, error) {
	st, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{Source: src}
	var files []schemaFile
	switch {
	case st.IsDir():
		files, err = folderFiles(src, res)
	case isZip(src):
		var zr *zip.ReadCloser
		zr, err = zip.OpenReader(src)
		if err != nil {
			return nil, fmt.Errorf("%s: not a readable zip archive: %v", src, err)
		}
		defer zr.Close()
		files = zipFiles(src, &zr.Reader, res)
	case strings.EqualFold(filepath.Ext(src), ".json"):
		files = []schemaFile{{name: src, rel: filepath.Base(src), read: func() ([]byte, error) { return readLimited(src) }}}
	default:
		return nil, fmt.Errorf("%w: %s is neither a folder, a .zip archive nor a .json schema file", ErrNoSchemas, src)
	}
	if err != nil {
		return nil, err
	}

	recognised := 0
	seen := map[string]string{} // structure OID → file
	for _, f := range files {
		res.Files++
		data, err := f.read()
		if err != nil {
			// A .json file we cannot read is a broken schema, not a
			// foreign file: it counts as recognised.
			recognised++
			res.Problems = append(res.Problems, &SchemaError{File: f.name, Message: err.Error()})
			continue
		}
		v, probs, ok := parseSchema(f.name, data)
		if ok {
			recognised++
		}
		res.Problems = append(res.Problems, probs...)
		if hasError(probs) {
			continue
		}
		res.Problems = append(res.Problems, placementWarnings(f, v)...)
		if other, dup := seen[v.StructureOID]; dup {
			res.Problems = append(res.Problems, &SchemaError{File: f.name, Field: "sosmeta.oid",
				Message: fmt.Sprintf("%s is also defined in %s", v.StructureOID, other)})
			continue
		}
		seen[v.StructureOID] = f.name
		res.Versions = append(res.Versions, v)
	}
	if recognised == 0 {
		return res, fmt.Errorf("%w in %s: %s", ErrNoSchemas, src, describeSeen(res))
	}
	SortVersions(res.Versions)
	return res, nil
}

// SortVersions orders versions as the embedded data: document groups
// (1505) before client-document types (1506), then by numeric code and
// definition date.
func SortVersions(vs []Version) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.CodeSystem != b.CodeSystem {
			return a.CodeSystem < b.CodeSystem
		}
		if a.Code != b.Code {
			return codeLess(a.Code, b.Code)
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.StructureOID < b.StructureOID
	})
}

// WriteStructures writes versions as a structures CSV (header
// StructureColumns), the format Load reads.
func WriteStructures(w io.Writer, vs []Version) error {
	cw := textio.NewCSVWriter(w, 0)
	if err := cw.Write(StructureColumns); err != nil {
		return err
	}
	for _, v := range vs {
		rec := []string{v.StructureOID, v.CodeSystem, v.Code, v.Date, string(v.Status), v.NameFI, v.NameSV,
			v.Kind, v.Author, v.Subject, v.JSONRoot}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func folderFiles(src string, res *ImportResult) ([]schemaFile, error) {
	// WalkDir does not follow a symlinked root; resolve it, but name
	// files under the path the user gave.
	root, err := filepath.EvalSymlinks(src)
	if err != nil {
		return nil, err
	}
	var files []schemaFile
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		name := filepath.Join(src, rel)
		if err != nil {
			if p == root {
				return err
			}
			// An unreadable subfolder may hold schemas: a problem, not a stop.
			res.Problems = append(res.Problems, &SchemaError{File: name, Message: err.Error()})
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if !isSchemaName(rel) {
			res.Skipped = append(res.Skipped, name)
			return nil
		}
		files = append(files, schemaFile{name: name, rel: rel, read: func() ([]byte, error) { return readLimited(p) }})
		return nil
	})
	return files, err
}

func zipFiles(src string, zr *zip.Reader, res *ImportResult) []schemaFile {
	var files []schemaFile
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		// Archives made on Windows may use backslashes.
		rel := strings.TrimPrefix(path.Clean(strings.ReplaceAll(zf.Name, `\`, "/")), "/")
		name := src + "!" + rel
		if !isSchemaName(rel) {
			res.Skipped = append(res.Skipped, name)
			continue
		}
		files = append(files, schemaFile{name: name, rel: rel, read: func() ([]byte, error) {
			rc, err := zf.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return readAllLimited(rc)
		}})
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files
}

// isSchemaName keeps .json files and drops hidden files and the macOS
// resource forks (__MACOSX/…/._x.json) that zips made on a Mac carry.
func isSchemaName(rel string) bool {
	base := path.Base(rel)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(rel, "__MACOSX/") {
		return false
	}
	return strings.EqualFold(path.Ext(base), ".json")
}

func isZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [4]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil {
		return false
	}
	return string(magic[:]) == "PK\x03\x04" || string(magic[:]) == "PK\x05\x06"
}

func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAllLimited(f)
}

func readAllLimited(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSchemaSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSchemaSize {
		return nil, fmt.Errorf("larger than %d MiB; not a Sosmeta schema", MaxSchemaSize>>20)
	}
	return b, nil
}

func hasError(ps []*SchemaError) bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// placementWarnings flags a file whose name is not its OID, or that sits
// under a status folder that contradicts its status. The sosmeta object
// is authoritative; these only hint at a mixed-up export.
func placementWarnings(f schemaFile, v Version) []*SchemaError {
	var ps []*SchemaError
	base := path.Base(f.rel)
	if stem := strings.TrimSuffix(base, path.Ext(base)); stem != v.StructureOID {
		ps = append(ps, &SchemaError{File: f.name, Field: "sosmeta.oid", Warning: true,
			Message: fmt.Sprintf("file name %q does not match the OID %s", base, v.StructureOID)})
	}
	for _, dir := range strings.Split(path.Dir(f.rel), "/") {
		if (dir == string(Valid) || dir == string(Obsolete)) && dir != string(v.Status) {
			ps = append(ps, &SchemaError{File: f.name, Field: "sosmeta.status", Warning: true,
				Message: fmt.Sprintf("status %s, but the file is in folder %s", v.Status, dir)})
		}
	}
	return ps
}

func describeSeen(res *ImportResult) string {
	if res.Files > 0 {
		if res.Files == 1 {
			return "the .json file has no top-level \"sosmeta\" object"
		}
		return fmt.Sprintf("%d .json files, none with a top-level \"sosmeta\" object", res.Files)
	}
	if len(res.Skipped) == 0 {
		return "no files"
	}
	names := res.Skipped
	more := ""
	if len(names) > 5 {
		names, more = names[:5], fmt.Sprintf(" and %d more", len(res.Skipped)-5)
	}
	return fmt.Sprintf("no .json files; saw %s%s", strings.Join(names, ", "), more)
}

// The JSON shapes read from a schema; everything else is ignored.
type (
	langValue struct {
		Lang  string `json:"lang"`
		Value string `json:"value"`
	}
	schemaMeta struct {
		Status            string `json:"status"`
		DefinitionVersion string `json:"documentDefinitionVersion"`
		OID               string `json:"oid"`
		DocumentType      string `json:"documentType"`
		DocumentAuthor    string `json:"documentAuthor"`
		DocumentSubject   string `json:"documentSubject"`
	}
	schemaDoc struct {
		Sosmeta    *schemaMeta                `json:"sosmeta"`
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	rootProperty struct {
		Sosmeta *struct {
			Name []langValue `json:"name"`
		} `json:"sosmeta"`
	}
)

// ParseSchema maps one Sosmeta JSON schema to a Version. file names the
// file in problems. The version is usable only when no problem is an
// error.
func ParseSchema(file string, data []byte) (Version, []*SchemaError) {
	v, ps, _ := parseSchema(file, data)
	return v, ps
}

// parseSchema also reports whether the file is recognisably a Sosmeta
// schema (valid JSON with a top-level "sosmeta" object).
func parseSchema(file string, data []byte) (Version, []*SchemaError, bool) {
	var ps []*SchemaError
	fail := func(field, format string, args ...any) {
		ps = append(ps, &SchemaError{File: file, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	warn := func(field, format string, args ...any) {
		ps = append(ps, &SchemaError{File: file, Field: field, Message: fmt.Sprintf(format, args...), Warning: true})
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		fail("", "empty file")
		return Version{}, ps, false
	}
	if !utf8.Valid(data) {
		fail("", "not UTF-8 text (Sosmeta schemas are UTF-8 JSON)")
		return Version{}, ps, false
	}
	var doc schemaDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		field, msg := describeJSONError(data, err)
		fail(field, "%s", msg)
		// Broken JSON, or a wrong type inside "sosmeta", is a broken schema;
		// valid JSON of another shape is something else.
		var se *json.SyntaxError
		recognised := errors.As(err, &se) || doc.Sosmeta != nil || strings.HasPrefix(field, "sosmeta")
		return Version{}, ps, recognised
	}
	if doc.Sosmeta == nil {
		fail("sosmeta", "missing: not a Sosmeta schema (no top-level \"sosmeta\" object)")
		return Version{}, ps, false
	}
	m := doc.Sosmeta
	v := Version{
		Status: Status(strings.TrimSpace(m.Status)), Kind: strings.TrimSpace(m.DocumentType),
		Author: strings.TrimSpace(m.DocumentAuthor), Subject: strings.TrimSpace(m.DocumentSubject),
	}

	oidDate := ""
	oid := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m.OID), "urn:oid:"))
	switch cs, rest := splitOID(oid); {
	case oid == "":
		fail("sosmeta.oid", "missing")
	case cs == "":
		fail("sosmeta.oid", "%q is not a Sosmeta client-document structure: want %s.<code>.<year>.<month>.<day> (asiakasasiakirjatyyppi) or %s.<code>.… (asiakirjaryhmä)",
			oid, DocumentTypeOID, DocumentGroupOID)
	default:
		code, date, err := parseOIDTail(rest)
		if err != nil {
			fail("sosmeta.oid", "%q: %v", oid, err)
			break
		}
		v.StructureOID, v.CodeSystem, v.Code, oidDate = oid, cs, code, date
	}

	switch v.Status {
	case Valid, Obsolete:
	case "":
		fail("sosmeta.status", "missing (want %s or %s)", Valid, Obsolete)
	default:
		fail("sosmeta.status", "%q is neither %s nor %s; only published and obsolete structures are imported", v.Status, Valid, Obsolete)
	}

	switch dv := strings.TrimSpace(m.DefinitionVersion); {
	case dv == "" && oidDate != "":
		v.Date = oidDate
		warn("sosmeta.documentDefinitionVersion", "missing; taken from the OID (%s)", oidDate)
	case dv == "":
		fail("sosmeta.documentDefinitionVersion", "missing")
	case !validDate(dv):
		fail("sosmeta.documentDefinitionVersion", "%q is not a YYYY-MM-DD date", dv)
	default:
		v.Date = dv
		if oidDate != "" && dv != oidDate {
			warn("sosmeta.documentDefinitionVersion", "%s differs from the date in the OID (%s)", dv, oidDate)
		}
	}

	if v.Kind == "" {
		fail("sosmeta.documentType", "missing (want the document kind, such as Päätös or Arvio)")
	}

	root, field, err := rootOf(doc)
	if err != nil {
		fail(field, "%v", err)
	} else {
		v.JSONRoot = root
		nameField := "properties." + root + ".sosmeta.name"
		var rp rootProperty
		if err := json.Unmarshal(doc.Properties[root], &rp); err != nil {
			f, msg := describeJSONError(doc.Properties[root], err)
			fail(joinField("properties."+root, f), "%s", msg)
		} else if rp.Sosmeta == nil || len(rp.Sosmeta.Name) == 0 {
			fail(nameField, "missing: the root property has no FI/SV names")
		} else {
			v.NameFI, v.NameSV = langOf(rp.Sosmeta.Name, "fi"), langOf(rp.Sosmeta.Name, "sv")
			if v.NameFI == "" {
				fail(nameField, "no Finnish (fi) name")
			}
		}
	}

	if !hasError(ps) {
		// Backstop: what Load would reject must not be written.
		if err := v.check(); err != nil {
			fail("", "%v", err)
		}
	}
	return v, ps, true
}

// splitOID splits a structure OID into its code system and the arcs
// after it.
func splitOID(oid string) (cs, rest string) {
	for _, c := range []string{DocumentTypeOID, DocumentGroupOID} {
		if r, ok := strings.CutPrefix(oid, c+"."); ok {
			return c, r
		}
	}
	return "", ""
}

// parseOIDTail reads "<code>.<year>.<month>.<day>".
func parseOIDTail(rest string) (code, date string, err error) {
	arcs := strings.Split(rest, ".")
	if len(arcs) != 4 {
		return "", "", fmt.Errorf("want <code>.<year>.<month>.<day> after the code system, have %d arcs", len(arcs))
	}
	if !codeRe.MatchString(arcs[0]) {
		return "", "", fmt.Errorf("code %q is not numeric", arcs[0])
	}
	var n [3]int
	for i, a := range arcs[1:] {
		if a == "" || len(a) > 4 || strings.Trim(a, "0123456789") != "" {
			return "", "", fmt.Errorf("date arc %q is not a number", a)
		}
		n[i], _ = strconv.Atoi(a)
	}
	date = fmt.Sprintf("%04d-%02d-%02d", n[0], n[1], n[2])
	if n[0] < 1000 || !validDate(date) {
		return "", "", fmt.Errorf("%d.%d.%d is not a date", n[0], n[1], n[2])
	}
	return arcs[0], date, nil
}

func validDate(s string) bool {
	if !dateRe.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// rootOf finds the root property: the only one, or the one "required"
// names when there are several.
func rootOf(doc schemaDoc) (root, field string, err error) {
	switch len(doc.Properties) {
	case 0:
		return "", "properties", errors.New("missing: the schema has no root property")
	case 1:
		for k := range doc.Properties {
			return k, "", nil
		}
	}
	var named []string
	for _, r := range doc.Required {
		if _, ok := doc.Properties[r]; ok {
			named = append(named, r)
		}
	}
	if len(named) == 1 {
		return named[0], "", nil
	}
	keys := slices.Sorted(maps.Keys(doc.Properties))
	return "", "properties", fmt.Errorf("%d top-level properties (%s) and \"required\" does not single out the root", len(keys), strings.Join(keys, ", "))
}

func langOf(vs []langValue, lang string) string {
	for _, v := range vs {
		if strings.EqualFold(strings.TrimSpace(v.Lang), lang) {
			if s := strings.TrimSpace(v.Value); s != "" {
				return s
			}
		}
	}
	return ""
}

// describeJSONError turns a decoding error into a field path and a
// message with a line and column.
func describeJSONError(data []byte, err error) (field, msg string) {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := lineCol(data, se.Offset)
		return "", fmt.Sprintf("bad JSON at line %d, column %d: %v", line, col, err)
	case errors.As(err, &te):
		if te.Field == "" {
			return "", fmt.Sprintf("not a JSON schema object: the file holds a JSON %s", te.Value)
		}
		want := "another type"
		if te.Type != nil {
			want = jsonKind(te.Type.Kind().String())
		}
		return te.Field, fmt.Sprintf("is a JSON %s, want %s", te.Value, want)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "", "bad JSON: unexpected end of file"
	}
	return "", "bad JSON: " + err.Error()
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	}
	return goKind
}

func joinField(prefix, f string) string {
	if f == "" {
		return prefix
	}
	return prefix + "." + f
}

// lineCol converts the offset of a JSON syntax error (the bytes read,
// including the offending one) to the 1-based line and column, in
// characters, of the last byte read.
func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return line, col
}
