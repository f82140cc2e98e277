package ui

import (
	"context"
	"time"

	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// DemoContext connects to a demo server at url with its demo credentials,
// acting in Opigno as actingUUID: the demo profile (config.Demo), with the
// default keys. It is what whole-program tests start from; base ends every
// request when it ends (a test's t.Context()).
func DemoContext(base context.Context, url, actingUUID, themeName string) (*common.Context, error) {
	th, err := theme.New(themeName, true)
	if err != nil {
		return nil, err
	}
	p, err := config.Demo(url, actingUUID).Resolve(base)
	if err != nil {
		return nil, err
	}
	cl, err := p.Clients(config.Options{})
	if err != nil {
		return nil, err
	}
	ctx := NewContext(cl, th, keymap.Default(), 0)
	ctx.Demo, ctx.Base = true, base
	return ctx, nil
}

// NewContext is the program context over a profile's clients, with a
// per-request timeout (0 for config.DefaultTimeout).
func NewContext(cl config.Clients, th *theme.Theme, keys *keymap.Map, timeout time.Duration) *common.Context {
	if timeout <= 0 {
		timeout = config.DefaultTimeout
	}
	return &common.Context{
		Theme: th, Keys: keys, Opigno: cl.Opigno, Scope: cl.Scope, Vision: cl.Vision,
		Timeout: timeout, Grace: 250 * time.Millisecond,
	}
}
