package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// Config holds the defaults a user can set. Each value is taken, in order, from a flag,
// the environment (GRILL_*), the config file ($XDG_CONFIG_HOME/grill/config.yaml), or the
// built-in default.
type Config struct {
	Values map[string]Setting
	Path   string
}

// Setting is one effective value and where it came from.
type Setting struct {
	Value  string `json:"value"`
	Source string `json:"source"` // environment, config, default
}

// configKeys are the settings, with their environment variable and built-in default.
var configKeys = []struct{ key, env, def, help string }{
	{"banks", "GRILL_BANKS", "", "extra bank files or folders to load, separated by " + string(os.PathListSeparator)},
	{"per_question", "GRILL_PER_QUESTION", "", "default --per-question time limit of grill quiz"},
	{"time_limit", "GRILL_TIME_LIMIT", "", "default --time-limit of grill quiz"},
	{"feedback", "GRILL_FEEDBACK", "immediate", "default --feedback of grill quiz: immediate, end or none"},
	{"color", "GRILL_COLOR", "auto", "auto, always or never (NO_COLOR always wins)"},
	{"editor", "GRILL_EDITOR", "", "editor for long answers (default $VISUAL, then $EDITOR, then vi)"},
}

// ConfigPath is $XDG_CONFIG_HOME/grill/config.yaml, or ~/.config/grill/config.yaml.
func (f *Factory) ConfigPath() string {
	dir := f.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := f.Getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "grill", "config.yaml")
}

// Config reads the configuration; a missing file is no error, a bad one is, with its
// position.
func (f *Factory) Config() (*Config, error) {
	if f.config != nil {
		return f.config, nil
	}
	c := &Config{Values: map[string]Setting{}, Path: f.ConfigPath()}
	file := map[string]string{}
	data, err := os.ReadFile(c.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("config %s: %w", c.Path, err)
	default:
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("config %s: %s", c.Path, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		if len(doc.Content) == 1 {
			n := doc.Content[0]
			if n.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("%s:%d:%d: the config is a mapping of settings", c.Path, n.Line, n.Column)
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if !slices.ContainsFunc(configKeys, func(ck struct{ key, env, def, help string }) bool { return ck.key == k.Value }) {
					return nil, fmt.Errorf("%s:%d:%d: unknown setting %q (settings: %s)", c.Path, k.Line, k.Column, k.Value, configKeyNames())
				}
				val := v.Value
				if v.Kind == yaml.SequenceNode {
					var parts []string
					for _, it := range v.Content {
						parts = append(parts, it.Value)
					}
					val = strings.Join(parts, string(os.PathListSeparator))
				}
				file[k.Value] = val
			}
		}
	}
	for _, ck := range configKeys {
		switch {
		case f.Getenv(ck.env) != "":
			c.Values[ck.key] = Setting{f.Getenv(ck.env), "environment (" + ck.env + ")"}
		case file[ck.key] != "":
			c.Values[ck.key] = Setting{file[ck.key], "config"}
		default:
			c.Values[ck.key] = Setting{ck.def, "default"}
		}
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	f.config = c
	return c, nil
}

func configKeyNames() string {
	var names []string
	for _, ck := range configKeys {
		names = append(names, ck.key)
	}
	return strings.Join(names, ", ")
}

func (c *Config) validate() error {
	for _, k := range []string{"per_question", "time_limit"} {
		if v := c.Values[k]; v.Value != "" {
			if d, err := time.ParseDuration(v.Value); err != nil || d <= 0 {
				return fmt.Errorf("setting %s = %q (from %s): want a duration such as 90s or 20m", k, v.Value, v.Source)
			}
		}
	}
	if v := c.Values["feedback"]; !slices.Contains([]string{"immediate", "end", "none"}, v.Value) {
		return fmt.Errorf("setting feedback = %q (from %s): want immediate, end or none", v.Value, v.Source)
	}
	if v := c.Values["color"]; !slices.Contains([]string{"auto", "always", "never"}, v.Value) {
		return fmt.Errorf("setting color = %q (from %s): want auto, always or never", v.Value, v.Source)
	}
	return nil
}

// Get returns a setting's effective value.
func (c *Config) Get(key string) string { return c.Values[key].Value }

// applyQuizDefaults fills the quiz flags the user did not give from the configuration.
func applyQuizDefaults(cmd *cobra.Command, f *Factory, o *QuizOptions) error {
	c, err := f.Config()
	if err != nil {
		return err
	}
	o.Config = c
	if v := c.Get("per_question"); v != "" && !cmd.Flags().Changed("per-question") {
		o.PerQuestion, _ = time.ParseDuration(v)
	}
	if v := c.Get("time_limit"); v != "" && !cmd.Flags().Changed("time-limit") {
		o.TimeLimit, _ = time.ParseDuration(v)
	}
	if !cmd.Flags().Changed("feedback") {
		o.Feedback = c.Get("feedback")
	}
	return nil
}

func newCmdConfig(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the configuration",
		Long: long(`
grill reads defaults from $XDG_CONFIG_HOME/grill/config.yaml (~/.config/grill/config.yaml),
a YAML mapping of these settings:

  banks: [~/interview/banks]   extra bank files or folders to load
  per_question: 90s            default --per-question of grill quiz
  time_limit: 30m              default --time-limit of grill quiz
  feedback: end                default --feedback: immediate, end or none
  color: never                 auto, always or never (NO_COLOR always wins)
  editor: nvim                 editor for long answers

Each value comes from a flag if given, else the environment (GRILL_BANKS,
GRILL_PER_QUESTION, GRILL_TIME_LIMIT, GRILL_FEEDBACK, GRILL_COLOR, GRILL_EDITOR), else
the file, else the built-in default. 'grill config show' prints the effective values
and where each came from.`),
		Args: exactArgs(0, "a subcommand: show"),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	var jsonOut bool
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the effective settings and where each came from",
		Long:  long("Print the effective settings and where each came from: environment, config or default."),
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := f.Config()
			if err != nil {
				return err
			}
			if jsonOut {
				return writeJSON(f.IO.Out, struct {
					Path     string             `json:"path"`
					Settings map[string]Setting `json:"settings"`
				}{c.Path, c.Values})
			}
			fmt.Fprintf(f.IO.Out, "config file: %s\n\n", c.Path)
			tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SETTING\tVALUE\tFROM")
			for _, ck := range configKeys {
				s := c.Values[ck.key]
				v := s.Value
				if v == "" {
					v = "(none)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", ck.key, safe(v), s.Source)
			}
			return tw.Flush()
		},
	}
	show.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	cmd.AddCommand(show)
	return cmd
}
