package form

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// optionRows is how many options of a focused choice field are listed.
const optionRows = 6

// View draws the form in at most maxW×maxH cells. When it is taller than
// that, it shows the part around the focused field.
func (m *Model) View(maxW, maxH int) string {
	th := m.ctx.Theme
	w := min(maxW, 76)
	inner := w - 2
	labelW := 2
	for _, f := range m.fields {
		labelW = max(labelW, lipgloss.Width(f.Label)+2)
	}
	labelW = min(labelW, inner/3)
	lines := []string{""}
	from, to := 0, 0
	v := m.Values()
	for i, f := range m.fields {
		if !m.shown(i, v) {
			continue
		}
		if i == m.focus {
			from = len(lines)
		}
		lines = append(lines, m.fieldLines(f, i == m.focus, labelW, inner)...)
		if i == m.focus {
			to = len(lines)
		}
	}
	lines = append(lines, "")
	for _, l := range wrap(m.note, inner-2) {
		lines = append(lines, th.Dim.Render(" "+l))
	}
	// Wrapped, so what happened and what to do can both be read.
	for i, l := range wrap(m.err, inner-4) {
		mark := " ! "
		if i > 0 {
			mark = "   "
		}
		lines = append(lines, th.Error.Render(mark+l))
	}
	button := " [ " + m.action + " ]"
	if m.focus == len(m.fields) {
		button = th.Cursor.Render("▶[ " + m.action + " ]")
		from, to = len(lines), len(lines)+1
	}
	if m.saving {
		button += th.Dim.Render("  saving…")
	}
	keys := m.ctx.Keys
	foot := th.Dim.Render(sanitize.Line(" tab ↑↓ move · space choose · enter next / save · "+
		keymap.Keys(keys.Save)+" save · "+keymap.Keys(keys.Back)+" cancel", inner))
	if m.discarding {
		foot = th.Warn.Render(sanitize.Line(" Discard changes? y discard · any other key keeps editing", inner))
	}
	lines = append(lines, " "+button, foot)
	h := min(len(lines)+2, maxH)
	lines = window(lines, from, to, h-2)
	return frame.Box(th, m.title, "", pad(lines, inner), w, h, true)
}

// fieldLines draws one field: its label and value, the options of a
// focused choice field, and its error.
func (m *Model) fieldLines(f *field, focused bool, labelW, inner int) []string {
	th := m.ctx.Theme
	mark := "  "
	label := th.Dim.Render(frame.Pad(sanitize.Line(f.Label, labelW), labelW))
	if focused {
		mark = th.Accent.Render("▶ ")
		label = th.Accent.Render(frame.Pad(sanitize.Line(f.Label, labelW), labelW))
	}
	valueW := max(inner-2-labelW, 4)
	var value string
	switch {
	case !f.choice():
		f.input.SetWidth(max(valueW-1, 1))
		// A hint may be server text (the type a schema names).
		f.input.Placeholder = sanitize.Line(f.Hint, max(valueW-1, 1))
		value = f.input.View()
	case f.summary() == "":
		value = th.Dim.Render("(none)")
	default:
		value = sanitize.Line(f.summary(), valueW)
	}
	lines := []string{mark + label + value}
	indent := strings.Repeat(" ", 2+labelW)
	if focused && f.choice() {
		lines = append(lines, m.optionLines(f, indent, valueW)...)
	}
	if f.err != "" {
		lines = append(lines, indent+th.Error.Render(sanitize.Line("! "+f.err, valueW)))
	}
	return lines
}

// optionLines lists the options around the cursor, each with its box.
func (m *Model) optionLines(f *field, indent string, width int) []string {
	th := m.ctx.Theme
	start := max(min(f.cursor-optionRows/2, len(f.Options)-optionRows), 0)
	end := min(start+optionRows, len(f.Options))
	var out []string
	if start > 0 {
		out = append(out, indent+th.Dim.Render(fmt.Sprintf("  ↑ %d more", start)))
	}
	for i := start; i < end; i++ {
		o := f.Options[i]
		box := "[ ] "
		switch {
		case f.Kind == Single && f.chosen[o]:
			box = "(•) "
		case f.Kind == Single:
			box = "( ) "
		case f.chosen[o]:
			box = "[x] "
		}
		line := box + sanitize.Line(o, width-6)
		if i == f.cursor {
			out = append(out, indent+th.Cursor.Render("▸ "+line))
		} else {
			out = append(out, indent+"  "+line)
		}
	}
	if end < len(f.Options) {
		out = append(out, indent+th.Dim.Render(fmt.Sprintf("  ↓ %d more", len(f.Options)-end)))
	}
	return out
}

// wrap splits text, made safe, into lines of at most width cells; none
// for "".
func wrap(text string, width int) []string {
	if text == "" {
		return nil
	}
	width = max(width, 8)
	lines := strings.Split(ansi.Wordwrap(sanitize.Text(text), width, ""), "\n")
	for i, l := range lines {
		lines[i] = sanitize.Line(l, width) // a word longer than the line is cut
	}
	return lines
}

// window keeps h lines that include lines[from:to] where possible.
func window(lines []string, from, to, h int) []string {
	if len(lines) <= h || h <= 0 {
		return lines
	}
	start := 0
	if to > h {
		start = to - h
	}
	if from < start {
		start = from
	}
	return lines[start:min(start+h, len(lines))]
}

func pad(lines []string, w int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = frame.Pad(l, w)
	}
	return out
}
