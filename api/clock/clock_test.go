package clock

import (
	"context"
	"testing"
	"time"
)

// TestAWaitOnAVirtualClockTakesNoTimeAndRunsWhatFellDue: a wait moves the
// clock to its end at once, and what was due by then runs, in order;
// what is due later waits for the clock to get there.
func TestAWaitOnAVirtualClockTakesNoTimeAndRunsWhatFellDue(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	v := NewVirtual(start)
	ran := make(chan string, 3)
	v.AfterFunc(2*time.Second, func() { ran <- "2s" })
	v.AfterFunc(time.Hour, func() { ran <- "1h" })
	stop := v.AfterFunc(time.Second, func() { ran <- "stopped" })
	if !stop() {
		t.Fatal("a pending function could not be stopped")
	}
	began := time.Now()
	if err := Sleep(With(context.Background(), v), 3*time.Second); err != nil {
		t.Fatal(err)
	}
	if real := time.Since(began); real > time.Second {
		t.Errorf("the virtual wait took %s of real time", real)
	}
	if got := v.Now().Sub(start); got != 3*time.Second {
		t.Errorf("the clock moved %s, want 3s", got)
	}
	if got := <-ran; got != "2s" {
		t.Errorf("ran %q, want the one due at 2s", got)
	}
	if v.Pending() != 1 {
		t.Errorf("%d pending, want the one due in an hour", v.Pending())
	}
	v.Advance(time.Hour)
	if got := <-ran; got != "1h" {
		t.Errorf("ran %q after an hour", got)
	}
}

// TestSleepEndsWithTheContext: a canceled context ends a real wait at once.
func TestSleepEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); err != context.Canceled {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if _, ok := From(context.Background()).(Real); !ok {
		t.Fatal("a context without a clock should read the real one")
	}
}

// A timer on a virtual clock fires when the clock is moved past it, not
// before, and not once stopped.
func TestATimerFiresWhenTheClockPassesIt(t *testing.T) {
	v := NewVirtual(time.Unix(0, 0))
	due, _ := Timer(v, time.Minute)
	stopped, stop := Timer(v, time.Minute)
	stop()
	v.Advance(59 * time.Second)
	select {
	case <-due:
		t.Fatal("fired before its time")
	case <-time.After(20 * time.Millisecond):
	}
	v.Advance(time.Second)
	select {
	case at := <-due:
		if !at.Equal(time.Unix(60, 0)) {
			t.Errorf("fired at %v", at)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not fire once the clock passed it")
	}
	select {
	case <-stopped:
		t.Error("a stopped timer fired")
	case <-time.After(20 * time.Millisecond):
	}
}
