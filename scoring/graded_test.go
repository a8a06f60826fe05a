package scoring

import (
	"math"
	"os"
	"slices"
	"testing"

	"github.com/grill-cli/grill/questions"
	"gopkg.in/yaml.v3"
)

// gradedAnswer is one answer of testdata/graded.yaml, written for this test with a
// human grade from 1 to 5: strong, mediocre, weak and keyword-stuffed answers to open,
// system-design and behavioral questions of the built-in banks.
type gradedAnswer struct {
	Question string    `yaml:"question"`
	Label    string    `yaml:"label"`
	Grade    float64   `yaml:"grade"`
	Answer   yaml.Node `yaml:"answer"`
}

// TestGradedSpearman checks that the automatic scores order the graded answers the way
// their human grades do: Spearman's rank correlation of at least 0.8 over all of them.
func TestGradedSpearman(t *testing.T) {
	data, err := os.ReadFile("testdata/graded.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var set []gradedAnswer
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	if len(set) < 40 {
		t.Fatalf("the graded set has %d answers, want at least 40", len(set))
	}
	banks, err := questions.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var lib questions.Library
	for _, b := range banks {
		lib.Add(b)
	}
	var human, auto []float64
	byLabel := map[string][]float64{}
	for _, g := range set {
		q, err := lib.Question(g.Question)
		if err != nil {
			t.Fatal(err)
		}
		var a Answer
		switch {
		case g.Answer.Kind == yaml.ScalarNode:
			a.Text = g.Answer.Value
		case q.Type == questions.Star:
			a.STAR = &STAR{}
			if err := g.Answer.Decode(a.STAR); err != nil {
				t.Fatal(err)
			}
		default:
			if err := g.Answer.Decode(&a.Stages); err != nil {
				t.Fatal(err)
			}
		}
		r := Score(q, a)
		pct := 100 * r.Points / r.MaxPoints
		human = append(human, g.Grade)
		auto = append(auto, pct)
		byLabel[g.Label] = append(byLabel[g.Label], pct)
		t.Logf("%-5s %-8s grade %.0f  auto %5.1f%%  %s", q.Type, g.Label, g.Grade, pct, g.Question)
	}
	rho := spearman(human, auto)
	t.Logf("Spearman rank correlation over %d answers: %.3f", len(set), rho)
	for _, l := range []string{"strong", "mediocre", "weak", "stuffed"} {
		t.Logf("mean automatic score of %s answers: %.1f%%", l, mean(byLabel[l]))
	}
	if rho < 0.8 {
		t.Errorf("Spearman rank correlation %.3f, want at least 0.8", rho)
	}
	if mean(byLabel["stuffed"]) >= mean(byLabel["mediocre"]) {
		t.Errorf("keyword-stuffed answers score %.1f%% on average, not below mediocre ones (%.1f%%)",
			mean(byLabel["stuffed"]), mean(byLabel["mediocre"]))
	}
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// spearman is Pearson's correlation of the ranks, ties sharing their average rank.
func spearman(x, y []float64) float64 {
	rx, ry := ranks(x), ranks(y)
	mx, my := mean(rx), mean(ry)
	var num, dx, dy float64
	for i := range rx {
		num += (rx[i] - mx) * (ry[i] - my)
		dx += (rx[i] - mx) * (rx[i] - mx)
		dy += (ry[i] - my) * (ry[i] - my)
	}
	return num / math.Sqrt(dx*dy)
}

func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case xs[a] < xs[b]:
			return -1
		case xs[a] > xs[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		for k := i; k <= j; k++ {
			r[idx[k]] = float64(i+j)/2 + 1
		}
		i = j + 1
	}
	return r
}

func TestSpearman(t *testing.T) {
	if got := spearman([]float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}); math.Abs(got-1) > 1e-9 {
		t.Errorf("perfect order: %v", got)
	}
	if got := spearman([]float64{1, 2, 3, 4}, []float64{40, 30, 20, 10}); math.Abs(got+1) > 1e-9 {
		t.Errorf("reversed order: %v", got)
	}
	if got := ranks([]float64{5, 1, 5, 3}); !slices.Equal(got, []float64{3.5, 1, 3.5, 2}) {
		t.Errorf("ties: %v", got)
	}
}
