package main

import (
	"context"
	"fmt"
	"time"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/quiz"
	"github.com/spf13/cobra"
)

// ReviewOptions are the inputs of grill review, on top of the quiz's.
type ReviewOptions struct {
	Quiz  *QuizOptions
	Limit int
	New   int
}

// NewCmdReview builds grill review.
func NewCmdReview(f *Factory, runF func(*ReviewOptions) error) *cobra.Command {
	q := newQuizOptions(f)
	q.Order, q.Feedback = string(quiz.Random), "immediate"
	opts := &ReviewOptions{Quiz: q}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Review the questions that are due, then some new ones",
		Long: long(`
Ask the questions whose review is due, most overdue first, then questions never seen
before, up to --new a day. Each answer moves the question's schedule with FSRS-6, the
scheduler Anki uses: a question answered well comes back after longer and longer
intervals, one answered badly comes back soon.

When nothing is due, grill says when the next review is.`),
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := f.Config()
			if err != nil {
				return err
			}
			q.Config = c
			q.SeedSet = cmd.Flags().Changed("seed")
			if err := q.validate(); err != nil {
				return err
			}
			if opts.Limit < 0 || opts.New < 0 {
				return flagErrorf("--limit and --new take 0 or more")
			}
			if runF != nil {
				return runF(opts)
			}
			return runReview(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	addBankFlag(cmd, &q.Banks)
	fl.StringArrayVar(&q.Kinds, "kind", nil, "only questions of this kind; repeatable")
	fl.IntVar(&opts.Limit, "limit", 20, "at most this many questions in the session")
	fl.IntVar(&opts.New, "new", 10, "at most this many new questions a day")
	fl.DurationVar(&q.PerQuestion, "per-question", 0, "time limit for each question")
	addRunFlags(cmd, q, "seed for the order of new questions and choices")
	return cmd
}

func runReview(ctx context.Context, opts *ReviewOptions) error {
	q := opts.Quiz
	loaded, err := q.Load(q.Banks)
	if err != nil {
		return err
	}
	f := q.filter()
	f.Banks = loaded.Selected
	pool, err := f.Apply(loaded.Lib.Questions())
	if err != nil {
		return emptySelection(err, nil)
	}
	store, err := q.OpenHistory()
	if err != nil {
		return err
	}
	now := q.Now()
	due, err := store.DueCards(ctx, now, 0)
	if err != nil {
		store.Close()
		return err
	}
	scheduled, err := store.Scheduled(ctx)
	if err != nil {
		store.Close()
		return err
	}
	y, m, d := now.Date()
	newToday, err := store.NewSince(ctx, time.Date(y, m, d, 0, 0, 0, 0, now.Location()))
	if err != nil {
		store.Close()
		return err
	}
	next, nextCount, err := store.NextDue(ctx, now)
	store.Close()
	if err != nil {
		return err
	}
	byKey := map[string]*questions.Question{}
	for _, qq := range pool {
		byKey[qq.Key()] = qq
	}
	var picked []*questions.Question
	for _, c := range due {
		if qq := byKey[c.Key()]; qq != nil && len(picked) < opts.Limit {
			picked = append(picked, qq)
		}
	}
	dueCount := len(picked)
	var fresh []*questions.Question
	for _, qq := range pool {
		if !scheduled[qq.Key()] {
			fresh = append(fresh, qq)
		}
	}
	seed := q.Seed
	if !q.SeedSet {
		seed = uint64(now.UnixNano())
	}
	room := min(opts.New-newToday, opts.Limit-len(picked))
	if room > 0 {
		for _, it := range quiz.Draw(fresh, quiz.DrawOptions{N: room, Seed: seed}) {
			picked = append(picked, it.Q)
		}
	}
	if len(picked) == 0 {
		w := q.IO.Out
		switch {
		case next.IsZero() && len(fresh) == 0:
			fmt.Fprintln(w, "Nothing to review: every question is scheduled and none is due.")
		case next.IsZero():
			fmt.Fprintf(w, "Nothing is due, and today's %d new questions are done. Come back tomorrow, or raise --new.\n", opts.New)
		default:
			fmt.Fprintf(w, "Nothing is due. Next review %s (%s), %d %s due by a day later.\n",
				humanUntil(next.Sub(now)), next.Local().Format("Mon 2 Jan 15:04"), nextCount, plural(nextCount, "question", "questions"))
		}
		return nil
	}
	fmt.Fprintf(q.IO.ErrOut, "%d due, %d new\n", dueCount, len(picked)-dueCount)
	// Due questions keep their order (most overdue first); choices are still shuffled.
	items := quiz.Draw(picked, quiz.DrawOptions{Order: quiz.BankOrder})
	shuffled := quiz.Draw(picked, quiz.DrawOptions{Seed: seed})
	for i := range items {
		for _, s := range shuffled {
			if s.Q == items[i].Q {
				items[i].Shown = s.Shown
			}
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	q.Order = string(quiz.BankOrder)
	sess := &sessionRun{opts: q, mode: "review", seed: seed, cancel: cancel}
	return sess.run(ctx, items)
}

// humanUntil says how long until something, roughly.
func humanUntil(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "in less than a minute"
	case d < time.Hour:
		return fmt.Sprintf("in %d minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("in %d hours", int(d.Hours()))
	}
	return fmt.Sprintf("in %d days", int(d.Hours()/24))
}
