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
	hypothetCue = regexp.MustCompile(`(?i)\b((i|we) (would|will|should|could|might)|i'd|we'd|i'll|we'll|would probably)\b`)
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
	// Each sentence gets a score for each part: how well its position fits where that
	// part usually stands (situation first, result last), plus cue words. The parts are
	// then assigned in order, situation to result, maximising the total (a small
	// dynamic program), so one misleading cue late in a story cannot reorder it.
	centre := [4]float64{0.05, 0.2, 0.55, 0.9}
	cues := [4]*regexp.Regexp{nil, taskCue, actionCue, resultCue}
	score := func(i, part int) float64 {
		pos := (float64(i) + 0.5) / float64(n)
		v := -4 * math.Abs(pos-centre[part])
		if cues[part] != nil && cues[part].MatchString(sents[i]) {
			v += 1.5
		}
		if part == 3 && (quantCue.MatchString(sents[i]) || reflectCue.MatchString(sents[i])) {
			v += 0.75
		}
		return v
	}
	// best[i][p]: best total for sentences 0..i with sentence i in part p.
	best := make([][4]float64, n)
	from := make([][4]int, n)
	for p := 0; p < 4; p++ {
		best[0][p] = score(0, p)
		if p > 0 {
			best[0][p] -= 3 // a story starts with its situation
		}
	}
	for i := 1; i < n; i++ {
		for p := 0; p < 4; p++ {
			best[i][p] = math.Inf(-1)
			for q := 0; q <= p; q++ {
				if v := best[i-1][q]; v > best[i][p] {
					best[i][p], from[i][p] = v, q
				}
			}
			best[i][p] += score(i, p)
		}
	}
	parts := make([]int, n)
	parts[n-1] = 3
	for p := 0; p < 4; p++ {
		if best[n-1][p] > best[n-1][parts[n-1]] {
			parts[n-1] = p
		}
	}
	for i := n - 1; i > 0; i-- {
		parts[i-1] = from[i][parts[i]]
	}
	var out [4][]string
	cued := false
	for i, p := range parts {
		out[p] = append(out[p], sents[i])
		cued = cued || cues[p] != nil && cues[p].MatchString(sents[i])
	}
	how := "proportions"
	if cued {
		how = "cues"
	}
	return STAR{Situation: strings.Join(out[0], " "), Task: strings.Join(out[1], " "),
		Action: strings.Join(out[2], " "), Result: strings.Join(out[3], " ")}, how
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
		end := loc[1]
		if text[loc[0]] == '\n' {
			// A line break before a list item or a capital: the break ends the sentence,
			// the marker or letter begins the next one.
			end = loc[0] + 1
			for end < loc[1] && (text[end] == ' ' || text[end] == '\t' || text[end] == '\n') {
				end++
			}
		}
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start = end
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
	sents := splitSentences(p.Task + "\n" + p.Action + "\n" + p.Result)
	for _, s := range sents {
		// "What I'd do differently" is a reflection, not a hypothetical story.
		if hypothetCue.MatchString(s) && !reflectCue.MatchString(s) {
			hyp++
		}
	}
	c = STARCheck{Name: "a real story, not a hypothetical", Weight: 2, Score: 1, Detail: "told in the past tense"}
	if hyp >= 2 && float64(hyp) >= 0.3*float64(len(sents)) {
		c.Score = 0
		c.Detail = fmt.Sprintf("%d of %d sentences after the situation say what you would do, not what you did", hyp, len(sents))
		c.Evidence = firstSentence(hypothetCue, p.Task+"\n"+p.Action+"\n"+p.Result)
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
