package ui_test

import (
	"strings"
	"testing"
	"time"
)

func TestVisionGroupsAndTheirMembers(t *testing.T) {
	t.Parallel()
	p := startNoGrace(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott", "A Group")

	// Vision alone: its watched groups, "A Group" first.
	p.Press("2", "S", "S")
	p.WaitText(5*time.Second, "Groups · Vision only")
	p.WaitFor("A Group selected", 5*time.Second, func(s string) bool { return lineWith(s, "▌", "A Group") })

	// Its member, a user id, shown as the person it names.
	p.Press("enter")
	// The name first, then as much of the e-mail as fits.
	p.WaitText(5*time.Second, "Groups › A Group", "tech@exa")
	p.WaitFor("the member resolved to a name", 5*time.Second, func(s string) bool {
		return lineWith(s, "tech@exa") && !lineWith(s, "tech@exa", "no longer exists")
	})
	p.Press("esc")
	p.WaitText(2*time.Second, "Groups · Vision only")

	// A member id nobody has any more says so, in the list and the card.
	p.Press("j", "enter")
	p.WaitText(5*time.Second, "Groups › Field Technic", "no longer exists")
	p.Press("G", "enter")
	p.WaitText(5*time.Second, "former.tech@yourcompany.com  vision", "This user no longer exists in Vision")
	p.Press("esc", "esc")

	// Selecting that user in the Users pane marks their groups.
	p.Press("1", "/")
	p.Type("TECH@example.com") // Vision looks e-mail up ignoring case
	p.WaitText(5*time.Second, "Vision: looked up by e-mail address")
	p.WaitFor("the Vision user found", 5*time.Second, func(s string) bool { return lineWith(s, "vision", "tech@example.com") })
	p.WaitFor("A Group marked as theirs", 5*time.Second, func(s string) bool { return lineWith(s, "●", "A Group") })
	if lineWith(p.Screen.Text(), "●", "JEDI") {
		t.Error("a Vision user is in no Scope group")
	}

	// Their detail, looked up with getUser.
	p.Press("enter", "enter")
	p.WaitText(5*time.Second, "Vision id", "Vision is read-only", "+1")
	if strings.Contains(p.Screen.Text(), "looking up") {
		p.WaitFor("the lookup done", 5*time.Second, func(s string) bool { return !strings.Contains(s, "looking up") })
	}
}

func TestWatchingAGroupIDThatVisionLacks(t *testing.T) {
	// Not in parallel: on a loaded machine its enter on the group just
	// listed as not found has been seen to show nothing (a race to look
	// into: the row may show before the lookup that makes it missing).
	p := startNoGrace(t, 120, 40)
	p.WaitText(5*time.Second, "A Group")
	p.Press("2", "n")
	p.WaitText(2*time.Second, "Watch a Vision group", "Group id")
	p.Type("your-org-a-group")
	p.Press("enter", "enter")
	p.WaitText(2*time.Second, "! is already watched")
	p.Press("ctrl+u")
	p.Type("your-org-retired-group")
	p.Press("enter", "enter")
	p.WaitFor("the unknown group listed as not found", 5*time.Second, func(s string) bool {
		return lineWith(s, "▌", "not found", "your-o")
	})
	p.WaitText(time.Second, "Vision has no such group")
	p.Press("enter")
	p.WaitText(time.Second, "Vision has no group your-org-retired-group")
	p.Press("x")
	p.WaitFor("the group no longer watched", 2*time.Second, func(s string) bool {
		return !lineWith(s, "not found", "your-o")
	})
}
