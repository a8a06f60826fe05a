package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/grill-cli/grill/quiz/history"
	"github.com/grill-cli/grill/scoring"
	"github.com/spf13/cobra"
)

// ExamOptions are the inputs of grill exam.
type ExamOptions struct {
	Quiz      *QuizOptions
	Home      func() (string, error)
	ID        string
	Practice  bool
	Review    string
	Blueprint string
}

// NewCmdExam builds grill exam and grill exam list.
func NewCmdExam(f *Factory, runF func(*ExamOptions) error) *cobra.Command {
	q := newQuizOptions(f)
	q.Order, q.Feedback = string(quiz.Random), "end"
	opts := &ExamOptions{Quiz: q, Home: f.Home}
	cmd := &cobra.Command{
		Use:   "exam EXAM",
		Short: "Run a certification self-check: an exam-like run weighted by the official domains",
		Long: long(`
Run an exam from a blueprint (grill exam list shows them; docs/exam-format.md describes
the format): questions drawn per domain in proportion to the official weights, avoiding
the previous run's questions where the banks allow, questions and choices shuffled, one
clock for the whole exam, and no feedback until the end (--practice gives it after each
question).

Flag a question to come back to it: choose "flag for review" in a menu, or answer "?".
Before submitting, grill lists the flagged and unanswered questions to revisit.

The result is the raw percentage (never an invented scaled score) with its margin of
error for the number of questions, pass or fail against the pass mark, and a score per
domain. --review wrong or --review flagged repeats just those questions of the last run.
Exams do not move review schedules.`,
			"  3    the score is below the exam's pass mark"),
		Args: exactArgs(1, "one EXAM id (see grill exam list)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := f.Config()
			if err != nil {
				return err
			}
			q.Config = c
			opts.ID = args[0]
			q.SeedSet = cmd.Flags().Changed("seed")
			if opts.Review != "" && opts.Review != "wrong" && opts.Review != "flagged" {
				return flagErrorf("--review %q: want wrong or flagged", opts.Review)
			}
			if runF != nil {
				return runF(opts)
			}
			return runExam(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addBankFlag(cmd, &q.Banks)
	fl.BoolVar(&opts.Practice, "practice", false, "show the right answer after each question")
	fl.StringVar(&opts.Review, "review", "", "repeat the questions of the last run that were wrong or flagged")
	fl.StringVar(&opts.Blueprint, "blueprint", "", "use the blueprint in `FILE`")
	addRunFlags(cmd, q, "seed for the draw and the order, to repeat a run")
	fl.BoolVar(&q.NoHistory, "no-history", false, "do not record this run")
	cmd.AddCommand(newCmdExamList(f))
	return cmd
}

func newCmdExamList(f *Factory) *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the exams",
		Long:  long("List the exam blueprints: built-in ones and those in $GRILL_HOME/exams."),
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			bps, err := loadBlueprints(f.Home, f.IO.ErrOut, "")
			if err != nil {
				return err
			}
			loaded, err := f.LoadBanks(nil)
			if err != nil {
				return err
			}
			qs := loaded.Lib.Questions()
			type row struct {
				ID        string  `json:"id"`
				Title     string  `json:"title"`
				Provider  string  `json:"provider"`
				Version   string  `json:"version"`
				Updated   string  `json:"updated"`
				Questions int     `json:"questions"`
				Available int     `json:"available"`
				Minutes   float64 `json:"time_limit_minutes"`
				PassMark  float64 `json:"pass_mark"`
				Stale     bool    `json:"stale"`
			}
			var rows []row
			for _, b := range bps {
				rows = append(rows, row{b.ID, b.Title, b.Provider, b.Version, b.Updated.Format("2006-01-02"), b.Questions,
					quiz.ExamSize(b, qs), b.TimeLimit.Minutes(), b.PassMark, b.Stale(f.Now())})
			}
			if jsonOut {
				return writeJSON(f.IO.Out, rows)
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "EXAM\tQUESTIONS\tTIME\tPASS\tGUIDE\tTITLE")
			for _, r := range rows {
				avail := fmt.Sprint(r.Questions)
				if r.Available < r.Questions {
					avail = fmt.Sprintf("%d (%d available)", r.Questions, r.Available)
				}
				stale := ""
				if r.Stale {
					stale = " (may be stale)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%gm\t%g%%\t%s%s\t%s\n", r.ID, avail, r.Minutes, r.PassMark, r.Updated, stale, safe(r.Title))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}

// loadBlueprints loads the built-in blueprints, those in $GRILL_HOME/exams (a broken one
// is skipped with a warning) and, when given, the file path.
func loadBlueprints(home func() (string, error), warn io.Writer, path string) ([]*questions.Blueprint, error) {
	bps, err := questions.BuiltinBlueprints()
	if err != nil {
		return nil, err
	}
	add := func(file string, strict bool) error {
		data, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("%s: %w", file, unwrapPathError(err))
		}
		b, issues := questions.ParseBlueprint(file, data)
		if b == nil || len(issues.Errors()) > 0 {
			err := &questions.BankError{File: file, Issues: issues}
			if strict {
				return err
			}
			fmt.Fprintf(warn, "grill: skipping %s: %v\n", file, firstLine(err))
			return nil
		}
		bps = slices.DeleteFunc(bps, func(x *questions.Blueprint) bool { return x.ID == b.ID })
		bps = append(bps, b)
		return nil
	}
	if h, err := home(); err == nil {
		files, err := questions.BankFiles(filepath.Join(h, "exams"))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, file := range files {
			if err := add(file, false); err != nil {
				return nil, err
			}
		}
	}
	if path != "" {
		if err := add(path, true); err != nil {
			return nil, err
		}
	}
	return bps, nil
}

// lastExam is what --review reads back: the last run's wrong and flagged questions.
type lastExam struct {
	Wrong   []string `json:"wrong"`
	Flagged []string `json:"flagged"`
	// Drawn are all the questions of the last run, which the next run avoids.
	Drawn []string `json:"drawn"`
}

func lastExamPath(home func() (string, error), id string) (string, error) {
	h, err := home()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, "exams", "last-"+id+".json"), nil
}

func runExam(ctx context.Context, opts *ExamOptions) error {
	q := opts.Quiz
	bps, err := loadBlueprints(opts.Home, q.IO.ErrOut, opts.Blueprint)
	if err != nil {
		return err
	}
	var bp *questions.Blueprint
	for _, b := range bps {
		if b.ID == opts.ID || opts.Blueprint != "" && b.Origin == opts.Blueprint {
			bp = b
		}
	}
	if bp == nil {
		ids := make([]string, len(bps))
		for i, b := range bps {
			ids[i] = b.ID
		}
		return flagErrorf("no exam %q; exams: %s", opts.ID, strings.Join(ids, ", "))
	}
	if bp.Stale(q.Now()) {
		fmt.Fprintf(q.IO.ErrOut, "grill: warning: the exam guide this blueprint follows is dated %s, more than 18 months ago; check %s for a newer version\n",
			bp.Updated.Format("2006-01-02"), bp.Guide)
	}
	loaded, err := q.Load(q.Banks)
	if err != nil {
		return err
	}
	pool := loaded.Lib.Questions()
	if err := bp.Check(pool); err != nil {
		return err
	}
	seed := q.Seed
	if !q.SeedSet {
		seed = uint64(q.Now().UnixNano())
	}
	var items []quiz.ExamItem
	if opts.Review != "" {
		if items, err = reviewItems(opts, bp, pool, seed); err != nil {
			return err
		}
	} else {
		n := quiz.ExamSize(bp, pool)
		if n < bp.Questions {
			fmt.Fprintf(q.IO.ErrOut, "grill: the loaded banks hold enough questions for %d of this exam's %d at its domain weights; this run has %d (the time limit is scaled to match)\n", n, bp.Questions, n)
		}
		items = quiz.DrawExam(bp, pool, n, seed, lastDrawn(opts, bp))
	}
	limit := bp.TimeLimit
	if len(items) < bp.Questions {
		limit = bp.TimeLimit * time.Duration(len(items)) / time.Duration(bp.Questions)
	}
	talk := q.IO.Out
	if q.JSON {
		talk = q.IO.ErrOut
	}
	if !q.JSON {
		fmt.Fprintf(talk, "%s (%s): %d questions, %s, pass mark %g%%\n", safe(bp.Title), safe(bp.Version), len(items), limit.Round(time.Second), bp.PassMark)
		for _, n := range bp.Notes {
			fmt.Fprintf(talk, "  note: %s\n", wrapText(safe(n), max(0, q.IO.Width()-8)))
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sess := &sessionRun{opts: q, mode: "exam", seed: seed, cancel: cancel}
	interactive := sess.interactive()
	runner := &quiz.ExamRunner{Limit: limit, Now: q.Now}
	switch {
	case q.AnswersFile != "":
		plain := make([]quiz.Item, len(items))
		for i, it := range items {
			plain[i] = it.Item
		}
		a, err := loadAnswers(q.AnswersFile, plain, q.IO.ErrOut)
		if err != nil {
			return err
		}
		runner.Asker = a
	case interactive:
		if err := sess.openTTY(); err != nil {
			return err
		}
		defer sess.tty.Close()
		ta := &ttyAsker{tty: sess.tty, now: q.Now, session: ctx, interrupt: cancel, width: q.IO.Width(), flagging: true}
		runner.Asker, runner.Reviewer = ta, &ttyReviewer{ta}
	default:
		pa := newPlainAsker(q.IO.In, talk, q.Now)
		pa.flagging = true
		runner.Asker, runner.Reviewer = pa, &plainReviewer{pa}
	}
	if opts.Practice {
		out, width := talk, 0
		if interactive {
			out, width = sess.tty.Out(), q.IO.Width()
		}
		runner.OnOutcome = func(o quiz.Outcome) { writeFeedback(out, o, true, width) }
	}
	es, err := runner.Run(ctx, items)
	if err != nil {
		return err
	}
	recordExam(ctx, q, es, seed)
	saveLastExam(opts, bp, es)
	pct := es.Score().Percent()
	if q.JSON {
		if err := writeJSON(q.IO.Out, examDocument(es, bp, q)); err != nil {
			return err
		}
	} else {
		writeExamReport(q.IO.Out, es, bp, q)
	}
	switch {
	case es.Interrupted:
		return errInterrupted
	case pct < bp.PassMark:
		return &ExitError{Code: exitBelowPass}
	}
	return nil
}

// reviewItems rebuilds a run from the last run's wrong or flagged questions.
func reviewItems(opts *ExamOptions, bp *questions.Blueprint, pool []*questions.Question, seed uint64) ([]quiz.ExamItem, error) {
	path, err := lastExamPath(opts.Home, bp.ID)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("no earlier run of %s to review; run 'grill exam %s' first", bp.ID, bp.ID)
	}
	var last lastExam
	if err := json.Unmarshal(data, &last); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	keys := last.Wrong
	if opts.Review == "flagged" {
		keys = last.Flagged
	}
	var items []quiz.ExamItem
	for _, d := range bp.Domains {
		for _, q := range d.Pool(pool) {
			if slices.Contains(keys, q.Key()) {
				items = append(items, quiz.ExamItem{Domain: d.ID, Item: quiz.Draw([]*questions.Question{q}, quiz.DrawOptions{Seed: seed})[0]})
			}
		}
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("the last run of %s had no %s questions", bp.ID, opts.Review)
	}
	return items, nil
}

// lastDrawn returns the questions of the last run of bp, for the next run to avoid.
func lastDrawn(opts *ExamOptions, bp *questions.Blueprint) map[string]bool {
	path, err := lastExamPath(opts.Home, bp.ID)
	if err != nil {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var last lastExam
	if json.Unmarshal(data, &last) != nil {
		return nil
	}
	out := map[string]bool{}
	for _, k := range last.Drawn {
		out[k] = true
	}
	return out
}

func saveLastExam(opts *ExamOptions, bp *questions.Blueprint, es *quiz.ExamSession) {
	var last lastExam
	for i, o := range es.Outcomes {
		last.Drawn = append(last.Drawn, o.Item.Q.Key())
		if !o.Result.Correct {
			last.Wrong = append(last.Wrong, o.Item.Q.Key())
		}
		if es.Flagged[i] {
			last.Flagged = append(last.Flagged, o.Item.Q.Key())
		}
	}
	path, err := lastExamPath(opts.Home, bp.ID)
	if err != nil {
		return
	}
	data, _ := json.Marshal(last)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
		_ = os.WriteFile(path, data, 0o644)
	}
}

// recordExam keeps the run in the history without moving review schedules.
func recordExam(ctx context.Context, q *QuizOptions, es *quiz.ExamSession, seed uint64) {
	if q.NoHistory {
		return
	}
	store, err := q.OpenHistory()
	if err != nil {
		fmt.Fprintf(q.IO.ErrOut, "grill: %v; this run is not recorded\n", err)
		return
	}
	defer store.Close()
	ctx = context.WithoutCancel(ctx)
	id, err := store.StartSession(ctx, "exam", seed, os.Getpid(), es.StartedAt)
	if err != nil {
		fmt.Fprintf(q.IO.ErrOut, "grill: %v; this run is not recorded\n", err)
		return
	}
	rec := &history.Recorder{Store: store, SessionID: id, Now: q.Now}
	for _, o := range es.Outcomes {
		if err := rec.Record(o); err != nil {
			fmt.Fprintf(q.IO.ErrOut, "grill: recording: %v\n", err)
			break
		}
	}
	status := history.Finished
	if es.Interrupted {
		status = history.Interrupted
	}
	store.EndSession(ctx, id, status, q.Now())
}

type examDomain struct {
	Title     string  `json:"title"`
	Weight    float64 `json:"weight"`
	Questions int     `json:"questions"`
	Score     float64 `json:"score"`
	MaxScore  float64 `json:"max_score"`
	Percent   float64 `json:"percent"`
}

func examDocument(es *quiz.ExamSession, bp *questions.Blueprint, q *QuizOptions) any {
	q.PassMark, q.PassMarkSet = bp.PassMark, true
	doc := newResultDocument(&es.Session, q)
	t := es.Score()
	lo, hi := scoring.Wilson(t.Score/max(t.MaxScore, 1), len(es.Outcomes))
	domains := map[string]examDomain{}
	byDomain := es.ByDomain()
	for _, d := range bp.Domains {
		dt := byDomain[d.ID]
		domains[d.ID] = examDomain{d.Title, d.Weight, dt.Questions, round2(dt.Score), round2(dt.MaxScore), round2(dt.Percent())}
	}
	flagged := []string{}
	for i, f := range es.Flagged {
		if f {
			flagged = append(flagged, es.Items[i].Q.Key())
		}
	}
	return struct {
		Exam     string                `json:"exam"`
		PassMark float64               `json:"pass_mark"`
		Margin   [2]float64            `json:"margin_95"`
		Domains  map[string]examDomain `json:"domains"`
		Flagged  []string              `json:"flagged"`
		resultDocument
	}{bp.ID, bp.PassMark, [2]float64{round2(lo), round2(hi)}, domains, flagged, doc}
}

func writeExamReport(w io.Writer, es *quiz.ExamSession, bp *questions.Blueprint, q *QuizOptions) {
	t := es.Score()
	pct := t.Percent()
	lo, hi := scoring.Wilson(t.Score/max(t.MaxScore, 1), len(es.Outcomes))
	fmt.Fprintf(w, "\n%s: %s/%s (%.0f%%) in %s\n", safe(bp.Title), fmtPts(t.Score), fmtPts(t.MaxScore), pct, es.Duration.Round(time.Second))
	fmt.Fprintf(w, "95%% margin of error for %d questions: %.0f%% to %.0f%%\n", len(es.Outcomes), lo, hi)
	verdict := "PASS"
	if pct < bp.PassMark {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "%s against the pass mark of %g%%", verdict, bp.PassMark)
	if lo <= bp.PassMark && bp.PassMark <= hi {
		fmt.Fprint(w, ", but the pass mark is inside the margin: more questions would tell")
	}
	fmt.Fprintln(w)
	switch {
	case es.Interrupted:
		fmt.Fprintln(w, "Interrupted: unanswered questions count as skipped.")
	case es.Expired:
		fmt.Fprintln(w, "Time ran out: unanswered questions count as timed out.")
	}
	byDomain := es.ByDomain()
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nDOMAIN\tWEIGHT\tQUESTIONS\tSCORE\tPERCENT")
	for _, d := range bp.Domains {
		dt := byDomain[d.ID]
		fmt.Fprintf(tw, "%s\t%g%%\t%d\t%s/%s\t%.0f%%\n", safe(d.Title), d.Weight, dt.Questions, fmtPts(dt.Score), fmtPts(dt.MaxScore), dt.Percent())
	}
	tw.Flush()
	var missed []quiz.Outcome
	for _, o := range es.Outcomes {
		if !o.Result.Correct {
			missed = append(missed, o)
		}
	}
	if len(missed) > 0 {
		fmt.Fprintf(w, "\nMissed (%d); repeat them with: grill exam %s --review wrong\n", len(missed), bp.ID)
		for _, o := range missed {
			fmt.Fprintf(w, "\n%s: %s\n", o.Item.Q.Key(), safe(firstLineOf(o.Item.Q.Prompt)))
			writeFeedback(w, o, true, q.IO.Width())
		}
	}
}

// flagOption is the menu entry that flags a question in an exam.
const flagOption = "(flag for review and come back to it)"

// plainReviewer lists flagged and unanswered questions before an exam is submitted.
type plainReviewer struct{ a *plainAsker }

func (r *plainReviewer) Review(ctx context.Context, states []quiz.ExamState) (int, error) {
	open := pending(states)
	if len(open) == 0 {
		return -1, nil
	}
	w := r.a.out
	fmt.Fprintln(w, "\nBefore you submit, these are flagged or unanswered:")
	for _, s := range open {
		fmt.Fprintf(w, "  %d) %s %s\n", s.Index+1, stateLabel(s), safe(firstLineOf(s.Item.Q.Prompt)))
	}
	for {
		fmt.Fprint(w, "Question number to revisit, or Enter to submit\n> ")
		line, err := r.a.readLine(ctx)
		if errors.Is(err, errEOF) || err == nil && strings.TrimSpace(line) == "" {
			return -1, nil
		}
		if err != nil {
			return -1, err
		}
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(line), &n); err == nil && n >= 1 && n <= len(states) {
			return n - 1, nil
		}
		fmt.Fprintf(w, "%q is not a question number (1 to %d).\n", strings.TrimSpace(line), len(states))
	}
}

// ttyReviewer offers the flagged and unanswered questions in a menu before submitting.
type ttyReviewer struct{ a *ttyAsker }

func (r *ttyReviewer) Review(ctx context.Context, states []quiz.ExamState) (int, error) {
	open := pending(states)
	if len(open) == 0 {
		return -1, nil
	}
	opts := []string{"Submit the exam"}
	for _, s := range open {
		opts = append(opts, fmt.Sprintf("%d. %s %s", s.Index+1, stateLabel(s), safe(firstLineOf(s.Item.Q.Prompt))))
	}
	stop := func() {}
	if d, ok := ctx.Deadline(); ok {
		stop = r.a.tty.Countdown(d)
	}
	defer stop()
	i, err := r.a.tty.Select(ctx, fmt.Sprintf("%d flagged or unanswered. Revisit one, or submit:", len(open)), opts, 0)
	if errors.Is(err, errInterruptKey) {
		r.a.interrupt()
	}
	if err != nil || i == 0 {
		return -1, err
	}
	return open[i-1].Index, nil
}

func pending(states []quiz.ExamState) []quiz.ExamState {
	var out []quiz.ExamState
	for _, s := range states {
		if s.Flagged || !s.Answered {
			out = append(out, s)
		}
	}
	return out
}

func stateLabel(s quiz.ExamState) string {
	switch {
	case s.Flagged && s.Answered:
		return "[flagged, answered]"
	case s.Flagged:
		return "[flagged]"
	}
	return "[unanswered]"
}
