package tos

import (
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// field is a column the readers understand.
type field int

const (
	fNone field = iota
	fDocType
	fName
	fAttachment
	fCode
	fTask
	fClass
	fRetention
	fPaperRetention
	fBasis
	fStart
	fMedium
	fPaperFlag
	fElectronicFlag
	fPlanKind
	fDigitisation
	fSystem
	fPublicity
	fSecrecy
	fPersonal
	fStorage
	fPhase
	fAction
	fKnown // recognised JHS 191 / Helsinki column the analysis does not use
	nFields
)

var fieldNames = [nFields]string{
	fDocType: "asiakirjatyyppi", fName: "asiakirja/tarkenne", fAttachment: "liite", fCode: "koodi",
	fTask: "palvelutehtävä", fClass: "tehtäväluokka", fRetention: "säilytysaika",
	fPaperRetention: "paperin säilytysaika arkistossa", fBasis: "säilytysajan peruste",
	fStart: "laskentaperuste", fMedium: "tallennusmuoto", fPaperFlag: "paperi", fElectronicFlag: "sähköinen",
	fPlanKind: "TOS/AMS", fDigitisation: "digitointipäätös", fSystem: "tietojärjestelmä",
	fPublicity: "julkisuusluokka", fSecrecy: "salassapitoperuste", fPersonal: "henkilötietoluonne",
	fStorage: "säilytystapa", fPhase: "käsittelyvaihe", fAction: "toimenpide",
}

// headerExact maps folded headers (textnorm.FoldHeader: section numbers and
// parentheses dropped) to fields. Finnish first, then Swedish and English.
var headerExact = map[string]field{}

// headerPrefix catches the Helsinki workbook's long headers such as
// "Paperiasiakirjojen säilytysaika arkistossa = paperiasiakirjojen
// kokonaissäilytysaika".
var headerPrefix = []struct {
	prefix string
	f      field
}{
	{"paperiasiakirjojen sailytysaika arkistossa", fPaperRetention},
	{"paperiasiakirjojen sailytysaika tyopisteessa", fKnown},
	{"paperiasiakirjojen sailytysaika tyopisteeessa", fKnown},
	{"paperiasiakirjojen sailytysjarjestys", fStorage},
	{"paperiasiakirjojen sailytyspaikka", fKnown},
	{"paperiasiakirjojen sailytyksen vastuuhenkilo", fKnown},
	{"asiakirjatyypin tarkenne", fName},
	{"asiakirjan liitteet", fAttachment},
	{"suojeluluokka", fKnown},
}

func init() {
	add := func(f field, hs ...string) {
		for _, h := range hs {
			headerExact[textnorm.FoldHeader(h)] = f
		}
	}
	add(fDocType, "Asiakirjan tyyppi", "Asiakirjatyyppi", "Asiakirjan laji", "Valtakunnallinen asiakirjatyyppi",
		"Kansallinen asiakirjatyyppi", "Sosmeta-asiakirjatyyppi", "Asiakasasiakirjatyyppi", "Handlingstyp", "Document type",
		"National document type", "Document kind") // the last two: the tool's own draft with English headers
	add(fName, "Asiakirjatyypin tarkenne", "Tarkenne", "Asiakirja", "Asiakirjan nimi", "Asiakirjan nimike", "Nimi",
		"Nimike", "Asiakirjallinen tieto", "Asiakirjasarja", "Arkistosarja", "Sarja", "Paikallinen nimi",
		"Asiakirjaryhmä", "Handling", "Document", "Document name", "Name", "Records series")
	add(fAttachment, "Asiakirjan liitteet", "Liite", "Liitteet")
	add(fCode, "Koodi", "Asiakirjatyypin koodi", "Asiakirjatyyppikoodi", "Sosmeta-koodi", "Kansallinen koodi",
		"Valtakunnallinen koodi", "Asiakirjatyypin OID", "OID", "Code", "Kod")
	add(fTask, "Palvelutehtävä", "Palvelutehtävät", "Tehtävä", "Tehtävän nimi", "Tehtäväluokan nimi",
		"Serviceuppgift", "Service task")
	add(fClass, "Tehtäväluokka", "Tehtäväluokan tunnus", "Luokka", "Luokitus", "Uppgiftsklass", "Task class", "Function")
	add(fRetention, "Säilytysaika", "Säilytysajan pituus", "Säilytysaika vuosina", "Säilytysaika v", "Säilytysaika (v)",
		"Säilytysaika (vuotta)", "Kokonaissäilytysaika", "Förvaringstid", "Retention", "Retention period", "Retention years")
	add(fBasis, "Säilytysajan peruste", "Peruste", "Grund för förvaringstid", "Retention basis", "Retention reason")
	add(fStart, "Säilytysajan laskentaperuste", "Laskentaperuste", "Säilytysajan alkamisperuste", "Säilytysajan alkamishetki",
		"Beräkningsgrund", "Retention start", "Retention period start")
	add(fMedium, "Tallennusmuoto", "Säilytysmuoto", "Muoto", "Paperi/sähköinen", "Sähköinen/paperi", "Paperinen/sähköinen",
		"Paperi vai sähköinen", "Tallennusmuoto (paperi/sähköinen)", "Form", "Medium", "Storage medium")
	add(fPaperFlag, "Paperi", "Paperinen", "Paper")
	add(fElectronicFlag, "Sähköinen", "Electronic")
	add(fPlanKind, "TOS/AMS", "TOS vai AMS", "Suunnitelma", "Plan")
	add(fDigitisation, "Digitointi", "Digitointipäätös", "Digitoidaan", "Digitointi päätös", "Skannataan",
		"Digitalisering", "Digitisation", "Digitization")
	add(fSystem, "Tietojärjestelmä", "Rekisteröinti/ Tietojärjestelmä", "Rekisteröinti/tietojärjestelmä", "Järjestelmä",
		"Informationssystem", "System", "Information system")
	add(fPublicity, "Julkisuusluokka", "Offentlighetsklass", "Publicity class")
	add(fSecrecy, "Salassapitoperuste", "Sekretessgrund", "Secrecy basis")
	add(fPersonal, "Henkilötietoluonne", "Henkilötietoja", "Personal data")
	add(fStorage, "Säilytystapa", "Säilytyspaikka", "Förvaringssätt", "Storage")
	add(fPhase, "Käsittelyvaihe", "Vaihe", "Prosessin vaihe", "Phase", "Process phase")
	add(fAction, "Toimenpide", "Action")
	add(fKnown, "Salassapitoaika", "Salassapitoajan laskentaperuste", "Henkilötunnus", "Suojaustaso", "Turvallisuusluokka",
		"Lisätietoja", "Huomautukset", "Kuvaus", "Omistaja", "Prosessin omistaja", "Notes", "Secrecy period")
}

// classifyHeader returns the field a header names, or fNone.
func classifyHeader(h string) field {
	f := textnorm.FoldHeader(h)
	if f == "" {
		return fNone
	}
	if fd, ok := headerExact[f]; ok {
		return fd
	}
	for _, p := range headerPrefix {
		if strings.HasPrefix(f, p.prefix) {
			return p.f
		}
	}
	return fNone
}

// header is a recognised header row.
type header struct {
	cols []field      // per column
	idx  [nFields]int // first column of each field, -1 if absent
	raw  []string     // header cells as written
	// helsinki is the Helsinki TOS workbook layout: column "Tehtäväluokka"
	// holds row types, and class rows precede the data.
	helsinki bool
	unknown  []string // non-empty headers no field matched
}

// hasDocument reports whether the row names documents at all.
func (h *header) hasDocument() bool {
	return h.idx[fName] >= 0 || h.idx[fDocType] >= 0 || h.idx[fCode] >= 0
}

// recognised counts distinct fields found.
func (h *header) recognised() int {
	n := 0
	for f := fDocType; f < nFields; f++ {
		if h.idx[f] >= 0 {
			n++
		}
	}
	return n
}

// parseHeader classifies a candidate header row. It returns nil unless the
// row names a document column and at least one other recognised column.
func parseHeader(cells []string) *header {
	h := &header{cols: make([]field, len(cells)), raw: cells}
	for i := range h.idx {
		h.idx[i] = -1
	}
	for i, c := range cells {
		f := classifyHeader(c)
		h.cols[i] = f
		if f == fNone {
			if strings.TrimSpace(c) != "" {
				h.unknown = append(h.unknown, strings.TrimSpace(c))
			}
			continue
		}
		if h.idx[f] < 0 {
			h.idx[f] = i
		}
	}
	if !h.hasDocument() || h.recognised() < 2 {
		return nil
	}
	h.helsinki = h.idx[fClass] == 0 && h.idx[fDocType] >= 0 && h.idx[fName] >= 0
	return h
}

// cell returns the trimmed value of field f in row, or "".
func (h *header) cell(row []string, f field) string {
	i := h.idx[f]
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// column returns the header of field f as written, for locations.
func (h *header) column(f field) string {
	i := h.idx[f]
	if i < 0 || i >= len(h.raw) {
		return fieldNames[f]
	}
	return strings.TrimSpace(h.raw[i])
}
