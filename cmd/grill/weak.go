package main

import (
	"context"
	"time"

	"github.com/grill-cli/grill/questions"
)

// weakWeights weighs questions by the last 30 days' results: a question answered badly
// weighs up to 5, one never tried weighs by its topic's results (up to 3), one answered
// well 1. Without history every question weighs 1.
func weakWeights(ctx context.Context, opts *QuizOptions, qs []*questions.Question) (map[string]float64, error) {
	store, err := opts.OpenHistory()
	if err != nil {
		return nil, err
	}
	defer store.Close()
	since := opts.Now().Add(-30 * 24 * time.Hour)
	byQuestion, err := store.Tally(ctx, since, "question")
	if err != nil {
		return nil, err
	}
	byTopic, err := store.Tally(ctx, since, "topic")
	if err != nil {
		return nil, err
	}
	qPct := map[string]float64{}
	for _, g := range byQuestion {
		qPct[g.Name] = g.Percent
	}
	tPct := map[string]float64{}
	for _, g := range byTopic {
		tPct[g.Name] = g.Percent
	}
	w := make(map[string]float64, len(qs))
	for _, q := range qs {
		switch pct, ok := qPct[q.Key()]; {
		case ok:
			w[q.Key()] = 1 + 4*(1-pct/100)
		default:
			if tp, ok := tPct[q.Topic]; ok {
				w[q.Key()] = 1 + 2*(1-tp/100)
			} else {
				w[q.Key()] = 1
			}
		}
	}
	return w, nil
}
