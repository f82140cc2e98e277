package connections

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui/common"
)

// leaving answers the root's question before quitting: send every
// decision still in its undo window now (common.FlushMsg), or drop them
// unsent (common.DiscardMsg).
func (m *Model) leaving(msg tea.Msg) (tea.Cmd, bool) {
	switch msg.(type) {
	case common.FlushMsg:
		return m.flush(), true
	case common.DiscardMsg:
		dropped := m.queue.All()
		for _, j := range dropped {
			for _, it := range j.items {
				m.release(it)
			}
		}
		n := len(dropped)
		if n > 0 {
			m.note = fmt.Sprintf("Discarded %s: not sent.", decisions(n))
		}
		return nil, true
	}
	return nil, false
}

// decisions counts decisions in words: "1 decision", "2 decisions".
func decisions(n int) string {
	if n == 1 {
		return "1 decision"
	}
	return fmt.Sprintf("%d decisions", n)
}
