package perf

import (
	"fmt"

	bubbles "charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	tea "charm.land/bubbletea/v2"
)

// Bubbles is the smallest program around charm.land/bubbles/v2/list, the
// list most Bubble Tea programs use, holding the same users as a
// Directory of the same size, one line a row, configured at its best: the
// Arabic paginator ("3/40"), whose cost does not grow with the pages.
type Bubbles struct{ List bubbles.Model }

type bubblesItem struct{ title, desc string }

func (i bubblesItem) Title() string       { return i.title }
func (i bubblesItem) Description() string { return i.desc }
func (i bubblesItem) FilterValue() string { return i.title }

// NewBubbles makes the program with n rows in a w×h terminal.
func NewBubbles(n, w, h int) Bubbles {
	d := NewDirectory(n)
	items := make([]bubbles.Item, n)
	for i, u := range d.users {
		items[i] = bubblesItem{title: u.Name(), desc: u.Email}
	}
	del := bubbles.NewDefaultDelegate()
	del.ShowDescription = false
	del.SetSpacing(0)
	l := bubbles.New(items, del, w, h)
	l.Title = fmt.Sprintf("Users (%d)", n)
	l.Paginator.Type = paginator.Arabic
	return Bubbles{List: l}
}

// Init does nothing.
func (Bubbles) Init() tea.Cmd { return nil }

// Update gives every message to the list; q quits.
func (b Bubbles) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
		return b, tea.Quit
	}
	var cmd tea.Cmd
	b.List, cmd = b.List.Update(msg)
	return b, cmd
}

// View draws the list on the alternate screen, as rosterm is drawn.
func (b Bubbles) View() tea.View {
	v := tea.NewView(b.List.View())
	v.AltScreen = true
	return v
}
