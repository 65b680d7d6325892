package profile

import (
	"errors"
	"strings"
	"testing"

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
