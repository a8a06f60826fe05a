package main

import (
	"io"
	"slices"
	"strings"

	"github.com/grill-cli/grill/questions"
	"github.com/spf13/cobra"
)

// Dynamic shell completion: bank ids, question keys, topics, tags and exam ids come
// from what is loaded. Errors complete nothing rather than print.

type completer func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

func (f *Factory) loadedQuestions() []*questions.Question {
	loaded, err := f.LoadBanks(nil)
	if err != nil {
		return nil
	}
	return loaded.Lib.Questions()
}

func complete(values []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, toComplete) {
			out = append(out, v)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (f *Factory) completeBanks() completer {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		loaded, err := f.LoadBanks(nil)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		// A path is completed as a file.
		if looksLikePath(toComplete) && toComplete != "" {
			return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		}
		return complete(loaded.Lib.BankIDs(), toComplete)
	}
}

// completeQuestions completes bank ids, then bank/id keys once a bank is typed.
func (f *Factory) completeQuestions(withBanks bool) completer {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		qs := f.loadedQuestions()
		var values []string
		if !strings.Contains(toComplete, "/") {
			seen := map[string]bool{}
			for _, q := range qs {
				if !seen[q.Bank] {
					seen[q.Bank] = true
					if withBanks {
						values = append(values, q.Bank)
					}
					values = append(values, q.Bank+"/")
				}
			}
			vals, dir := complete(values, toComplete)
			return vals, dir | cobra.ShellCompDirectiveNoSpace
		}
		for _, q := range qs {
			values = append(values, q.Key())
		}
		return complete(values, toComplete)
	}
}

func (f *Factory) completeWith(list func([]*questions.Question) []string) completer {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return complete(list(f.loadedQuestions()), toComplete)
	}
}

func (f *Factory) completeExams() completer {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		bps, err := loadBlueprints(f.Home, io.Discard, "")
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var ids []string
		for _, b := range bps {
			ids = append(ids, b.ID)
		}
		return complete(ids, toComplete)
	}
}

func fixed(values ...string) completer {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return complete(values, toComplete)
	}
}

// registerCompletions wires the dynamic completions into the command tree.
func registerCompletions(f *Factory, root *cobra.Command) {
	walk(root, func(c *cobra.Command) {
		flag := func(name string, fn completer) {
			if c.Flags().Lookup(name) != nil {
				c.RegisterFlagCompletionFunc(name, fn)
			}
		}
		flag("bank", f.completeBanks())
		flag("topic", f.completeWith(questions.Topics))
		flag("tag", f.completeWith(questions.Tags))
		flag("kind", fixed(questions.KindNames()...))
		flag("level", fixed("junior", "mid", "senior"))
		flag("order", fixed("random", "bank"))
		flag("feedback", fixed("immediate", "end", "none"))
		flag("format", fixed(slices.DeleteFunc([]string{"text", "json", "csv", "anki"}, func(s string) bool {
			return c.Name() == "lint" && (s == "csv" || s == "anki")
		})...))
		flag("by", fixed("topic", "kind", "bank"))
		flag("review", fixed("wrong", "flagged"))
		flag("focus", f.completeWith(questions.Topics))
		switch c.CommandPath() {
		case "grill bank show":
			c.ValidArgsFunction = f.completeQuestions(true)
		case "grill score":
			c.ValidArgsFunction = f.completeQuestions(false)
		case "grill exam":
			c.ValidArgsFunction = f.completeExams()
		case "grill bank lint", "grill bank new":
			c.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
			}
		}
	})
}

func walk(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walk(sub, fn)
	}
}
