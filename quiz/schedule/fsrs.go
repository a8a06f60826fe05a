// Package schedule decides when to review a question again, with FSRS-6, the
// scheduler Anki uses.
//
// # Model
//
// Each card has a stability S (days until recall probability falls to 90%) and a
// difficulty D (1 to 10). A review with a rating from Again to Easy updates both, and
// the next interval is chosen so that the predicted recall probability at the due date
// is the desired retention (0.9). New and forgotten cards first walk short learning
// steps (1 and 10 minutes; 10 minutes when relearning).
//
// # Variant choices
//
// The reference implementations differ in small ways (../shared/reference/fsrs-vectors.md);
// grill follows py-fsrs 6.3.1 except where noted:
//   - A same-day review (less than a day since the last one) floors the stability
//     increase at 1 for Hard, Good and Easy, as fsrs-rs, ts-fsrs and go-fsrs do (py-fsrs
//     floors only Good and Easy). This keeps Hard from ever lowering stability the same
//     day.
//   - Hard on the first learning step waits halfway between the first two steps (5m30s
//     with the default steps), as py-fsrs does (ts-fsrs and go-fsrs wait 6 minutes).
//   - Elapsed time is counted in whole days, and intervals round half to even, as
//     py-fsrs does.
//   - No interval fuzz: the same history always gives the same schedule.
//
// # What this package must not do
//
// It is pure arithmetic on cards and times: no clock, no storage, no randomness.
package schedule

import (
	"math"
	"time"
)

// Rating is how well a review went.
type Rating int

// The ratings.
const (
	Again Rating = 1
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "unrated"
}

// State is where a card is in its life.
type State int

// The states.
const (
	New State = iota
	Learning
	Review
	Relearning
)

func (s State) String() string {
	return [...]string{"new", "learning", "review", "relearning"}[s]
}

// Card is the scheduling state of one question.
type Card struct {
	State      State
	Step       int
	Stability  float64
	Difficulty float64
	Due        time.Time
	LastReview time.Time
	Reps       int
	Lapses     int
}

// DefaultWeights are the FSRS-6 default parameters.
var DefaultWeights = [21]float64{0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722,
	0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542}

// Scheduler holds the parameters.
type Scheduler struct {
	W                [21]float64
	DesiredRetention float64
	MaxInterval      int // days
	LearningSteps    []time.Duration
	RelearningSteps  []time.Duration
}

// Default returns the scheduler with FSRS-6's defaults.
func Default() *Scheduler {
	return &Scheduler{W: DefaultWeights, DesiredRetention: 0.9, MaxInterval: 36500,
		LearningSteps:   []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps: []time.Duration{10 * time.Minute}}
}

const minStability = 0.001

func (s *Scheduler) decay() float64  { return -s.W[20] }
func (s *Scheduler) factor() float64 { return math.Pow(0.9, 1/s.decay()) - 1 }

// Retrievability is the predicted probability of recall after t days at stability st.
func (s *Scheduler) Retrievability(t, st float64) float64 {
	return math.Pow(1+s.factor()*t/st, s.decay())
}

// CardRetrievability is the recall probability of c at now (0 for a new card), with
// elapsed time counted in whole days.
func (s *Scheduler) CardRetrievability(c Card, now time.Time) float64 {
	if c.State == New || c.LastReview.IsZero() {
		return 0
	}
	return s.Retrievability(elapsedDays(c.LastReview, now), c.Stability)
}

// Interval is the number of days until recall falls to the desired retention.
func (s *Scheduler) Interval(st float64) int {
	i := st / s.factor() * (math.Pow(s.DesiredRetention, 1/s.decay()) - 1)
	return int(math.Min(math.Max(math.RoundToEven(i), 1), float64(s.MaxInterval)))
}

func (s *Scheduler) initStability(r Rating) float64 { return math.Max(s.W[r-1], minStability) }

// rawInitDifficulty is D0 without the clamp (its value for Easy is the mean-reversion
// target).
func (s *Scheduler) rawInitDifficulty(r Rating) float64 {
	return s.W[4] - math.Exp(s.W[5]*float64(r-1)) + 1
}

func (s *Scheduler) initDifficulty(r Rating) float64 { return clamp(s.rawInitDifficulty(r), 1, 10) }

// NextDifficulty applies a rating to difficulty d.
func (s *Scheduler) NextDifficulty(d float64, r Rating) float64 {
	delta := -s.W[6] * float64(r-3)
	damped := d + delta*(10-d)/9
	return clamp(s.W[7]*s.rawInitDifficulty(Easy)+(1-s.W[7])*damped, 1, 10)
}

// RecallStability is the stability after a successful review (Hard, Good, Easy).
func (s *Scheduler) RecallStability(d, st, ret float64, r Rating) float64 {
	hard, easy := 1.0, 1.0
	if r == Hard {
		hard = s.W[15]
	}
	if r == Easy {
		easy = s.W[16]
	}
	return math.Max(st*(1+math.Exp(s.W[8])*(11-d)*math.Pow(st, -s.W[9])*(math.Exp(s.W[10]*(1-ret))-1)*hard*easy), minStability)
}

// ForgetStability is the stability after a lapse (Again), without the cap that keeps it
// from exceeding the stability before the lapse.
func (s *Scheduler) ForgetStability(d, st, ret float64) float64 {
	return s.W[11] * math.Pow(d, -s.W[12]) * (math.Pow(st+1, s.W[13]) - 1) * math.Exp(s.W[14]*(1-ret))
}

// ShortTermStability is the stability after a review the same day as the last one.
func (s *Scheduler) ShortTermStability(st float64, r Rating) float64 {
	inc := math.Exp(s.W[17]*(float64(r)-3+s.W[18])) * math.Pow(st, -s.W[19])
	if r >= Hard {
		inc = math.Max(inc, 1)
	}
	return math.Max(st*inc, minStability)
}

// nextMemory updates stability and difficulty for a review after elapsed days.
func (s *Scheduler) nextMemory(c Card, r Rating, elapsed float64) (st, d float64) {
	if c.State == New {
		return s.initStability(r), s.initDifficulty(r)
	}
	switch {
	case elapsed < 1:
		st = s.ShortTermStability(c.Stability, r)
	case r == Again:
		ret := s.Retrievability(elapsed, c.Stability)
		st = math.Max(math.Min(s.ForgetStability(c.Difficulty, c.Stability, ret),
			c.Stability/math.Exp(s.W[17]*s.W[18])), minStability)
	default:
		ret := s.Retrievability(elapsed, c.Stability)
		st = s.RecallStability(c.Difficulty, c.Stability, ret, r)
	}
	return st, s.NextDifficulty(c.Difficulty, r)
}

// MemoryState replays ratings given after the elapsed days before each (the first
// usually 0) and returns the final stability and difficulty, without learning steps.
func (s *Scheduler) MemoryState(ratings []Rating, elapsed []float64) (st, d float64) {
	c := Card{State: New}
	for i, r := range ratings {
		c.Stability, c.Difficulty = s.nextMemory(c, r, elapsed[i])
		c.State = Review
	}
	return c.Stability, c.Difficulty
}

func elapsedDays(from, to time.Time) float64 {
	if to.Before(from) {
		return 0
	}
	return math.Floor(to.Sub(from).Hours() / 24)
}

// Next returns c after a review rated r at now.
func (s *Scheduler) Next(c Card, r Rating, now time.Time) Card {
	elapsed := 0.0
	if !c.LastReview.IsZero() {
		elapsed = elapsedDays(c.LastReview, now)
	}
	c.Stability, c.Difficulty = s.nextMemory(c, r, elapsed)
	c.Reps++
	c.LastReview = now
	days := func(n int) time.Time { return now.Add(time.Duration(n) * 24 * time.Hour) }
	switch c.State {
	case New, Learning, Relearning:
		steps := s.LearningSteps
		if c.State == Relearning {
			steps = s.RelearningSteps
		}
		if c.State == New {
			c.State, c.Step = Learning, 0
		}
		switch {
		case len(steps) == 0 || r == Easy || r == Good && c.Step+1 >= len(steps):
			c.State, c.Step, c.Due = Review, 0, days(s.Interval(c.Stability))
		case r == Again:
			c.Step, c.Due = 0, now.Add(steps[0])
		case r == Hard:
			wait := steps[c.Step]
			switch {
			case c.Step == 0 && len(steps) == 1:
				wait = steps[0] * 3 / 2
			case c.Step == 0:
				wait = (steps[0] + steps[1]) / 2
			}
			c.Due = now.Add(wait)
		default: // Good, more steps to go
			c.Step++
			c.Due = now.Add(steps[c.Step])
		}
	case Review:
		if r == Again {
			c.Lapses++
			if len(s.RelearningSteps) > 0 {
				c.State, c.Step, c.Due = Relearning, 0, now.Add(s.RelearningSteps[0])
				return c
			}
		}
		c.Due = days(s.Interval(c.Stability))
	}
	return c
}

func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }
