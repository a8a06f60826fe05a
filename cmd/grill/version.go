package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by release builds (goreleaser: -ldflags "-X main.version=... -X main.commit=...").
var (
	version = ""
	commit  = ""
)

// buildVersion returns the module version and commit: from the linker flags of a release
// build, else from the build information Go records (go install ...@v1.2.3 records the
// module version; a build from a checkout records the VCS revision).
func buildVersion() (string, string) {
	v, c := version, commit
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if c == "" && s.Key == "vcs.revision" {
				c = s.Value
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if c == "" {
		c = "unknown"
	}
	return v, c
}

// NewCmdVersion builds grill version.
func NewCmdVersion(f *Factory) *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print grill's version and commit",
		Long:  long("Print grill's module version, the commit it was built from, and the Go version."),
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, c := buildVersion()
			if jsonOut {
				return writeJSON(f.IO.Out, map[string]string{"version": v, "commit": c, "go": runtime.Version()})
			}
			fmt.Fprintf(f.IO.Out, "grill %s (commit %s, %s)\n", v, c, runtime.Version())
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}
