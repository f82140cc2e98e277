package ui_test

import (
	"context"
	"slices"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/perf"
)

// connectDemo connects to a demo server at url with its demo credentials,
// acting in Opigno as actingUUID: the demo profile, with the default keys,
// as main wires it. It is what whole-program tests start from; base ends
// every request when it ends (a test's t.Context()).
func connectDemo(base context.Context, url, actingUUID, themeName string) (*common.Context, error) {
	return perf.DemoContext(base, url, actingUUID, themeName)
}

// without leaves the directories of sources out of ctx, as a profile that
// configures none of them would.
func without(ctx *common.Context, sources ...api.Source) {
	ctx.Directories = slices.DeleteFunc(slices.Clone(ctx.Directories), func(d directory.Directory) bool {
		return slices.Contains(sources, d.Source())
	})
}
