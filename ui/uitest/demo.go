package uitest

import (
	"testing"
	"time"

	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// DemoContext is a program context over a demo server started with o for
// the test, as a pane package's tests want it: the demo profile's clients
// (Opigno, and Scope and Vision as directories, Vision watching the demo's
// groups), no theme's colours, the default keys, dialogs that take keys
// at once, and requests that end with the test.
func DemoContext(t testing.TB, o demo.Options) (*common.Context, *demotest.Server) {
	t.Helper()
	srv := demotest.Start(t, o)
	p, err := demo.Profile(srv.URL, demo.DefaultSeed, "").Resolve(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	cl, err := p.Clients(config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.New("none", true)
	if err != nil {
		t.Fatal(err)
	}
	return &common.Context{Theme: th, Keys: keymap.Default(), Opigno: cl.Opigno, Directories: directory.From(cl.Scope, cl.Vision),
		Timeout: 10 * time.Second, Base: t.Context()}, srv
}
