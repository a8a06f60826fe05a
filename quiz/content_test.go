package quiz

import (
	"testing"

	"github.com/grill-cli/grill/questions"
)

// minCertQuestions are the practice-set sizes issue 8 asks for.
var minCertQuestions = map[string]int{"aws-dva-c02": 130, "azure-developer": 100,
	"gcp-professional-cloud-developer": 100, "ckad": 80, "java-se-21-1z0-830": 100}

// TestCertificationSets pins the built-in practice sets: their size, every domain in
// proportion to its weight (within five points), enough for a full exam, and two full
// exams in a row sharing no more than a third of their questions.
func TestCertificationSets(t *testing.T) {
	banks, err := questions.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var all []*questions.Question
	for _, b := range banks {
		all = append(all, b.Questions...)
	}
	bps, err := questions.BuiltinBlueprints()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		if q.Kind == questions.Certification && (q.Explanation == "" || len(q.References) == 0) {
			t.Errorf("%s: a certification question needs an explanation and a reference to official documentation", q.Key())
		}
	}
	for _, bp := range bps {
		total := 0
		for _, d := range bp.Domains {
			total += len(d.Pool(all))
		}
		if want := minCertQuestions[bp.ID]; total < want {
			t.Errorf("%s: %d questions, want at least %d", bp.ID, total, want)
		}
		for _, d := range bp.Domains {
			share := 100 * float64(len(d.Pool(all))) / float64(total)
			if share < d.Weight-5 || share > d.Weight+5 {
				t.Errorf("%s: domain %s holds %.0f%% of the questions for a weight of %g%%", bp.ID, d.ID, share, d.Weight)
			}
		}
		n := ExamSize(bp, all)
		if n < bp.Questions {
			t.Errorf("%s: the banks fill %d of a full exam's %d questions", bp.ID, n, bp.Questions)
			continue
		}
		first := DrawExam(bp, all, n, 1, nil)
		avoid := map[string]bool{}
		for _, it := range first {
			avoid[it.Q.Key()] = true
		}
		shared := 0
		for _, it := range DrawExam(bp, all, n, 2, avoid) {
			if avoid[it.Q.Key()] {
				shared++
			}
		}
		if 3*shared > n {
			t.Errorf("%s: two full exams share %d of %d questions, more than a third", bp.ID, shared, n)
		}
		t.Logf("%s: %d questions; two full exams of %d share %d", bp.ID, total, n, shared)
	}
}
