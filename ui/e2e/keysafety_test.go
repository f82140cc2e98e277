//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Typing a name into the Invitations filter sends nothing: the letters go
// to the filter (a over the loaded rows, which it says), not to the pane,
// so none accepts (a), declines (d), refreshes (r) or removes (x). The
// debug log, which has every request, grows by nothing, and the journal of
// changes stays empty.
func TestTypingAFilterOnInvitationsSendsNothing(t *testing.T) {
	tm := newTerm(t, 120, 40)
	log := filepath.Join(tm.home, "debug.log")
	tm.rosterm("--debug", log)
	tm.wait(startup, "Abbott", "[Connect]")
	tm.keys("3", "]", "]")
	tm.wait(step, "▸Invitations", "a accept · d decline")
	time.Sleep(1500 * time.Millisecond) // every first page in
	// The count once it says loaded/total: before the tab's first page is
	// in, the title has no total to come back to.
	invitations := total(tm.waitFor(step, "the invitations counted", func(s string) bool { return total(s) > 0 }))
	before := size(t, log)

	tm.keys("/")
	tm.typeText("Kapoor adrxu")
	tm.wait(step, "/ Kapoor adrxu", "filters the 40 loaded", "None of the 40 loaded rows matches")
	time.Sleep(4 * time.Second) // past an undo window (3 s)
	s := tm.screen()
	if strings.Contains(s, "⏳") || strings.Contains(statusLine(s), "Accepting") || strings.Contains(statusLine(s), "Declining") {
		t.Fatalf("typing a filter queued a change:\n%s", s)
	}
	if after := size(t, log); after != before {
		t.Fatalf("typing a filter sent requests: the debug log grew by %d bytes", after-before)
	}

	// esc clears the text and then the filter; every invitation is back.
	tm.keys("Escape")
	settle()
	tm.waitFor(step, "every invitation back", func(s string) bool {
		return total(s) == invitations && !strings.Contains(s, "/ Kapoor")
	})
	quit(t, tm)
	tm.run(binary + " journal; echo JOURNAL:$?")
	s = tm.wait(step, "JOURNAL:")
	if strings.Contains(s, "acceptUserInvitation") || strings.Contains(s, "declineUserInvitation") {
		t.Fatalf("the journal has a change:\n%s", s)
	}
}

func size(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// q with an accept in its countdown asks what to do with it, staying by
// default; "send now" sends it, then rosterm quits.
func TestQuitWithAPendingDecisionAsks(t *testing.T) {
	tm := newTerm(t, 120, 40)
	tm.rosterm()
	tm.wait(startup, "Abbott", "[Connect]")
	tm.keys("3", "]", "]")
	tm.wait(step, "▸Invitations", "a accept · d decline")
	accepted := invitee(t, tm.waitLine(step, "▌", "← "))
	tm.keys("a")
	tm.waitLine(step, "← "+accepted, "⏳ Accept")
	tm.keys("q")
	tm.wait(step, "1 decision waiting", "Stay", "Send now", "Discard")
	settle() // the dialog's grace period
	tm.keys("Enter")
	tm.waitGone(step, "1 decision waiting")
	if strings.Contains(tm.screen(), "EXIT:") {
		t.Fatal("rosterm quit on the default, stay")
	}

	// The countdown may be over by now: q asks while the accept waits, and
	// quits at once when it has gone.
	tm.keys("q")
	s := tm.waitFor(step, "the question or the exit", func(s string) bool {
		return strings.Contains(s, "1 decision waiting") || strings.Contains(s, "EXIT:0")
	})
	if strings.Contains(s, "1 decision waiting") {
		settle()
		tm.keys("2") // send now
	}
	tm.wait(step, "EXIT:0")
	tm.run(binary + " journal; echo JOURNAL:$?")
	tm.wait(step, "acceptUserInvitation", "applied", "JOURNAL:0")
}
