package connections

import (
	"slices"
	"testing"
	"time"
)

// The queue alone, on a virtual clock: items wait out their window, the
// last is taken back, the countdown wakes on whole seconds, and DueNow
// hands everything out.
func TestTheUndoQueueOnAVirtualClock(t *testing.T) {
	now := time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
	q := newUndoQueue[string](func() time.Time { return now })
	if _, ok := q.Wake(); ok {
		t.Fatal("an empty queue need not wake")
	}
	q.Push("accept Ann", 3*time.Second)
	now = now.Add(500 * time.Millisecond)
	q.Push("decline Bo", 3*time.Second)

	if w, ok := q.Wake(); !ok || w != 500*time.Millisecond {
		t.Fatalf("wake after %v %v, want 500ms: the second of Ann's countdown turns", w, ok)
	}
	if item, left, ok := q.Last(); !ok || item != "decline Bo" || left != 3*time.Second {
		t.Fatalf("last %q %v %v", item, left, ok)
	}
	if due := q.Due(); len(due) != 0 {
		t.Fatalf("nothing is due yet: %v", due)
	}

	now = now.Add(2500 * time.Millisecond) // Ann's 3 s are up, Bo's not
	if due := q.Due(); !slices.Equal(due, []string{"accept Ann"}) {
		t.Fatalf("due %v", due)
	}
	if item, ok := q.Undo(); !ok || item != "decline Bo" {
		t.Fatalf("undo %q %v", item, ok)
	}
	if q.Len() != 0 {
		t.Fatal("an undone item is gone")
	}
	if _, ok := q.Undo(); ok {
		t.Fatal("nothing left to undo")
	}

	q.Push("accept Cy", time.Hour)
	q.Push("accept Di", time.Hour)
	q.DueNow()
	if due := q.Due(); !slices.Equal(due, []string{"accept Cy", "accept Di"}) {
		t.Fatalf("DueNow: %v", due)
	}

	q.Push("decline Ed", time.Hour)
	if gone := q.Discard(); !slices.Equal(gone, []string{"decline Ed"}) || q.Len() != 0 {
		t.Fatalf("Discard: %v, %d left", gone, q.Len())
	}
}
