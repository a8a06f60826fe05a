package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/grill-cli/grill/questions"
	"github.com/grill-cli/grill/scoring"
)

// renderEvidence explains an open answer's score: every rubric point found or missed
// with the words that matched, misconceptions, caps, the STAR checks and rating, and
// each stage of a system-design question.
func renderEvidence(w io.Writer, q *questions.Question, r scoring.Result, width int) {
	if r.STAR != nil {
		s := r.STAR
		fmt.Fprintf(w, "Structure (%.0f%%):\n", s.Structure)
		for _, c := range s.Checks {
			fmt.Fprintf(w, "  %s %s: %s\n", mark(c.Score), c.Name, safe(c.Detail))
			if c.Evidence != "" {
				fmt.Fprintf(w, "      %s\n", quote(c.Evidence, width-6))
			}
		}
		fmt.Fprintf(w, "\nCompetencies (%.0f%%):\n", s.Rubric.Percent())
		renderItems(w, s.Rubric, width)
		for _, n := range s.Notes {
			fmt.Fprintf(w, "Note: %s\n", safe(n))
		}
		if len(q.Signals) > 0 {
			fmt.Fprintln(w, "\nWhat an answer shows at each level:")
			for _, l := range questions.Levels {
				if sig, ok := q.Signals[l]; ok {
					fmt.Fprintf(w, "  %s\n", wrapText(fmt.Sprintf("%-7s %s", string(l)+":", safe(sig)), width-2))
				}
			}
		}
		return
	}
	if r.Rubric != nil {
		renderItems(w, *r.Rubric, width)
	}
	for i, st := range r.Stages {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Stage %d, %s: %.0f%%\n", i+1, safe(st.Title), st.Percent)
		if st.Estimate != "" {
			fmt.Fprintf(w, "  %s\n", safe(st.Estimate))
			if est := q.Stages[i].Estimate; est != nil && st.Percent < 100 {
				fmt.Fprintf(w, "  expected %s\n", safe(est.String()))
			}
		}
		if st.Rubric != nil {
			renderItems(w, *st.Rubric, width)
		}
	}
}

func renderItems(w io.Writer, rr scoring.RubricResult, width int) {
	for _, it := range rr.Items {
		m := "-"
		if it.Matched || it.AvoidOnly && it.Misconception == "" {
			m = "+"
		}
		req := ""
		if it.Required {
			req = ", required"
		}
		weight := fmtPts(it.Weight)
		if it.AvoidOnly {
			weight = "-" + weight + " if a red flag is found"
		}
		fmt.Fprintf(w, "  %s %s (%s%s)\n", m, safe(it.Point), weight, req)
		if it.Matched {
			fmt.Fprintf(w, "      matched %q in %s\n", it.Phrase, quote(it.Evidence, width-6))
		}
		switch {
		case it.Misconception != "":
			fmt.Fprintf(w, "      red flag %q in %s\n", it.Misconception, quote(it.MisEvidence, width-6))
		case it.AvoidOnly:
			fmt.Fprintln(w, "      no red flag found")
		}
	}
	for _, n := range rr.Notes {
		fmt.Fprintf(w, "  Note: %s\n", wrapText(safe(n), width-8))
	}
}

func mark(score float64) string {
	switch {
	case score >= 1:
		return "+"
	case score > 0:
		return "~"
	}
	return "-"
}

// quote shows a sentence of the answer as evidence, shortened to fit a line.
func quote(s string, width int) string {
	s = strings.Join(strings.Fields(safe(s)), " ")
	if width < 20 {
		width = 100
	}
	if r := []rune(s); len(r) > width-2 {
		s = string(r[:width-5]) + "..."
	}
	return `"` + s + `"`
}
