package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/questions/banks"
	"github.com/grill-cli/grill/questions/exchange"
	"github.com/spf13/cobra"
)

func newCmdBankImport(f *Factory) *cobra.Command {
	var format, out, id, title, topic, kind string
	var force bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Make a bank from CSV, Anki text or Markdown quiz questions",
		Long: long(`
Make a bank from questions in another format:

  csv       question,answer[,explanation] rows (the classic quiz exercise); numeric
            answers become numeric questions, others short answers
  anki      Anki's "Notes in Plain Text" export: front and back separated by tabs,
            with its # header lines; HTML is turned into text
  markdown  the style of large public quiz collections: "#### Q1. question" followed by
            "- [ ] choice" and "- [x] right choice" lines

Every line that cannot be used is reported with its number; the rest is written to -o
(FILE with .yaml by default) as a bank that passes grill bank lint. Check it, add
explanations where it warns, then install it with grill bank add.`),
		Args: exactArgs(1, "one FILE to import"),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := args[0]
			if format == "" {
				switch strings.ToLower(filepath.Ext(in)) {
				case ".csv":
					format = "csv"
				case ".md", ".markdown":
					format = "markdown"
				case ".txt", ".tsv":
					format = "anki"
				default:
					return flagErrorf("cannot tell the format of %s; pass --format csv, anki or markdown", in)
				}
			}
			if format != "csv" && format != "anki" && format != "markdown" {
				return flagErrorf("--format %q: want csv, anki or markdown", format)
			}
			if kind == "" {
				kind = string(questions.Fundamentals)
			}
			data, err := os.ReadFile(in)
			if err != nil {
				return fmt.Errorf("%s: %w", in, unwrapPathError(err))
			}
			drafts, skipped, err := exchange.Import(format, bytes.NewReader(data))
			if err != nil {
				return err
			}
			for _, s := range skipped {
				fmt.Fprintf(f.IO.ErrOut, "%s:%s\n", in, s)
			}
			if len(drafts) == 0 {
				return fmt.Errorf("%s: no question could be imported", in)
			}
			if out == "" {
				out = strings.TrimSuffix(in, filepath.Ext(in)) + ".yaml"
			}
			if id == "" {
				id = bankIDFromFile(out)
			}
			if title == "" {
				title = "Imported from " + filepath.Base(in)
			}
			if topic == "" {
				topic = "imported"
			}
			var buf bytes.Buffer
			meta := exchange.Meta{ID: id, Title: title, Topic: topic, Kind: questions.Kind(kind)}
			if err := exchange.WriteBank(&buf, meta, drafts, "imported from "+filepath.Base(in)+" ("+format+")"); err != nil {
				return err
			}
			// What is written must load: check it before writing.
			if _, issues := questions.Parse(out, buf.Bytes()); len(issues.Errors()) > 0 {
				return &questions.BankError{File: out, Issues: issues}
			}
			if err := writeNew(out, buf.Bytes(), force); err != nil {
				return err
			}
			fmt.Fprintf(f.IO.ErrOut, "wrote %s: %d questions imported, %d lines skipped\n", out, len(drafts), len(skipped))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", "csv, anki or markdown (default: from the file name)")
	fl.StringVarP(&out, "output", "o", "", "the bank file to write")
	fl.StringVar(&id, "id", "", "the bank id (default: from the output file name)")
	fl.StringVar(&title, "title", "", "the bank title")
	fl.StringVar(&topic, "topic", "", "the topic of the imported questions (default imported)")
	fl.StringVar(&kind, "kind", "", "the kind of the imported questions (default fundamentals)")
	fl.BoolVar(&force, "force", false, "overwrite the output file")
	return cmd
}

// writeNew writes a file, refusing to overwrite one unless force.
func writeNew(path string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	file, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; pass --force to overwrite it", path)
		}
		return err
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

func newCmdBankExport(f *Factory) *cobra.Command {
	var format, out string
	var banks []string
	cmd := &cobra.Command{
		Use:   "export BANK",
		Short: "Write a bank as Anki text, CSV or JSON",
		Long: long(`
Write a bank's questions in another format: anki (tab-separated text that Anki's
File > Import reads, with the prompt and choices on the front and the answer and
explanation on the back), csv, or json.`),
		Args: exactArgs(1, "one BANK id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "anki" && format != "csv" && format != "json" {
				return flagErrorf("--format %q: want anki, csv or json", format)
			}
			loaded, err := f.LoadBanks(banks)
			if err != nil {
				return err
			}
			b := loaded.Lib.Bank(args[0])
			if b == nil {
				return fmt.Errorf("no bank %q (banks: %s)", args[0], strings.Join(loaded.Lib.BankIDs(), ", "))
			}
			var w io.Writer = f.IO.Out
			var file *os.File
			if out != "" && out != "-" {
				if file, err = os.Create(out); err != nil {
					return err
				}
				w = file
			}
			switch format {
			case "anki":
				err = exchange.ExportAnki(w, b.Questions)
			case "csv":
				err = exchange.ExportCSV(w, b.Questions)
			default:
				views := make([]questionView, len(b.Questions))
				for i, q := range b.Questions {
					views[i] = questionJSON(q)
				}
				err = writeJSON(w, views)
			}
			if file != nil {
				if cerr := file.Close(); err == nil {
					err = cerr
				}
			}
			return err
		},
	}
	addBankFlag(cmd, &banks)
	cmd.Flags().StringVar(&format, "format", "anki", "anki, csv or json")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

func newCmdBankAdd(f *Factory) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "add PATH...",
		Short: "Install bank files into your bank folder after checking them",
		Long: long(`
Check bank files (or the .yaml and .yml files of folders) as grill bank lint does and copy
those without errors into the bank folder ($GRILL_HOME/banks), named after their bank id.
A bank id already used by a built-in bank is refused; one already installed is replaced
only with --force.`),
		Args: minArgs(1, "at least one bank file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := f.BanksDir()
			if err != nil {
				return err
			}
			builtin := banks.All()
			var failed bool
			for _, p := range args {
				files, err := questions.BankFiles(p)
				if err != nil {
					return fmt.Errorf("%s: %w", p, unwrapPathError(err))
				}
				for _, file := range files {
					if err := addBank(f, file, dir, builtin, force); err != nil {
						fmt.Fprintf(f.IO.ErrOut, "grill: %v\n", err)
						failed = true
					}
				}
			}
			if failed {
				return &ExitError{Code: exitFailure}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an installed bank with the same id")
	return cmd
}

func addBank(f *Factory, file, dir string, builtin []*questions.Bank, force bool) error {
	b, issues, err := questions.ParseFile(file)
	if err != nil {
		return fmt.Errorf("%s: %w", file, unwrapPathError(err))
	}
	for _, is := range issues {
		fmt.Fprintln(f.IO.ErrOut, safe(is.String()))
	}
	if b == nil || len(issues.Errors()) > 0 {
		return fmt.Errorf("%s not installed: it has errors", file)
	}
	for _, bb := range builtin {
		if bb.ID == b.ID {
			return fmt.Errorf("%s not installed: bank id %q is a built-in bank's; rename it", file, b.ID)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	dest := filepath.Join(dir, b.ID+".yaml")
	if err := writeNew(dest, data, force); err != nil {
		return fmt.Errorf("%s not installed: %w", file, err)
	}
	fmt.Fprintf(f.IO.ErrOut, "installed %s as %s (%d questions)\n", file, dest, len(b.Questions))
	return nil
}

func newCmdBankRemove(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Remove an installed bank from your bank folder",
		Long:  long("Remove the bank with this id from the bank folder ($GRILL_HOME/banks). Built-in banks cannot be removed; history is kept."),
		Args:  exactArgs(1, "one bank ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := f.BanksDir()
			if err != nil {
				return err
			}
			files, err := questions.BankFiles(dir)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			for _, file := range files {
				b, _, err := questions.ParseFile(file)
				if err == nil && b != nil && b.ID == args[0] {
					if err := os.Remove(file); err != nil {
						return err
					}
					fmt.Fprintf(f.IO.ErrOut, "removed %s\n", file)
					return nil
				}
			}
			if (&questions.Library{Banks: banks.All()}).Bank(args[0]) != nil {
				return fmt.Errorf("%s is a built-in bank; it cannot be removed", args[0])
			}
			return fmt.Errorf("no installed bank %q in %s", args[0], dir)
		},
	}
}
