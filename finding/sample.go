package finding

// Samples are a rule's good and bad examples, gitleaks' way: inputs that
// must not, and inputs that must, make the rule report. They are declared
// beside the rule and run by the harness of its input kind (the assessment
// pipeline for inventory, plan and mapping rules, the gate's own harness for
// register-export rules); a rule without both fails the tests.
type Samples struct {
	Good []Sample
	Bad  []Sample
}

// Sample is one example run: each field is one input file's text, empty
// when the run has no such input.
type Sample struct {
	Note string
	// Inventory is an inventory CSV (';'-separated, header row first).
	Inventory string
	// InventorySheets is an inventory workbook instead, for rules about
	// sheets: each sheet's name and rows.
	InventorySheets []Sheet
	// TOS and AMS are plan CSVs (AMS rows are paper entries).
	TOS string
	AMS string
	// Accepted is an accepted-mappings CSV.
	Accepted string
	// Overlay is a catalogue overlay (YAML).
	Overlay string
	// Ignore is an ignore file (YAML).
	Ignore string
	// Profile is an organisation profile (YAML).
	Profile string
}

// Sheet is one worksheet of a sample workbook.
type Sheet struct {
	Name string
	Rows [][]string
}
