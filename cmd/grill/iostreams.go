package main

import (
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"

	"github.com/grill-cli/grill/questions"
	"golang.org/x/term"
)

// IOStreams holds the three standard streams and what is known about them, so that
// commands never look at os.Stdin or os.Stdout themselves and tests can fake a terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool
	// NoColor is set when NO_COLOR is set or the output is not a terminal.
	NoColor bool
	// ForcePlain makes CanPrompt false even on a terminal (--plain).
	ForcePlain bool
}

// SystemIO returns the process's streams.
func SystemIO(getenv func(string) string) *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
	s.NoColor = getenv("NO_COLOR") != "" || !s.OutTTY || getenv("TERM") == "dumb"
	return s
}

// Width is how wide prose may be on the output: the terminal's width capped at 100
// columns, or 0 (no wrapping) when the output is not a terminal.
func (s *IOStreams) Width() int {
	if !s.OutTTY {
		return 0
	}
	f, ok := s.Out.(*os.File)
	if !ok {
		return 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return min(w, 100)
}

// CanPrompt reports whether interactive prompts may be used: both stdin and stdout are
// terminals and --plain was not given.
func (s *IOStreams) CanPrompt() bool { return s.InTTY && s.OutTTY && !s.ForcePlain }

// safe makes text from a bank or a user file fit to print on a terminal: control
// characters other than newline and tab, and bidirectional overrides, are shown as
// escapes instead of being written raw. Banks with such characters fail lint, but text
// can also come from answer files and history.
func safe(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			q := strconv.QuoteRune(r) // '\x1b': drop the quotes
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return questions.UnsafeRune(r) || r == unicode.ReplacementChar
}
