package scoring

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/grill-cli/grill/questions"
)

// STARCheck is one structural check of a STAR story, with its evidence.
type STARCheck struct {
	Name     string  `json:"name"`
	Weight   float64 `json:"weight"`
	Score    float64 `json:"score"` // 0 to 1
	Detail   string  `json:"detail"`
	Evidence string  `json:"evidence,omitempty"`
}

// STARResult is the analysis of a behavioral answer.
type STARResult struct {
	Parts STAR `json:"parts"`
	// Split says how the parts were found: "given" (asked separately), "labels"
	// ("Situation:" ...), "cues" (words such as "my task was", "as a result") or
	// "proportions" (no cues: by position in the story).
	Split     string       `json:"split"`
	Words     int          `json:"words"`
	Checks    []STARCheck  `json:"checks"`
	Rubric    RubricResult `json:"rubric"`
	Structure float64      `json:"structure_percent"`
	Percent   float64      `json:"percent"`
	Rating    int          `json:"rating"`
	Anchor    string       `json:"anchor"`
	Notes     []string     `json:"notes,omitempty"`
}

// ratingAnchors describe each STAR rating, from 1 to 5.
var ratingAnchors = [...]string{
	1: "Not yet a story: hypothetical, off-topic, a keyword list or too short to judge.",
	2: "Weak: incomplete, mostly about the team, or missing the competency asked about.",
	3: "Adequate: the story is there, but key signals (your own actions, numbers, a lesson, or the competency) are thin.",
	4: "Good: a complete, specific story; one or two signals could be stronger.",
	5: "Strong: a specific story told in the first person, with a measured result, a lesson, and the competency clearly shown.",
}

// Rating turns a percentage into a 1-5 rating.
func Rating(percent float64) int {
	switch {
	case percent >= 85:
		return 5
	case percent >= 70:
		return 4
	case percent >= 50:
		return 3
	case percent >= 30:
		return 2
	}
	return 1
}

// RatingAnchor describes a rating in words.
func RatingAnchor(r int) string { return ratingAnchors[r] }

var (
	starLabel   = regexp.MustCompile(`(?im)^[\s*#>-]*(situation|task|actions?|results?|s|t|a|r)\s*\**\s*[:\-–—)]`)
	taskCue     = regexp.MustCompile(`(?i)\b(my (task|job|role|goal|responsibility)|i was (asked|responsible|tasked|assigned)|i (needed|had) to|the (goal|task|ask) was|i owned)\b`)
	actionCue   = regexp.MustCompile(`(?i)\b(so i|first,? i|i (decided|started|began|proposed|wrote|built|set up|created|organi[sz]ed|met|talked|spoke|asked|called|reviewed|added|changed|moved|rolled|paired|ran|dug|traced|found|fixed))\b`)
	resultCue   = regexp.MustCompile(`(?i)\b(as a result|in the end|the (result|outcome)|resulted in|ended up|in total|went (from|down|up)|we (shipped|launched|delivered|cut|reduced)|it (cut|reduced|saved)|this (cut|reduced|saved))\b`)
	reflectCue  = regexp.MustCompile(`(?i)\b(learn(ed|t)|lesson|next time|differently|in hindsight|looking back|since then|taught me|i now|from then on|would (do|have done))\b`)
	hypothetCue = regexp.MustCompile(`(?i)\b(i would|i'd|i will|i'll|i should|i could|i might|would probably)\b`)
	quantCue    = regexp.MustCompile(`(?i)(\d[\d,.]*\s*(%|percent|x\b|times\b|ms\b|milliseconds|seconds?|minutes?|hours?|days?|weeks?|months?|years?|k\b|users|customers|requests|incidents|tickets|engineers|people|teams|services|errors|bugs)|[$€£]\s?\d|\d+\s*(dollars|euros|pounds))`)
	firstSing   = regexp.MustCompile(`(?i)\b(i|me|my|mine|myself)\b`)
	firstPlural = regexp.MustCompile(`(?i)\b(we|us|our|ours|ourselves)\b`)
)

// SplitSTAR divides a story written in one piece into its four parts: by labels when
// the author wrote them, else by cue words, else by proportion.
func SplitSTAR(text string) (STAR, string) {
	if locs := starLabel.FindAllStringSubmatchIndex(text, -1); len(locs) >= 2 {
		var s STAR
		for i, loc := range locs {
			end := len(text)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			body := strings.TrimSpace(text[loc[1]:end])
			switch strings.ToLower(text[loc[2]:loc[3]])[0] {
			case 's':
				s.Situation = join(s.Situation, body)
			case 't':
				s.Task = join(s.Task, body)
			case 'a':
				s.Action = join(s.Action, body)
			case 'r':
				s.Result = join(s.Result, body)
			}
		}
		return s, "labels"
	}
	sents := splitSentences(text)
	n := len(sents)
	if n == 0 {
		return STAR{}, "proportions"
	}
	first := func(re *regexp.Regexp, from int) int {
		for i := from; i < n; i++ {
			if re.MatchString(sents[i]) {
				return i
			}
		}
		return -1
	}
	t := first(taskCue, 0)
	a := first(actionCue, max(t+1, 1))
	r := first(resultCue, max(a+1, 2))
	how := "cues"
	if t < 0 || a < 0 || r < 0 {
		// Fill what the cues did not find from the usual proportions of a story:
		// about 15% situation, 15% task, 50% action, 20% result.
		how = "proportions"
		if t < 0 {
			t = int(math.Round(0.15 * float64(n)))
		}
		if a < 0 || a <= t {
			a = max(t+1, int(math.Round(0.3*float64(n))))
		}
		if r < 0 || r <= a {
			r = max(a+1, int(math.Round(0.8*float64(n))))
		}
	}
	part := func(i, j int) string {
		i, j = min(max(i, 0), n), min(max(j, 0), n)
		return strings.Join(sents[i:j], " ")
	}
	return STAR{Situation: part(0, t), Task: part(t, a), Action: part(a, r), Result: part(r, n)}, how
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

func splitSentences(text string) []string {
	var out []string
	start := 0
	for _, loc := range sentenceEnd.FindAllStringIndex(text, -1) {
		if s := strings.TrimSpace(text[start:loc[1]]); s != "" {
			out = append(out, s)
		}
		start = loc[1]
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// firstSentence returns the first sentence of text matching re, for evidence.
func firstSentence(re *regexp.Regexp, text string) string {
	for _, s := range splitSentences(text) {
		if re.MatchString(s) {
			return s
		}
	}
	return ""
}

// AnalyseSTAR scores a behavioral answer: its structure and the question's rubric.
func AnalyseSTAR(aliases map[string]string, rubric []questions.RubricItem, a Answer) STARResult {
	var res STARResult
	if a.STAR != nil && (a.STAR.Task != "" || a.STAR.Action != "" || a.STAR.Result != "") {
		res.Parts, res.Split = *a.STAR, "given"
	} else {
		text := a.Text
		if a.STAR != nil {
			text = a.STAR.Situation
		}
		res.Parts, res.Split = SplitSTAR(text)
	}
	p := res.Parts
	whole := strings.Join([]string{p.Situation, p.Task, p.Action, p.Result}, "\n")
	res.Words = wordCount(whole)
	words := [4]int{wordCount(p.Situation), wordCount(p.Task), wordCount(p.Action), wordCount(p.Result)}

	// 1. All four parts.
	present, missing := 0, []string{}
	for i, name := range []string{"situation", "task", "action", "result"} {
		if words[i] >= 5 {
			present++
		} else {
			missing = append(missing, name)
		}
	}
	c := STARCheck{Name: "four parts", Weight: 2, Score: float64(present) / 4}
	if len(missing) == 0 {
		c.Detail = fmt.Sprintf("situation %d, task %d, action %d, result %d words (found by %s)", words[0], words[1], words[2], words[3], res.Split)
	} else {
		c.Detail = "missing or too thin: " + strings.Join(missing, ", ")
	}
	res.Checks = append(res.Checks, c)

	// 2. Action the largest part.
	share := 0.0
	if res.Words > 0 {
		share = float64(words[2]) / float64(res.Words)
	}
	c = STARCheck{Name: "action is the largest part", Weight: 1,
		Detail: fmt.Sprintf("action is %.0f%% of the story; guides put it near 60%%", 100*share)}
	if words[2] >= words[0] && words[2] >= words[1] && words[2] >= words[3] && share >= 0.35 {
		c.Score = 1
	} else if share >= 0.25 {
		c.Score = 0.5
	}
	res.Checks = append(res.Checks, c)

	// 3. First person singular in the action.
	sing, plur := len(firstSing.FindAllString(p.Action, -1)), len(firstPlural.FindAllString(p.Action, -1))
	c = STARCheck{Name: "your own actions (I, not we)", Weight: 1,
		Detail: fmt.Sprintf(`"I/me/my" %d times, "we/us/our" %d times in the action`, sing, plur)}
	if sing >= 2 && sing >= plur {
		c.Score, c.Evidence = 1, firstSentence(firstSing, p.Action)
	} else if sing >= 1 {
		c.Score = 0.5
	}
	res.Checks = append(res.Checks, c)

	// 4. A quantified result.
	c = STARCheck{Name: "a measured result", Weight: 1}
	if e := firstSentence(quantCue, p.Result); e != "" {
		c.Score, c.Detail, c.Evidence = 1, "the result has numbers", e
	} else if e := firstSentence(quantCue, whole); e != "" {
		c.Score, c.Detail, c.Evidence = 0.5, "numbers appear, but not in the result", e
	} else {
		c.Detail = "no numbers: say what changed, by how much, and how you know"
	}
	res.Checks = append(res.Checks, c)

	// 5. A reflection.
	c = STARCheck{Name: "a lesson or reflection", Weight: 1}
	if e := firstSentence(reflectCue, whole); e != "" {
		c.Score, c.Detail, c.Evidence = 1, "says what was learned or would be done differently", e
	} else {
		c.Detail = "no reflection: end with what you learned or would do differently"
	}
	res.Checks = append(res.Checks, c)

	// 6. Length near two minutes of speech.
	c = STARCheck{Name: "about two minutes long", Weight: 1,
		Detail: fmt.Sprintf("%d words, about %d seconds spoken at 150 words a minute; aim for 200 to 400", res.Words, res.Words*60/150)}
	switch {
	case res.Words >= 200 && res.Words <= 400:
		c.Score = 1
	case res.Words >= 150 && res.Words <= 500:
		c.Score = 0.5
	}
	res.Checks = append(res.Checks, c)

	// 7. A real story, not a hypothetical one.
	hyp := 0
	sents := splitSentences(p.Action + "\n" + p.Result)
	for _, s := range sents {
		if hypothetCue.MatchString(s) {
			hyp++
		}
	}
	c = STARCheck{Name: "a real story, not a hypothetical", Weight: 2, Score: 1, Detail: "told in the past tense"}
	if hyp >= 2 && float64(hyp) >= 0.3*float64(len(sents)) {
		c.Score = 0
		c.Detail = fmt.Sprintf("%d of %d sentences of the action and result say what you would do, not what you did", hyp, len(sents))
		c.Evidence = firstSentence(hypothetCue, p.Action+"\n"+p.Result)
	}
	res.Checks = append(res.Checks, c)

	var got, total float64
	for _, ch := range res.Checks {
		got += ch.Weight * ch.Score
		total += ch.Weight
	}
	res.Structure = 100 * got / total
	res.Rubric = NewMatcher(aliases, whole).MatchRubric(rubric)
	res.Percent = (res.Structure + res.Rubric.Percent()) / 2
	if len(rubric) == 0 {
		res.Percent = res.Structure
	}
	if res.Rubric.Stuffed {
		res.Percent *= stuffedFactor
		res.Notes = append(res.Notes, "a keyword list is not a story")
	}
	if c.Score == 0 && res.Percent > 40 {
		res.Percent = 40
		res.Notes = append(res.Notes, "capped at 40%: a hypothetical answer does not show what you have done")
	}
	if res.Words < 40 && res.Percent > 20 {
		res.Percent = 20
		res.Notes = append(res.Notes, "capped at 20%: too short to be a story")
	}
	res.Rating = Rating(res.Percent)
	res.Anchor = RatingAnchor(res.Rating)
	return res
}
