package main

import (
	_ "embed"
	"strings"
)

//go:embed scaffold.yaml
var scaffoldTemplate string

// scaffold returns the commented example bank that grill bank new writes, with the given
// bank id.
func scaffold(id string) []byte {
	return []byte(strings.Replace(scaffoldTemplate, "BANK-ID", id, 1))
}
