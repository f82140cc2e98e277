package ui_test

import (
	"context"
	"slices"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
)

// connectDemo connects to a demo server at url with its demo credentials,
// acting in Opigno as actingUUID: the demo profile, with the default keys,
// as main wires it. It is what whole-program tests start from; base ends
// every request when it ends (a test's t.Context()).
func connectDemo(base context.Context, url, actingUUID, themeName string) (*common.Context, error) {
	th, err := theme.New(themeName, true)
	if err != nil {
		return nil, err
	}
	p, err := demo.Profile(url, demo.DefaultSeed, actingUUID).Resolve(base)
	if err != nil {
		return nil, err
	}
	cl, err := p.Clients(config.Options{})
	if err != nil {
		return nil, err
	}
	ctx := ui.NewContext(cl, th, ui.DefaultKeys(), 0)
	ctx.Demo, ctx.Base, ctx.People = true, base, demo.People()
	return ctx, nil
}

// without leaves the directories of sources out of ctx, as a profile that
// configures none of them would.
func without(ctx *common.Context, sources ...api.Source) {
	ctx.Directories = slices.DeleteFunc(slices.Clone(ctx.Directories), func(d directory.Directory) bool {
		return slices.Contains(sources, d.Source())
	})
}
