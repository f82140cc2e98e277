package ui

import (
	"time"

	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// DemoContext connects to a demo server at url with its demo credentials,
// acting in Opigno as actingUUID. It is what `go run .` uses with no
// configuration, and what whole-program tests start from.
func DemoContext(url, actingUUID, themeName string) (*common.Context, error) {
	th, err := theme.New(themeName, true)
	if err != nil {
		return nil, err
	}
	timeout := 15 * time.Second
	oc, err := opigno.New(opigno.Config{Endpoint: url + "/opigno/graphql", Token: demoopigno.DemoToken, ActingUUID: actingUUID, Timeout: timeout})
	if err != nil {
		return nil, err
	}
	sc, err := scope.New(scope.Config{Endpoint: url + "/scope/graphql", Token: demoscope.DemoToken, Timeout: timeout})
	if err != nil {
		return nil, err
	}
	vc, err := vision.New(vision.Config{
		Endpoint: url + "/vision/graphql", TokenURL: url + "/vision/token",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret, Groups: demovision.GroupIDs(), Timeout: timeout,
	})
	if err != nil {
		return nil, err
	}
	return &common.Context{
		Theme: th, Keys: keymap.Default(), Opigno: oc, Scope: sc, Vision: vc,
		Demo: true, Timeout: timeout, Grace: 250 * time.Millisecond,
	}, nil
}
