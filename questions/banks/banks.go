// Package banks holds grill's built-in banks, ready to use.
//
// The banks are written as YAML in this folder, and package questions embeds and parses
// them. A snapshot of that parse, generated as Go literals, lets grill start without
// parsing anything: the compiler lays the questions out in the binary. banks_test.go
// checks that the snapshot matches the YAML; after editing a bank, run
//
//	go generate ./questions/banks
package banks

import (
	"slices"
	"sync"

	"github.com/grill-cli/grill/questions"
)

//go:generate go run ./gen -o snapshot.go

// shareAliases gives each question its bank's alias table, as questions.Parse does. The
// snapshot's build calls it once the tables are made.
func shareAliases() {
	for _, b := range snapshot {
		for _, q := range b.Questions {
			q.Aliases = b.Aliases
		}
	}
}

// All returns the built-in banks, the same as questions.Builtin parses from the YAML.
// The banks are shared: callers must not modify them.
func All() []*questions.Bank {
	// Finishing the snapshot writes to every question, which costs page faults that
	// commands without banks (version, completion of flags) should not pay.
	finish()
	return slices.Clone(snapshot)
}

var finish = sync.OnceFunc(build)
