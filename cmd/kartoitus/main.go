// Command kartoitus assesses a social-welfare organisation's documents and
// registers against the national Sosmeta catalogue before it joins Kanta's
// client-data archive. Run "kartoitus help" for the commands.
package main

import (
	"os"

	// Reports show Helsinki local time; the distroless image and Windows
	// have no zone database, so the binary carries one (internal/fi also
	// imports it; this line keeps it should that change).
	_ "time/tzdata"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
