package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/grill-cli/grill/quiz/history"
	"github.com/guptarohit/asciigraph"
	"github.com/spf13/cobra"
)

// StatsOptions are the inputs of grill stats.
type StatsOptions struct {
	IO          *IOStreams
	OpenHistory func() (*history.Store, error)
	Now         func() time.Time
	Since       string
	By          string
	JSON        bool
}

// NewCmdStats builds grill stats.
func NewCmdStats(f *Factory, runF func(*StatsOptions) error) *cobra.Command {
	opts := &StatsOptions{IO: f.IO, OpenHistory: f.OpenHistory, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Show progress: accuracy, trend, weakest topics and reviews due",
		Long: long(`
Show what the history says about the last --since days: answers, accuracy, score,
average time, the trend between the first and second half of the period, a table per
topic (or kind, or bank), the five weakest topics with a command to practise each, and
how many reviews are due today and in the next 7 days. In a terminal, a line chart of
the daily score and a bar per group are drawn too.`),
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains([]string{"topic", "kind", "bank"}, opts.By) {
				return flagErrorf("--by %q: want topic, kind or bank", opts.By)
			}
			if _, err := parseSince(opts.Since); err != nil {
				return flagErrorf("--since %q: %v", opts.Since, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return runStats(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Since, "since", "30d", "the period: 30d, 12w, 36h, or all")
	cmd.Flags().StringVar(&opts.By, "by", "topic", "group by topic, kind or bank")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

// parseSince reads a period: a number of days (30d) or weeks (12w), a Go duration, or
// "all" (zero).
func parseSince(s string) (time.Duration, error) {
	switch {
	case s == "all":
		return 0, nil
	case strings.HasSuffix(s, "d"), strings.HasSuffix(s, "w"):
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("want a positive number of days or weeks, such as 30d or 12w")
		}
		if strings.HasSuffix(s, "w") {
			n *= 7
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("want 30d, 12w, 36h or all")
	}
	return d, nil
}

// humanPeriod says a period in days, or hours below two days.
func humanPeriod(d time.Duration) string {
	if d < 48*time.Hour {
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

type statsDoc struct {
	Since      time.Time       `json:"since"`
	Attempts   int             `json:"attempts"`
	Correct    int             `json:"correct"`
	Accuracy   float64         `json:"accuracy"`
	Score      float64         `json:"score"`
	MaxScore   float64         `json:"max_score"`
	Percent    float64         `json:"percent"`
	AvgTimeMS  float64         `json:"avg_time_ms"`
	Trend      *float64        `json:"trend"`
	By         string          `json:"by"`
	Groups     []history.Group `json:"groups"`
	Daily      []history.Group `json:"daily"`
	Weakest    []weakTopic     `json:"weakest_topics"`
	DueToday   int             `json:"due_today"`
	DueWeek    int             `json:"due_next_7_days"`
	NextReview *time.Time      `json:"next_review,omitempty"`
}

type weakTopic struct {
	Topic    string  `json:"topic"`
	Percent  float64 `json:"percent"`
	Attempts int     `json:"attempts"`
	Command  string  `json:"command"`
}

func runStats(ctx context.Context, opts *StatsOptions) error {
	period, _ := parseSince(opts.Since)
	now := opts.Now()
	var since time.Time
	if period > 0 {
		since = now.Add(-period)
	}
	store, err := opts.OpenHistory()
	if err != nil {
		return err
	}
	defer store.Close()
	doc := statsDoc{Since: since.UTC(), By: opts.By}
	if doc.Groups, err = store.Tally(ctx, since, opts.By); err != nil {
		return err
	}
	if doc.Daily, err = store.Tally(ctx, since, "day"); err != nil {
		return err
	}
	topics := doc.Groups
	if opts.By != "topic" {
		if topics, err = store.Tally(ctx, since, "topic"); err != nil {
			return err
		}
	}
	var timeTotal float64
	for _, g := range doc.Groups {
		doc.Attempts += g.Attempts
		doc.Correct += g.Correct
		doc.Score += g.Score
		doc.MaxScore += g.MaxScore
		timeTotal += g.AvgTimeMS * float64(g.Attempts)
	}
	if doc.Attempts > 0 {
		doc.Accuracy = round2(100 * float64(doc.Correct) / float64(doc.Attempts))
		doc.AvgTimeMS = math.Round(timeTotal / float64(doc.Attempts))
	}
	if doc.MaxScore > 0 {
		doc.Percent = round2(100 * doc.Score / doc.MaxScore)
	}
	doc.Trend = trend(doc.Daily)
	weak := slices.Clone(topics)
	slices.SortStableFunc(weak, func(a, b history.Group) int {
		if a.Percent != b.Percent {
			return int(math.Copysign(1, a.Percent-b.Percent))
		}
		return b.Attempts - a.Attempts
	})
	for _, g := range weak {
		if len(doc.Weakest) == 5 {
			break
		}
		if g.Attempts >= 3 && g.Percent < 100 {
			doc.Weakest = append(doc.Weakest, weakTopic{g.Name, round2(g.Percent), g.Attempts,
				fmt.Sprintf("grill quiz --topic %s --weak -n 10", g.Name)})
		}
	}
	y, m, d := now.Date()
	endOfToday := time.Date(y, m, d, 23, 59, 59, 0, now.Location())
	if doc.DueToday, doc.DueWeek, err = store.DueCounts(ctx, endOfToday); err != nil {
		return err
	}
	if next, _, err := store.NextDue(ctx, now); err == nil && !next.IsZero() && doc.DueToday == 0 {
		doc.NextReview = &next
	}
	if opts.JSON {
		return writeJSON(opts.IO.Out, doc)
	}
	writeStats(opts, doc, now)
	return nil
}

// trend is the score of the second half of the days with answers minus the first
// half's, in points; nil with fewer than two such days.
func trend(daily []history.Group) *float64 {
	if len(daily) < 2 {
		return nil
	}
	half := len(daily) / 2
	pct := func(gs []history.Group) float64 {
		var s, m float64
		for _, g := range gs {
			s += g.Score
			m += g.MaxScore
		}
		if m == 0 {
			return 0
		}
		return 100 * s / m
	}
	t := round2(pct(daily[half:]) - pct(daily[:half]))
	return &t
}

func writeStats(opts *StatsOptions, doc statsDoc, now time.Time) {
	w := opts.IO.Out
	period := "all time"
	if d, _ := parseSince(opts.Since); d > 0 {
		period = "the last " + humanPeriod(d)
	}
	if doc.Attempts == 0 {
		fmt.Fprintf(w, "No answers in %s yet. Start with: grill quiz\n", period)
		return
	}
	fmt.Fprintf(w, "In %s: %d answers, %.0f%% right (%d), score %.0f%%, %s a question on average\n",
		period, doc.Attempts, doc.Accuracy, doc.Correct, doc.Percent, (time.Duration(doc.AvgTimeMS) * time.Millisecond).Round(time.Second))
	if doc.Trend != nil {
		fmt.Fprintf(w, "Trend: %+.0f points from the first half of these days to the second\n", *doc.Trend)
	}
	chart := opts.IO.OutTTY
	if chart && len(doc.Daily) >= 2 {
		series := make([]float64, len(doc.Daily))
		for i, g := range doc.Daily {
			series[i] = g.Percent
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, asciigraph.Plot(series, asciigraph.Height(8), asciigraph.LowerBound(0), asciigraph.UpperBound(100),
			asciigraph.Width(min(60, max(len(series)*3, 20))), asciigraph.Caption("score % per day with answers")))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\tANSWERS\tSCORE\tAVG TIME", strings.ToUpper(doc.By))
	if chart {
		fmt.Fprint(tw, "\t")
	}
	fmt.Fprintln(tw)
	for _, g := range doc.Groups {
		fmt.Fprintf(tw, "%s\t%d\t%.0f%%\t%s", g.Name, g.Attempts, g.Percent, (time.Duration(g.AvgTimeMS) * time.Millisecond).Round(time.Second))
		if chart {
			fmt.Fprintf(tw, "\t%s", strings.Repeat("█", int(math.Round(g.Percent/5))))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if len(doc.Weakest) > 0 {
		fmt.Fprintln(w, "\nWeakest topics:")
		for i, t := range doc.Weakest {
			fmt.Fprintf(w, "  %d. %s, %.0f%% over %d answers: %s\n", i+1, t.Topic, t.Percent, t.Attempts, t.Command)
		}
	}
	fmt.Fprintf(w, "\nReviews due: %d today, %d in the next 7 days", doc.DueToday, doc.DueWeek)
	switch {
	case doc.DueToday > 0:
		fmt.Fprintln(w, " (grill review)")
	case doc.NextReview != nil:
		fmt.Fprintf(w, "; the next %s\n", humanUntil(doc.NextReview.Sub(now)))
	default:
		fmt.Fprintln(w)
	}
}
