package list

import (
	"fmt"
	"slices"
	"strings"
)

// filter is a local filter over the loaded rows, for lists whose API
// cannot filter: while it is in effect, items holds the rows that match and
// all holds every loaded row, in the server's order. Rows that arrive,
// change, join or leave are kept in both, so clearing the filter shows the
// list as it is now, not as it was.
type filter[T any] struct {
	text  string
	match func(item T, text string) bool
	all   []*T
	gap   int // the list's gap (list.go) while the filter hides it, or -1
}

// Filter shows only the loaded rows match accepts for text; "" shows every
// row again, the cursor on the row it was on. Nothing is fetched: the list
// says it filters the loaded rows (Counter), and asks for no next page
// while a filter is in effect, so that typing into a filter never sends a
// request.
func (m *Model[T]) Filter(text string, match func(item T, text string) bool) {
	text = strings.TrimSpace(text)
	cur, hadCursor := m.Selected()
	if text == "" {
		if m.local == nil {
			return
		}
		m.items = m.local.all
		m.gap = m.local.gap // the rows not loaded are between the same rows again
		m.local = nil
	} else {
		if m.local == nil {
			// The filter shows the matching rows of both sides of a gap
			// as one list.
			m.local = &filter[T]{all: m.items, gap: m.gap}
			m.gap = -1
		}
		m.local.text, m.local.match = text, match
		m.items = m.local.matching(m.local.all)
	}
	m.cursor, m.offset = 0, 0
	if hadCursor {
		m.Focus(m.keyOf(cur))
	}
	m.clamp()
}

// Filtering reports whether a local filter is in effect.
func (m *Model[T]) Filtering() bool { return m.local != nil }

// Loaded is how many rows are loaded, shown or not.
func (m *Model[T]) Loaded() int {
	if m.local != nil {
		return len(m.local.all)
	}
	return len(m.items)
}

func (f *filter[T]) matching(rows []*T) []*T {
	out := make([]*T, 0, len(rows))
	for _, r := range rows {
		if f.match(*r, f.text) {
			out = append(out, r)
		}
	}
	return out
}

// appendRows adds rows that arrived after those loaded.
func (m *Model[T]) appendRows(rows []*T) {
	if m.local != nil {
		m.local.all = append(m.local.all, rows...)
		rows = m.local.matching(rows)
	}
	m.items = append(m.items, rows...)
}

// filteredCounter is the counter while a local filter is in effect.
func (m *Model[T]) filteredCounter() string {
	return fmt.Sprintf("%d of %d", len(m.items), len(m.local.all))
}

// filteredEmpty is what an empty filtered list says.
func (m *Model[T]) filteredEmpty() string {
	return fmt.Sprintf("None of the %d loaded rows matches “%s”.", len(m.local.all), m.local.text)
}

// keyIndex is the index of the row with key k in rows, or -1.
func (m *Model[T]) keyIndex(rows []*T, k string) int {
	for i := range rows {
		if m.keyOf(*rows[i]) == k {
			return i
		}
	}
	return -1
}

// removeHidden drops the row with key k from every loaded row.
func (m *Model[T]) removeHidden(k string) {
	if m.local == nil {
		return
	}
	if i := m.keyIndex(m.local.all, k); i >= 0 {
		m.local.all = append(m.local.all[:i], m.local.all[i+1:]...)
	}
}

// setHidden replaces old (the row shown, or nil for one the filter
// hides) with it among every loaded row.
func (m *Model[T]) setHidden(old, it *T) {
	if m.local == nil {
		return
	}
	i := slices.Index(m.local.all, old)
	if old == nil {
		i = m.keyIndex(m.local.all, m.keyOf(*it))
	}
	if i >= 0 {
		m.local.all[i] = it
	}
}

// Insert puts it where the list's order puts it (a row that joined the
// list after an action): before the first loaded row before reports it
// comes before. When it comes after every loaded row and the server has
// more, it is left out: the page that follows brings it in its place. The
// cursor stays on the row it was on. It reports whether the row was put in.
func (m *Model[T]) Insert(it T, before func(a, b T) bool) bool {
	k := m.keyOf(it)
	if _, loaded := m.keys[m.hash(k)]; loaded {
		return false
	}
	all := m.items
	if m.local != nil {
		all = m.local.all
	}
	at := len(all)
	for i := range all {
		if before(it, *all[i]) {
			at = i
			break
		}
	}
	if at == len(all) && m.more {
		return false
	}
	if m.joined == nil {
		m.joined = map[string]bool{}
	}
	m.joined[k], m.keys[m.hash(k)] = true, struct{}{}
	if m.total >= 0 {
		m.total++
	}
	if m.local != nil {
		m.local.all = slices.Insert(m.local.all, at, &it)
		if !m.local.match(it, m.local.text) {
			return true
		}
		// Its place among the rows shown: before the first shown row
		// that comes after it.
		at = len(m.items)
		for i := range m.items {
			if before(it, *m.items[i]) {
				at = i
				break
			}
		}
	}
	m.items = slices.Insert(m.items, at, &it)
	if at <= m.cursor && len(m.items) > 1 {
		m.cursor++ // the selected row stays selected
	}
	m.clamp()
	return true
}
