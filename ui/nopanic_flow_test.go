package ui_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	keys "charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// TestEveryKeyInEveryPaneWithNothingToShow presses every key of the keymap
// in every pane (every Connections tab), each followed by esc to close
// what it opened, with lists that are empty or failed and with APIs left
// out, with Bubble Tea's panic catching off: an index out of range on an
// empty list or a nil client would crash the test. The program must still
// answer at the end.
func TestEveryKeyInEveryPaneWithNothingToShow(t *testing.T) {
	t.Parallel()
	blank := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A server that knows nothing: no schema, no rows, no errors.
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"data":{}}`))
	}))
	t.Cleanup(blank.Close)
	refusing := faults.New(faults.Rule{Fault: faults.Forbidden, Share: 1})
	refused := demotest.Start(t, demo.Options{Faults: refusing})

	for _, c := range []struct {
		name                  string
		url                   string
		opigno, scope, vision bool
	}{
		{"no API at all", blank.URL, false, false, false},
		{"an empty server", blank.URL, true, true, true},
		{"every request refused", refused.URL, true, true, true},
		{"Scope alone, empty", blank.URL, false, true, false},
		{"Vision alone, refused", refused.URL, false, false, true},
		{"Opigno alone, empty", blank.URL, true, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := clientsAt(t, c.url, c.opigno, c.scope, c.vision)
			p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), 100, 30, tea.WithoutCatchPanics())
			p.WaitText(5*time.Second, "Users", "Groups", "Connections")
			time.Sleep(100 * time.Millisecond) // the first (empty or failed) pages
			for _, pane := range []string{"1", "2", "3", "3", "3", "3"} {
				p.Press(pane, "]") // Connections: the next tab each time
				for _, k := range everyKey(ctx.Keys) {
					p.Press(k, "esc", "esc")
				}
			}
			// A form the keys typed into asks before discarding on esc;
			// y answers it (or copies, harmlessly, when nothing asks). A
			// dialog a key asked for may open only now, on a loaded
			// machine, and take the next keys: close until help answers.
			var asked time.Time
			p.WaitFor("rosterm help", 5*time.Second, func(s string) bool {
				if strings.Contains(s, "rosterm help") {
					return true
				}
				if time.Since(asked) > time.Second {
					p.Press("esc", "y", "esc", "y", "esc", "?")
					asked = time.Now()
				}
				return false
			})
			p.Press("?")
		})
	}
}

// everyKey is the first key of every action but quitting and moving to
// another pane.
func everyKey(km *keymap.Map) []string {
	skip := []*keys.Binding{&km.Quit, &km.ForceQuit, &km.NextPane, &km.PrevPane, &km.Focus[0], &km.Focus[1], &km.Focus[2]}
	var out []string
	for _, n := range km.All() {
		if slices.Contains(skip, n.Binding) || len(n.Binding.Keys()) == 0 {
			continue
		}
		out = append(out, n.Binding.Keys()[0])
	}
	return out
}

// clientsAt builds the program context for a server at url with the
// demo's credentials (static tokens: a blank server issues none), for the
// APIs asked for.
func clientsAt(t *testing.T, url string, withOpigno, withScope, withVision bool) *common.Context {
	t.Helper()
	p := demo.Profile(url, demo.DefaultSeed, "")
	cfg, err := p.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var cl config.Clients
	if withOpigno {
		if cl.Opigno, err = opigno.New(opigno.Config{Endpoint: url + "/opigno/graphql", Token: "demo-opigno-token",
			ActingUUID: cfg.Opigno.ActingUUID, Timeout: 2 * time.Second}); err != nil {
			t.Fatal(err)
		}
	}
	if withScope {
		if cl.Scope, err = scope.New(scope.Config{Endpoint: url + "/scope/graphql", Token: "demo-scope-token", Timeout: 2 * time.Second}); err != nil {
			t.Fatal(err)
		}
	}
	if withVision {
		if cl.Vision, err = vision.New(vision.Config{Endpoint: url + "/vision/graphql", Token: "a-token",
			Groups: cfg.Vision.Groups, Timeout: 2 * time.Second}); err != nil {
			t.Fatal(err)
		}
	}
	th, _ := theme.New("dark", true)
	ctx := ui.NewContext(cl, th, ui.DefaultKeys(), 2*time.Second)
	ctx.Demo, ctx.Grace, ctx.UndoDelay = true, 0, -1
	return ctx
}
