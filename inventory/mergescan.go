package inventory

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/kartoitus/kartoitus/internal/xlsxguard"
)

// Merged cells are listed after a sheet's rows in its XML. excelize's
// GetMergeCells unmarshals the whole worksheet to reach them, which costs
// as much as reading every row again and holds the sheet in memory. These
// functions find them by scanning the sheet's XML stream for <mergeCell>
// tags instead; readSheet falls back to GetMergeCells if the scan fails.

// sheetMerges maps sheet names to their merged ranges ("A1:C2").
type sheetMerges map[string][]string

// scanMerges reads the merged ranges of every sheet of an xlsx archive.
func scanMerges(data []byte) (sheetMerges, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	wbPath := "xl/workbook.xml"
	if rels, err := readRels(files, "_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = r.target
			}
		}
	}
	wbDir := path.Dir(wbPath)
	rels, err := readRels(files, path.Join(wbDir, "_rels", path.Base(wbPath)+".rels"), wbDir)
	if err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, r := range rels {
		byID[r.id] = r.target
	}
	sheets, err := readWorkbookSheets(files, wbPath)
	if err != nil {
		return nil, err
	}
	out := sheetMerges{}
	for _, s := range sheets {
		target, ok := byID[s.rid]
		if !ok {
			continue
		}
		f := files[target]
		if f == nil {
			continue
		}
		refs, err := scanSheetMerges(f)
		if err != nil {
			return nil, err
		}
		out[s.name] = refs
	}
	return out, nil
}

type rel struct{ id, typ, target string }

func readRels(files map[string]*zip.File, name, base string) ([]rel, error) {
	f := files[name]
	if f == nil {
		return nil, errors.New("missing " + name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var doc struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(&doc); err != nil {
		return nil, err
	}
	out := make([]rel, 0, len(doc.Rels))
	for _, r := range doc.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(base, t)
		}
		out = append(out, rel{r.ID, r.Type, t})
	}
	return out, nil
}

type wbSheet struct{ name, rid string }

func readWorkbookSheets(files map[string]*zip.File, name string) ([]wbSheet, error) {
	f := files[name]
	if f == nil {
		return nil, errors.New("missing " + name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// The relationship id is r:id in either the transitional or the strict
	// namespace; match on the local name "id".
	var doc struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(&doc); err != nil {
		return nil, err
	}
	var out []wbSheet
	for _, s := range doc.Sheets {
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				out = append(out, wbSheet{s.Name, a.Value})
			}
		}
	}
	return out, nil
}

// scanSheetMerges streams one sheet's XML and collects the ref attribute
// of every <mergeCell> (any namespace prefix).
func scanSheetMerges(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(io.LimitReader(rc, xlsxguard.MaxUnpacked), 64<<10)
	var refs []string
	for {
		if _, err := br.ReadSlice('<'); err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				return refs, nil
			}
			return nil, err
		}
		head, _ := br.Peek(16)
		name := head
		if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
			name = name[:i]
		}
		if j := bytes.IndexByte(name, ':'); j >= 0 {
			name = name[j+1:]
		}
		if string(name) != "mergeCell" {
			continue
		}
		tag, err := br.ReadSlice('>')
		if err != nil {
			return nil, err
		}
		if ref, ok := attrValue(tag, "ref"); ok {
			refs = append(refs, ref)
		}
	}
}

// attrValue finds name="value" (or single quotes) in a start tag.
func attrValue(tag []byte, name string) (string, bool) {
	for i := 0; ; {
		j := bytes.Index(tag[i:], []byte(name+"="))
		if j < 0 {
			return "", false
		}
		j += i
		// whole attribute name: preceded by whitespace
		if j > 0 && !isXMLSpace(tag[j-1]) {
			i = j + len(name)
			continue
		}
		v := tag[j+len(name)+1:]
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			return "", false
		}
		end := bytes.IndexByte(v[1:], v[0])
		if end < 0 {
			return "", false
		}
		return string(v[1 : 1+end]), true
	}
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
