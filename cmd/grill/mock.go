package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/grill-cli/grill/scoring"
	"github.com/spf13/cobra"
)

// MockOptions are the inputs of grill mock.
type MockOptions struct {
	Quiz     *QuizOptions
	Level    string
	Focus    string
	Duration time.Duration
	Report   string
}

// NewCmdMock builds grill mock.
func NewCmdMock(f *Factory, runF func(*MockOptions) error) *cobra.Command {
	q := newQuizOptions(f)
	q.Order, q.Feedback = string(quiz.BankOrder), "end"
	opts := &MockOptions{Quiz: q}
	cmd := &cobra.Command{
		Use:   "mock",
		Short: "Run a mock interview loop: fundamentals, one system design, behavioral stories",
		Long: long(`
Run one session the way a backend interview loop goes: a short fundamentals round
(rapid questions, 90 seconds each), one system-design question walked through its
stages, and two behavioral questions in the STAR form (three from --duration 75m), each
timed, all under an overall clock. Where a question has follow-up questions, one is
asked after your answer, as an interviewer would.

At the end, a report per section (score, the rubric points found and missed with your
words as evidence, model answers) and an overall signal for --level, stated with its
limits. --report FILE.md writes the report as Markdown a mentor can read; --json prints
the result document. Mock interviews do not move review schedules.`),
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := f.Config()
			if err != nil {
				return err
			}
			q.Config = c
			q.SeedSet = cmd.Flags().Changed("seed")
			if !slices.Contains([]string{"junior", "mid", "senior"}, opts.Level) {
				return flagErrorf("--level %q: want junior, mid or senior", opts.Level)
			}
			if opts.Duration < 20*time.Minute {
				return flagErrorf("--duration %s: a mock interview needs at least 20m", opts.Duration)
			}
			if runF != nil {
				return runF(opts)
			}
			return runMock(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addBankFlag(cmd, &q.Banks)
	fl.StringVar(&opts.Level, "level", "mid", "the level you interview for: junior, mid or senior")
	fl.StringVar(&opts.Focus, "focus", "", "draw the fundamentals round from this topic")
	fl.DurationVar(&opts.Duration, "duration", time.Hour, "the whole interview's time")
	fl.StringVar(&opts.Report, "report", "", "also write the report as Markdown to `FILE`")
	addRunFlags(cmd, q, "seed for choosing the questions, to repeat a mock")
	fl.BoolVar(&q.NoHistory, "no-history", false, "do not record this mock")
	return cmd
}

// Mock sections.
const (
	secFundamentals = "fundamentals"
	secDesign       = "system design"
	secBehavioral   = "behavioral"
)

// levelBars are the section scores (percent) a mock should reach to suggest a level.
// They are grill's practice heuristics, not any company's bar.
var levelBars = map[string][3]float64{"junior": {60, 40, 50}, "mid": {70, 55, 60}, "senior": {80, 65, 70}}

func runMock(ctx context.Context, opts *MockOptions) error {
	q := opts.Quiz
	loaded, err := q.Load(q.Banks)
	if err != nil {
		return err
	}
	seed := q.Seed
	if !q.SeedSet {
		seed = uint64(q.Now().UnixNano())
	}
	pool, err := questions.Filter{Banks: loaded.Selected}.Apply(loaded.Lib.Questions())
	if err != nil {
		return err
	}
	items, sections, err := composeMock(pool, opts, seed)
	if err != nil {
		return err
	}
	q.TimeLimit = opts.Duration
	talk := q.IO.Out
	if q.JSON {
		talk = q.IO.ErrOut
	}
	fmt.Fprintf(talk, "Mock interview (%s, %s): %d fundamentals questions at 90s each, one system design, %d behavioral questions\n",
		opts.Level, opts.Duration, count(sections, secFundamentals), count(sections, secBehavioral))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sess := &sessionRun{opts: q, mode: "mock", seed: seed, cancel: cancel, keepSchedules: true, followUps: true}
	sess.report = func(s *quiz.Session) error {
		r := buildMockReport(s, sections, opts)
		if opts.Report != "" {
			f, err := os.Create(opts.Report)
			if err != nil {
				return err
			}
			writeMockMarkdown(f, r, opts)
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(q.IO.ErrOut, "wrote %s\n", opts.Report)
		}
		if q.JSON {
			return writeJSON(q.IO.Out, r)
		}
		writeMockText(q.IO.Out, r, q.IO.Width())
		return nil
	}
	return sess.run(ctx, items)
}

func count(sections map[string]string, name string) int {
	n := 0
	for _, s := range sections {
		if s == name {
			n++
		}
	}
	return n
}

// composeMock picks the questions: the fundamentals round (objective questions of the
// level, from --focus if given), a staged system-design question, and behavioral STAR
// questions; it returns them in interview order with each question's section.
func composeMock(pool []*questions.Question, opts *MockOptions, seed uint64) ([]quiz.Item, map[string]string, error) {
	level := questions.Level(opts.Level)
	pick := func(f questions.Filter, keep func(*questions.Question) bool, n int, what string) ([]*questions.Question, error) {
		cands, err := f.Apply(pool)
		if err != nil {
			return nil, fmt.Errorf("no %s questions to draw (%v)", what, err)
		}
		cands = slices.DeleteFunc(cands, func(q *questions.Question) bool { return !keep(q) })
		// Prefer the level asked for, then the others.
		atLevel := slices.DeleteFunc(slices.Clone(cands), func(q *questions.Question) bool { return q.Level != level })
		if len(atLevel) >= n {
			cands = atLevel
		}
		if len(cands) == 0 {
			return nil, fmt.Errorf("no %s questions to draw", what)
		}
		var out []*questions.Question
		for _, it := range quiz.Draw(cands, quiz.DrawOptions{N: n, Seed: seed}) {
			out = append(out, it.Q)
		}
		return out, nil
	}
	nFund := 5
	nBeh := 2
	if opts.Duration >= 75*time.Minute {
		nBeh = 3
	}
	fund := questions.Filter{Kinds: []questions.Kind{questions.Fundamentals}}
	if opts.Focus != "" {
		fund.Topics = []string{opts.Focus}
	}
	f, err := pick(fund, func(q *questions.Question) bool { return q.Type.Objective() }, nFund, "fundamentals")
	if err != nil {
		return nil, nil, err
	}
	d, err := pick(questions.Filter{Kinds: []questions.Kind{questions.SystemDesign}},
		func(q *questions.Question) bool { return len(q.Stages) > 0 }, 1, "system-design")
	if err != nil {
		return nil, nil, err
	}
	b, err := pick(questions.Filter{Kinds: []questions.Kind{questions.Behavioral}},
		func(q *questions.Question) bool { return q.Type == questions.Star }, nBeh, "behavioral")
	if err != nil {
		return nil, nil, err
	}
	sections := map[string]string{}
	var items []quiz.Item
	add := func(qs []*questions.Question, section string, limit time.Duration) {
		for _, it := range quiz.Draw(qs, quiz.DrawOptions{Seed: seed}) {
			if limit > 0 {
				c := *it.Q
				c.TimeLimit = limit
				it.Q = &c
			}
			sections[it.Q.Key()] = section
			items = append(items, it)
		}
	}
	add(f, secFundamentals, 90*time.Second)
	add(d, secDesign, 0)
	add(b, secBehavioral, 0)
	return items, sections, nil
}

type mockSection struct {
	Name      string         `json:"name"`
	Score     float64        `json:"score"`
	MaxScore  float64        `json:"max_score"`
	Percent   float64        `json:"percent"`
	Bar       float64        `json:"bar_for_level"`
	Meets     bool           `json:"meets_bar"`
	Questions []quiz.Outcome `json:"-"`
}

type mockReport struct {
	Level       string           `json:"level"`
	StartedAt   time.Time        `json:"started_at"`
	DurationMS  int64            `json:"duration_ms"`
	Interrupted bool             `json:"interrupted"`
	Expired     bool             `json:"expired"`
	Sections    []mockSection    `json:"sections"`
	Signal      string           `json:"signal"`
	Limits      string           `json:"limits"`
	Questions   []resultQuestion `json:"questions"`
}

const mockLimits = "This signal comes from grill's offline scoring (rubric phrases, STAR structure, numeric estimates) " +
	"over a handful of questions, with bars that are grill's heuristics, not any company's. It cannot judge how you " +
	"reason aloud, how you respond to hints, or how coherent a design is. Use it to find what to practise, and ask " +
	"a person to read the Markdown report."

func buildMockReport(s *quiz.Session, sections map[string]string, opts *MockOptions) mockReport {
	bars := levelBars[opts.Level]
	r := mockReport{Level: opts.Level, StartedAt: s.StartedAt.UTC(), DurationMS: s.Duration.Milliseconds(),
		Interrupted: s.Interrupted, Expired: s.Expired, Limits: mockLimits}
	for i, name := range []string{secFundamentals, secDesign, secBehavioral} {
		sec := mockSection{Name: name, Bar: bars[i]}
		var t scoring.Tally
		for _, o := range s.Outcomes {
			if sections[o.Item.Q.Key()] == name {
				t.Add(o.Result)
				sec.Questions = append(sec.Questions, o)
			}
		}
		sec.Score, sec.MaxScore, sec.Percent = round2(t.Score), round2(t.MaxScore), round2(t.Percent())
		sec.Meets = t.MaxScore > 0 && t.Percent() >= sec.Bar
		r.Sections = append(r.Sections, sec)
	}
	met := 0
	var missing []string
	for _, sec := range r.Sections {
		if sec.Meets {
			met++
		} else {
			missing = append(missing, sec.Name)
		}
	}
	switch met {
	case 3:
		r.Signal = fmt.Sprintf("At or above grill's %s bar in all three sections.", opts.Level)
	case 0:
		r.Signal = fmt.Sprintf("Below grill's %s bar in every section.", opts.Level)
	default:
		r.Signal = fmt.Sprintf("At or above grill's %s bar in %d of 3 sections; below it in %s.", opts.Level, met, strings.Join(missing, " and "))
	}
	qopts := &QuizOptions{}
	r.Questions = newResultDocument(s, qopts).Questions
	return r
}

func writeMockText(w io.Writer, r mockReport, width int) {
	fmt.Fprintf(w, "\nMock interview for %s level\n", r.Level)
	if r.Expired {
		fmt.Fprintln(w, "The interview's time ran out; questions not reached count as timed out.")
	}
	for _, sec := range r.Sections {
		mark := "below"
		if sec.Meets {
			mark = "meets"
		}
		fmt.Fprintf(w, "\n== %s: %s/%s (%.0f%%), %s the %s bar of %.0f%%\n", sec.Name, fmtPts(sec.Score), fmtPts(sec.MaxScore), sec.Percent, mark, r.Level, sec.Bar)
		for _, o := range sec.Questions {
			fmt.Fprintf(w, "\n%s: %s\n", o.Item.Q.Key(), safe(firstLineOf(o.Item.Q.Prompt)))
			writeFeedback(w, o, true, width)
			if fu := o.Answer.FollowUp; fu != nil {
				fmt.Fprintf(w, "Follow-up asked: %s\nYour reply: %s\n", safe(fu.Question), safe(strings.TrimSpace(fu.Reply)))
			}
		}
	}
	fmt.Fprintf(w, "\nSignal: %s\n%s\n", r.Signal, wrapText(r.Limits, width))
}

func writeMockMarkdown(w io.Writer, r mockReport, opts *MockOptions) {
	fmt.Fprintf(w, "# Mock interview report (%s level)\n\n", r.Level)
	fmt.Fprintf(w, "- Date: %s\n- Duration: %s of %s\n- Signal: %s\n\n", r.StartedAt.Format("2006-01-02 15:04 MST"),
		(time.Duration(r.DurationMS) * time.Millisecond).Round(time.Second), opts.Duration, r.Signal)
	fmt.Fprintln(w, "| Section | Score | Bar for the level | |\n| --- | --- | --- | --- |")
	for _, sec := range r.Sections {
		mark := "below"
		if sec.Meets {
			mark = "meets"
		}
		fmt.Fprintf(w, "| %s | %.0f%% (%s/%s) | %.0f%% | %s |\n", sec.Name, sec.Percent, fmtPts(sec.Score), fmtPts(sec.MaxScore), sec.Bar, mark)
	}
	for _, sec := range r.Sections {
		fmt.Fprintf(w, "\n## %s\n", strings.ToUpper(sec.Name[:1])+sec.Name[1:])
		for _, o := range sec.Questions {
			q := o.Item.Q
			fmt.Fprintf(w, "\n### %s\n\n%s\n\n", q.Key(), mdQuote(q.Prompt))
			fmt.Fprintf(w, "**Score:** %s/%s. %s\n\n", fmtPts(o.Result.Points), fmtPts(o.Result.MaxPoints), safe(o.Result.Feedback))
			if text := answerText(o.Answer); text != "" {
				fmt.Fprintf(w, "**Answer:**\n\n%s\n\n", mdQuote(text))
			}
			if o.Result.Rubric != nil || o.Result.STAR != nil || o.Result.Stages != nil {
				fmt.Fprintln(w, "**Evidence:**\n\n```")
				renderEvidence(w, q, o.Result, 0)
				fmt.Fprintln(w, "```")
			}
			if fu := o.Answer.FollowUp; fu != nil {
				fmt.Fprintf(w, "\n**Follow-up:** %s\n\n%s\n", safe(fu.Question), mdQuote(fu.Reply))
			}
			if a := quizAnswerText(q); a != "" {
				fmt.Fprintf(w, "\n**Right answer:** %s\n", safe(a))
			}
			if q.Explanation != "" {
				fmt.Fprintf(w, "\n%s\n", safe(strings.TrimSpace(q.Explanation)))
			}
			if q.ModelAnswer != "" {
				fmt.Fprintf(w, "\n**Model answer:**\n\n%s\n", mdQuote(q.ModelAnswer))
			}
		}
	}
	fmt.Fprintf(w, "\n## Limits\n\n%s\n", r.Limits)
}

// answerText renders what was answered, for the report.
func answerText(a scoring.Answer) string {
	switch {
	case a.STAR != nil:
		return fmt.Sprintf("Situation: %s\nTask: %s\nAction: %s\nResult: %s", a.STAR.Situation, a.STAR.Task, a.STAR.Action, a.STAR.Result)
	case len(a.Stages) > 0:
		var b strings.Builder
		keys := make([]string, 0, len(a.Stages))
		for k := range a.Stages {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "%s: %s\n", k, a.Stages[k])
		}
		return b.String()
	}
	return a.Text
}

func mdQuote(s string) string {
	lines := strings.Split(strings.TrimSpace(safe(s)), "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}
