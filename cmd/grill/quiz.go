package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/grill-cli/grill/quiz/history"
	"github.com/grill-cli/grill/quiz/schedule"
	"github.com/grill-cli/grill/scoring"
	"github.com/spf13/cobra"
)

// newQuizOptions returns options for a command that runs questions (quiz, review, exam,
// mock), with the factory's dependencies filled in.
func newQuizOptions(f *Factory) *QuizOptions {
	return &QuizOptions{IO: f.IO, Load: f.LoadBanks, Now: f.Now, Getenv: f.Getenv, OpenHistory: f.OpenHistory}
}

// QuizOptions are the inputs of grill quiz.
type QuizOptions struct {
	IO     *IOStreams
	Load   func([]string) (*Loaded, error)
	Now    func() time.Time
	Getenv func(string) string
	// NewTTY opens the terminal for interactive asking; nil uses the real /dev/tty.
	NewTTY func() (TTYPrompter, error)

	Banks, Kinds, Topics, Tags, Levels []string
	N                                  int
	Seed                               uint64
	SeedSet                            bool
	Order                              string
	PerQuestion, TimeLimit             time.Duration
	Feedback                           string
	PassMark                           float64
	PassMarkSet                        bool
	JSON                               bool
	AnswersFile                        string
	Plain                              bool
	NoHistory                          bool
	Weak                               bool
	// OpenHistory opens the history database.
	OpenHistory func() (*history.Store, error)
	// Config holds the effective settings (colour, editor), when read.
	Config *Config
}

// NewCmdQuiz builds grill quiz.
func NewCmdQuiz(f *Factory, runF func(*QuizOptions) error) *cobra.Command {
	opts := newQuizOptions(f)
	cmd := &cobra.Command{
		Use:   "quiz",
		Short: "Run a timed quiz",
		Long: long(`
Ask questions from the loaded banks, score each answer and show what was wrong and why.

In a terminal, questions are asked interactively (arrow keys to choose, Enter to
answer) with the time left shown at the bottom of the screen; with no filters, a short
picker asks what to practise. Without a terminal, or with --plain, questions are printed
with numbered choices and answers are read one line each (choice numbers or letters,
1,3 for several; open answers end with a line holding a single "."). An empty line
skips a question.

--answers FILE takes the answers from a YAML mapping of question keys (id or bank/id) to
answers: a letter or a list of letters (in bank order, as 'grill bank show' prints
them), true or false, text, or a number. Questions missing from the file are skipped.

Time limits: --per-question, or each question's own time_limit, ends a question when
its time is up and counts it as timed out; --time-limit bounds the whole session, and
every question not reached by then counts as timed out.

--json prints one result document on stdout (see docs/results.md) and nothing else.

Every answer is recorded in $GRILL_HOME/grill.db as it is given and moves the
question's review schedule (see grill review); --no-history records nothing. --weak
draws more often from the questions and topics with the worst results of the last 30
days.`,
			"  3    the score is below --pass-mark"),
		Args: exactArgs(0, "no arguments (use flags such as --topic)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.SeedSet = cmd.Flags().Changed("seed")
			opts.PassMarkSet = cmd.Flags().Changed("pass-mark")
			if err := applyQuizDefaults(cmd, f, opts); err != nil {
				return err
			}
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runQuiz(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addBankFlag(cmd, &opts.Banks)
	fl.StringArrayVar(&opts.Kinds, "kind", nil, "only questions of this kind (fundamentals, system-design, behavioral, certification); repeatable")
	fl.StringArrayVar(&opts.Topics, "topic", nil, "only questions on this topic; repeatable")
	fl.StringArrayVar(&opts.Tags, "tag", nil, "only questions with this tag; repeatable")
	fl.StringArrayVar(&opts.Levels, "level", nil, "only questions of this level (junior, mid, senior); repeatable")
	fl.IntVarP(&opts.N, "count", "n", 10, "how many questions to ask (0 for all)")
	fl.StringVar(&opts.Order, "order", "random", "question order: random or bank")
	fl.DurationVar(&opts.PerQuestion, "per-question", 0, "time limit for each question (overrides the banks' limits)")
	fl.DurationVar(&opts.TimeLimit, "time-limit", 0, "time limit for the whole session")
	fl.StringVar(&opts.Feedback, "feedback", "immediate", "when to show right answers: immediate, end or none")
	fl.Float64Var(&opts.PassMark, "pass-mark", 0, "pass mark in percent; below it grill exits 3")
	addRunFlags(cmd, opts, "seed for the random order, to repeat a run")
	fl.BoolVar(&opts.NoHistory, "no-history", false, "do not record this session or move review schedules")
	fl.BoolVar(&opts.Weak, "weak", false, "draw more often from the questions and topics with the worst recent results")
	return cmd
}

func (o *QuizOptions) validate() error {
	for _, k := range o.Kinds {
		if !slices.Contains(questions.KindNames(), k) {
			return flagErrorf("--kind %q: want one of %s", k, strings.Join(questions.KindNames(), ", "))
		}
	}
	for _, l := range o.Levels {
		if !slices.Contains([]string{"junior", "mid", "senior"}, l) {
			return flagErrorf("--level %q: want junior, mid or senior", l)
		}
	}
	if o.Order != string(quiz.Random) && o.Order != string(quiz.BankOrder) {
		return flagErrorf("--order %q: want random or bank", o.Order)
	}
	if !slices.Contains([]string{"immediate", "end", "none"}, o.Feedback) {
		return flagErrorf("--feedback %q: want immediate, end or none", o.Feedback)
	}
	if o.N < 0 {
		return flagErrorf("-n %d: want 0 (all) or more", o.N)
	}
	if o.PerQuestion < 0 || o.TimeLimit < 0 {
		return flagErrorf("time limits must be positive")
	}
	if o.PassMarkSet && (o.PassMark < 0 || o.PassMark > 100) {
		return flagErrorf("--pass-mark %v: want a percentage from 0 to 100", o.PassMark)
	}
	return nil
}

func (o *QuizOptions) filter() questions.Filter {
	f := questions.Filter{Topics: o.Topics, Tags: o.Tags}
	for _, k := range o.Kinds {
		f.Kinds = append(f.Kinds, questions.Kind(k))
	}
	for _, l := range o.Levels {
		f.Levels = append(f.Levels, questions.Level(l))
	}
	return f
}

func (o *QuizOptions) noFilters() bool {
	return len(o.Banks)+len(o.Kinds)+len(o.Topics)+len(o.Tags)+len(o.Levels) == 0
}

// emptySelection explains which flag emptied the selection, with what there is.
func emptySelection(err error, pool []*questions.Question) error {
	var ee *questions.EmptyError
	if !errors.As(err, &ee) || ee.Field == "" {
		return err
	}
	msg := fmt.Sprintf("no questions match --%s %s (%d questions matched the other filters)",
		ee.Field, strings.Join(ee.Values, ", "), ee.Before)
	switch ee.Field {
	case "topic":
		msg += "; topics: " + strings.Join(questions.Topics(pool), ", ")
	case "tag":
		msg += "; run 'grill bank stats' to see what is loaded"
	}
	return errors.New(msg)
}

func runQuiz(ctx context.Context, opts *QuizOptions) error {
	loaded, err := opts.Load(opts.Banks)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sess := &sessionRun{opts: opts, mode: "quiz", cancel: cancel}
	if sess.interactive() {
		if err := sess.openTTY(); err != nil {
			return err
		}
		defer sess.tty.Close()
		if opts.noFilters() {
			if err := pickQuiz(sess.tty, opts, loaded.Lib.Questions()); err != nil {
				return err
			}
		}
	}
	f := opts.filter()
	f.Banks = loaded.Selected
	pool := loaded.Lib.Questions()
	selected, err := f.Apply(pool)
	if err != nil {
		// Name the topics the other filters leave, so the user can pick one.
		rest := f
		rest.Topics = nil
		others, _ := rest.Apply(pool)
		return emptySelection(err, others)
	}
	seed := opts.Seed
	if !opts.SeedSet {
		seed = uint64(opts.Now().UnixNano())
	}
	draw := quiz.DrawOptions{N: opts.N, Order: quiz.Order(opts.Order), Seed: seed}
	var items []quiz.Item
	if opts.Weak {
		weights, err := weakWeights(ctx, opts, selected)
		if err != nil {
			return err
		}
		items = quiz.DrawWeighted(selected, weights, draw)
	} else {
		items = quiz.Draw(selected, draw)
	}
	sess.seed = seed
	return sess.run(ctx, items)
}

// sessionRun runs drawn items as one session: asking, feedback, recording, summary.
// grill quiz and grill review share it.
type sessionRun struct {
	opts   *QuizOptions
	mode   string // quiz, review, mock
	seed   uint64
	tty    TTYPrompter
	cancel context.CancelFunc
	// keepSchedules records without moving review schedules (mock interviews).
	keepSchedules bool
	// followUps asks one of a question's follow-up questions after its answer.
	followUps bool
	// report, when set, replaces the summary and the JSON document.
	report func(*quiz.Session) error
}

func (s *sessionRun) interactive() bool {
	return s.opts.IO.CanPrompt() && !s.opts.Plain && s.opts.AnswersFile == ""
}

func (s *sessionRun) openTTY() error {
	open := s.opts.NewTTY
	if open == nil {
		open = openTTY
	}
	tty, err := open()
	if err != nil {
		return fmt.Errorf("cannot open the terminal: %w; use --plain", err)
	}
	if st, ok := tty.(*surveyTTY); ok && s.opts.Config != nil {
		st.editor = s.opts.Config.Get("editor")
		setColor(s.opts.Getenv, s.opts.Config.Get("color"))
	}
	s.tty = tty
	return nil
}

func (s *sessionRun) run(ctx context.Context, items []quiz.Item) error {
	opts := s.opts
	interactive := s.interactive()
	if interactive && s.tty == nil {
		if err := s.openTTY(); err != nil {
			return err
		}
		defer s.tty.Close()
	}
	// Questions, prompts and feedback go to stdout in a plain conversation, and to stderr
	// when stdout carries the JSON document.
	talk := opts.IO.Out
	if opts.JSON {
		talk = opts.IO.ErrOut
	}
	var asker quiz.Asker
	rateOpen := !opts.NoHistory
	switch {
	case opts.AnswersFile != "":
		a, err := loadAnswers(opts.AnswersFile, items, opts.IO.ErrOut)
		if err != nil {
			return err
		}
		asker = a
	case interactive:
		asker = &ttyAsker{tty: s.tty, now: opts.Now, session: ctx, interrupt: s.cancel, width: opts.IO.Width(),
			rateOpen: rateOpen && !s.keepSchedules, followUps: s.followUps, seed: s.seed}
	default:
		pa := newPlainAsker(opts.IO.In, talk, opts.Now)
		pa.rateOpen = rateOpen && !s.keepSchedules
		pa.followUps, pa.seed = s.followUps, s.seed
		asker = pa
	}
	runner := &quiz.Runner{Asker: asker, PerQuestion: opts.PerQuestion, TimeLimit: opts.TimeLimit, Now: opts.Now}
	if opts.Feedback == "immediate" && opts.AnswersFile == "" {
		out, width := talk, 0
		if interactive {
			out, width = s.tty.Out(), opts.IO.Width()
		}
		runner.OnOutcome = func(o quiz.Outcome) { writeFeedback(out, o, true, width) }
	}
	var store *history.Store
	var sessionID int64
	if !opts.NoHistory {
		var err error
		if store, err = opts.OpenHistory(); err != nil {
			// Practice goes on without a history rather than not at all.
			fmt.Fprintf(opts.IO.ErrOut, "grill: %v; this session is not recorded (--no-history hides this)\n", err)
		} else {
			defer store.Close()
			if sessionID, err = store.StartSession(ctx, s.mode, s.seed, os.Getpid(), opts.Now()); err != nil {
				return err
			}
			sched := schedule.Default()
			if s.keepSchedules {
				sched = nil
			}
			runner.Recorder = &history.Recorder{Store: store, SessionID: sessionID, Scheduler: sched,
				Now: opts.Now, OnChanged: func(q *questions.Question) {
					fmt.Fprintf(talk, "(%s changed since you last answered it; its history is kept.)\n", q.Key())
				}}
		}
	}
	if !opts.JSON && !interactive && opts.AnswersFile == "" {
		if opts.Order == string(quiz.Random) && s.mode == "quiz" {
			fmt.Fprintf(talk, "%d %s (seed %d; pass --seed %d to repeat this run)\n", len(items), plural(len(items), "question", "questions"), s.seed, s.seed)
		} else {
			fmt.Fprintf(talk, "%d %s\n", len(items), plural(len(items), "question", "questions"))
		}
	}
	session, runErr := runner.Run(ctx, items)
	if store != nil {
		status := history.Finished
		if session.Interrupted || runErr != nil {
			status = history.Interrupted
		}
		if err := store.EndSession(context.WithoutCancel(ctx), sessionID, status, opts.Now()); err != nil && runErr == nil {
			runErr = err
		}
	}
	if runErr != nil {
		return runErr
	}
	switch {
	case s.report != nil:
		if err := s.report(session); err != nil {
			return err
		}
	case opts.JSON:
		if err := writeJSON(opts.IO.Out, newResultDocument(session, opts)); err != nil {
			return err
		}
	default:
		writeSummary(opts.IO.Out, session, opts)
	}
	switch {
	case session.Interrupted:
		return errInterrupted
	case opts.PassMarkSet && session.Score().Percent() < opts.PassMark:
		return &ExitError{Code: exitBelowPass}
	}
	return nil
}

// writeFeedback prints the verdict on one question, and with detail the right answer
// and the explanation.
func writeFeedback(w io.Writer, o quiz.Outcome, detail bool, width int) {
	q := o.Item.Q
	verdict := "Wrong."
	switch {
	case o.TimedOut:
		verdict = "Time is up."
	case o.Skipped:
		verdict = "Skipped."
	case o.Result.Correct:
		verdict = "Right."
	case o.Result.Points > 0:
		verdict = "Partly right."
	}
	fmt.Fprintf(w, "\n%s %s/%s points.", verdict, fmtPts(o.Result.Points), fmtPts(o.Result.MaxPoints))
	switch fb := o.Result.Feedback; fb {
	case "right", "skipped", "timed out", "no answer":
		fmt.Fprintln(w)
	default:
		fmt.Fprintf(w, " %s\n", safe(fb))
	}
	if !detail || o.Result.Correct {
		if o.Result.Correct && q.Explanation != "" && detail {
			fmt.Fprintf(w, "%s\n", wrapText(safe(strings.TrimSpace(q.Explanation)), width))
		}
		return
	}
	if r := o.Result; r.Rubric != nil || r.STAR != nil || r.Stages != nil {
		renderEvidence(w, q, r, width)
	}
	if a := quizAnswerText(q); a != "" {
		fmt.Fprintf(w, "%s\n", wrapText("Answer: "+safe(a), width))
	}
	if q.Explanation != "" {
		fmt.Fprintf(w, "%s\n", wrapText(safe(strings.TrimSpace(q.Explanation)), width))
	}
	if q.ModelAnswer != "" {
		fmt.Fprintf(w, "%s\n", wrapText("Model answer: "+safe(strings.TrimSpace(q.ModelAnswer)), width))
	}
}

// ratingForScore is the review rating an open answer's score maps to.
func ratingForScore(q *questions.Question, ans scoring.Answer) schedule.Rating {
	return history.RatingFor(quiz.Outcome{Item: quiz.Item{Q: q}, Answer: ans, Result: scoring.Score(q, ans)})
}

// quizAnswerText is the answer key as a quiz shows it: choices by their text, since the
// letters of the bank are not the order the quiz showed them in.
func quizAnswerText(q *questions.Question) string {
	if q.Type != questions.Single && q.Type != questions.Multi {
		return q.AnswerText()
	}
	parts := make([]string, len(q.Correct))
	for i, c := range q.Correct {
		parts[i] = q.Choices[c]
	}
	return strings.Join(parts, "; ")
}

func fmtPts(p float64) string { return questions.FormatNumber(math.Round(p*100) / 100) }

func writeSummary(w io.Writer, s *quiz.Session, opts *QuizOptions) {
	width := opts.IO.Width()
	t := s.Score()
	fmt.Fprintf(w, "\nScore: %s/%s (%.0f%%) in %s", fmtPts(t.Score), fmtPts(t.MaxScore), t.Percent(), s.Duration.Round(time.Second))
	if opts.PassMarkSet {
		if t.Percent() >= opts.PassMark {
			fmt.Fprintf(w, ", passed (pass mark %v%%)", opts.PassMark)
		} else {
			fmt.Fprintf(w, ", below the pass mark of %v%%", opts.PassMark)
		}
	}
	fmt.Fprintln(w)
	switch {
	case s.Interrupted:
		fmt.Fprintf(w, "Interrupted after %d %s.\n", len(s.Outcomes), plural(len(s.Outcomes), "question", "questions"))
	case s.Expired:
		fmt.Fprintln(w, "The session's time ran out; questions not reached count as timed out.")
	}
	byTopic := s.ByTopic()
	topics := make([]string, 0, len(byTopic))
	for tp := range byTopic {
		topics = append(topics, tp)
	}
	slices.Sort(topics)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nTOPIC\tQUESTIONS\tSCORE\tPERCENT")
	for _, tp := range topics {
		tt := byTopic[tp]
		fmt.Fprintf(tw, "%s\t%d\t%s/%s\t%.0f%%\n", tp, tt.Questions, fmtPts(tt.Score), fmtPts(tt.MaxScore), tt.Percent())
	}
	tw.Flush()
	if opts.Feedback == "none" {
		return
	}
	var missed []quiz.Outcome
	for _, o := range s.Outcomes {
		if !o.Result.Correct {
			missed = append(missed, o)
		}
	}
	if len(missed) == 0 {
		return
	}
	fmt.Fprintf(w, "\nMissed (%d):\n", len(missed))
	for _, o := range missed {
		fmt.Fprintf(w, "\n%s: %s\n", o.Item.Q.Key(), safe(firstLineOf(o.Item.Q.Prompt)))
		writeFeedback(w, o, true, width)
	}
}

func firstLineOf(s string) string {
	s = strings.TrimSpace(s)
	if line, _, ok := strings.Cut(s, "\n"); ok {
		return line + " ..."
	}
	return s
}

// resultDocument is the --json form of a session, documented in docs/results.md.
type resultDocument struct {
	Score       float64                     `json:"score"`
	MaxScore    float64                     `json:"max_score"`
	Percent     float64                     `json:"percent"`
	Passed      *bool                       `json:"passed"`
	StartedAt   time.Time                   `json:"started_at"`
	DurationMS  int64                       `json:"duration_ms"`
	Interrupted bool                        `json:"interrupted"`
	Expired     bool                        `json:"expired"`
	Questions   []resultQuestion            `json:"questions"`
	ByTopic     map[string]resultTopicTally `json:"by_topic"`
}

type resultQuestion struct {
	Bank      string         `json:"bank"`
	ID        string         `json:"id"`
	Kind      string         `json:"kind"`
	Type      string         `json:"type"`
	Topic     string         `json:"topic"`
	Answer    scoring.Answer `json:"answer"`
	Points    float64        `json:"points"`
	MaxPoints float64        `json:"max_points"`
	Correct   bool           `json:"correct"`
	TimedOut  bool           `json:"timed_out"`
	Skipped   bool           `json:"skipped"`
	ElapsedMS int64          `json:"elapsed_ms"`
	Feedback  string         `json:"feedback"`
	// The evidence for open answers (docs/scoring.md).
	AutoPoints *float64              `json:"auto_points,omitempty"`
	Rubric     *scoring.RubricResult `json:"rubric,omitempty"`
	STAR       *scoring.STARResult   `json:"star,omitempty"`
	Stages     []scoring.StageResult `json:"stages,omitempty"`
}

type resultTopicTally struct {
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Percent  float64 `json:"percent"`
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func newResultDocument(s *quiz.Session, opts *QuizOptions) resultDocument {
	t := s.Score()
	doc := resultDocument{Score: round2(t.Score), MaxScore: round2(t.MaxScore), Percent: round2(t.Percent()),
		StartedAt: s.StartedAt.UTC(), DurationMS: s.Duration.Milliseconds(), Interrupted: s.Interrupted,
		Expired: s.Expired, Questions: []resultQuestion{}, ByTopic: map[string]resultTopicTally{}}
	if opts.PassMarkSet {
		passed := t.Percent() >= opts.PassMark
		doc.Passed = &passed
	}
	for _, o := range s.Outcomes {
		q := o.Item.Q
		doc.Questions = append(doc.Questions, resultQuestion{Bank: q.Bank, ID: q.ID, Kind: string(q.Kind),
			Type: string(q.Type), Topic: q.Topic, Answer: o.Answer, Points: round2(o.Result.Points),
			MaxPoints: round2(o.Result.MaxPoints), Correct: o.Result.Correct, TimedOut: o.TimedOut,
			Skipped: o.Skipped, ElapsedMS: o.Elapsed.Milliseconds(), Feedback: o.Result.Feedback,
			AutoPoints: o.Result.AutoPoints, Rubric: o.Result.Rubric, STAR: o.Result.STAR, Stages: o.Result.Stages})
	}
	for tp, tt := range s.ByTopic() {
		doc.ByTopic[tp] = resultTopicTally{round2(tt.Score), round2(tt.MaxScore), round2(tt.Percent())}
	}
	return doc
}
