package questions

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether an issue makes a bank unusable.
type Severity int

// The severities.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText makes a severity print as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Issue is one problem found in a bank file.
type Issue struct {
	Pos      Position
	Severity Severity
	Message  string
}

// String formats the issue compiler-style: file:line:col: message, with "warning: "
// before the message of warnings.
func (i Issue) String() string {
	if i.Severity == Warning {
		return fmt.Sprintf("%s: warning: %s", i.Pos, i.Message)
	}
	return fmt.Sprintf("%s: %s", i.Pos, i.Message)
}

// Issues is a list of problems, usually of one file.
type Issues []Issue

// Errors returns the issues of severity Error.
func (is Issues) Errors() Issues { return is.bySeverity(Error) }

// Warnings returns the issues of severity Warning.
func (is Issues) Warnings() Issues { return is.bySeverity(Warning) }

func (is Issues) bySeverity(sev Severity) Issues {
	var out Issues
	for _, i := range is {
		if i.Severity == sev {
			out = append(out, i)
		}
	}
	return out
}

// Sort orders issues by file, line and column.
func (is Issues) Sort() {
	slices.SortStableFunc(is, func(a, b Issue) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}

// BankError is returned when a bank that must be used has errors. It carries every issue
// so that callers can print them all.
type BankError struct {
	File   string
	Issues Issues
}

func (e *BankError) Error() string {
	errs := e.Issues.Errors()
	var b strings.Builder
	fmt.Fprintf(&b, "bank %s has %d error", e.File, len(errs))
	if len(errs) != 1 {
		b.WriteString("s")
	}
	for i, is := range errs {
		if i == 10 {
			fmt.Fprintf(&b, "\n(%d more; run 'grill bank lint %s')", len(errs)-10, e.File)
			break
		}
		b.WriteString("\n")
		b.WriteString(is.String())
	}
	return b.String()
}
