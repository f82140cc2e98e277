package ui_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// Found by the real-terminal suite (ui/e2e): what a new user meets first.

// statusOf is the screen's last line, the status line.
func statusOf(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return lines[len(lines)-1]
}

// On a first start the no-configuration notice holds the status line; an
// accept's undo countdown must still show there, or the user cannot see
// that u would take it back.
func TestStartNoticeGivesWayToTheUndoCountdown(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "dark")
	ctx.UndoDelay = time.Second
	notice := "no configuration: demo data · rosterm config init writes one"
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark", Notice: notice}), 120, 40)
	p.WaitText(5*time.Second, "Abbott", "[Connect]", notice)
	p.Press("3", "]", "]")
	p.WaitText(5*time.Second, "▸Invitations", "← ")
	p.Press("a")
	p.WaitFor("the countdown in the status line", 5*time.Second, func(s string) bool {
		return strings.Contains(statusOf(s), "Accepting the invitation from") && strings.Contains(statusOf(s), "s · u undo")
	})
	// Sent once the window is over, which leaves no timer behind.
	p.WaitFor("the accept sent", 5*time.Second, func(s string) bool {
		return strings.Contains(statusOf(s), "Done: accepted the invitation from")
	})
	quit(t, p)
}

// esc clears the Connections filter from the list, as it clears the
// Users search, without reopening the field first.
func TestEscClearsTheConnectionsFilter(t *testing.T) {
	t.Parallel()
	f := startConnections(t, setup{})
	f.press("/")
	f.Type("aaron")
	f.WaitFor("only Aarons", 5*time.Second, func(s string) bool {
		p := pane(s)
		return strings.Contains(p, "/ aaron") && strings.Contains(p, "Aaron ") && !strings.Contains(p, "Aaliyah")
	})
	f.press("enter", "esc")
	f.WaitFor("the filter cleared", 5*time.Second, func(s string) bool {
		p := pane(s)
		return !strings.Contains(p, "/ aaron") && strings.Contains(p, "Aaliyah")
	})
}
