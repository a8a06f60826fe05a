package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/scoring"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// ScoreOptions are the inputs of grill score.
type ScoreOptions struct {
	IO         *IOStreams
	Load       func([]string) (*Loaded, error)
	Banks      []string
	Target     string
	AnswerFile string
	JSON       bool
}

// NewCmdScore builds grill score.
func NewCmdScore(f *Factory, runF func(*ScoreOptions) error) *cobra.Command {
	opts := &ScoreOptions{IO: f.IO, Load: f.LoadBanks}
	cmd := &cobra.Command{
		Use:   "score BANK/ID [--answer-file FILE]",
		Short: "Score one answer without a quiz",
		Long: long(`
Score one answer to a question and explain the score: for open answers, every rubric
point found or missed with the sentence that matched; for STAR answers, the structure
checks and a 1-5 rating; for system-design questions, each stage.

The answer is read from --answer-file, or from standard input. It is plain text, or a
YAML mapping: situation, task, action and result for a STAR answer, stage ids to text
for a staged question. Objective questions take their answer as in an answers file (a
letter, true or false, text or a number). docs/scoring.md explains every rule.`),
		Args: exactArgs(1, "one BANK/ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Target = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runScore(opts)
		},
	}
	addBankFlag(cmd, &opts.Banks)
	cmd.Flags().StringVar(&opts.AnswerFile, "answer-file", "", "read the answer from `FILE` instead of standard input")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the result as JSON")
	return cmd
}

func runScore(opts *ScoreOptions) error {
	loaded, err := opts.Load(opts.Banks)
	if err != nil {
		return err
	}
	q, err := loaded.Lib.Question(opts.Target)
	if err != nil {
		return err
	}
	var data []byte
	if opts.AnswerFile != "" {
		data, err = os.ReadFile(opts.AnswerFile)
		if err != nil {
			return fmt.Errorf("--answer-file: %w", unwrapPathError(err))
		}
	} else {
		if opts.IO.InTTY {
			fmt.Fprintln(opts.IO.ErrOut, "Reading the answer from standard input; end it with Ctrl-D.")
		}
		data, err = io.ReadAll(io.LimitReader(opts.IO.In, 1<<20))
		if err != nil {
			return err
		}
	}
	ans, err := parseAnswerText(q, string(data))
	if err != nil {
		name := opts.AnswerFile
		if name == "" {
			name = "standard input"
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	r := scoring.Score(q, ans)
	if opts.JSON {
		return writeJSON(opts.IO.Out, struct {
			Key     string  `json:"key"`
			Percent float64 `json:"percent"`
			scoring.Result
		}{q.Key(), round2(100 * r.Points / r.MaxPoints), r})
	}
	w := opts.IO.Out
	width := opts.IO.Width()
	fmt.Fprintf(w, "%s: %s/%s points (%.0f%%)\n", q.Key(), fmtPts(r.Points), fmtPts(r.MaxPoints), 100*r.Points/r.MaxPoints)
	fmt.Fprintf(w, "%s\n", wrapText(safe(r.Feedback), width))
	if r.Rubric != nil || r.STAR != nil || r.Stages != nil {
		fmt.Fprintln(w)
		renderEvidence(w, q, r, width)
	}
	if q.ModelAnswer != "" {
		fmt.Fprintf(w, "\nModel answer:\n%s\n", wrapText(safe(strings.TrimSpace(q.ModelAnswer)), width))
	}
	if q.Explanation != "" {
		fmt.Fprintf(w, "\n%s\n", wrapText(safe(strings.TrimSpace(q.Explanation)), width))
	}
	return nil
}

// parseAnswerText reads an answer given as a file: a YAML mapping of STAR parts or
// stage ids when the question takes one and the keys fit, otherwise plain text (or, for
// objective questions, the answer as an answers file writes it).
func parseAnswerText(q *questions.Question, text string) (scoring.Answer, error) {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(text), &doc) == nil && len(doc.Content) == 1 {
		n := doc.Content[0]
		if n.Kind == yaml.MappingNode && mappingFits(q, n) || q.Type.Objective() {
			return answerFromNode(q, n)
		}
	}
	if q.Type.Objective() {
		return answerFromNode(q, &yaml.Node{Kind: yaml.ScalarNode, Value: strings.TrimSpace(text)})
	}
	return scoring.Answer{Text: text}, nil
}

// mappingFits reports whether every key of n names a STAR part or a stage of q.
func mappingFits(q *questions.Question, n *yaml.Node) bool {
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i].Value
		ok := false
		switch q.Type {
		case questions.Star:
			ok = k == "situation" || k == "task" || k == "action" || k == "result"
		case questions.Open:
			for _, st := range q.Stages {
				ok = ok || st.ID == k
			}
		}
		if !ok {
			return false
		}
	}
	return len(n.Content) > 0
}
