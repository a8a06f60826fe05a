// Command grill drills backend developers for interviews and certification exams: timed
// quizzes from YAML question banks, scored with explanations.
//
// Exit codes are chosen in one place, exitCode, and documented in README.md:
//
//	0    success
//	1    failure (bad bank, lint errors, I/O error)
//	2    usage error (unknown command or flag, bad flag value)
//	3    score below the pass mark
//	130  interrupted (Ctrl-C or SIGTERM)
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() { os.Exit(Main()) }

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitBelowPass   = 3
	exitInterrupted = 130
)

// Main runs grill with the process's arguments and streams and returns its exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	f := NewFactory(SystemIO(os.Getenv), os.Getenv)
	root := NewCmdRoot(f)
	root.SetArgs(os.Args[1:])
	err := root.ExecuteContext(ctx)
	return exitCode(err, f.IO.ErrOut)
}

// FlagError is a usage error: the command line itself is wrong. It exits 2.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

func flagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// ExitError ends grill with a code after the command has already said why (a failed
// lint prints its issues, a quiz below the pass mark prints its summary).
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// errInterrupted is returned by commands stopped by Ctrl-C or SIGTERM after they have
// printed what they could.
var errInterrupted = &ExitError{Code: exitInterrupted}

// exitCode maps the error a command returned to grill's exit code, printing it first
// when it has not been shown yet.
func exitCode(err error, stderr io.Writer) int {
	var (
		flagErr *FlagError
		exitErr *ExitError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &exitErr):
		return exitErr.Code
	case errors.As(err, &flagErr) || isCobraUsageError(err):
		fmt.Fprintf(stderr, "grill: %v\n", err)
		fmt.Fprintln(stderr, "Run 'grill --help' for usage.")
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	default:
		fmt.Fprintf(stderr, "grill: %v\n", err)
		return exitFailure
	}
}

// isCobraUsageError recognises the usage errors cobra makes itself, which it does not
// type: unknown commands and wrong argument counts.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag",
		"accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}
