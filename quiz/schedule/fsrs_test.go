package schedule

import (
	"math"
	"testing"
	"time"
)

// The vectors are those of ../shared/reference/fsrs-vectors.md, with its tolerances:
// py-fsrs values 1e-9 (integer intervals exact), ts-fsrs 1e-6 (it rounds to 8
// decimals), fsrs-rs 1e-4 (f32).

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.12g, want %.12g (±%g)", what, got, want, tol)
	}
}

// Vector 1: py-fsrs test_review_card, each review at the card's due time.
func TestVectorReviewCard(t *testing.T) {
	s := Default()
	ratings := []Rating{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}
	wantIvl := []int{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21}
	wantS := []float64{2.3065, 2.3065, 10.971048263078135, 46.316858440073425, 162.99981577472244,
		497.8765551245907, 6.890412507565338, 2.154598374301973, 2.154598374301973, 3.9831233795187773,
		7.236254476883319, 12.483043578674472, 20.77035728499242}
	wantD := []float64{2.118103970459016, 2.111214235785395, 2.1043313908464483, 2.0974554287524403,
		2.0905863426205262, 2.083724125574744, 7.383202320049203, 9.125104766121234, 9.11120803065195,
		9.097325191918136, 9.083456236023055, 9.06960114908387, 9.055759917231622}
	c := Card{State: New}
	now := time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)
	for i, r := range ratings {
		c = s.Next(c, r, now)
		ivl := int(c.Due.Sub(c.LastReview).Hours() / 24)
		if ivl != wantIvl[i] {
			t.Errorf("review %d (%v): interval %d days, want %d", i+1, r, ivl, wantIvl[i])
		}
		near(t, "stability", c.Stability, wantS[i], 1e-9)
		near(t, "difficulty", c.Difficulty, wantD[i], 1e-9)
		now = c.Due
	}
}

// Vectors 2 and 6: memory state after ratings at day offsets.
func TestVectorMemoryState(t *testing.T) {
	s := Default()
	st, d := s.MemoryState([]Rating{Again, Good, Good, Good, Good, Good}, []float64{0, 0, 1, 3, 8, 21})
	near(t, "S (A G G G G G)", st, 53.626902917141365, 1e-9)
	near(t, "D (A G G G G G)", d, 6.357487083997829, 1e-9)
	st, d = s.MemoryState([]Rating{Again, Hard, Good, Easy, Good, Good}, []float64{0, 0, 1, 3, 8, 21})
	near(t, "S (A H G E G G)", st, 51.0810, 1e-4)
	near(t, "D (A H G E G G)", d, 6.7493, 1e-4)
}

// Vector 3: the first review of a new card, by rating.
func TestVectorFirstReview(t *testing.T) {
	s := Default()
	now := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		r    Rating
		st   float64
		d    float64
		wait time.Duration
	}{
		{Again, 0.212, 6.4133, time.Minute},
		{Hard, 1.2931, 5.112170705601056, 5*time.Minute + 30*time.Second},
		{Good, 2.3065, 2.118103970459016, 10 * time.Minute},
		{Easy, 8.2956, 1.0, 8 * 24 * time.Hour},
	}
	for _, tt := range tests {
		c := s.Next(Card{State: New}, tt.r, now)
		near(t, tt.r.String()+" S", c.Stability, tt.st, 1e-9)
		near(t, tt.r.String()+" D", c.Difficulty, tt.d, 1e-9)
		if got := c.Due.Sub(now); got != tt.wait {
			t.Errorf("%v: due in %v, want %v", tt.r, got, tt.wait)
		}
	}
}

// Vector 4: ten Easy reviews in a row keep difficulty at its floor.
func TestVectorEasyFloor(t *testing.T) {
	s := Default()
	c := Card{State: New}
	now := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 10; i++ {
		c = s.Next(c, Easy, now)
		now = c.Due
	}
	if c.Difficulty != 1.0 {
		t.Errorf("difficulty after 10 Easy = %v, want 1", c.Difficulty)
	}
}

// Vector 5: ts-fsrs algorithm tests.
func TestVectorFormulas(t *testing.T) {
	s := Default()
	for i, want := range []float64{1.0, 0.9, 0.84588465, 0.8093881} {
		near(t, "R(t, S=1)", s.Retrievability(float64(i), 1), want, 1e-6)
	}
	for i, want := range []float64{8.34176237, 6.66599536, 4.99022837, 3.31446137} {
		near(t, "next difficulty", s.NextDifficulty(5, Rating(i+1)), want, 1e-6)
	}
	ds, rs := []float64{1, 2, 3, 4}, []float64{0.9, 0.8, 0.7, 0.6}
	recall := []float64{25.60252118, 28.22657096, 58.65599107, 127.2266925}
	forget := []float64{1.05253961, 1.18943295, 1.36808387, 1.58498896}
	short := []float64{1.596818, 5, 5, 8.12960956}
	for i := 0; i < 4; i++ {
		near(t, "recall stability", s.RecallStability(ds[i], 5, rs[i], Rating(i+1)), recall[i], 1e-6)
		near(t, "forget stability", s.ForgetStability(ds[i], 5, rs[i]), forget[i], 1e-6)
		near(t, "short-term stability", s.ShortTermStability(5, Rating(i+1)), short[i], 1e-6)
	}
	for i, want := range []int{36500, 34793, 2508, 387, 90, 27, 9, 3, 1, 1} {
		s.DesiredRetention = 0.1 * float64(i+1)
		if got := s.Interval(1); got != want {
			t.Errorf("interval at retention %.1f = %d, want %d", s.DesiredRetention, got, want)
		}
	}
}

// Vectors 7 and 8: retrievability at each due date.
func TestVectorRetrievability(t *testing.T) {
	s := Default()
	now := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	c := Card{State: New}
	got := []float64{s.CardRetrievability(c, now)}
	for i := 0; i < 3; i++ {
		c = s.Next(c, Good, now)
		now = c.Due
		got = append(got, s.CardRetrievability(c, now))
	}
	for i, want := range []float64{0, 1, 0.9095, 0.8998} {
		near(t, "retrievability after Good x"+string(rune('0'+i)), got[i], want, 1e-4)
	}
	for i, want := range []float64{1, 1, 1, 0.9024733} {
		start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
		c := s.Next(Card{State: New}, Rating(i+1), start)
		near(t, Rating(i+1).String()+" first repeat R", s.CardRetrievability(c, c.Due), want, 1e-6)
	}
}
