package scoring

import (
	"fmt"
	"strings"

	"github.com/grill-cli/grill/questions"
)

// StageResult is the outcome of one system-design stage.
type StageResult struct {
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Percent float64 `json:"percent"`
	// Rubric is set for rubric stages; Estimate for numeric ones.
	Rubric   *RubricResult `json:"rubric,omitempty"`
	Estimate string        `json:"estimate,omitempty"`
	Answered bool          `json:"answered"`
}

// scoreOpen scores a free-text answer against the question's rubric, or each stage of a
// system-design question against its own rubric or estimate.
func scoreOpen(q *questions.Question, a Answer, r Result) Result {
	if a.Empty() {
		r.Feedback = "no answer"
		return r
	}
	var percent float64
	if len(q.Stages) > 0 {
		r.Stages = ScoreStages(q, a)
		parts := make([]string, len(r.Stages))
		for i, st := range r.Stages {
			percent += st.Percent / float64(len(r.Stages))
			parts[i] = fmt.Sprintf("%s %.0f%%", st.ID, st.Percent)
		}
		r.Feedback = fmt.Sprintf("%.0f%% over %d stages (%s)", percent, len(r.Stages), strings.Join(parts, ", "))
		// Each stage is short, so a keyword list shows best across all of them.
		if all := stageTexts(q, a); !anyStuffed(r.Stages) && Stuffed(all) {
			percent *= stuffedFactor
			r.Feedback += fmt.Sprintf("; the stages read as lists of keywords, not explanations: points are multiplied by %s", fmtPoints(stuffedFactor))
		}
	} else {
		rr := NewMatcher(q.Aliases, a.Text).MatchRubric(q.Rubric)
		r.Rubric = &rr
		percent = rr.Percent()
		r.Feedback = rubricFeedback(rr)
	}
	r.Points = q.Points * percent / 100
	r = applyCorrection(q, a, r)
	r.Correct = r.Points >= q.Points-1e-9
	return r
}

// stageTexts joins the answers to the rubric stages.
func stageTexts(q *questions.Question, a Answer) string {
	if a.Stages == nil {
		return a.Text
	}
	var parts []string
	for _, st := range q.Stages {
		if st.Estimate == nil && a.Stages[st.ID] != "" {
			parts = append(parts, a.Stages[st.ID])
		}
	}
	return strings.Join(parts, "\n\n")
}

func anyStuffed(stages []StageResult) bool {
	for _, st := range stages {
		if st.Rubric != nil && st.Rubric.Stuffed {
			return true
		}
	}
	return false
}

// rubricFeedback says how many rubric points were found, and why the score is lower.
func rubricFeedback(rr RubricResult) string {
	found := 0
	for _, it := range rr.Items {
		if it.Matched {
			found++
		}
	}
	s := fmt.Sprintf("%d of %d rubric points found (%.0f%%)", found, len(rr.Items), rr.Percent())
	if len(rr.Notes) > 0 {
		s += "; " + strings.Join(rr.Notes, "; ")
	}
	return s
}

// ScoreStages scores each stage: rubric stages against their own answer (or, when the
// answer is one text, against all of it), estimate stages with CheckNumber.
func ScoreStages(q *questions.Question, a Answer) []StageResult {
	var whole *Matcher
	out := make([]StageResult, len(q.Stages))
	for i, st := range q.Stages {
		sr := StageResult{ID: st.ID, Title: st.Title}
		text, ok := a.Stages[st.ID]
		if a.Stages == nil {
			text, ok = a.Text, a.Text != ""
		}
		sr.Answered = ok && strings.TrimSpace(text) != ""
		switch {
		case !sr.Answered && st.Estimate != nil:
			sr.Estimate = "no answer"
		case !sr.Answered:
			// Every point listed as missed, so the report shows what was expected.
			rr := NewMatcher(q.Aliases, "").MatchRubric(st.Rubric)
			sr.Rubric = &rr
		case st.Estimate != nil:
			if a.Stages == nil {
				sr.Estimate = "give the estimate in its own stage"
				break
			}
			okNum, fb := CheckNumber(*st.Estimate, text)
			sr.Estimate = fb
			if okNum {
				sr.Percent = 100
			}
		default:
			m := whole
			if a.Stages != nil || m == nil {
				m = NewMatcher(q.Aliases, text)
				if a.Stages == nil {
					whole = m
				}
			}
			rr := m.MatchRubric(st.Rubric)
			sr.Rubric, sr.Percent = &rr, rr.Percent()
		}
		out[i] = sr
	}
	return out
}

// scoreStar scores a behavioral answer: STAR structure and the competency rubric.
func scoreStar(q *questions.Question, a Answer, r Result) Result {
	if a.Empty() {
		r.Feedback = "no answer"
		return r
	}
	sr := AnalyseSTAR(q.Aliases, q.Rubric, a)
	r.STAR = &sr
	r.Points = q.Points * sr.Percent / 100
	r.Feedback = fmt.Sprintf("rating %d/5 (%.0f%%): %s", sr.Rating, sr.Percent, sr.Anchor)
	r = applyCorrection(q, a, r)
	r.Correct = r.Points >= q.Points-1e-9
	return r
}

// applyCorrection replaces the automatic rubric result with the user's own choice of the
// rubric points their answer covered, keeping the automatic score in AutoPoints. For
// STAR answers only the rubric half changes; the structure stays as measured.
func applyCorrection(q *questions.Question, a Answer, r Result) Result {
	if a.Covered == nil {
		return r
	}
	items := RubricItems(q)
	var total, got float64
	for _, it := range items {
		if len(it.Any) > 0 {
			total += it.Weight
		}
	}
	for _, i := range uniq(a.Covered) {
		if i >= 0 && i < len(items) && len(items[i].Any) > 0 {
			got += items[i].Weight
		}
	}
	if total == 0 {
		return r
	}
	auto := r.Points
	corrected := 100 * got / total
	if r.STAR != nil {
		corrected = (r.STAR.Structure + corrected) / 2
	}
	r.Points = q.Points * corrected / 100
	if r.Points != auto {
		r.AutoPoints = &auto
		r.Feedback += fmt.Sprintf("; corrected by you to %.0f%% (automatic: %s of %s points)", corrected, fmtPoints(auto), fmtPoints(q.Points))
	}
	return r
}

// Covered returns the indexes (into RubricItems(q)) of the rubric points the automatic
// match found in r, for pre-ticking a correction checklist.
func (r Result) Covered(q *questions.Question) []int {
	var out []int
	add := func(rr *RubricResult, offset int) {
		if rr == nil {
			return
		}
		for i, it := range rr.Items {
			if it.Matched {
				out = append(out, offset+i)
			}
		}
	}
	switch {
	case r.Rubric != nil:
		add(r.Rubric, 0)
	case r.STAR != nil:
		add(&r.STAR.Rubric, 0)
	default:
		offset := len(q.Rubric)
		for i, st := range q.Stages {
			if i < len(r.Stages) {
				add(r.Stages[i].Rubric, offset)
			}
			offset += len(st.Rubric)
		}
	}
	return out
}
