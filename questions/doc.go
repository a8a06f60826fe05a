// Package questions defines grill's question banks: the types, the YAML bank format
// (version 1, documented in docs/bank-format.md), loading with file:line:col positions,
// validation, selection of questions by filters, and the built-in banks embedded in the
// binary.
//
// # Loading
//
// [Parse] turns the bytes of one bank file into a [Bank] and a list of [Issue]s. Every
// problem in a file is reported, not just the first; a bank with errors is still returned
// when its structure could be read, so that tools can show as much as possible. Hostile
// input (oversized files, binary data, alias bombs, deep nesting) yields an error issue,
// never a panic or a hang.
//
// # What this package must not do
//
// It imports nothing else of grill, never touches a terminal, and never reads files other
// than those it is asked to load.
package questions
