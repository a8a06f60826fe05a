package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/grill-cli/grill/questions"
	"github.com/spf13/cobra"
)

// NewCmdBank groups the commands that list, show, check and create banks.
func NewCmdBank(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bank",
		Short: "List, show, check and create question banks",
		Long: long(`
Commands for question banks. A bank is one YAML file of questions; the format is
documented in docs/bank-format.md, and 'grill bank new FILE' writes a commented example.`),
		Args: exactArgs(0, "a subcommand such as list, show or lint"),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(NewCmdBankList(f, nil), NewCmdBankShow(f, nil), NewCmdBankLint(f, nil),
		NewCmdBankNew(f, nil), NewCmdBankSchema(f, nil), NewCmdBankStats(f, nil),
		newCmdBankImport(f), newCmdBankExport(f), newCmdBankAdd(f), newCmdBankRemove(f))
	return cmd
}

// BankListOptions are the inputs of grill bank list.
type BankListOptions struct {
	IO    *IOStreams
	Load  func([]string) (*Loaded, error)
	Banks []string
	JSON  bool
}

// NewCmdBankList builds grill bank list. runF replaces the run function in tests.
func NewCmdBankList(f *Factory, runF func(*BankListOptions) error) *cobra.Command {
	opts := &BankListOptions{IO: f.IO, Load: f.LoadBanks}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the loaded banks",
		Long: long(`
List every loaded bank: its id, how many questions of each kind it has, where it was
loaded from, and its title.`),
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return bankList(opts)
		},
	}
	addBankFlag(cmd, &opts.Banks)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

type bankSummary struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Description string         `json:"description,omitempty"`
	License     string         `json:"license,omitempty"`
	Source      string         `json:"source,omitempty"`
	Origin      string         `json:"origin"`
	Questions   int            `json:"questions"`
	ByKind      map[string]int `json:"by_kind"`
}

func summarize(b *questions.Bank) bankSummary {
	c := questions.Count(b.Questions)
	return bankSummary{ID: b.ID, Title: b.Title, Description: b.Description, License: b.License,
		Source: b.Source, Origin: b.Origin, Questions: c.Total, ByKind: c.Kind}
}

func selectedBanks(l *Loaded) []*questions.Bank {
	if len(l.Selected) == 0 {
		return l.Lib.Banks
	}
	var out []*questions.Bank
	for _, id := range l.Selected {
		out = append(out, l.Lib.Bank(id))
	}
	return out
}

func bankList(opts *BankListOptions) error {
	loaded, err := opts.Load(opts.Banks)
	if err != nil {
		return err
	}
	banks := selectedBanks(loaded)
	if opts.JSON {
		out := make([]bankSummary, len(banks))
		for i, b := range banks {
			out[i] = summarize(b)
		}
		return writeJSON(opts.IO.Out, out)
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tQUESTIONS\tKINDS\tORIGIN\tTITLE")
	for _, b := range banks {
		s := summarize(b)
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", s.ID, s.Questions,
			tallies(questions.Sorted(s.ByKind, questions.KindNames()...)), safe(s.Origin), safe(s.Title))
	}
	return tw.Flush()
}

// tallies formats counts as "28 fundamentals, 2 behavioral".
func tallies(ts []questions.Tally) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%d %s", t.Count, safe(t.Name))
	}
	return strings.Join(parts, ", ")
}

// BankShowOptions are the inputs of grill bank show.
type BankShowOptions struct {
	IO     *IOStreams
	Load   func([]string) (*Loaded, error)
	Banks  []string
	Target string
	JSON   bool
}

// NewCmdBankShow builds grill bank show.
func NewCmdBankShow(f *Factory, runF func(*BankShowOptions) error) *cobra.Command {
	opts := &BankShowOptions{IO: f.IO, Load: f.LoadBanks}
	cmd := &cobra.Command{
		Use:   "show BANK[/ID]",
		Short: "Show a bank's summary, or one question with its answer",
		Long: long(`
With a bank id, show the bank's details, its counts and its questions. With BANK/ID (or
an ID that only one bank has), show that question as a quiz asks it, followed by its
answer, explanation and references.`),
		Args: exactArgs(1, "one BANK or BANK/ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Target = args[0]
			if runF != nil {
				return runF(opts)
			}
			return bankShow(opts)
		},
	}
	addBankFlag(cmd, &opts.Banks)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func bankShow(opts *BankShowOptions) error {
	loaded, err := opts.Load(opts.Banks)
	if err != nil {
		return err
	}
	lib := loaded.Lib
	if b := lib.Bank(opts.Target); b != nil && !strings.Contains(opts.Target, "/") {
		return showBank(opts, b)
	}
	q, err := lib.Question(opts.Target)
	if err != nil {
		return fmt.Errorf("%w (banks: %s)", err, strings.Join(lib.BankIDs(), ", "))
	}
	if opts.JSON {
		return writeJSON(opts.IO.Out, questionJSON(q))
	}
	renderQuestion(opts.IO.Out, q, nil)
	fmt.Fprintln(opts.IO.Out)
	renderAnswerKey(opts.IO.Out, q)
	return nil
}

func showBank(opts *BankShowOptions, b *questions.Bank) error {
	c := questions.Count(b.Questions)
	if opts.JSON {
		type qline struct {
			ID    string `json:"id"`
			Kind  string `json:"kind"`
			Type  string `json:"type"`
			Topic string `json:"topic"`
			Level string `json:"level,omitempty"`
		}
		out := struct {
			bankSummary
			Counts    questions.Counts `json:"counts"`
			Questions []qline          `json:"question_list"`
		}{bankSummary: summarize(b), Counts: c}
		for _, q := range b.Questions {
			out.Questions = append(out.Questions, qline{q.ID, string(q.Kind), string(q.Type), q.Topic, string(q.Level)})
		}
		return writeJSON(opts.IO.Out, out)
	}
	w := opts.IO.Out
	fmt.Fprintf(w, "%s: %s\n", b.ID, safe(b.Title))
	if b.Description != "" {
		fmt.Fprintf(w, "%s\n", safe(strings.TrimSpace(b.Description)))
	}
	fmt.Fprintf(w, "\norigin:    %s\n", safe(b.Origin))
	if b.License != "" {
		fmt.Fprintf(w, "license:   %s\n", safe(b.License))
	}
	if b.Source != "" {
		fmt.Fprintf(w, "source:    %s\n", safe(b.Source))
	}
	writeCounts(w, c)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tTYPE\tTOPIC\tLEVEL")
	for _, q := range b.Questions {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", q.ID, q.Kind, q.Type, q.Topic, q.Level)
	}
	return tw.Flush()
}

func writeCounts(w interface{ Write([]byte) (int, error) }, c questions.Counts) {
	fmt.Fprintf(w, "questions: %d\n", c.Total)
	fmt.Fprintf(w, "by kind:   %s\n", tallies(questions.Sorted(c.Kind, questions.KindNames()...)))
	fmt.Fprintf(w, "by type:   %s\n", tallies(questions.Sorted(c.Type, questions.TypeNames()...)))
	fmt.Fprintf(w, "by level:  %s\n", tallies(questions.Sorted(c.Level, questions.LevelNames()...)))
	fmt.Fprintf(w, "by topic:  %s\n", tallies(questions.Sorted(c.Topic)))
}

// BankStatsOptions are the inputs of grill bank stats.
type BankStatsOptions struct {
	IO    *IOStreams
	Load  func([]string) (*Loaded, error)
	Banks []string
	JSON  bool
}

// NewCmdBankStats builds grill bank stats.
func NewCmdBankStats(f *Factory, runF func(*BankStatsOptions) error) *cobra.Command {
	opts := &BankStatsOptions{IO: f.IO, Load: f.LoadBanks}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count the loaded questions by kind, type, topic and level",
		Long: long(`
Count the questions of the loaded banks (or of the banks chosen with --bank) by kind,
type, topic and level.`),
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return bankStats(opts)
		},
	}
	addBankFlag(cmd, &opts.Banks)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func bankStats(opts *BankStatsOptions) error {
	loaded, err := opts.Load(opts.Banks)
	if err != nil {
		return err
	}
	var qs []*questions.Question
	banks := selectedBanks(loaded)
	for _, b := range banks {
		qs = append(qs, b.Questions...)
	}
	c := questions.Count(qs)
	if opts.JSON {
		return writeJSON(opts.IO.Out, struct {
			Banks int `json:"banks"`
			questions.Counts
		}{len(banks), c})
	}
	fmt.Fprintf(opts.IO.Out, "banks:     %d\n", len(banks))
	writeCounts(opts.IO.Out, c)
	return nil
}

// BankNewOptions are the inputs of grill bank new.
type BankNewOptions struct {
	IO    *IOStreams
	File  string
	Force bool
}

// NewCmdBankNew builds grill bank new.
func NewCmdBankNew(f *Factory, runF func(*BankNewOptions) error) *cobra.Command {
	opts := &BankNewOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "new FILE",
		Short: "Write a commented example bank with one question of every type",
		Long: long(`
Write a new bank file with comments and one example of every question type. The bank id
comes from the file name. The file lints clean; edit it, then check it with
'grill bank lint FILE'. FILE - writes to standard output.`),
		Args: exactArgs(1, "one FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return bankNew(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func bankNew(opts *BankNewOptions) error {
	id := "my-bank"
	if opts.File != "-" {
		id = bankIDFromFile(opts.File)
	}
	data := scaffold(id)
	if opts.File == "-" {
		_, err := opts.IO.Out.Write(data)
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if opts.Force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	file, err := os.OpenFile(opts.File, flags, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return fmt.Errorf("%s already exists; pass --force to overwrite it", opts.File)
		}
		return err
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		return err
	}
	if err := file.Close(); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s (bank %q); check it with: grill bank lint %s\n", opts.File, id, opts.File)
	return nil
}

// bankIDFromFile derives a valid bank id from a file name: "My Bank.yaml" -> "my-bank".
func bankIDFromFile(file string) string {
	if id := questions.Slug(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), 0); id != "" {
		return id
	}
	return "my-bank"
}

// BankSchemaOptions are the inputs of grill bank schema.
type BankSchemaOptions struct{ IO *IOStreams }

// NewCmdBankSchema builds grill bank schema.
func NewCmdBankSchema(f *Factory, runF func(*BankSchemaOptions) error) *cobra.Command {
	opts := &BankSchemaOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the bank format",
		Long: long(`
Print a JSON Schema (draft 2020-12) of the bank format, for editors with a YAML language
server. Save it and add this first line to a bank file:

  # yaml-language-server: $schema=./grill-bank.schema.json

docs/bank-format.md shows other ways to set it up.`),
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			_, err := opts.IO.Out.Write(questions.Schema())
			return err
		},
	}
}
