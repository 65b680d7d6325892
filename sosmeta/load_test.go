package sosmeta

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const structuresHeader = "structure_oid,code_system_oid,code,definition_version,status,name_fi,name_sv,document_type,document_author,document_subject,json_root\n"

const row11023 = "1.2.246.537.6.1506.11023.2023.5.31,1.2.246.537.6.1506,11023,2023-05-31,Valmis,Päätös lapsen huostaanotosta ja sijaishuollosta,Beslut om omhändertagande av barn och vård utom hemmet,Päätös,Ammattihenkilö,Lastensuojelun sijaishuollon asiakasasiakirjat,paatos_lapsen_huostaanotosta_ja_sijaishuollosta\n"

func TestParseStructuresErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings of the error
	}{
		{"empty", "", []string{"in.csv: empty file", "want header structure_oid"}},
		{"missing column", strings.Replace(structuresHeader, ",json_root", "", 1) + row11023,
			[]string{"in.csv: line 1: missing column \"json_root\""}},
		{"header only", structuresHeader, []string{"in.csv: no structures"}},
		{"bad code system", structuresHeader + row11023 + strings.Replace(row11023, ",1.2.246.537.6.1506,", ",1.2.246.537.6.1221,", 1),
			[]string{"in.csv: line 3: field code_system_oid: \"1.2.246.537.6.1221\""}},
		{"code not numeric", structuresHeader + strings.Replace(row11023, ",11023,", ",11O23,", 1),
			[]string{"line 2: field code: \"11O23\" is not a numeric code"}},
		{"OID not of code", structuresHeader + strings.Replace(row11023, ",11023,", ",11024,", 1),
			[]string{"line 2: field structure_oid:", "is not a version of 1.2.246.537.6.1506 code 11024"}},
		{"bad status", structuresHeader + strings.Replace(row11023, ",Valmis,", ",Luonnos,", 1),
			[]string{"line 2: field status: \"Luonnos\""}},
		{"no Finnish name", structuresHeader + strings.Replace(row11023, ",Päätös lapsen huostaanotosta ja sijaishuollosta,", ",,", 1),
			[]string{"line 2: field name_fi: empty"}},
		{"no kind", structuresHeader + strings.Replace(row11023, ",Päätös,", ",,", 1),
			[]string{"line 2: field document_type: empty"}},
		{"bad date", structuresHeader + strings.Replace(row11023, ",2023-05-31,", ",31.5.2023,", 1),
			[]string{"line 2: field definition_version: \"31.5.2023\""}},
		// A bare quote in the first field used to panic in FieldPos.
		{"bare quote first field", structuresHeader + "1.2\"46,x\n", []string{"in.csv:", "bare \" in non-quoted-field"}},
		{"unterminated quote", structuresHeader + "\"1.2.246", []string{"in.csv:", "extraneous or missing \" in quoted-field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseStructures("in.csv", strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseStructuresTolerant(t *testing.T) {
	// A BOM, reordered and extra columns, padded values: all fine.
	in := "\ufeffnote," + strings.Replace(structuresHeader, "structure_oid,code_system_oid", "code_system_oid,structure_oid", 1) +
		"x,1.2.246.537.6.1506, 1.2.246.537.6.1506.11023.2023.5.31 ,11023,2023-05-31,Valmis,Päätös lapsen huostaanotosta ja sijaishuollosta,,Päätös,,,\n"
	vs, err := ParseStructures("in.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].StructureOID != "1.2.246.537.6.1506.11023.2023.5.31" || vs[0].Code != "11023" {
		t.Errorf("got %+v", vs)
	}
}

// WriteStructures and ParseStructures round-trip the whole embedded
// export, including the author texts with commas and line breaks.
func TestWriteStructuresRoundTrip(t *testing.T) {
	data, err := embedded.ReadFile(EmbeddedStructuresFile)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := ParseStructures("embedded", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 263 {
		t.Fatalf("%d embedded structures, want 263", len(vs))
	}
	sorted := append([]Version(nil), vs...)
	SortVersions(sorted)
	if !reflect.DeepEqual(sorted, vs) {
		t.Error("SortVersions does not reproduce the order of the embedded export")
	}
	var buf bytes.Buffer
	if err := WriteStructures(&buf, vs); err != nil {
		t.Fatal(err)
	}
	back, err := ParseStructures("written", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, vs) {
		t.Error("structures changed in a write/parse round trip")
	}
}

func TestLoadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.csv")
	if err := os.WriteFile(path, []byte(structuresHeader+row11023), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Source != path || len(c.Types()) != 1 || c.ByCode("11023") == nil {
		t.Errorf("Load(%s): source %q, %d types", path, c.Source, len(c.Types()))
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.csv")); err == nil {
		t.Error("Load of a missing file: no error")
	}
}

func FuzzParseStructures(f *testing.F) {
	data, err := embedded.ReadFile(EmbeddedStructuresFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data[:4000]))
	f.Add(structuresHeader + row11023)
	f.Add(structuresHeader + "1.2\"46,x\n")
	f.Add(structuresHeader + "\"1.2.246")
	f.Add("")
	f.Add("\ufeff" + structuresHeader + "\n\n" + row11023)
	f.Fuzz(func(t *testing.T, in string) {
		vs, err := ParseStructures("fuzz.csv", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv: ") {
				t.Errorf("error does not name the source: %v", err)
			}
			return
		}
		for _, v := range vs {
			if err := v.check(); err != nil {
				t.Errorf("accepted a bad row: %v", err)
			}
		}
		// What was accepted survives a write and a second parse.
		var buf bytes.Buffer
		if err := WriteStructures(&buf, vs); err != nil {
			t.Fatal(err)
		}
		back, err := ParseStructures("again", &buf)
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		if !reflect.DeepEqual(back, vs) {
			t.Errorf("round trip changed %+v to %+v", vs, back)
		}
	})
}

// BenchmarkLoad is the cost every command pays when it loads its own
// catalogue copy (with --catalog or --overlay).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}
