// Package parquetsrc reads a register export stored as a Parquet file (a
// data lake's usual format) as the CSV text the file path reads: a header
// row of the column names, then one ';' row per record, so every rule and
// finding is the same as on a CSV of the same data.
//
// It uses github.com/parquet-go/parquet-go: pure Go (the static cross
// builds stay), reads the columnar pages row group by row group with
// bounded memory, and decodes every physical and logical type the export's
// columns come in (strings, integers, dates, timestamps, booleans).
package parquetsrc

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/fi"
)

// Magic is how a Parquet file starts (and ends).
const Magic = "PAR1"

// IsParquet reports whether the first bytes of a file are Parquet's.
func IsParquet(head []byte) bool { return len(head) >= 4 && string(head[:4]) == Magic }

// Open opens path and streams its rows as CSV text. Errors wrap
// kartoitus.ErrUnreadable (a damaged file) or kartoitus.ErrNotRecognised
// (no columns); one found while streaming ends the text with it.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: %v", kartoitus.ErrUnreadable, err)
	}
	pf, err := openFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: %s: not a readable Parquet file: %s", kartoitus.ErrUnreadable, ident.Redact(path), ident.Redact(err.Error()))
	}
	cols, err := columns(pf)
	if err != nil {
		f.Close()
		return nil, err
	}
	pr, pw := io.Pipe()
	go func() {
		err := write(pw, pf, cols)
		f.Close()
		pw.CloseWithError(err)
	}()
	return pr, nil
}

// openFile is parquet.OpenFile, with a panic on a damaged file turned
// into an error (the reader trusts offsets in the footer).
func openFile(r io.ReaderAt, size int64) (pf *parquet.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			pf, err = nil, fmt.Errorf("damaged file (%v)", p)
		}
	}()
	return parquet.OpenFile(r, size)
}

// column is one flat column of the file.
type column struct {
	name string
	node parquet.Node
}

func columns(pf *parquet.File) ([]column, error) {
	var cols []column
	for _, f := range pf.Schema().Fields() {
		if !f.Leaf() || f.Repeated() {
			return nil, fmt.Errorf("%w: Parquet column %q is nested or repeated; a register export has one value per column", kartoitus.ErrNotRecognised, ident.Redact(f.Name()))
		}
		cols = append(cols, column{name: f.Name(), node: f})
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("%w: the Parquet file has no columns", kartoitus.ErrNotRecognised)
	}
	return cols, nil
}

// write streams the rows as ';' CSV with a header row.
func write(w io.Writer, pf *parquet.File, cols []column) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: damaged Parquet data (%v)", kartoitus.ErrUnreadable, p)
		}
	}()
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	rd := parquet.NewReader(pf)
	defer rd.Close()
	rows := make([]parquet.Row, 256)
	for {
		n, rerr := rd.ReadRows(rows)
		for _, row := range rows[:n] {
			for i := range rec {
				rec[i] = ""
			}
			for _, v := range row {
				if c := v.Column(); c >= 0 && c < len(cols) {
					rec[c] = text(v, cols[c].node)
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return fmt.Errorf("%w: Parquet: %s", kartoitus.ErrUnreadable, ident.Redact(rerr.Error()))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// text writes a value as the CSV path would hold it: dates as
// YYYY-MM-DD, timestamps as local YYYY-MM-DDTHH:MM:SS, decimals with their
// scale, UUIDs in their hyphenated form, null as empty.
func text(v parquet.Value, node parquet.Node) string {
	if v.IsNull() {
		return ""
	}
	var lv format.LogicalTypeValue
	if lt := node.Type().LogicalType(); lt != nil {
		lv = lt.Value
	}
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.FormatBool(v.Boolean())
	case parquet.Int32:
		switch lt := lv.(type) {
		case *format.DateType:
			return time.Unix(int64(v.Int32())*86400, 0).UTC().Format("2006-01-02")
		case *format.DecimalType:
			return decimal(big.NewInt(int64(v.Int32())), lt.Scale)
		case *format.IntType:
			if !lt.IsSigned {
				return strconv.FormatUint(uint64(v.Uint32()), 10)
			}
		}
		return strconv.FormatInt(int64(v.Int32()), 10)
	case parquet.Int64:
		switch lt := lv.(type) {
		case *format.TimestampType:
			var t time.Time
			switch lt.Unit.Value.(type) {
			case *format.MilliSeconds:
				t = time.UnixMilli(v.Int64())
			case *format.MicroSeconds:
				t = time.UnixMicro(v.Int64())
			default:
				t = time.Unix(0, v.Int64())
			}
			return clock(t, lt.IsAdjustedToUTC)
		case *format.DecimalType:
			return decimal(big.NewInt(v.Int64()), lt.Scale)
		case *format.IntType:
			if !lt.IsSigned {
				return strconv.FormatUint(v.Uint64(), 10)
			}
		}
		return strconv.FormatInt(v.Int64(), 10)
	case parquet.Int96:
		// INT96 is the legacy timestamp of Spark (still its default
		// writer type) and Hive: nanoseconds of the day in the low 64
		// bits, the Julian day above them, an instant in UTC.
		i := v.Int96()
		nanos := int64(uint64(i[1])<<32 | uint64(i[0]))
		days := int64(i[2]) - julianUnixEpoch
		return clock(time.Unix(days*86400, nanos), true)
	case parquet.Float:
		return strconv.FormatFloat(float64(v.Float()), 'f', -1, 32)
	case parquet.Double:
		return strconv.FormatFloat(v.Double(), 'f', -1, 64)
	case parquet.ByteArray, parquet.FixedLenByteArray:
		b := v.ByteArray()
		switch lt := lv.(type) {
		case *format.DecimalType:
			return decimal(signedBigEndian(b), lt.Scale)
		case *format.UUIDType:
			if len(b) == 16 {
				return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
			}
		}
		return string(b)
	}
	return v.String()
}

// julianUnixEpoch is the Julian day number of 1970-01-01.
const julianUnixEpoch = 2440588

// clock writes t as the export's local time. A timestamp adjusted to UTC
// is an instant: the organisation recorded it in Finnish time, so it is
// shown in Europe/Helsinki (in UTC a document made at 1.30 on the first
// day of a client relationship would fall on the day before it). One
// not adjusted is a wall-clock time stored as if in UTC: written as is.
func clock(t time.Time, adjustedToUTC bool) string {
	if adjustedToUTC {
		t = t.In(fi.Helsinki())
	} else {
		t = t.UTC()
	}
	return t.Format("2006-01-02T15:04:05")
}

// decimal writes an unscaled integer with scale digits after the point.
func decimal(n *big.Int, scale int32) string {
	switch {
	case scale <= 0:
		return n.String()
	case scale > 1000:
		// No real decimal has such a scale (38 digits is the usual
		// limit); a damaged footer must not make a gigabyte of zeros.
		return n.String() + "e-" + strconv.Itoa(int(scale))
	}
	s := new(big.Int).Abs(n).String()
	if len(s) <= int(scale) {
		s = strings.Repeat("0", int(scale)-len(s)+1) + s
	}
	s = s[:len(s)-int(scale)] + "." + s[len(s)-int(scale):]
	if n.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// signedBigEndian reads a two's-complement big-endian integer (a
// byte-array decimal's unscaled value).
func signedBigEndian(b []byte) *big.Int {
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
	}
	return n
}
