package scoring

import "math"

// Tally adds up results: by session, topic or domain.
type Tally struct {
	Score     float64 `json:"score"`
	MaxScore  float64 `json:"max_score"`
	Questions int     `json:"questions"`
	Correct   int     `json:"correct"`
}

// Add counts one result.
func (t *Tally) Add(r Result) {
	t.Score += r.Points
	t.MaxScore += r.MaxPoints
	t.Questions++
	if r.Correct {
		t.Correct++
	}
}

// Percent is the score as a percentage of the maximum, 0 when nothing was possible.
func (t Tally) Percent() float64 {
	if t.MaxScore == 0 {
		return 0
	}
	return 100 * t.Score / t.MaxScore
}

// Wilson returns the 95% Wilson score interval, in percent, for a share p (0 to 1)
// observed over n trials: the margin of error of an exam score of n questions.
func Wilson(p float64, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 100
	}
	const z = 1.959964
	nf := float64(n)
	centre := (p + z*z/(2*nf)) / (1 + z*z/nf)
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / (1 + z*z/nf)
	return 100 * math.Max(0, centre-half), 100 * math.Min(1, centre+half)
}
