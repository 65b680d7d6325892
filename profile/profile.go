// Package profile reads the organisation profile: who the organisation is
// (its toimintayksikkö and palveluyksiköt, Kela 2020 2C), which roles it
// has (organiser, producer, subcontractor), whether it has self-paying
// clients of its own, the organisers it produces for (an authority, a
// private organiser or Kela) and its subcontractors. The register gate,
// coverage and retention read whose register a document belongs to from
// it; without a profile they say what they could not judge.
package profile

import (
	"errors"
	"fmt"
	"strings"

	kartoitus "github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/export"
	"github.com/kartoitus/kartoitus/ident"
	"github.com/kartoitus/kartoitus/internal/strictyaml"
	"github.com/kartoitus/kartoitus/internal/textnorm"
	"github.com/kartoitus/kartoitus/registers"
)

// Role is a part the organisation plays (Kela 2025, 1. Määritelmät).
type Role string

const (
	// RoleOrganiser: palvelunjärjestäjä — an authority organising the
	// service, or a private provider giving it on its contract with the
	// client; controller of the service's documents.
	RoleOrganiser Role = "organiser"
	// RoleProducer: palveluntuottaja — produces on an organiser's behalf
	// into the organiser's register.
	RoleProducer Role = "producer"
	// RoleSubcontractor: palveluntoteuttaja — a producer's subcontractor.
	RoleSubcontractor Role = "subcontractor"
)

// Profile is the organisation profile (kartoitus.profile/v1).
type Profile struct {
	Schema       string `yaml:"schema,omitempty" json:"schema,omitempty"`
	Organisation Unit   `yaml:"organisation" json:"organisation"`
	Roles        []Role `yaml:"roles" json:"roles"`
	// SelfPayingClients: whether the organisation has clients of its own
	// who contract with it directly (it is their controller, 703/2023
	// § 13). Nil: not said. A provider without them "ei muodostu omaa
	// asiakasrekisteriä" (Kela 2020, 2E).
	SelfPayingClients *bool         `yaml:"self_paying_clients" json:"self_paying_clients"`
	ServiceUnits      []ServiceUnit `yaml:"service_units" json:"service_units"`
	Organisers        []Organiser   `yaml:"organisers" json:"organisers"`
	Subcontractors    []Party       `yaml:"subcontractors" json:"subcontractors"`

	// Path is where it was read from (messages).
	Path string `yaml:"-" json:"-"`
	own  ident.YTunnus
}

// Unit is an organisation or unit with its identifiers.
type Unit struct {
	Name    string `yaml:"name" json:"name"`
	YTunnus string `yaml:"y_tunnus" json:"y_tunnus"`
	OID     string `yaml:"oid" json:"oid"`
	// Kind is public (an authority) or private (a private provider);
	// it decides the law RET001/RET002 cite.
	Kind string `yaml:"kind,omitempty" json:"kind,omitempty"`
}

// ServiceUnit is a palveluyksikkö of the toimintayksikkö.
type ServiceUnit struct {
	Name         string   `yaml:"name" json:"name"`
	OID          string   `yaml:"oid" json:"oid"`
	ServiceTasks []string `yaml:"service_tasks" json:"service_tasks"`
}

// Organiser is an organiser the organisation produces for.
type Organiser struct {
	Name    string   `yaml:"name" json:"name"`
	YTunnus string   `yaml:"y_tunnus" json:"y_tunnus"`
	OIDs    []string `yaml:"oids" json:"oids"`
	// Kind is public (an authority), private (a private organiser) or
	// kela (services Kela procures).
	Kind string `yaml:"kind" json:"kind"`

	y    ident.YTunnus
	kind export.OrganiserKindOf
}

// Party is a subcontractor.
type Party struct {
	Name    string   `yaml:"name" json:"name"`
	YTunnus string   `yaml:"y_tunnus" json:"y_tunnus"`
	OIDs    []string `yaml:"oids" json:"oids"`
}

// ErrInvalid is wrapped by every validation error (with ErrUnreadable).
var ErrInvalid = errors.New("invalid organisation profile")

// Read reads and validates a profile file: YAML or JSON, or a workbook
// with the profile sheet (the inventory template's).
func Read(path string) (*Profile, error) {
	b, err := readFile(path)
	if err != nil {
		return nil, err
	}
	if isWorkbook(b) {
		p, err := readSheet(path, b)
		if err != nil {
			if errors.Is(err, kartoitus.ErrNotRecognised) || errors.Is(err, kartoitus.ErrUnreadable) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %w: %v", kartoitus.ErrUnreadable, ErrInvalid, err)
		}
		p.Path = path
		if err := p.validate(); err != nil {
			return nil, fmt.Errorf("%w: %w: %s: %v", kartoitus.ErrUnreadable, ErrInvalid, path, err)
		}
		return p, nil
	}
	return Parse(path, b)
}

// Parse decodes and validates a profile; path names it in errors.
func Parse(path string, b []byte) (*Profile, error) {
	var p Profile
	if err := strictyaml.Decode(path, b, &p); err != nil {
		return nil, fmt.Errorf("%w: %w: %v", kartoitus.ErrUnreadable, ErrInvalid, err)
	}
	p.Path = path
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("%w: %w: %s: %v", kartoitus.ErrUnreadable, ErrInvalid, path, err)
	}
	return &p, nil
}

func (p *Profile) validate() error {
	o := p.Organisation
	if o.YTunnus == "" && o.OID == "" {
		return errors.New("organisation: give y_tunnus or oid")
	}
	if o.YTunnus != "" {
		y, err := ident.ParseYTunnus(strings.TrimSpace(o.YTunnus))
		if err != nil {
			return fmt.Errorf("organisation.y_tunnus %q: %v", o.YTunnus, err)
		}
		p.own = y
	}
	if o.OID != "" {
		org, err := ident.ParseOrgOID(strings.TrimSpace(o.OID))
		if err != nil {
			return fmt.Errorf("organisation.oid %q: %v", o.OID, err)
		}
		if p.own != 0 && org.YTunnus != p.own {
			return fmt.Errorf("organisation.oid %q is not of Y-tunnus %s", o.OID, p.own)
		}
		p.own = org.YTunnus
	}
	if k := export.ParseOrganiserKind(o.Kind); o.Kind != "" && k != export.OrgKindPublic && k != export.OrgKindPrivate {
		return fmt.Errorf("organisation.kind %q: want public or private", o.Kind)
	}
	for i, r := range p.Roles {
		switch r {
		case RoleOrganiser, RoleProducer, RoleSubcontractor:
		default:
			return fmt.Errorf("roles[%d] %q: want organiser, producer or subcontractor", i, r)
		}
	}
	for i, u := range p.ServiceUnits {
		if u.OID == "" {
			continue
		}
		if _, err := ident.ParseOrgOID(strings.TrimSpace(u.OID)); err != nil {
			return fmt.Errorf("service_units[%d].oid %q: %v", i, u.OID, err)
		}
	}
	for i := range p.Organisers {
		og := &p.Organisers[i]
		og.kind = export.ParseOrganiserKind(og.Kind)
		if og.kind == export.OrgKindNone || og.kind == export.OrgKindUnknown {
			return fmt.Errorf("organisers[%d] (%s) kind %q: want public, private or kela", i, og.Name, og.Kind)
		}
		y, err := partyID(og.YTunnus, og.OIDs)
		if err != nil {
			return fmt.Errorf("organisers[%d] (%s): %v", i, og.Name, err)
		}
		og.y = y
	}
	for i, s := range p.Subcontractors {
		if _, err := partyID(s.YTunnus, s.OIDs); err != nil {
			return fmt.Errorf("subcontractors[%d] (%s): %v", i, s.Name, err)
		}
	}
	return nil
}

// partyID is the Y-tunnus a party's y_tunnus and OIDs agree on.
func partyID(yt string, oids []string) (ident.YTunnus, error) {
	var y ident.YTunnus
	if yt != "" {
		v, err := ident.ParseYTunnus(strings.TrimSpace(yt))
		if err != nil {
			return 0, fmt.Errorf("y_tunnus %q: %v", yt, err)
		}
		y = v
	}
	for _, s := range oids {
		o, err := ident.ParseOrgOID(strings.TrimSpace(s))
		if err != nil {
			return 0, fmt.Errorf("oid %q: %v", s, err)
		}
		if y != 0 && o.YTunnus != y {
			return 0, fmt.Errorf("oid %q is not of Y-tunnus %s", s, y)
		}
		y = o.YTunnus
	}
	if y == 0 {
		return 0, errors.New("give y_tunnus or oids")
	}
	return y, nil
}

// Own is the organisation's Y-tunnus.
func (p *Profile) Own() ident.YTunnus { return p.own }

// Has reports whether the organisation has role r.
func (p *Profile) Has(r Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// OrganiserKinds maps each organiser's Y-tunnus to its kind (the register
// gate's Config.Organisers).
func (p *Profile) OrganiserKinds() map[ident.YTunnus]export.OrganiserKindOf {
	if p == nil {
		return nil
	}
	m := make(map[ident.YTunnus]export.OrganiserKindOf, len(p.Organisers))
	for _, o := range p.Organisers {
		m[o.y] = o.kind
	}
	return m
}

// NoOwnRegister reports whether the profile says the organisation has no
// self-paying clients and organises nothing itself, so it has no client
// register of its own (Kela 2020, 2E).
func (p *Profile) NoOwnRegister() bool {
	return p != nil && p.SelfPayingClients != nil && !*p.SelfPayingClients && !p.Has(RoleOrganiser)
}

// Owner is whose register a document belongs to.
type Owner uint8

const (
	// OwnerUnknown: nothing says (no profile, or neither basis nor
	// controller given); the analyses treat it as the organisation's own,
	// as without a profile.
	OwnerUnknown Owner = iota
	// OwnerOwn: the organisation's own register (it is controller).
	OwnerOwn
	// OwnerOrganiser: an organiser's register; the organisation produces
	// into it on the organiser's behalf (703/2023 § 14).
	OwnerOrganiser
)

// OwnerOf decides whose register a document is from its controller (a
// name, Y-tunnus or OID the profile knows) or else its basis: own
// production, self-paying clients and Kela-procured services (the
// producer is controller: our default, Kela 2020 2E) are the
// organisation's own; a purchased service, voucher or subcontract is the
// organiser's register when the organisation produces for organisers.
func (p *Profile) OwnerOf(basis registers.Basis, controller string) Owner {
	if p == nil {
		return OwnerUnknown
	}
	if c := strings.TrimSpace(controller); c != "" {
		if o, err := ident.ParseOrg(c); err == nil {
			if o.YTunnus == p.own {
				return OwnerOwn
			}
			for _, og := range p.Organisers {
				if og.y == o.YTunnus {
					return OwnerOrganiser
				}
			}
		}
		key := textnorm.Fold(c)
		if p.Organisation.Name != "" && key == textnorm.Fold(p.Organisation.Name) {
			return OwnerOwn
		}
		for _, og := range p.Organisers {
			if og.Name != "" && key == textnorm.Fold(og.Name) {
				return OwnerOrganiser
			}
		}
	}
	switch basis {
	case registers.BasisOwn, registers.BasisSelfPaying, registers.BasisKela:
		return OwnerOwn
	case registers.BasisPurchased, registers.BasisVoucher, registers.BasisSubcontract:
		if p.Has(RoleProducer) || p.Has(RoleSubcontractor) {
			return OwnerOrganiser
		}
		return OwnerOwn // an organiser's own purchases are in its own register
	}
	return OwnerUnknown
}

// Public reports whether the organisation is an authority (its
// organisation kind), for the bases retention cites; ok is false when the
// profile does not say.
func (p *Profile) Public() (public, ok bool) {
	if p == nil {
		return false, false
	}
	switch export.ParseOrganiserKind(p.Organisation.Kind) {
	case export.OrgKindPublic:
		return true, true
	case export.OrgKindPrivate:
		return false, true
	}
	return false, false
}
