package questions

import _ "embed"

//go:embed schema.json
var schema []byte

// Schema returns a JSON Schema (draft 2020-12) of the bank format, for editors. The
// loader is the authority: the schema checks structure and types, and lint checks more
// (answer letters inside the choices, unique ids, alike prompts).
func Schema() []byte { return schema }
