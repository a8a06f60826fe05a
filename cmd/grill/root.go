package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// exitStatusHelp is the EXIT STATUS section every command's help ends with, restic-style.
func exitStatusHelp(extra ...string) string {
	lines := []string{"EXIT STATUS", "  0    success", "  1    failure (for example a bank with errors)", "  2    usage error (unknown command or flag, bad flag value)"}
	lines = append(lines, extra...)
	lines = append(lines, "  130  interrupted (Ctrl-C or SIGTERM)")
	return strings.Join(lines, "\n")
}

// long builds a command's long help from paragraphs and its exit status section.
func long(text string, extraExit ...string) string {
	return strings.TrimSpace(text) + "\n\n" + exitStatusHelp(extraExit...)
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "grill",
		Short: "Drill for backend interviews and certification exams",
		Long: long(`
grill runs timed quizzes from YAML question banks: fundamentals, system design walked
through in stages, behavioral questions in the STAR form, and certification self-checks.
It scores every answer and explains the score.

Banks come from the built-in set, the user's bank folder ($GRILL_HOME/banks) and --bank.`),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })
	root.AddCommand(NewCmdBank(f), NewCmdQuiz(f, nil), NewCmdScore(f, nil), NewCmdReview(f, nil), NewCmdStats(f, nil), NewCmdHistory(f), NewCmdExam(f, nil), NewCmdMock(f, nil), NewCmdVersion(f), newCmdConfig(f))
	// cobra's completion command (bash, zsh, fish, powershell), added now rather than at
	// Execute so the generated docs include it.
	root.InitDefaultCompletionCmd()
	registerCompletions(f, root)
	return root
}

// addBankFlag adds the repeatable --bank flag that commands loading banks share.
func addBankFlag(cmd *cobra.Command, banks *[]string) {
	cmd.Flags().StringArrayVar(banks, "bank", nil, "load a bank file or folder (PATH), or use only the bank with this id (NAME); repeatable")
}

// addRunFlags adds the flags every command that runs questions shares: --seed, --json,
// --answers and --plain.
func addRunFlags(cmd *cobra.Command, q *QuizOptions, seedHelp string) {
	fl := cmd.Flags()
	fl.Uint64Var(&q.Seed, "seed", 0, seedHelp)
	fl.BoolVar(&q.JSON, "json", false, "print the result as JSON on stdout")
	fl.StringVar(&q.AnswersFile, "answers", "", "read the answers from a YAML `FILE` instead of asking")
	fl.BoolVar(&q.Plain, "plain", false, "ask with plain text lines even in a terminal")
}

// writeJSON prints v as indented JSON, the form every --json output takes.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// exactArgs and its kin return usage errors (exit 2) with a message that says what is
// expected, instead of cobra's generic one.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return flagErrorf("%s takes %s (got %d arguments)", cmd.CommandPath(), what, len(args))
		}
		return nil
	}
}

func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return flagErrorf("%s needs %s", cmd.CommandPath(), what)
		}
		return nil
	}
}
