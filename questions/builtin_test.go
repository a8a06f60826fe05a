package questions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// TestBuiltinBanksClean holds the built-in banks to lint --strict: no errors, no warnings.
func TestBuiltinBanksClean(t *testing.T) {
	files, err := BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no built-in banks")
	}
	for name, data := range files {
		_, issues := Parse(name, data)
		for _, is := range issues {
			t.Errorf("%s", is)
		}
	}
	banks, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var lib Library
	prompts := map[string]string{}
	for _, b := range banks {
		if err := lib.Add(b); err != nil {
			t.Error(err)
		}
		for _, q := range b.Questions {
			k := PromptKey(q.Prompt)
			if other, dup := prompts[k]; dup {
				t.Errorf("%s: prompt repeats %s", q.Key(), other)
			}
			prompts[k] = q.Key()
		}
	}
}

// TestStarterBank checks the promise of the starter set: at least 30 questions covering
// every type and the three interview kinds.
func TestStarterBank(t *testing.T) {
	banks, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var lib Library
	for _, b := range banks {
		lib.Add(b)
	}
	starter := lib.Bank("starter")
	if starter == nil {
		t.Fatal("no starter bank")
	}
	c := Count(starter.Questions)
	if c.Total < 30 {
		t.Errorf("starter has %d questions, want at least 30", c.Total)
	}
	for _, typ := range Types {
		if c.Type[string(typ)] == 0 {
			t.Errorf("starter has no %s question", typ)
		}
	}
	for _, k := range []Kind{Fundamentals, SystemDesign, Behavioral} {
		if c.Kind[string(k)] == 0 {
			t.Errorf("starter has no %s question", k)
		}
	}
}

// TestSchemaAcceptsBuiltinBanks validates every built-in bank against the published JSON
// Schema, so the schema and the loader cannot drift apart unnoticed.
func TestSchemaAcceptsBuiltinBanks(t *testing.T) {
	sch := compileSchema(t)
	files, err := BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := sch.Validate(yamlToJSON(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSchemaRejects checks that the schema catches what editors should flag as you type.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	for _, src := range []string{
		"bank: t\ntitle: T\nquestions: [{id: a, type: boolean, prompt: P, answer: true, colour: red}]\n",
		"bank: t\ntitle: T\nquestions: [{id: a, type: boolean, prompt: P, answer: true, choices: [a, b]}]\n",
		"bank: t\ntitle: T\nquestions: [{id: a, type: single, prompt: P, choices: [x, y], answer: [a, b]}]\n",
		"bank: Bad Id\ntitle: T\nquestions: [{id: a, type: boolean, prompt: P, answer: true}]\n",
		"bank: t\ntitle: T\nquestions: [{id: a, type: open, prompt: P}]\n",
		"bank: t\ntitle: T\nquestions: [{id: a, type: boolean, prompt: P, answer: true, time_limit: soon}]\n",
	} {
		if err := sch.Validate(yamlToJSON(t, []byte(src))); err == nil {
			t.Errorf("schema accepted %s", src)
		}
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("bank.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("bank.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// yamlToJSON converts a YAML document to the JSON value model the validator wants.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(fmt.Errorf("bank is not JSON-compatible: %w", err))
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
