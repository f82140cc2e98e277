// Package dialog has the modal boxes panes open: a confirmation that
// defaults to No and names its targets and the mutation it sends, and a
// menu of actions in which
// unavailable ones are shown disabled with the reason.
//
// The root's overlay stack holds back confirming keys for a short grace
// period after a dialog appears, so a key typed before the dialog was on
// screen cannot answer it; the dialogs themselves keep no time.
package dialog

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// Confirm asks a yes/no question about named targets. No is the default.
type Confirm struct {
	ctx      *common.Context
	title    string
	question string
	targets  []string
	sends    string
	yes      tea.Cmd
	choice   bool // true = Yes selected
}

// NewConfirm builds a confirmation. targets name what the action applies
// to (person or community and its id); sends names what a yes sends (the
// mutation, as "removeUserConnection"), whatever the question calls it;
// yes runs when the user confirms.
func NewConfirm(ctx *common.Context, title, question string, targets []string, sends string, yes tea.Cmd) *Confirm {
	return &Confirm{ctx: ctx, title: title, question: question, targets: targets, sends: sends, yes: yes}
}

// Key handles y/n, left/right and enter; esc answers No.
func (c *Confirm) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := c.ctx.Keys
	switch {
	case k.String() == "y" || k.String() == "Y":
		return c.yes, true
	case k.String() == "n" || k.String() == "N" || key.Matches(k, keys.Back):
		return nil, true
	case k.String() == "left" || k.String() == "right" || k.String() == "tab" || k.String() == "h" || k.String() == "l":
		c.choice = !c.choice
	case key.Matches(k, keys.Menu):
		if !c.choice {
			return nil, true
		}
		return c.yes, true
	}
	return nil, false
}

// Update ignores messages: a confirmation waits for nothing.
func (c *Confirm) Update(tea.Msg) tea.Cmd { return nil }

// View draws the question, the targets and the two buttons.
func (c *Confirm) View(maxW, maxH int) string {
	th := c.ctx.Theme
	w := min(max(48, longest(c.targets)+10), maxW) // border, padding and "   • "
	inner := w - 4
	body := []string{"", " " + sanitize.Line(c.question, inner)}
	room := max(maxH-8, 1)
	for i, t := range c.targets {
		if i == room-1 && len(c.targets) > room {
			body = append(body, th.Dim.Render(fmt.Sprintf("   … and %d more", len(c.targets)-i)))
			break
		}
		body = append(body, "   • "+sanitize.Line(t, inner-4))
	}
	if c.sends != "" {
		body = append(body, "", " "+th.Dim.Render("yes sends ")+th.Accent.Render(sanitize.Line(c.sends, inner-11)))
	}
	no, yes := button(th.Cursor, "No", !c.choice), button(th.Cursor, "Yes", c.choice)
	body = append(body, "", " "+no+"  "+yes+"   "+th.Dim.Render("y yes · n/esc no"))
	return frame.Box(th, c.title, "", pad(body, w-2), w, len(body)+3, true)
}

// button draws "[ Yes ]", with a marker and the cursor style when chosen,
// so the choice does not depend on colour.
func button(sel lipgloss.Style, label string, chosen bool) string {
	if chosen {
		return sel.Render("▶[ " + label + " ]")
	}
	return " [ " + label + " ]"
}

// Item is one entry of a Menu.
type Item struct {
	Label    string
	Detail   string  // shown dim after the label
	Disabled string  // why it cannot be chosen; "" when it can
	Run      tea.Cmd // what choosing it does
}

// Menu offers a list of actions.
type Menu struct {
	ctx    *common.Context
	title  string
	items  []Item
	cursor int
}

// NewMenu builds a menu; the cursor starts on the first enabled item.
func NewMenu(ctx *common.Context, title string, items []Item) *Menu {
	m := &Menu{ctx: ctx, title: title, items: items}
	for i, it := range items {
		if it.Disabled == "" {
			m.cursor = i
			break
		}
	}
	return m
}

// Key moves, chooses (enter or the item's number) and closes (esc).
func (m *Menu) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.ctx.Keys
	switch {
	case key.Matches(k, keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, keys.Down):
		m.cursor = min(m.cursor+1, len(m.items)-1)
	case key.Matches(k, keys.Back):
		return nil, true
	case key.Matches(k, keys.Menu):
		return m.choose(m.cursor)
	case len(k.Text) == 1 && k.Text[0] >= '1' && k.Text[0] <= '9':
		return m.choose(int(k.Text[0] - '1'))
	}
	return nil, false
}

func (m *Menu) choose(i int) (tea.Cmd, bool) {
	if i < 0 || i >= len(m.items) || m.items[i].Disabled != "" {
		return nil, false
	}
	return m.items[i].Run, true
}

// Update ignores messages.
func (m *Menu) Update(tea.Msg) tea.Cmd { return nil }

// View lists the items, numbered; disabled ones dim with their reason.
func (m *Menu) View(maxW, maxH int) string {
	th := m.ctx.Theme
	var lines []string
	for i, it := range m.items {
		label := fmt.Sprintf("%d %s", i+1, sanitize.Line(it.Label, 40))
		if it.Detail != "" {
			label += "  " + th.Dim.Render(sanitize.Line(it.Detail, 30))
		}
		if it.Disabled != "" {
			label = th.Dim.Render(fmt.Sprintf("%d %s — %s", i+1, sanitize.Line(it.Label, 40), sanitize.Line(it.Disabled, 50)))
		}
		marker := "  "
		if i == m.cursor {
			marker = "▶ "
			label = th.Cursor.Render(ansi.Strip(label))
		}
		lines = append(lines, marker+label)
	}
	lines = append(lines, "", th.Dim.Render("enter choose · 1-9 pick · esc close"))
	w := min(max(longestStyled(lines)+4, 36), maxW)
	return frame.Box(th, m.title, "", pad(append([]string{""}, lines...), w-2), w, min(len(lines)+3, maxH), true)
}

func pad(lines []string, w int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = frame.Pad(l, w)
	}
	return out
}

func longest(ss []string) int {
	n := 0
	for _, s := range ss {
		n = max(n, lipgloss.Width(sanitize.Text(s)))
	}
	return n
}

func longestStyled(ss []string) int {
	n := 0
	for _, s := range ss {
		n = max(n, lipgloss.Width(s))
	}
	return n
}
