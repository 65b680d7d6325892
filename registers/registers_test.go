package registers

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		in   string
		want Kind
	}{
		{"Sosiaalihuollon asiakasrekisteri", Social},
		{"1", Social},
		{"Potilasrekisteri", Health},
		{"Työterveyshuollon potilasrekisteri", Health},
		{"sosiaalihuollon ilmoitusrekisteri", Legacy},
		{"Yhteinen sote-rekisteri", Mixed},
		{"Sosiaalihuollon asiakasrekisteri ja potilasrekisteri", Mixed},
		{"molemmat", Mixed},
		{"Socialvårdens klientregister", Social},
		{"patient register", Health},
		{"", Unknown},
		{"Effica", Unknown},
	}
	for _, tt := range tests {
		if got := Classify(tt.in); got != tt.want {
			t.Errorf("Classify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNamesJointRegister(t *testing.T) {
	for raw, want := range map[string]bool{
		"Yhteinen (sote)":                         true,
		"yhteinen asiakasrekisteri":               true,
		"Sosiaali- ja terveydenhuollon rekisteri": true,
		"Gemensamt register":                      true,
		"molemmat":                                false,
		"Sosiaalihuollon asiakasrekisteri ja potilasrekisteri": false,
		"Both": false,
	} {
		if got := NamesJointRegister(raw); got != want {
			t.Errorf("NamesJointRegister(%q) = %v, want %v (Classify %q)", raw, got, want, Classify(raw))
		}
	}
}

func TestParseBasis(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Basis
	}{
		{"", BasisNone}, {"Oma tuotanto", BasisOwn}, {"Ostopalvelu", BasisPurchased}, {"palveluseteli", BasisVoucher},
		{"Itsemaksava asiakas", BasisSelfPaying}, {"Kela-hankinta", BasisKela}, {"Kelan kilpailuttama palvelu", BasisKela},
		{"Alihankinta", BasisSubcontract}, {"underleverantör", BasisSubcontract}, {"köpt tjänst", BasisPurchased},
		{"leasing", BasisUnknown},
	} {
		if got := ParseBasis(tt.in); got != tt.want {
			t.Errorf("ParseBasis(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if b := ParseBasis(tt.in); b != BasisUnknown && b != BasisNone && ParseBasis(b.FI()) != b {
			t.Errorf("%v.FI() = %q does not parse back", b, b.FI())
		}
	}
}

func TestParseBases(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Basis
	}{
		{"", BasisNone}, {"ostopalvelu", BasisPurchased}, {"ostopalvelu, palveluseteli", BasisPurchased},
		{"itsemaksava, ostopalvelu ja palveluseteli", BasisSelfPaying}, {"ostopalvelu / itsemaksava", BasisSelfPaying},
		{"alihankinta + Kela-hankinta", BasisKela}, {"köpt tjänst och servicesedel", BasisPurchased},
		{"ostopalvelu, vakuutus", BasisUnknown}, {" , ", BasisNone},
	} {
		if got := ParseBases(tt.in); got != tt.want {
			t.Errorf("ParseBases(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
