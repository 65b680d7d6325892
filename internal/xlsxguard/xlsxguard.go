// Package xlsxguard opens XLSX workbooks for every reader (inventory,
// register export, TOS, accepted mappings) with the same limits, so no
// reader can be made to unpack a zip bomb: a 4 MB file holding a 1 GiB
// sheet once kept the register gate busy for three minutes. It also
// decides, in one place, that a file named .xlsx which is not a zip
// archive is unreadable input (exit 2) in every command.
package xlsxguard

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/internal/textio"
)

// Limits. A workbook of tens of thousands of rows is a few megabytes and
// unpacks to tens; the limits only stop a hostile file from taking the
// machine down. Spreadsheet XML compresses 5–20 times, rarely past 100;
// deflate cannot pass about 1,030.
const (
	// MaxFile bounds the file itself, which excelize holds in memory.
	MaxFile = 256 << 20
	// MaxUnpacked bounds the unpacked size of all parts together.
	MaxUnpacked = 512 << 20
	// MaxRatio bounds one part's unpacked size over its packed size, for
	// parts of more than ratioFloor bytes unpacked.
	MaxRatio   = 200
	ratioFloor = 1 << 20
	// MaxParts bounds the number of zip members.
	MaxParts = 10000
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// IsZip reports whether head starts like a zip archive (an XLSX).
func IsZip(head []byte) bool { return bytes.HasPrefix(head, zipMagic) }

// Sniff decides from the first bytes and the file name whether a file is
// an XLSX workbook (true) or delimited text (false). A name that promises
// a workbook (.xlsx, .xlsm, .xls, .ods) without the content of an XLSX is
// kartoitus.ErrUnreadable, whichever reader is asking.
func Sniff(name string, head []byte) (bool, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case IsZip(head):
		return true, nil
	case bytes.HasPrefix(head, oleMagic), ext == ".xls":
		return false, fmt.Errorf("%w: %s is an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx (Excel workbook) without a password",
			kartoitus.ErrUnreadable, name)
	case ext == ".xlsx" || ext == ".xlsm":
		return false, fmt.Errorf("%w: %s is not an xlsx workbook (it is not a zip archive)", kartoitus.ErrUnreadable, name)
	case ext == ".ods":
		return false, fmt.Errorf("%w: %s is an OpenDocument spreadsheet; save it as .xlsx or CSV", kartoitus.ErrUnreadable, name)
	}
	return false, nil
}

// Open reads r and opens it as a workbook: ReadAll, then OpenBytes.
func Open(r io.Reader, name string, opts excelize.Options) (*excelize.File, error) {
	data, err := ReadAll(r, name)
	if err != nil {
		return nil, err
	}
	return OpenBytes(data, name, opts)
}

// ReadAll reads at most MaxFile bytes of r and checks the zip's declared
// sizes against the limits (Check). archive/zip refuses a part that
// unpacks past its declared size, so the declared sizes bound the work
// excelize can be made to do. Errors wrap kartoitus.ErrUnreadable.
func ReadAll(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFile+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, name, err)
	}
	if len(data) > MaxFile {
		return nil, fmt.Errorf("%w: %s is larger than %d MB; save large data as CSV", kartoitus.ErrUnreadable, name, MaxFile>>20)
	}
	if err := Check(data); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", kartoitus.ErrUnreadable, name, err)
	}
	return data, nil
}

// OpenBytes opens data that ReadAll returned with excelize, under this
// package's size limits whatever opts says (opts may set RawCellValue
// and the like). Errors wrap kartoitus.ErrUnreadable.
func OpenBytes(data []byte, name string, opts excelize.Options) (*excelize.File, error) {
	opts.UnzipSizeLimit = MaxUnpacked
	opts.UnzipXMLSizeLimit = MaxUnpacked
	f, err := openRecovered(data, opts)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: not a readable xlsx workbook: %v", kartoitus.ErrUnreadable, name, err)
	}
	return f, nil
}

// openRecovered is excelize.OpenReader, with a panic (excelize has
// panicked on malformed parts) turned into an error.
func openRecovered(data []byte, opts excelize.Options) (f *excelize.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("the workbook is damaged (%v)", p)
		}
	}()
	return excelize.OpenReader(bytes.NewReader(data), opts)
}

// Check refuses a zip whose parts declare more than the limits allow.
func Check(data []byte) error {
	if !IsZip(data) {
		return fmt.Errorf("not an xlsx workbook (it is not a zip archive)")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a readable xlsx workbook: %v", err)
	}
	if len(zr.File) > MaxParts {
		return fmt.Errorf("the workbook has %d parts, more than %d", len(zr.File), MaxParts)
	}
	var total uint64
	for _, f := range zr.File {
		u, c := f.UncompressedSize64, f.CompressedSize64
		total += u
		if total > MaxUnpacked {
			return fmt.Errorf("the workbook unpacks to more than %d MB; save large data as CSV", MaxUnpacked>>20)
		}
		if u > ratioFloor && (c == 0 || u/c > MaxRatio) {
			return fmt.Errorf("part %q unpacks %d times its size (at most %d): not a spreadsheet as Excel writes it",
				textio.Excerpt(f.Name, 60), u/max(c, 1), MaxRatio)
		}
	}
	return nil
}
