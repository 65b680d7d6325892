// Package strictyaml decodes the tool's hand-written YAML (and JSON) files
// the one way they should all be read: unknown keys are errors, so a typo
// in an overlay, ignore or mapping file is reported instead of silently
// ignored; an empty file is an empty document; errors name the file.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"
)

// Decode decodes b into v; path is used in the error message.
func Decode(path string, b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}
