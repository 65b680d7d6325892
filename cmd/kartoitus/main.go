// Command kartoitus assesses a social-welfare organisation's documents and
// registers against the national Sosmeta catalogue before it joins Kanta's
// client-data archive. Run "kartoitus help" for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
