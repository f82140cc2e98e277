package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/ui/common"
)

// Back is one action: rebound in the keymap, its new key closes dialogs
// and forms, and esc no longer does, so a rebinding changes all of it.
func TestRebindingBackClosesDialogsAndFormsWithTheNewKey(t *testing.T) {
	t.Parallel()
	p := startWith(t, 120, 40, func(c *common.Context) {
		c.Grace = 0
		if err := c.Keys.Apply(map[string][]string{"back": {"ctrl+g"}}); err != nil {
			t.Fatal(err)
		}
	})
	p.WaitText(5*time.Second, "Abbott", "· Scope 1200")

	p.Press("x")
	p.WaitText(5*time.Second, "Delete user")
	p.Press("esc")
	time.Sleep(100 * time.Millisecond)
	p.WaitText(time.Second, "Delete user")
	p.Press("ctrl+g")
	p.WaitFor("ctrl+g closes the confirmation", 2*time.Second, func(s string) bool { return !strings.Contains(s, "Delete user") })

	p.Press("n")
	p.WaitText(5*time.Second, "New Scope user")
	p.Press("esc")
	time.Sleep(100 * time.Millisecond)
	p.WaitText(time.Second, "New Scope user")
	p.Press("ctrl+g")
	p.WaitFor("ctrl+g closes the form", 2*time.Second, func(s string) bool { return !strings.Contains(s, "New Scope user") })
}
