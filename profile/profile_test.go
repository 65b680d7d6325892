package profile

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	kartoitus "github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/registers"
)

func TestSampleProfile(t *testing.T) {
	p, err := Read("../samples/profile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Own().String(); got != "3187542-4" {
		t.Errorf("own = %s", got)
	}
	county, _ := ident.ParseYTunnus("3266145-2")
	if k := p.OrganiserKinds()[county]; k != export.OrgKindPublic {
		t.Errorf("county kind = %v", k)
	}
	if !p.Has(RoleProducer) || !p.Has(RoleOrganiser) || p.Has(RoleSubcontractor) {
		t.Errorf("roles = %v", p.Roles)
	}
	if p.NoOwnRegister() {
		t.Error("a provider with self-paying clients has its own register")
	}
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, in, err string
		noOwn         bool
	}{
		{name: "minimal", in: "organisation: {y_tunnus: 3187542-4}\n"},
		{name: "no own register", in: "organisation: {y_tunnus: 3187542-4}\nroles: [producer]\nself_paying_clients: false\n", noOwn: true},
		{name: "private organiser and Kela", in: "organisation: {oid: 1.2.246.10.31875424.10.0}\norganisers:\n  - {name: A, y_tunnus: 2458358-9, kind: yksityinen}\n  - {name: Kela, y_tunnus: 0246246-0, kind: kela}\n"},
		{name: "no organisation", in: "roles: [producer]\n", err: "organisation: give y_tunnus or oid"},
		{name: "bad y-tunnus", in: "organisation: {y_tunnus: 3187542-5}\n", err: "organisation.y_tunnus"},
		{name: "oid of another", in: "organisation: {y_tunnus: 3187542-4, oid: 1.2.246.10.32661452.10.0}\n", err: "is not of Y-tunnus"},
		{name: "unknown role", in: "organisation: {y_tunnus: 3187542-4}\nroles: [owner]\n", err: `roles[0] "owner"`},
		{name: "organiser without kind", in: "organisation: {y_tunnus: 3187542-4}\norganisers: [{name: A, y_tunnus: 2458358-9}]\n", err: "want public, private or kela"},
		{name: "organiser without id", in: "organisation: {y_tunnus: 3187542-4}\norganisers: [{name: A, kind: public}]\n", err: "give y_tunnus or oids"},
		{name: "unknown key", in: "organisation: {y_tunnus: 3187542-4}\nowner: x\n", err: "owner"},
		{name: "bad unit oid", in: "organisation: {y_tunnus: 3187542-4}\nservice_units: [{name: U, oid: 1.2.3}]\n", err: "service_units[0].oid"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("p.yaml", []byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, kartoitus.ErrUnreadable) || !errors.Is(err, ErrInvalid) {
					t.Fatalf("err = %v, want one containing %q wrapping ErrUnreadable and ErrInvalid", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.NoOwnRegister() != tt.noOwn {
				t.Errorf("NoOwnRegister = %v", p.NoOwnRegister())
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("organisation: {y_tunnus: 3187542-4}\norganisers: [{name: A, oids: [1.2.246.10.24583589.10.0], kind: private}]\n"))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Parse("f.yaml", b)
		if err != nil {
			if !errors.Is(err, kartoitus.ErrUnreadable) {
				t.Fatalf("error not wrapping ErrUnreadable: %v", err)
			}
			return
		}
		_ = p.OrganiserKinds()
		_ = p.NoOwnRegister()
	})
}

func TestOwnerOf(t *testing.T) {
	producer, err := Parse("p.yaml", []byte("organisation: {name: Hoivapolku Oy, y_tunnus: 3187542-4}\nroles: [producer]\n"+
		"organisers: [{name: Järvimaan hyvinvointialue, y_tunnus: 3266145-2, kind: public}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	county, err := Parse("c.yaml", []byte("organisation: {name: Järvimaan hyvinvointialue, y_tunnus: 3266145-2, kind: public}\nroles: [organiser]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name       string
		p          *Profile
		basis      registers.Basis
		controller string
		want       Owner
	}{
		{"no profile", nil, registers.BasisPurchased, "", OwnerUnknown},
		{"producer, purchased", producer, registers.BasisPurchased, "", OwnerOrganiser},
		{"producer, voucher", producer, registers.BasisVoucher, "", OwnerOrganiser},
		{"producer, subcontract", producer, registers.BasisSubcontract, "", OwnerOrganiser},
		{"producer, self-paying", producer, registers.BasisSelfPaying, "", OwnerOwn},
		{"producer, Kela-procured", producer, registers.BasisKela, "", OwnerOwn},
		{"producer, own production", producer, registers.BasisOwn, "", OwnerOwn},
		{"producer, nothing said", producer, registers.BasisNone, "", OwnerUnknown},
		{"controller by name wins over basis", producer, registers.BasisSelfPaying, "Järvimaan hyvinvointialue", OwnerOrganiser},
		{"controller by Y-tunnus", producer, registers.BasisNone, "3266145-2", OwnerOrganiser},
		{"controller by OID", producer, registers.BasisNone, "1.2.246.10.31875424.19.0", OwnerOwn},
		{"own name", producer, registers.BasisPurchased, "hoivapolku oy", OwnerOwn},
		{"unknown controller falls back to basis", producer, registers.BasisPurchased, "Joku Muu Oy", OwnerOrganiser},
		{"the county's own purchases", county, registers.BasisPurchased, "", OwnerOwn},
	} {
		if got := tt.p.OwnerOf(tt.basis, tt.controller); got != tt.want {
			t.Errorf("%s: OwnerOf = %v, want %v", tt.name, got, tt.want)
		}
	}
	if pub, ok := county.Public(); !pub || !ok {
		t.Error("county is public")
	}
	if _, ok := producer.Public(); ok {
		t.Error("producer's kind is not given")
	}
}

// TestSheetRoundTrip: the profile sheet of the inventory template, filled
// in, reads back as the YAML profile would (fi and en labels).
func TestSheetRoundTrip(t *testing.T) {
	for _, lang := range []string{"fi", "en"} {
		f := excelize.NewFile()
		if err := AddSheet(f, lang); err != nil {
			t.Fatal(err)
		}
		sh := SheetName(lang)
		rows, _ := f.GetRows(sh)
		at := func(l label) int {
			for i, r := range rows {
				if len(r) > 0 && l.is(r[0]) {
					return i + 1
				}
			}
			t.Fatalf("%s: no row %q", lang, l.in(lang))
			return 0
		}
		set := func(cell string, v string) {
			if err := f.SetCellValue(sh, cell, v); err != nil {
				t.Fatal(err)
			}
		}
		set(fmt.Sprintf("B%d", at(lName)), "Hoivapolku Oy")
		set(fmt.Sprintf("B%d", at(lYTunnus)), "3187542-4")
		set(fmt.Sprintf("B%d", at(lOID)), "1.2.246.10.31875424.10.0")
		set(fmt.Sprintf("B%d", at(lKind)), "yksityinen")
		set(fmt.Sprintf("B%d", at(lRoles)), "palveluntuottaja, palvelunjärjestäjä")
		set(fmt.Sprintf("B%d", at(lSelfPay)), "kyllä")
		u := at(lUnits) + 2
		set(fmt.Sprintf("A%d", u), "Palvelutalo Kotipolku")
		set(fmt.Sprintf("B%d", u), "1.2.246.10.31875424.10.1")
		set(fmt.Sprintf("C%d", u), "Iäkkäiden palvelut")
		o := at(lOrgs) + 2
		set(fmt.Sprintf("A%d", o), "Järvimaan hyvinvointialue")
		set(fmt.Sprintf("B%d", o), "3266145-2")
		set(fmt.Sprintf("D%d", o), "julkinen")
		path := filepath.Join(t.TempDir(), "inventaario.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		p, err := Read(path)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		county, _ := ident.ParseYTunnus("3266145-2")
		if p.Own().String() != "3187542-4" || !p.Has(RoleProducer) || !p.Has(RoleOrganiser) || p.SelfPayingClients == nil || !*p.SelfPayingClients ||
			len(p.ServiceUnits) != 1 || p.ServiceUnits[0].ServiceTasks[0] != "Iäkkäiden palvelut" || p.OrganiserKinds()[county] != export.OrgKindPublic {
			t.Errorf("%s: read back %+v", lang, p)
		}
		if pub, ok := p.Public(); pub || !ok {
			t.Errorf("%s: kind not private", lang)
		}
	}
	// A workbook without the sheet is not recognised; a bad role is an error.
	f := excelize.NewFile()
	path := filepath.Join(t.TempDir(), "empty.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); !errors.Is(err, kartoitus.ErrNotRecognised) {
		t.Errorf("no profile sheet: %v", err)
	}
	if err := AddSheet(f, "fi"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellValue(SheetName("fi"), "B7", "omistaja")
	_ = f.SetCellValue(SheetName("fi"), "B3", "X Oy")
	_ = f.SetCellValue(SheetName("fi"), "B4", "3187542-4")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "omistaja") || !errors.Is(err, kartoitus.ErrUnreadable) {
		t.Errorf("bad role: %v", err)
	}
}

// FuzzReadSheet: any workbook bytes give a profile or an error wrapping a
// sentinel, never a panic.
func FuzzReadSheet(f *testing.F) {
	wb := excelize.NewFile()
	if err := AddSheet(wb, "fi"); err != nil {
		f.Fatal(err)
	}
	_ = wb.SetCellValue(SheetName("fi"), "B4", "3187542-4")
	_ = wb.SetCellValue(SheetName("fi"), "B7", "palveluntuottaja")
	buf, err := wb.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := readSheet("f.xlsx", b)
		if err != nil {
			return
		}
		_ = p.validate()
	})
}
