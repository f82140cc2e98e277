package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// palette is the `:` command palette: every action of the keymap that the
// focused pane hears, filtered by what is typed, each with its key. It runs
// an action by pressing the action's key for the person once it has
// closed, so an action does through the palette exactly what its key
// does, and a rebound key is what is shown and pressed.
type palette struct {
	ctx     *common.Context
	actions []keymap.Named
	filter  string
	cursor  int
}

// paletteRows is how many actions are listed at once.
const paletteRows = 12

// newPalette lists the actions heard in pane (and everywhere), but not
// the palette itself nor the actions with no key.
func newPalette(ctx *common.Context, pane string) *palette {
	p := &palette{ctx: ctx}
	for _, n := range ctx.Keys.All() {
		if n.Binding == &ctx.Keys.Palette || len(n.Binding.Keys()) == 0 {
			continue
		}
		if n.Panes != nil && !slices.Contains(n.Panes, pane) {
			continue
		}
		p.actions = append(p.actions, n)
	}
	return p
}

// shown are the actions whose name, description or key contain every
// word typed.
func (p *palette) shown() []keymap.Named {
	words := strings.Fields(strings.ToLower(p.filter))
	var out []keymap.Named
	for _, a := range p.actions {
		hay := strings.ToLower(a.Name + " " + a.Binding.Help().Desc + " " + keymap.Keys(*a.Binding))
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(hay, w) }) {
			out = append(out, a)
		}
	}
	return out
}

// paletteRunMsg is the key of the action chosen in the palette, pressed as
// the palette closes. It is chosen, not typed: a change key is not held
// for the palette's field having just closed.
type paletteRunMsg struct{ key tea.KeyPressMsg }

// Key: text filters (j and k are letters here, as in any text field), the
// arrows move, the menu key (enter) runs, back (esc) closes.
func (p *palette) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := p.ctx.Keys
	shown := p.shown()
	switch {
	case key.Matches(k, keys.Back):
		return nil, true
	case key.Matches(k, keys.Menu):
		if p.cursor >= len(shown) {
			return nil, false
		}
		run := paletteRunMsg{key: keymap.Press(shown[p.cursor].Binding.Keys()[0])}
		return func() tea.Msg { return run }, true
	case k.String() == "up" || k.String() == "ctrl+p":
		p.cursor = max(p.cursor-1, 0)
	case k.String() == "down" || k.String() == "ctrl+n":
		p.cursor = min(p.cursor+1, max(len(shown)-1, 0))
	case k.String() == "backspace":
		if r := []rune(p.filter); len(r) > 0 {
			p.filter, p.cursor = string(r[:len(r)-1]), 0
		}
	case k.Text != "":
		p.filter, p.cursor = p.filter+k.Text, 0
	}
	return nil, false
}

// TakesText: what is typed filters.
func (p *palette) TakesText() bool { return true }

// Update takes a paste into the filter.
func (p *palette) Update(msg tea.Msg) tea.Cmd {
	if paste, ok := msg.(tea.PasteMsg); ok {
		p.filter, p.cursor = p.filter+sanitize.Line(paste.Content, 40), 0
	}
	return nil
}

// View is the filter line and the actions around the cursor.
func (p *palette) View(maxW, maxH int) string {
	th := p.ctx.Theme
	w := min(72, maxW)
	inner := w - 2
	shown := p.shown()
	lines := []string{"", " : " + sanitize.Line(p.filter, inner-5) + "█", ""}
	rows := max(min(paletteRows, maxH-7), 1)
	from := max(min(p.cursor-rows/2, len(shown)-rows), 0)
	for i := from; i < len(shown) && i < from+rows; i++ {
		a := shown[i]
		keyCol := fmt.Sprintf("%-14s", keymap.Keys(*a.Binding))
		// What the action does, and its name for the config's keys: once
		// when the two are the same words ("accept").
		desc, name := a.Binding.Help().Desc, a.Name
		if strings.ReplaceAll(name, "_", " ") == desc {
			name = ""
		}
		line := fmt.Sprintf("%s %-24s %s", keyCol, desc, name)
		line = ansi.Truncate(line, inner-3, sanitize.Ellipsis)
		if i == p.cursor {
			lines = append(lines, " ▶ "+th.Cursor.Render(line))
		} else {
			lines = append(lines, "   "+line)
		}
	}
	if len(shown) == 0 {
		lines = append(lines, "   "+th.Dim.Render("no action matches"))
	}
	lines = append(lines, "", " "+th.Dim.Render(sanitize.Line("type to filter · ↑↓ move · "+
		keymap.Keys(p.ctx.Keys.Menu)+" run · "+keymap.Keys(p.ctx.Keys.Back)+" close", inner-2)))
	for i := range lines {
		lines[i] = frame.Pad(lines[i], inner)
	}
	return frame.Box(th, "Commands", fmt.Sprintf("%d of %d", len(shown), len(p.actions)), lines, w, len(lines)+2, true)
}
