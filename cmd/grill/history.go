package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/grill-cli/grill/quiz/history"
	"github.com/spf13/cobra"
)

// NewCmdHistory builds grill history and its subcommands.
func NewCmdHistory(f *Factory) *cobra.Command {
	var jsonOut bool
	var limit int
	cmd := &cobra.Command{
		Use:   "history [list|show SESSION|export]",
		Short: "List past sessions, show one, or export every answer",
		Long: long(`
The history database ($GRILL_HOME/grill.db) keeps every session and every answer.
'grill history' (or 'grill history list') lists the sessions, newest first; 'show'
shows one session's answers; 'export' writes all answers as CSV or JSON.`),
		Args: exactArgs(0, "a subcommand: list, show SESSION or export"),
		RunE: func(cmd *cobra.Command, args []string) error { return historyList(cmd.Context(), f, limit, jsonOut) },
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List past sessions, newest first",
		Long:  long("List past sessions, newest first: id, start, mode, status, questions and score."),
		Args:  exactArgs(0, "no arguments"),
		RunE:  func(cmd *cobra.Command, args []string) error { return historyList(cmd.Context(), f, limit, jsonOut) },
	}
	for _, c := range []*cobra.Command{cmd, list} {
		c.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
		c.Flags().IntVar(&limit, "limit", 20, "at most this many sessions (0 for all)")
	}
	var showJSON bool
	show := &cobra.Command{
		Use:   "show SESSION",
		Short: "Show the answers of one session",
		Long:  long("Show the answers of one session (its id from 'grill history list')."),
		Args:  exactArgs(1, "one SESSION id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id <= 0 {
				return flagErrorf("SESSION must be a session id such as 12, not %q", args[0])
			}
			return historyShow(cmd.Context(), f, id, showJSON)
		},
	}
	show.Flags().BoolVar(&showJSON, "json", false, "print JSON")
	var format string
	var session int64
	export := &cobra.Command{
		Use:   "export",
		Short: "Write every answer as CSV or JSON",
		Long:  long("Write every recorded answer (or one session's, with --session) to standard output as CSV or JSON."),
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "csv" && format != "json" {
				return flagErrorf("--format %q: want csv or json", format)
			}
			return historyExport(cmd.Context(), f, session, format)
		},
	}
	export.Flags().StringVar(&format, "format", "csv", "csv or json")
	export.Flags().Int64Var(&session, "session", 0, "only this session's answers")
	cmd.AddCommand(list, show, export)
	return cmd
}

func historyList(ctx context.Context, f *Factory, limit int, jsonOut bool) error {
	store, err := f.OpenHistory()
	if err != nil {
		return err
	}
	defer store.Close()
	ss, err := store.Sessions(ctx, limit)
	if err != nil {
		return err
	}
	if jsonOut {
		if ss == nil {
			ss = []history.Session{}
		}
		return writeJSON(f.IO.Out, ss)
	}
	if len(ss) == 0 {
		fmt.Fprintln(f.IO.Out, "No sessions yet. Start with: grill quiz")
		return nil
	}
	tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTARTED\tMODE\tSTATUS\tQUESTIONS\tSCORE")
	for _, s := range ss {
		pct := ""
		if s.MaxScore > 0 {
			pct = fmt.Sprintf(" (%.0f%%)", 100*s.Score/s.MaxScore)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s/%s%s\n", s.ID, s.StartedAt.Local().Format("2006-01-02 15:04"), s.Mode,
			s.Status, s.Questions, fmtPts(s.Score), fmtPts(s.MaxScore), pct)
	}
	return tw.Flush()
}

func historyShow(ctx context.Context, f *Factory, id int64, jsonOut bool) error {
	store, err := f.OpenHistory()
	if err != nil {
		return err
	}
	defer store.Close()
	ss, err := store.Sessions(ctx, 0)
	if err != nil {
		return err
	}
	var sess *history.Session
	for i := range ss {
		if ss[i].ID == id {
			sess = &ss[i]
		}
	}
	if sess == nil {
		return fmt.Errorf("no session %d (see grill history list)", id)
	}
	as, err := store.Attempts(ctx, id)
	if err != nil {
		return err
	}
	if jsonOut {
		if as == nil {
			as = []history.Attempt{}
		}
		return writeJSON(f.IO.Out, struct {
			history.Session
			Answers []history.Attempt `json:"answers"`
		}{*sess, as})
	}
	w := f.IO.Out
	fmt.Fprintf(w, "Session %d: %s, %s, started %s, %d questions, %s/%s points\n\n", sess.ID, sess.Mode, sess.Status,
		sess.StartedAt.Local().Format("2006-01-02 15:04"), sess.Questions, fmtPts(sess.Score), fmtPts(sess.MaxScore))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tQUESTION\tPOINTS\tRATING\tFEEDBACK")
	for _, a := range as {
		fb := safe(a.Feedback)
		if r := []rune(fb); len(r) > 60 {
			fb = string(r[:57]) + "..."
		}
		fmt.Fprintf(tw, "%s\t%s/%s\t%s/%s\t%s\t%s\n", a.AnsweredAt.Local().Format("15:04:05"), a.Bank, a.Question,
			fmtPts(a.Points), fmtPts(a.MaxPoints), a.Rating, fb)
	}
	return tw.Flush()
}

func historyExport(ctx context.Context, f *Factory, session int64, format string) error {
	store, err := f.OpenHistory()
	if err != nil {
		return err
	}
	defer store.Close()
	as, err := store.Attempts(ctx, session)
	if err != nil {
		return err
	}
	if format == "json" {
		if as == nil {
			as = []history.Attempt{}
		}
		return writeJSON(f.IO.Out, as)
	}
	cw := csv.NewWriter(f.IO.Out)
	cw.Write([]string{"session", "answered_at", "bank", "question", "kind", "type", "topic", "points", "max_points",
		"correct", "timed_out", "skipped", "elapsed_ms", "rating", "content_hash", "answer", "feedback"})
	for _, a := range as {
		cw.Write([]string{strconv.FormatInt(a.SessionID, 10), a.AnsweredAt.Format(time.RFC3339), a.Bank, a.Question,
			a.Kind, a.Type, a.Topic, fmtPts(a.Points), fmtPts(a.MaxPoints), strconv.FormatBool(a.Correct),
			strconv.FormatBool(a.TimedOut), strconv.FormatBool(a.Skipped), strconv.FormatInt(a.ElapsedMS, 10),
			a.Rating.String(), a.ContentHash, a.Answer, a.Feedback})
	}
	cw.Flush()
	return cw.Error()
}
