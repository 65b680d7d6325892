// Package registers classifies register values as written in inventories
// and exports: the social-welfare client register, the health-care patient
// register, the legacy notification register (ilmoitusrekisteri, 254/2015)
// and mixed values such as "yhteinen".
package registers

import (
	"strings"

	"github.com/kartoitus/kartoitus/internal/textnorm"
)

// Kind is a register class.
type Kind string

const (
	Unknown Kind = ""
	// Social is the sosiaalihuollon asiakasrekisteri (1.2.246.537.6.1264 code 1).
	Social Kind = "social"
	// Health is a patient register (potilasrekisteri, 1.2.246.537.5.40150).
	Health Kind = "health"
	// Legacy is the 254/2015 sosiaalihuollon ilmoitusrekisteri, repealed
	// from 1.11.2021 (785/2021).
	Legacy Kind = "legacy"
	// Mixed is a value naming both or a joint register ("yhteinen").
	Mixed Kind = "mixed"
)

// Classify reads a register value. Codes: "1" is the social-welfare client
// register in 1.2.246.537.6.1264 [confirmed]; other values are matched by
// words in Finnish, Swedish and English.
func Classify(raw string) Kind {
	f := textnorm.Fold(raw)
	if f == "" {
		return Unknown
	}
	switch f {
	case "1", "social", "sosiaali", "sos", "sh":
		return Social
	case "health", "terveys", "potilas", "th":
		return Health
	case "legacy", "ilmoitus":
		return Legacy
	case "mixed", "both", "molemmat", "yhteinen", "bada", "gemensam":
		return Mixed
	}
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(f, w) {
				return true
			}
		}
		return false
	}
	social := has("sosiaalihuol", "asiakasrekisteri", "asiakastiet", "socialv", "klientregister", "social welfare", "social care", "sosiaalitoimi")
	health := has("potilas", "terveydenhuol", "patient", "health", "halso", "terveys", "hoitokertomus", "tyoterveys")
	legacy := has("ilmoitusrekisteri", "anmalningsregister", "notification register")
	mixed := has("yhteinen", "yhteis", "molem", "gemensam", "joint", "shared", "mixed", " ja ", " and ", " och ", "sote")
	switch {
	case legacy:
		return Legacy
	case social && health, mixed && (social || health), f == "sote rekisteri":
		return Mixed
	case mixed && !social && !health:
		return Mixed
	case health:
		return Health
	case social:
		return Social
	}
	return Unknown
}

// NamesJointRegister reports whether a Mixed value names one joint
// register ("yhteinen", "sote-rekisteri", "sosiaali- ja terveydenhuollon
// rekisteri") rather than both registers ("molemmat", "sosiaalihuollon
// asiakasrekisteri ja potilasrekisteri"). Storing a joint needs assessment
// or client plan in both registers is lawful (703/2023 §§ 46–47); a joint
// register is not (§ 18).
func NamesJointRegister(raw string) bool {
	f := textnorm.Fold(raw)
	for _, w := range []string{"yhteinen", "yhteis", "gemensam", "joint", "shared", "sote", "mixed", "sekarekisteri"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	// "Sosiaali- ja terveydenhuollon rekisteri": one register named for
	// both fields, where "both registers" names each register.
	social := strings.Contains(f, "sosiaalihuol") || strings.Contains(f, "asiakasrekisteri") || strings.Contains(f, "socialv") || strings.Contains(f, "klientregister")
	health := strings.Contains(f, "potilas") || strings.Contains(f, "patient")
	both := strings.Contains(f, "molem") || strings.Contains(f, "both") || strings.Contains(f, "bada")
	return Classify(raw) == Mixed && !both && !(social && health)
}

// Name is the register's name in Finnish and English prose, for messages
// that would otherwise show the enum value ("health").
func (k Kind) Name() (fi, en string) {
	switch k {
	case Social:
		return "sosiaalihuollon asiakasrekisteri", "the social-welfare client register"
	case Health:
		return "potilasrekisteri", "a patient register"
	case Legacy:
		return "ilmoitusrekisteri (kumottu)", "the notification register (repealed)"
	case Mixed:
		return "yhteinen rekisteri", "a joint register"
	}
	return "tuntematon rekisteri", "an unknown register"
}
