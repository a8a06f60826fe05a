package main

import (
	"fmt"

	"github.com/grill-cli/grill/questions"
	"github.com/spf13/cobra"
)

// BankLintOptions are the inputs of grill bank lint.
type BankLintOptions struct {
	IO     *IOStreams
	Paths  []string
	Strict bool
	Format string
}

// NewCmdBankLint builds grill bank lint.
func NewCmdBankLint(f *Factory, runF func(*BankLintOptions) error) *cobra.Command {
	opts := &BankLintOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Check bank files and report every problem as file:line:col",
		Long: long(`
Check bank files (or every .yaml and .yml file in the folders given) against the bank
format and report every problem found, one per line, as file:line:col: message, so that
editors can jump to it. Errors make a bank unusable; warnings (such as an objective
question without an explanation) do not, unless --strict is given.

With --format json, print a JSON list of {file, line, column, severity, message}.`,
			"  (1 is also returned when errors are found, or warnings with --strict)"),
		Args: minArgs(1, "at least one bank file or folder to check"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.Format != "text" && opts.Format != "json" {
				return flagErrorf("--format must be text or json, not %q", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return bankLint(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

type lintIssue struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// lintFiles checks every bank file under paths, including bank ids repeated across
// files, and returns the issues and how many files were read.
func lintFiles(paths []string) (questions.Issues, int, error) {
	var all questions.Issues
	files := 0
	ids := map[string]questions.Position{}
	for _, p := range paths {
		list, err := questions.BankFiles(p)
		if err != nil {
			return nil, files, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if len(list) == 0 {
			return nil, files, fmt.Errorf("%s: the folder has no .yaml or .yml files", p)
		}
		for _, file := range list {
			b, issues, err := questions.LintFile(file)
			if err != nil {
				return nil, files, fmt.Errorf("%s: %w", file, unwrapPathError(err))
			}
			files++
			all = append(all, issues...)
			if b == nil || b.ID == "" {
				continue
			}
			if first, dup := ids[b.ID]; dup {
				all = append(all, questions.Issue{Pos: b.Pos, Message: fmt.Sprintf(
					"bank id %q is also used by %s; bank ids must be unique", b.ID, first)})
			} else {
				ids[b.ID] = b.Pos
			}
		}
	}
	return all, files, nil
}

func bankLint(opts *BankLintOptions) error {
	issues, files, err := lintFiles(opts.Paths)
	if err != nil {
		return err
	}
	errs, warns := len(issues.Errors()), len(issues.Warnings())
	if opts.Format == "json" {
		out := make([]lintIssue, 0, len(issues))
		for _, is := range issues {
			out = append(out, lintIssue{is.Pos.File, is.Pos.Line, is.Pos.Col, is.Severity.String(), is.Message})
		}
		if err := writeJSON(opts.IO.Out, out); err != nil {
			return err
		}
	} else {
		for _, is := range issues {
			fmt.Fprintln(opts.IO.Out, safe(is.String()))
		}
		fmt.Fprintf(opts.IO.ErrOut, "%d %s checked: %d %s, %d %s\n", files, plural(files, "file", "files"),
			errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
	}
	if errs > 0 || opts.Strict && warns > 0 {
		return &ExitError{Code: exitFailure}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
