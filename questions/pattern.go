package questions

import (
	"regexp"
	"sync"
)

// Pattern is the RE2 expression a whole short answer must match. A pattern read from a
// bank file is compiled as it is checked; one built from its Source alone (the built-in
// banks' snapshot) is compiled when first used, because compiling the long kubectl
// patterns of the built-in banks would cost more than the rest of grill's start-up.
type Pattern struct {
	// Source is the expression as written in the bank, without the anchors grill adds.
	Source string

	once sync.Once
	re   *regexp.Regexp
}

// CompilePattern compiles src so that it matches whole answers.
func CompilePattern(src string) (*Pattern, error) {
	re, err := regexp.Compile(anchor(src))
	if err != nil {
		return nil, err
	}
	return &Pattern{Source: src, re: re}, nil
}

func anchor(src string) string { return "^(?:" + src + ")$" }

// MatchString reports whether the whole of s matches the pattern.
func (p *Pattern) MatchString(s string) bool {
	p.once.Do(func() {
		if p.re == nil {
			// Only Sources that CompilePattern accepted are ever built without it.
			p.re = regexp.MustCompile(anchor(p.Source))
		}
	})
	return p.re.MatchString(s)
}

func (p *Pattern) String() string { return p.Source }
