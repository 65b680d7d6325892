package export

import (
	"bytes"
	"strings"
	"testing"
	"unsafe"
)

func (f *fastCSV) scanLineIB(buf []byte, str string, p int) int {
	nl := bytes.IndexByte(buf[p:], '\n')
	if nl < 0 {
		return 0
	}
	line := buf[p : p+nl]
	if bytes.IndexByte(line, '"') >= 0 {
		return 0
	}
	s := str[p : p+nl]
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	fields := f.fields[:0]
	for {
		i := strings.IndexByte(s, f.comma)
		if i < 0 {
			fields = append(fields, s)
			break
		}
		fields = append(fields, s[:i])
		s = s[i+1:]
	}
	f.fields = fields
	return p + nl + 1
}

func BenchmarkScanZZ(b *testing.B) {
	row := "1.2.246.10.33001018.11.7;1;010125-0030;social;1.2.246.10.33001018.19.0;public;1.2.246.10.33001018.10.0;1.2.246.10.33001018.10.0;;own;substance_abuse;1011;HVA1/2022/1;1.2.246.10.33001018.10.0;2019-10-31T12:07:00;active;;;;\n"
	data := []byte(strings.Repeat(row, 1000))
	str := unsafe.String(&data[0], len(data))
	f := &fastCSV{comma: ';'}
	b.Run("swar", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for p := 0; p < len(data); {
				p = f.scanLine(data, str, p, false)
			}
		}
	})
	b.Run("indexbyte", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for p := 0; p < len(data); {
				p = f.scanLineIB(data, str, p)
			}
		}
	})
}
