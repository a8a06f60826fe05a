package scoring

import (
	"strings"
	"testing"

	"github.com/grill-cli/grill/questions"
)

func TestSplitSTAR(t *testing.T) {
	tests := []struct {
		name, text, how string
		want            STAR
	}{
		{"labels", "Situation: our deploys failed.\nTask: I had to fix CI.\nAction: I rewrote the cache step.\nResult: builds went from 20 to 8 minutes.", "labels",
			STAR{"our deploys failed.", "I had to fix CI.", "I rewrote the cache step.", "builds went from 20 to 8 minutes."}},
		{"short labels", "S - a flaky test suite\nT - make it reliable\nA - I quarantined flaky tests\nR - green builds", "labels",
			STAR{"a flaky test suite", "make it reliable", "I quarantined flaky tests", "green builds"}},
		{"cues", "Our checkout was slow. My task was to speed it up. So I profiled it and found an N+1 query. I batched the queries. As a result, latency dropped 40%. I learned to profile first.", "cues",
			STAR{"Our checkout was slow.", "My task was to speed it up.", "So I profiled it and found an N+1 query. I batched the queries.", "As a result, latency dropped 40%. I learned to profile first."}},
	}
	for _, tt := range tests {
		got, how := SplitSTAR(tt.text)
		if got != tt.want || how != tt.how {
			t.Errorf("%s: SplitSTAR = %+v (%s), want %+v (%s)", tt.name, got, how, tt.want, tt.how)
		}
	}
	// No cues at all: proportions still give four non-empty parts for a long story.
	long := strings.Repeat("Something happened here. ", 10)
	got, how := SplitSTAR(long)
	if how != "proportions" || got.Situation == "" || got.Task == "" || got.Action == "" || got.Result == "" {
		t.Errorf("proportions: %+v (%s)", got, how)
	}
}

func check(r STARResult, name string) STARCheck {
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	return STARCheck{Name: "missing " + name}
}

func TestAnalyseSTAR(t *testing.T) {
	rubric := []questions.RubricItem{{Point: "Measured first", Weight: 1, Any: []string{"profiled", "measured"}}}
	strong := Answer{STAR: &STAR{
		Situation: "Last spring our checkout page took four seconds to load during sales, and support tickets about abandoned carts doubled.",
		Task:      "I owned the checkout service, so my manager asked me to bring the page under one second before the next sale.",
		Action: "I started by measuring instead of guessing: I profiled a production request and traced every database call. " +
			"I found that each cart item triggered its own query for prices, an N+1 pattern that made large carts slow. " +
			"I rewrote the price lookup to fetch all items in one query and added an index on the product id. " +
			"I wrote load tests that replayed a real sale's traffic, and I ran them before and after the change so the team could see the difference. " +
			"I rolled the change out behind a flag to five percent of users first, watched the error rate and latency dashboards for a day, and then opened it to everyone. " +
			"I also paired with a newer teammate on the rollout so that she could own the service's performance checks later.",
		Result: "The page went from 4 seconds to 700 milliseconds at the 95th percentile, and abandoned carts fell by 18% during the next sale. " +
			"I learned to profile before optimising, and since then I add a load test to every change on the checkout path.",
	}}
	r := AnalyseSTAR(nil, rubric, strong)
	for _, name := range []string{"four parts", "action is the largest part", "your own actions (I, not we)", "a measured result", "a lesson or reflection", "about two minutes long", "a real story, not a hypothetical"} {
		if c := check(r, name); c.Score != 1 {
			t.Errorf("strong story: check %q = %+v", name, c)
		}
	}
	if r.Rating != 5 || r.Split != "given" {
		t.Errorf("strong story rated %d (%.0f%%), split %s: %+v", r.Rating, r.Percent, r.Split, r.Checks)
	}
	if c := check(r, "a measured result"); !strings.Contains(c.Evidence, "700 milliseconds") {
		t.Errorf("measured result evidence = %q", c.Evidence)
	}

	hypothetical := Answer{Text: "If that happened I would first talk to the team. I would look at the metrics and I would find the slow query. Then I would fix it and I would tell my manager. I'd make sure it was fast."}
	r = AnalyseSTAR(nil, rubric, hypothetical)
	if c := check(r, "a real story, not a hypothetical"); c.Score != 0 || c.Evidence == "" {
		t.Errorf("hypothetical not flagged: %+v", c)
	}
	if r.Rating > 2 {
		t.Errorf("hypothetical answer rated %d", r.Rating)
	}

	we := Answer{STAR: &STAR{Situation: "The API was slow for customers.", Task: "The team had to fix it this quarter.",
		Action: "We profiled it. We found a slow query. We fixed our index and we deployed it.", Result: "It got faster."}}
	r = AnalyseSTAR(nil, rubric, we)
	if c := check(r, "your own actions (I, not we)"); c.Score != 0 {
		t.Errorf("'we' story credited for first person: %+v", c)
	}
	if c := check(r, "a measured result"); c.Score != 0 {
		t.Errorf("no numbers but credited: %+v", c)
	}
}

func TestScoreStages(t *testing.T) {
	b, issues := questions.Parse("t.yaml", []byte(`bank: t
title: T
questions:
  - id: d
    kind: system-design
    type: open
    topic: system-design
    prompt: Design it.
    stages:
      - id: req
        title: Requirements
        prompt: What must it do?
        rubric:
          - {point: Shorten URLs, any: [shorten]}
          - {point: Redirect, any: [redirect]}
      - id: est
        title: Estimate
        prompt: Writes per second?
        answer: 40
        tolerance: 25%
        unit: per second
`))
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	q := b.Questions[0]
	r := Score(q, Answer{Stages: map[string]string{"req": "It must shorten links and redirect fast.", "est": "about 45 per second"}})
	if r.Points != 1 || !r.Correct || len(r.Stages) != 2 || r.Stages[1].Percent != 100 {
		t.Errorf("full marks expected: %+v %+v", r, r.Stages)
	}
	r = Score(q, Answer{Stages: map[string]string{"req": "It must shorten links.", "est": "4000"}})
	if r.Points != 0.25 || r.Stages[0].Percent != 50 || r.Stages[1].Percent != 0 {
		t.Errorf("half of one stage expected: %+v %+v", r, r.Stages)
	}
	if !strings.Contains(r.Feedback, "req 50%, est 0%") {
		t.Errorf("feedback %q", r.Feedback)
	}
	if got := r.Covered(q); len(got) != 1 || got[0] != 0 {
		t.Errorf("Covered = %v, want [0]", got)
	}
	// One text for the whole question: rubric stages match against all of it.
	r = Score(q, Answer{Text: "Shorten and redirect."})
	if r.Stages[0].Percent != 100 || r.Stages[1].Estimate != "give the estimate in its own stage" {
		t.Errorf("whole-text answer: %+v", r.Stages)
	}
}
