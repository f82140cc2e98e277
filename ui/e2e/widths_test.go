//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rosterm/rosterm/ui/uitest"
)

// Names whose width terminals disagree on (emoji ZWJ sequences, flags,
// variation selectors, skin tones, floods of combining marks, Indic
// syllables, Hangul jamo, invisible format characters, emoji newer than the
// terminal: api/demo/hostile.Widths, seeded by --hostile in every pane)
// must not break the frame: in every pane, on every screen the test goes
// through, every line of the frame is exactly as wide as the window and
// each pane's borders stand in the same columns on every line, as tmux
// draws them. The columns are tmux's own: each line is printed again in a
// tmux window of its own, which is asked where its cursor ended
// (uitest.Cells).
func TestWidthsTheTerminalDisagreesOnKeepTheFrame(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tm := newTerm(t, size[0], size[1])
			m := uitest.NewCells(t)
			tm.rosterm("--demo", "--hostile")
			tm.wait(startup, "Users", "Groups", "Connections")
			tm.waitGone(startup, "Loading…")
			check := func(what string) { t.Helper(); checkFrame(t, tm, m, size[0], size[1], what) }
			check("the first screen")

			// Users: down through the Scope users named with hostile.Widths
			// (last names Aab to Aaj, after the payloads), whose detail shows
			// below the list at 120×40.
			walk(t, tm, check, "users", "Wide Aaj")
			// Vision only: its users named with hostile.Widths follow the
			// payloads on the first page.
			tm.keys("S")
			tm.waitLine(step, "Scope only")
			tm.keys("S")
			tm.waitLine(step, "Vision only")
			tm.keys("g")
			walk(t, tm, check, "vision users", "wide8@")

			// Groups: three Scope groups are named with them.
			tm.keys("2")
			tm.wait(step, "▶ Groups")
			walk(t, tm, check, "groups", "ASSEMBLY")

			// Connections: possible connections named with them, a CTA
			// menu, then the communities (one's title carries them).
			tm.keys("3")
			tm.wait(step, "▶ Connections")
			walk(t, tm, check, "connections", "Aaj")
			tm.keys("k", "k", "k", "Enter")
			tm.wait(step, "enter choose")
			check("a possible connection's actions")
			tm.keys("Escape")
			tm.waitGone(step, "enter choose")
			tm.keys("]", "]", "]")
			tm.wait(step, "Community")
			check("the communities")
			tm.keys("q")
			tm.wait(step, "EXIT:0")
		})
	}
}

// walk moves the focused list's cursor down, checking the frame after every
// move, until the selected row holds until (at most 40 moves).
func walk(t *testing.T, tm *term, check func(string), what, until string) {
	t.Helper()
	for i := 0; i < 40; i++ {
		s := tm.screen()
		check(fmt.Sprintf("%s, after %d moves down", what, i))
		if strings.Contains(cursorRow(s), until) {
			return
		}
		tm.keys("j")
		time.Sleep(60 * time.Millisecond)
	}
	t.Fatalf("%s: no row with %q came under the cursor:\n%s", what, until, tm.screen())
}

// isBorder reports the box-drawing characters panes are drawn with.
func isBorder(r rune) bool { return r >= 0x2500 && r <= 0x257f }

// checkFrame reads the screen as tmux holds it, cell row by cell row, and
// checks that every line above the status line is w cells wide as tmux
// draws it and ends in a border, and that every box (a pane, a dialog) has
// its left and right borders in the columns of its corners on every line
// down to its bottom corners, unless a box drawn over it (one that starts
// lower: a dialog over the panes) covers them.
func checkFrame(t *testing.T, tm *term, m *uitest.Cells, w, h int, what string) {
	t.Helper()
	screen := tm.tmux("capture-pane", "-p", "-t", tm.session) // not joined: row by row
	lines := strings.Split(strings.TrimSuffix(screen, "\n"), "\n")
	if len(lines) < h-1 {
		t.Fatalf("%s: %d lines on a %d-line screen:\n%s", what, len(lines), h, screen)
	}
	frame := lines[:h-1]
	least := 2 // boxes: the panes side by side
	if !strings.ContainsRune(frame[0], '╭') {
		// One pane alone (below 100 columns): the first line names the
		// panes, and its box starts below it.
		frame, least = frame[1:], 1
	}
	// For each line, the width of the line and of its start up to each
	// border character: the border's column.
	var texts []string
	type border struct {
		line, query int
		r           rune
	}
	var borders []border
	for i, l := range frame {
		texts = append(texts, l)
		for j, r := range l {
			if isBorder(r) {
				borders = append(borders, border{i, len(texts), r})
				texts = append(texts, l[:j])
			}
		}
	}
	widths := m.Measure(texts)
	cells := make([]map[int]rune, len(frame)) // line → column → border
	for i := range cells {
		cells[i] = map[int]rune{}
	}
	for _, b := range borders {
		cells[b.line][widths[b.query]] = b.r
	}
	var problems []string
	q := 0
	for i, l := range frame {
		if got := widths[q]; got != w || !isBorder(lastRune(l)) {
			problems = append(problems, fmt.Sprintf("line %d is %d cells wide (the window %d), ending %q: %q", i+1, got, w, lastRune(l), l))
		}
		q += 1 + len(cells[i])
	}
	// The boxes: a ╭ and the next ╮ on its line, down to the ╰ below the ╭.
	type box struct{ top, bottom, left, right int }
	var boxes []box
	for i := range frame {
		for c, r := range cells[i] {
			if r != '╭' {
				continue
			}
			b := box{top: i, bottom: -1, left: c, right: -1}
			for c2 := c + 1; c2 < w; c2++ {
				if cells[i][c2] == '╮' {
					b.right = c2
					break
				}
			}
			for j := i + 1; j < len(frame); j++ {
				if cells[j][c] == '╰' {
					b.bottom = j
					break
				}
			}
			if b.right < 0 || b.bottom < 0 {
				problems = append(problems, fmt.Sprintf("the box at line %d, column %d has no right or bottom corner", i+1, c))
				continue
			}
			boxes = append(boxes, b)
		}
	}
	covered := func(b box, line, col int) bool {
		for _, o := range boxes {
			if o.top > b.top && line >= o.top && line <= o.bottom && col >= o.left && col <= o.right {
				return true
			}
		}
		return false
	}
	for _, b := range boxes {
		for i := b.top + 1; i < b.bottom; i++ {
			for _, c := range []int{b.left, b.right} {
				if _, ok := cells[i][c]; !ok && !covered(b, i, c) {
					problems = append(problems, fmt.Sprintf("line %d has no border in column %d, the edge of the box at line %d: %q", i+1, c, b.top+1, frame[i]))
				}
			}
		}
	}
	if len(boxes) < least {
		problems = append(problems, fmt.Sprintf("fewer than %d boxes on screen", least))
	}
	if len(problems) > 0 {
		t.Fatalf("%s: the frame is broken:\n%s\nthe screen:\n%s", what, strings.Join(problems, "\n"), screen)
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}
