package ui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/uitest"
)

// TestScrollingNeverWaitsOnTheNetwork scrolls through 1,500 possible
// connections with 100 ms of server latency, on virtual time, at 10 rows a
// second (reading) and at 200 (a held-down key; this one fails if the next
// page is asked for too late). It counts the frames whose selected row is a
// loading placeholder, the key presses that could not move because the
// next rows had not arrived, and the pages requested more than once: all
// must be 0.
func TestScrollingNeverWaitsOnTheNetwork(t *testing.T) {
	t.Parallel()
	for _, perSecond := range []int{10, 200} {
		t.Run(fmt.Sprintf("%d rows per second", perSecond), func(t *testing.T) {
			t.Parallel() // each on its own server and virtual clock
			scrollAt(t, time.Second/time.Duration(perSecond))
		})
	}
}

func scrollAt(t *testing.T, perRow time.Duration) {
	const (
		latency = 100 * time.Millisecond
		rows    = 1500 // some twenty pages of the terminal's size
	)
	clock := uitest.NewClock()
	srv := demotest.Start(t, demo.Options{Latency: latency, Clock: clock, OpignoContexts: rows + 300})
	t.Cleanup(clock.Release) // runs before the server closes: nothing waits forever
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "none")
	if err != nil {
		t.Fatal(err)
	}
	ctx.Clock = clock // the program's timers on the same virtual time
	d := uitest.NewDriver(ui.New(ctx, ui.Options{Theme: "none"}), clock)
	d.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.Init()
	for range 3 { // the first pages arrive
		d.Settle()
		clock.Advance(latency)
	}
	d.Settle()
	d.Send(uitest.Key("3"))

	placeholderFrames, stalls := 0, 0
	prev := cursorRow(d.Screen())
	for i := 1; i < rows; i++ {
		d.Send(uitest.Key("j"))
		d.Settle()
		clock.Advance(perRow)
		d.Settle()
		row := cursorRow(d.Screen())
		if strings.Contains(row, "loading") || strings.TrimSpace(row) == "" {
			placeholderFrames++
		}
		if row == prev {
			stalls++
		}
		prev = row
	}
	if placeholderFrames != 0 || stalls != 0 {
		t.Errorf("over %d rows: %d frames with a loading row selected, %d key presses that waited", rows, placeholderFrames, stalls)
	}

	pages := map[string]int{}
	for _, c := range srv.Calls("getPossibleUserConnections") {
		pages[fmt.Sprint(c.Variables["after"])]++
	}
	for after, n := range pages {
		if n > 1 {
			t.Errorf("the page after %s was requested %d times", after, n)
		}
	}
	t.Logf("%d rows scrolled with %d page requests", rows, len(pages))
}
