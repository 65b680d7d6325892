package separation

// A sample is a small export that the rule tests run through the gate
// (rules_test.go writes it as a ';' CSV under the canonical header). Each
// check declares its samples next to its logic, gitleaks-style.
type sample struct {
	note string
	// rows are row or raw values, in file order.
	rows []any
	// prod runs the sample without --deployment-test.
	prod bool
	// cfg adjusts the run's configuration (a profile's settings).
	cfg func(*Config)
}

// row is one sample row: canonical field → value, overriding base. Keys
// that are not canonical names become extra columns ("" = unnamed).
type row map[string]string

// raw is a sample line written as is (after the header).
type raw string

func rows(rs ...any) []any { return rs }

// Organisations of the samples (valid Y-tunnus check digits).
const (
	orgOID      = "1.2.246.10.32213086.10.0" // organiser, a wellbeing services county
	orgCtrl     = "1.2.246.10.32213086.19.0" // its controller node
	prodOID     = "1.2.246.10.10938633.10.0" // a private producer
	prodCtrl    = "1.2.246.10.10938633.19.0"
	prodUnit    = "1.2.246.10.10938633.10.1" // the producer's service unit
	otherUnit   = "1.2.246.10.10938633.10.2"
	kelaCtrl    = "1.2.246.10.2462460.19.0"
	subOID      = "1.2.246.10.27561238.10.0" // the producer's subcontractor (palveluntoteuttaja)
	subUnit     = "1.2.246.10.27561238.10.1"
	kelaOID     = "1.2.246.10.2462460.10.0"
	privOrgOID  = "1.2.246.10.24583589.10.0" // a private organiser (a provider contracting with its clients)
	privOrgCtrl = "1.2.246.10.24583589.19.0"
	testClient  = "010181-900C"
	testClient2 = "020516C903K"
)

// base is a clean own-production document of the organiser.
var base = row{
	"document_id": "D1", "version": "1", "client_id": testClient, "register": "social",
	"controller_id": orgCtrl, "controller_kind": "public", "organiser_id": orgOID, "producer_id": orgOID,
	"service_unit": "", "basis": "own", "service_task": "older_people", "document_type": "11000",
	"case_id": "A-1", "author_org": orgOID, "created": "2024-03-01", "status": "active", "void_reason": "",
	"special_content": "", "unit_start": "", "unit_end": "",
}

// rel is the organiser's Asiakkuusasiakirja giving the producer unit a
// client relationship 1.1.–30.6.2024.
func rel(over row) row {
	r := row{"document_id": "R1", "document_type": "group:1", "producer_id": prodOID, "service_unit": prodUnit,
		"basis": "purchased", "unit_start": "2024-01-01", "unit_end": "2024-06-30", "created": "2024-01-01",
		"service_task": "older_people"}
	for k, v := range over {
		r[k] = v
	}
	return r
}

// pdoc is a producer-written purchased-service document in the
// organiser's register.
func pdoc(over row) row {
	r := row{"document_id": "P1", "basis": "purchased", "producer_id": prodOID, "service_unit": prodUnit,
		"author_org": prodOID, "created": "2024-03-01", "document_type": "19005", "case_id": "A-1"}
	for k, v := range over {
		r[k] = v
	}
	return r
}

// privOrg is a document a producer writes, on a private organiser's
// behalf, into that organiser's register (its controller is private).
func privOrg(over row) row {
	r := pdoc(row{"organiser_id": privOrgOID, "controller_id": privOrgCtrl, "controller_kind": "private",
		"organiser_kind": "yksityinen"})
	for k, v := range over {
		r[k] = v
	}
	return r
}

// privRel is the private organiser's Asiakkuusasiakirja for the producer
// unit (as rel).
func privRel(over row) row {
	r := rel(row{"organiser_id": privOrgOID, "controller_id": privOrgCtrl, "controller_kind": "private",
		"organiser_kind": "yksityinen", "author_org": privOrgOID})
	for k, v := range over {
		r[k] = v
	}
	return r
}

// kelaDoc is a document of a service Kela procured, in the producer's
// own register (the producer is controller: our default, Kela 2020 2E).
func kelaDoc(over row) row {
	r := row{"basis": "kela", "organiser_id": "", "producer_id": prodOID, "controller_id": prodCtrl,
		"controller_kind": "private", "author_org": prodOID}
	for k, v := range over {
		r[k] = v
	}
	return r
}
