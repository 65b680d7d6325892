package parquetsrc

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// FromCSV writes a ';' CSV export (header row first) as a Parquet file of
// optional string columns: a lake's copy of the same data, for the
// differential tests and benchmarks.
func FromCSV(dst io.Writer, src io.Reader) error {
	r := csv.NewReader(src)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = ';', -1, true, true
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	group := parquet.Group{}
	pos := map[string]int{}
	for i, h := range head {
		h = strings.TrimPrefix(h, "\ufeff")
		if _, dup := pos[h]; dup || h == "" {
			return fmt.Errorf("column %d: empty or repeated name %q", i+1, h)
		}
		group[h] = parquet.Optional(parquet.String())
		pos[h] = i
	}
	schema := parquet.NewSchema("export", group)
	w := parquet.NewWriter(dst, schema)
	cols := schema.Columns()
	row := make(parquet.Row, len(cols))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for i, c := range cols {
			v := ""
			if j := pos[c[0]]; j < len(rec) {
				v = rec[j]
			}
			row[i] = parquet.ByteArrayValue([]byte(v)).Level(0, 1, i)
		}
		if _, err := w.WriteRows([]parquet.Row{row}); err != nil {
			return err
		}
	}
	return w.Close()
}
