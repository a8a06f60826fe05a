package scoring

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
