package questions

import (
	"fmt"
	"testing"
)

// fundamentalsTopics are the topics the built-in fundamentals banks must cover, at
// least 30 questions each (issue 7).
var fundamentalsTopics = []string{"languages", "data-structures-algorithms", "databases", "api-design",
	"version-control", "security", "testing-debugging", "performance", "ci-cd", "cloud",
	"scalability-reliability", "os-networking", "concurrency", "software-process"}

var behavioralTopics = []string{"motivation", "proactivity", "ambiguity", "perseverance", "conflict",
	"empathy", "growth", "communication", "critical-bug", "incident", "design-disagreement",
	"missed-deadline", "mentoring", "learning-fast", "pushing-back"}

var designs = []string{"url-shortener", "message-queue", "rate-limiter", "news-feed", "chat-service",
	"notification-system", "distributed-cache", "search-autocomplete", "payment-system",
	"file-storage-sync", "video-streaming", "web-crawler", "metrics-alerting", "distributed-job-scheduler",
	"ecommerce-catalog-checkout", "realtime-leaderboard", "distributed-kv-store", "api-gateway",
	"collaborative-editor", "ride-matching"}

// TestBuiltinContentCounts pins the size and shape of the built-in interview banks so
// they cannot silently shrink.
func TestBuiltinContentCounts(t *testing.T) {
	banks, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var all []*Question
	ids := map[string]bool{}
	for _, b := range banks {
		all = append(all, b.Questions...)
		for _, q := range b.Questions {
			ids[q.ID] = true
		}
	}
	fund, _ := Filter{Kinds: []Kind{Fundamentals}}.Apply(all)
	if len(fund) < 420 {
		t.Errorf("%d fundamentals questions, want at least 420", len(fund))
	}
	for _, topic := range fundamentalsTopics {
		qs, _ := Filter{Kinds: []Kind{Fundamentals}, Topics: []string{topic}}.Apply(all)
		if len(qs) < 30 {
			t.Errorf("fundamentals topic %s has %d questions, want at least 30", topic, len(qs))
		}
		c := Count(qs)
		for _, l := range Levels {
			if 5*c.Level[string(l)] < len(qs) {
				t.Errorf("fundamentals topic %s: %d %s questions of %d, want at least a fifth", topic, c.Level[string(l)], l, len(qs))
			}
		}
		for _, typ := range []Type{Single, Multi, Boolean, Short, Numeric} {
			if c.Type[string(typ)] == 0 {
				t.Errorf("fundamentals topic %s has no %s question", topic, typ)
			}
		}
		for _, q := range qs {
			if q.Type.Objective() && q.Explanation == "" {
				t.Errorf("%s has no explanation", q.Key())
			}
		}
	}

	sd, _ := Filter{Kinds: []Kind{SystemDesign}}.Apply(all)
	staged := 0
	for _, q := range sd {
		if len(q.Stages) == 0 {
			continue
		}
		staged++
		if q.ModelAnswer == "" || len(q.FollowUps) == 0 {
			t.Errorf("%s needs a model answer and follow-ups", q.Key())
		}
		hasEstimate := false
		for _, st := range q.Stages {
			if st.Estimate != nil {
				hasEstimate = true
				if st.Estimate.Tolerance.IsZero() {
					t.Errorf("%s stage %s: an estimate needs a tolerance", q.Key(), st.ID)
				}
				continue
			}
			if n := len(st.Rubric); n < 5 || n > 12 {
				t.Errorf("%s stage %s has %d rubric points, want 5 to 12", q.Key(), st.ID, n)
			}
		}
		if !hasEstimate {
			t.Errorf("%s has no numeric estimate stage", q.Key())
		}
	}
	if staged < 20 {
		t.Errorf("%d staged system-design questions, want at least 20", staged)
	}
	for _, d := range designs {
		if !ids["design-"+d] {
			t.Errorf("no system-design question design-%s", d)
		}
	}

	beh, _ := Filter{Kinds: []Kind{Behavioral}, Banks: []string{"behavioral"}}.Apply(all)
	if len(beh) < 60 {
		t.Errorf("%d behavioral questions, want at least 60", len(beh))
	}
	bc := Count(beh)
	for _, topic := range behavioralTopics {
		if bc.Topic[topic] < 2 {
			t.Errorf("behavioral topic %s has %d questions, want at least 2", topic, bc.Topic[topic])
		}
	}
	for _, q := range beh {
		if q.Type != Star || len(q.Rubric) < 4 || len(q.Signals) != 3 || len(q.FollowUps) == 0 {
			t.Errorf("%s: want a star question with a rubric of 4+ points, junior/mid/senior signals and follow-ups", q.Key())
		}
	}
}

// TestBuiltinAnswerPositions checks that right answers of single questions are spread
// over the choice positions, so that "always c" never pays (choices are shuffled in
// quizzes anyway, but not with --order bank or in exports).
func TestBuiltinAnswerPositions(t *testing.T) {
	banks, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range banks {
		pos := map[int]int{}
		n := 0
		for _, q := range b.Questions {
			if q.Type == Single && len(q.Choices) == 4 {
				pos[q.Correct[0]]++
				n++
			}
		}
		if n < 12 {
			continue
		}
		for i := 0; i < 4; i++ {
			share := float64(pos[i]) / float64(n)
			if share < 0.15 || share > 0.35 {
				t.Errorf("bank %s: %.0f%% of its %d four-choice single answers are %s; want 15-35%% per position (%v)",
					b.ID, 100*share, n, Letter(i), fmt.Sprint(pos))
			}
		}
	}
}

// TestBuiltinBlueprints checks every built-in exam: it parses, its guide date is set,
// and its starter bank covers every domain with at least three questions.
func TestBuiltinBlueprints(t *testing.T) {
	bps, err := BuiltinBlueprints()
	if err != nil {
		t.Fatal(err)
	}
	if len(bps) == 0 {
		t.Fatal("no built-in blueprints")
	}
	banks, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var all []*Question
	for _, b := range banks {
		all = append(all, b.Questions...)
	}
	for _, bp := range bps {
		if bp.Updated.IsZero() || bp.Guide == "" || len(bp.Notes) == 0 {
			t.Errorf("%s: needs its guide's date and URL, and notes on what is not official", bp.ID)
		}
		for _, d := range bp.Domains {
			if n := len(d.Pool(all)); n < 3 {
				t.Errorf("%s: domain %s has %d questions in the built-in banks, want at least 3", bp.ID, d.ID, n)
			}
		}
	}
}
