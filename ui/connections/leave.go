package connections

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui/common"
)

// leaving answers the root's question before quitting: send every
// decision still in its undo window now (common.Flush), or drop them
// unsent (common.Discard).
func (m *Model) leaving(msg tea.Msg) (tea.Cmd, bool) {
	switch msg.(type) {
	case common.Flush:
		return m.flush(), true
	case common.Discard:
		n := len(m.queue)
		for _, j := range m.queue {
			for _, it := range j.items {
				m.release(it)
			}
		}
		m.queue = nil
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
