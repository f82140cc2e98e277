package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// drawn keeps each pane's last drawing, so that a frame draws again only
// the panes whose content may have changed and composes the others from
// what they drew before. A pane is drawn again when it was given a key or
// a message (a broadcast it says leaves it as it was excepted), when its
// box, its focus or the theme changed, or while a dialog is open (a dialog
// acts on the panes under it). Its lines are joined to the others' by the
// widths of their boxes, which every pane fills exactly: nothing is
// measured again.
type drawn struct {
	panes []paneDrawing
	body  string // the panes composed, while none changed
	stale bool   // body must be composed again
	shape shape  // how body was composed
	theme *theme.Theme

	statusKey statusKey // what the status line was drawn from
	status    string    // the status line drawn
}

// shape is how the panes were composed: one shown (single, see layout.go)
// and which, or all.
type shape struct {
	single bool
	focus  int
}

// paneDrawing is one pane's last drawing.
type paneDrawing struct {
	lines   []string
	r       rect
	focused bool
	dirty   bool
}

func newDrawn(n int) *drawn { return &drawn{panes: make([]paneDrawing, n), stale: true} }

// touch marks pane i as changed.
func (d *drawn) touch(i int) {
	if i >= 0 && i < len(d.panes) {
		d.panes[i].dirty = true
	}
}

// touchAll marks every pane as changed.
func (d *drawn) touchAll() {
	for i := range d.panes {
		d.panes[i].dirty = true
	}
}

// heard marks the panes a broadcast may change.
func (m Model) heard(msg tea.Msg) {
	for i, p := range m.panes {
		if u, ok := p.(common.Unaffected); ok && u.Unaffected(msg) {
			continue
		}
		m.drawn.touch(i)
	}
}

// body draws the panes that changed and composes the panes' lines.
func (m Model) body() string {
	d := m.drawn
	if d.theme != m.ctx.Theme {
		d.theme = m.ctx.Theme
		d.touchAll()
	}
	if len(m.dialogs) > 0 {
		d.touchAll() // a dialog may change a pane without a message to it
	}
	single := m.single()
	if sh := (shape{single: single, focus: m.focus}); d.shape != sh {
		d.shape, d.stale = sh, true
	}
	for i := range m.panes {
		if single && i != m.focus {
			continue // not on screen: drawn when shown
		}
		p := &d.panes[i]
		r, focused := m.rects[i], i == m.focus
		if !p.dirty && p.lines != nil && p.r == r && p.focused == focused {
			continue
		}
		p.lines = fit(strings.Split(m.paneView(i), "\n"), r.w, r.h)
		p.r, p.focused, p.dirty = r, focused, false
		d.stale = true
	}
	if !d.stale {
		return d.body
	}
	var b strings.Builder
	b.Grow((m.width + 64) * (m.height - 1))
	switch {
	case single:
		// The pane shown, below a line naming them all.
		tabs, _ := m.paneTabs()
		b.WriteString(tabs)
		for _, line := range d.panes[m.focus].lines {
			b.WriteByte('\n')
			b.WriteString(line)
		}
	case m.width >= wideLayout:
		for y := range m.height - 1 {
			if y > 0 {
				b.WriteByte('\n')
			}
			for i := range d.panes {
				b.WriteString(d.panes[i].lines[y])
			}
		}
	default:
		// The first pane on the left; the others stacked on the right.
		right := make([]string, 0, m.height-1)
		for i := 1; i < len(d.panes); i++ {
			right = append(right, d.panes[i].lines...)
		}
		for y := range m.height - 1 {
			if y > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(d.panes[0].lines[y])
			if y < len(right) {
				b.WriteString(right[y])
			}
		}
	}
	d.body, d.stale = b.String(), false
	return d.body
}

// fit makes a pane's drawing exactly h lines: a pane draws its box w
// cells wide and h lines high; only a box too small to draw is blank.
func fit(lines []string, w, h int) []string {
	if len(lines) == h {
		return lines
	}
	blank := strings.Repeat(" ", w)
	out := make([]string, h)
	for i := range out {
		if i < len(lines) && lines[i] != "" {
			out[i] = lines[i]
		} else {
			out[i] = blank
		}
	}
	return out
}
