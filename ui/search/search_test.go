package search

import (
	"testing"
	"time"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// Clearing is done by the back key in effect, whatever it is bound to,
// and takes effect at once (no debounce): rebinding back changes all of
// what esc did, not half.
func TestTheBackKeyInEffectClearsAtOnce(t *testing.T) {
	th, _ := theme.New("none", true)
	km := keymap.Default()
	if err := km.Apply(map[string][]string{"back": {"ctrl+g"}}); err != nil {
		t.Fatal(err)
	}
	m := New(&common.Context{Theme: th, Keys: km}, common.Target{Pane: "users"}, "search")
	m.delay = time.Hour // a debounced clear would not come back in this test's life
	m.Open()
	for _, k := range []string{"a", "b"} {
		m.Key(uitest.Key(k))
	}
	cmd, changed := m.Key(uitest.Key("ctrl+g"))
	if !changed || m.Value() != "" || m.Typing() {
		t.Fatalf("ctrl+g (back) must clear and close: changed %v value %q typing %v", changed, m.Value(), m.Typing())
	}
	done := make(chan any, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if _, ok := msg.(DueMsg); !ok {
			t.Fatalf("clearing delivered %T, want Due", msg)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("clearing waited for the debounce")
	}
}
