// Package deps pins the module's dependencies while the packages that use
// them are being written in parallel. It is removed once they are all in use.
package deps

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/dominikbraun/graph"
	_ "github.com/gocarina/gocsv"
	_ "github.com/goccy/go-graphviz"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/term"
	_ "golang.org/x/text/encoding/charmap"
	_ "golang.org/x/text/unicode/norm"
	_ "gopkg.in/yaml.v3"
)
