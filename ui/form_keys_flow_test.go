package ui_test

import (
	"strings"
	"testing"
	"time"
)

// esc in a form with changes asks before it throws them away; any key
// but y goes back with everything as typed; ctrl+s saves from any field,
// not only from the button at the end.
func TestAFormAsksBeforeDiscardingAndSavesFromAnyField(t *testing.T) {
	t.Parallel()
	p := startNoGrace(t, 120, 40)
	p.WaitText(5*time.Second, "Abbott", "· Scope 1200")

	p.Press("n")
	p.WaitText(5*time.Second, "New Scope user", "First name")
	p.Type("Finn")
	p.Press("esc")
	p.WaitText(2*time.Second, "Discard changes?", "Finn")
	p.Press("n")
	p.WaitFor("the form back as typed", 2*time.Second, func(s string) bool {
		return strings.Contains(s, "New Scope user") && strings.Contains(s, "Finn") && !strings.Contains(s, "Discard changes?")
	})

	// ctrl+s from the first field: the client's checks run (the other
	// required fields are empty) and say so, nothing is lost.
	p.Press("ctrl+s")
	p.WaitText(2*time.Second, "fix the fields marked below", "Finn")

	p.Press("esc", "y")
	p.WaitFor("the form gone", 2*time.Second, func(s string) bool { return !strings.Contains(s, "New Scope user") })

	// A form left as it opened closes on esc at once.
	p.Press("n")
	p.WaitText(5*time.Second, "New Scope user")
	p.Press("esc")
	p.WaitFor("the untouched form gone", 2*time.Second, func(s string) bool { return !strings.Contains(s, "New Scope user") })
}
