package dialog

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// Section is a headed list in an Info box ("Deleted", "Not deleted").
type Section struct {
	Heading string
	Items   []string // server text is fine: each is sanitized
	Style   *lipgloss.Style
}

// Info reports an outcome that needs reading (what a bulk action did to
// each target) until the user closes it with esc or enter.
type Info struct {
	ctx      *common.Context
	title    string
	sections []Section
}

// NewInfo builds an Info box.
func NewInfo(ctx *common.Context, title string, sections ...Section) *Info {
	return &Info{ctx: ctx, title: title, sections: sections}
}

// Key closes the box on esc, enter or q.
func (i *Info) Key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := i.ctx.Keys
	return nil, key.Matches(k, keys.Back, keys.Menu, keys.Quit)
}

// Update ignores messages.
func (i *Info) Update(tea.Msg) tea.Cmd { return nil }

// View lists each section's items, cutting long lists to the height.
func (i *Info) View(maxW, maxH int) string {
	th := i.ctx.Theme
	var items []string
	for _, s := range i.sections {
		items = append(items, s.Items...)
	}
	w := min(max(longest(items)+8, 44), maxW)
	inner := w - 2
	room := max(maxH-4-2*len(i.sections), len(i.sections))
	per := max(room/max(len(i.sections), 1), 1)
	lines := []string{""}
	for _, s := range i.sections {
		style := th.Title
		if s.Style != nil {
			style = *s.Style
		}
		lines = append(lines, " "+style.Render(sanitize.Line(s.Heading, inner-2)))
		for n, it := range s.Items {
			if n == per-1 && len(s.Items) > per {
				lines = append(lines, th.Dim.Render(fmt.Sprintf("   … and %d more", len(s.Items)-n)))
				break
			}
			lines = append(lines, "   • "+sanitize.Line(it, inner-6))
		}
		lines = append(lines, "")
	}
	lines = append(lines, th.Dim.Render(" esc or enter closes"))
	return frame.Box(th, i.title, "", pad(lines, inner), w, min(len(lines)+2, maxH), true)
}
