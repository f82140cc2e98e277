// Package list is the one paged list every pane uses. It renders only the
// rows that are visible, caches each row's rendering, asks for the next
// page while at least a screen of loaded rows remains below the cursor,
// never has two requests in flight, and drops answers to a query that has
// since changed. Relay cursors and Vision's nextToken look the same to it:
// a string to pass for the next page.
package list

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/frame"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// Fetch loads the page after the cursor (or token) after; "" asks for the
// first page. n is how many rows to ask for. It is api.PageFetch, so the
// API's page helpers (api.FilterPages) apply to lists directly.
type Fetch[T any] = api.PageFetch[T]

// Render draws one row's content in width cells: one line, with every
// server string sanitized. It must not depend on anything but its
// arguments, because its output is cached.
type Render[T any] func(item T, width int) string

// PageMsg carries a page back to the list that asked for it.
type PageMsg[T any] struct {
	To   common.Target
	Gen  int // the query generation it answers
	Seq  int // the request it answers
	Page api.Page[T]
	Err  error
}

// Address routes the message to its pane.
func (m PageMsg[T]) Address() common.Target { return m.To }

// Page sizes stay within what every API allows (Opigno caps at 100).
const (
	minPage = 20
	maxPage = 100
)

// budget bounds one query's walk through its pages: 2,000 pages, or 16 MB
// of rows (api.Footprint, with what the list keeps beside each row: some
// 37,000 Scope users), so that a server whose pages never end cannot grow a
// list, nor rosterm's memory, without bound: a list that long is searched,
// not scrolled.
var budget = api.Budget{Pages: 2000, Bytes: 16 << 20}

// rowOverhead is what the list keeps beside each row: its key's hash in
// the set of loaded keys and its slot in the rendering cache.
const rowOverhead = 48

// Model is a paged, windowed list of T.
type Model[T any] struct {
	ctx    *common.Context
	to     common.Target
	render Render[T]
	keyOf  func(T) string

	items  []T
	cache  []string // rendered rows by index; "" = not rendered yet
	cacheW int
	cacheT *theme.Theme
	marked map[string]bool

	keys   map[uint64]struct{} // the loaded rows' keys, hashed: a row a server sends again is shown once
	seed   maphash.Seed
	joined map[string]bool // rows put in locally, dropped when a page brings them
	walk   *api.Walk       // the query's walk through its pages
	budget api.Budget

	cursor, offset int
	width, height  int

	fetch    Fetch[T]
	next     string
	more     bool
	total    int
	loading  bool
	gen, seq int
	cancel   context.CancelFunc
	err      error
	partial  int        // where the rows that came with err begin, or -1
	said     []saying   // what the list's sources said beside their rows
	local    *filter[T] // a local filter in effect, or nil (filter.go)

	// Empty is shown when the list has no rows.
	Empty string
	// What names the list's contents in error reports ("users").
	What string
}

// saying is a line a list shows above its rows: a source of a chained
// list that failed and was skipped, or one that stopped before its end.
type saying struct {
	text string
	err  error // the failure, for its error line; nil for a stop
}

// New makes an empty list whose results are addressed to to. keyOf gives
// each row a stable identity, for marks.
func New[T any](ctx *common.Context, to common.Target, render Render[T], keyOf func(T) string) *Model[T] {
	b := budget
	if ctx != nil && ctx.ListBudget != nil {
		b = *ctx.ListBudget
	}
	return &Model[T]{ctx: ctx, to: to, render: render, keyOf: keyOf, marked: map[string]bool{}, keys: map[uint64]struct{}{},
		seed: maphash.MakeSeed(), walk: api.NewWalk(b, to.List), total: -1, partial: -1, budget: b,
		Empty: "Nothing here.", What: to.List}
}

// SetSize sets the rows and cells available; it may start a prefetch.
func (m *Model[T]) SetSize(width, height int) tea.Cmd {
	m.width, m.height = max(width, 1), max(height, 1)
	m.clamp()
	return m.prefetch()
}

// Load starts a new query: whatever was in flight is cancelled and its
// answer will be dropped, rows and marks are cleared, and the first page is
// requested.
func (m *Model[T]) Load(f Fetch[T]) tea.Cmd {
	m.stop()
	m.gen++
	m.fetch = f
	m.items, m.cache = nil, nil
	if m.local != nil {
		m.local.all = nil // the filter stays, over the rows of the new query
	}
	m.marked, m.keys, m.joined = map[string]bool{}, map[uint64]struct{}{}, nil
	m.walk = api.NewWalk(m.budget, m.What)
	m.cursor, m.offset = 0, 0
	m.next, m.more, m.total, m.err, m.partial = "", true, -1, nil, -1
	m.said = nil
	return m.request()
}

// Reload runs the current query again from the start.
func (m *Model[T]) Reload() tea.Cmd {
	if m.fetch == nil {
		return nil
	}
	return m.Load(m.fetch)
}

// Retry asks again for the page that failed. Rows that came with the
// failure (a partial answer) give way to the page's new answer.
func (m *Model[T]) Retry() tea.Cmd {
	if m.err == nil {
		return nil
	}
	if m.partial >= 0 {
		rows := m.items
		if m.local != nil {
			rows = m.local.all
		}
		for _, it := range rows[m.partial:] {
			delete(m.keys, m.hash(m.keyOf(it)))
		}
		if m.local != nil {
			m.local.all = m.local.all[:m.partial]
			m.items = m.local.matching(m.local.all)
			m.cache = make([]string, len(m.items))
		} else {
			m.items, m.cache = m.items[:m.partial], m.cache[:m.partial]
		}
		m.partial = -1
		m.clamp()
	}
	m.err = nil
	return m.request()
}

// stop cancels the request in flight, if any.
func (m *Model[T]) stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.loading = false
}

// request builds the command for the next page from a snapshot of the
// list's state; it never reads the model once it runs.
func (m *Model[T]) request() tea.Cmd {
	if m.loading || !m.more || m.fetch == nil || m.err != nil {
		return nil
	}
	m.loading = true
	m.seq++
	m.walk.Ask(m.next)
	ctx, cancel := m.ctx.Request()
	m.cancel = cancel
	to, gen, seq, after, n, fetch := m.to, m.gen, m.seq, m.next, m.PageSize(), m.fetch
	return func() tea.Msg {
		defer cancel()
		p, err := fetch(ctx, after, n)
		return PageMsg[T]{To: to, Gen: gen, Seq: seq, Page: p, Err: err}
	}
}

// PageSize is how many rows a request asks for, adapted to the terminal:
// two screens, so that one answer covers more than the screen of scrolling
// that remains when it is asked for.
func (m *Model[T]) PageSize() int { return min(max(2*m.height, minPage), maxPage) }

// prefetch asks for the next page when the cursor is within a screen of
// the last loaded row.
func (m *Model[T]) prefetch() tea.Cmd {
	if m.local != nil {
		return nil // a local filter shows the rows loaded, and sends nothing
	}
	if len(m.items)-1-m.cursor > m.height {
		return nil
	}
	return m.request()
}

// Update handles a page answer or a movement key. It reports whether the
// message was the list's to handle.
func (m *Model[T]) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case PageMsg[T]:
		return m.receive(msg), true
	case tea.KeyPressMsg:
		return m.move(msg)
	}
	return nil, false
}

func (m *Model[T]) receive(msg PageMsg[T]) tea.Cmd {
	if msg.Gen != m.gen || msg.Seq != m.seq {
		return nil // an answer to a query that has changed since
	}
	m.loading, m.cancel = false, nil
	var said tea.Cmd
	var sk *Skipped
	if errors.As(msg.Err, &sk) {
		said = m.hear(sk)
		msg.Err = sk.Err
	}
	if msg.Page.End != "" {
		m.said = append(m.said, saying{text: msg.Page.End})
	}
	if msg.Err != nil {
		return tea.Batch(said, m.failed(msg))
	}
	added, again := m.add(msg.Page.Items)
	m.next, m.more, m.total = msg.Page.Next, msg.Page.More, msg.Page.Total
	// A server that says "more" but sends nothing, names a page again,
	// sends only rows already shown, or never ends would be followed for
	// ever: the list stops there and says why.
	stop := m.walk.Got(len(msg.Page.Items), api.PageFootprint(added)+rowOverhead*len(added), m.more, m.next)
	if stop == "" && m.more && len(added) == 0 && again > 0 {
		stop = api.EndRepeated
	}
	if stop != "" {
		m.more = false
		m.said = append(m.said, saying{text: stop})
	}
	m.clamp()
	return tea.Batch(said, m.prefetch())
}

// hear keeps what a chained page said of its sources, to show above the
// rows, and reports each failure as any list's failure is reported.
func (m *Model[T]) hear(sk *Skipped) tea.Cmd {
	var cmds []tea.Cmd
	for i, err := range sk.Errs {
		if api.KindOf(err) == api.KindCanceled {
			continue
		}
		m.said = append(m.said, saying{text: errorLine(err), err: err})
		what, pane := "loading "+m.What, m.to.Pane
		if i < len(sk.Arrived) && sk.Arrived[i] > 0 {
			what += fmt.Sprintf(" (%d that arrived are shown and may be incomplete)", sk.Arrived[i])
		}
		cmds = append(cmds, func() tea.Msg { return common.ErrorMsg{Where: what, Err: err, Pane: pane} })
	}
	for _, end := range sk.Ends {
		m.said = append(m.said, saying{text: end})
	}
	return tea.Batch(cmds...)
}

// add appends the rows that arrived and are not loaded yet: a row a server
// sends twice (in one page or in two) is shown once, and a row put in with
// Prepend is left where it is. It returns the rows added, and how many of
// the others were rows the server had already sent.
func (m *Model[T]) add(items []T) (added []T, again int) {
	added = make([]T, 0, len(items))
	for _, it := range items {
		k := m.keyOf(it)
		h := m.hash(k)
		if _, loaded := m.keys[h]; loaded {
			if !m.joined[k] {
				again++
			}
			continue
		}
		m.keys[h] = struct{}{}
		added = append(added, it)
	}
	m.appendRows(added)
	return added, again
}

// hash is a row key as the set of loaded keys holds it: 8 bytes a row
// rather than the key itself (two keys of a list share a hash with a
// chance of one in billions).
func (m *Model[T]) hash(k string) uint64 { return maphash.String(m.seed, k) }

// failed keeps a request's error, shows the rows that came with it (a
// partial answer: the server nulled what failed and sent the rest), and
// reports it; the refresh key asks for the page again.
func (m *Model[T]) failed(msg PageMsg[T]) tea.Cmd {
	if api.KindOf(msg.Err) == api.KindCanceled {
		return nil
	}
	m.err = msg.Err
	what := "loading " + m.What
	if n := len(msg.Page.Items); n > 0 {
		m.partial = m.Loaded()
		m.add(msg.Page.Items)
		what += fmt.Sprintf(" (%d that arrived are shown and may be incomplete)", n)
	}
	err, pane := msg.Err, m.to.Pane
	return func() tea.Msg { return common.ErrorMsg{Where: what, Err: err, Pane: pane} }
}

func (m *Model[T]) move(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.ctx.Keys
	switch {
	case key.Matches(k, keys.Up):
		m.cursor--
	case key.Matches(k, keys.Down):
		m.cursor++
	case key.Matches(k, keys.PageUp):
		m.cursor -= m.rows()
	case key.Matches(k, keys.PageDown):
		m.cursor += m.rows()
	case key.Matches(k, keys.Top):
		m.cursor = 0
	case key.Matches(k, keys.Bottom):
		m.cursor = len(m.items) - 1
	case key.Matches(k, keys.Refresh):
		if m.err != nil {
			return m.Retry(), true
		}
		return m.Reload(), true
	default:
		return nil, false
	}
	m.clamp()
	return m.prefetch(), true
}

// clamp keeps the cursor on a loaded row and in the window.
func (m *Model[T]) clamp() {
	m.cursor = max(min(m.cursor, len(m.items)-1), 0)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if h := m.rows(); m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(min(m.offset, len(m.items)-m.rows()), 0)
}

// rows is how many rows fit below what the sources said.
func (m *Model[T]) rows() int { return max(m.height-len(m.said), 1) }

// View draws the visible rows, exactly as many lines as the list's height
// (fewer only when there is nothing to show below).
func (m *Model[T]) View(focused bool) []string {
	th := m.ctx.Theme
	if m.cacheW != m.width || m.cacheT != th {
		clear(m.cache)
		m.cacheW, m.cacheT = m.width, th
	}
	lines := make([]string, 0, m.height)
	for _, sd := range m.said {
		if len(lines) < m.height-1 {
			lines = append(lines, m.saidLine(sd))
		}
	}
	h := m.height - len(lines)
	notes := m.note()
	start, end := m.offset, min(m.offset+h, len(m.items))
	if end == len(m.items) && len(notes) > 0 {
		// At the last row, the window moves down to what is said below
		// it (an error, "loading more"), keeping the cursor in view.
		start = max(min(end+len(notes)-h, m.cursor), start)
	}
	for i := start; i < end; i++ {
		lines = append(lines, m.row(i, focused))
	}
	for _, note := range notes {
		if len(lines) >= m.height {
			break
		}
		lines = append(lines, note)
	}
	return lines
}

// saidLine draws what a source said, on one line: a failure, with the key
// that asks it again, or why it stopped.
func (m *Model[T]) saidLine(sd saying) string {
	th := m.ctx.Theme
	if sd.err != nil {
		text := "! " + sd.text + " (" + keymap.Keys(m.ctx.Keys.Refresh) + " to reload)"
		return th.Error.Render(frame.Pad(" "+sanitize.Line(text, m.width-1), m.width))
	}
	return th.Dim.Render(frame.Pad("  "+sanitize.Line(sd.text, m.width-2), m.width))
}

// row renders row i: the cached line, or for the cursor row a fresh one
// in the cursor style.
func (m *Model[T]) row(i int, focused bool) string {
	th := m.ctx.Theme
	if i == m.cursor {
		style, glyph := th.CursorBlur, " "
		if focused {
			style, glyph = th.Cursor, "▌"
		}
		// Plain text under the cursor style: an inner style's reset would
		// end the highlight halfway along the row.
		content := ansi.Strip(m.render(m.items[i], m.width-2))
		return style.Render(frame.Pad(glyph+m.markGlyph(i)+content, m.width))
	}
	if m.cache[i] == "" {
		m.cache[i] = frame.Pad(" "+m.markGlyph(i)+m.render(m.items[i], m.width-2), m.width)
		if m.isMarked(i) {
			m.cache[i] = th.Marked.Render(m.cache[i])
		}
	}
	return m.cache[i]
}

func (m *Model[T]) markGlyph(i int) string {
	if m.isMarked(i) {
		return "✓"
	}
	return " "
}

func (m *Model[T]) isMarked(i int) bool {
	return len(m.marked) > 0 && m.marked[m.keyOf(m.items[i])]
}

// note is what goes below the last row: loading, or an error or the empty
// text, wrapped to the width so that the whole sentence can be read.
func (m *Model[T]) note() []string {
	th := m.ctx.Theme
	switch {
	case m.err != nil:
		return m.wrapped(th.Error, "! "+errorLine(m.err)+" ("+keymap.Keys(m.ctx.Keys.Refresh)+" to retry)")
	case m.loading && len(m.items) == 0:
		return []string{th.Dim.Render(frame.Pad("  Loading…", m.width))}
	case m.loading:
		return []string{th.Dim.Render(frame.Pad("  ⋯ loading more", m.width))}
	case len(m.items) == 0 && m.local != nil:
		return m.wrapped(th.Dim, m.filteredEmpty())
	case len(m.items) == 0:
		return m.wrapped(th.Dim, m.Empty)
	}
	return nil
}

func (m *Model[T]) wrapped(style lipgloss.Style, text string) []string {
	var out []string
	for _, l := range strings.Split(ansi.Wordwrap(sanitize.Text(text), max(m.width-2, 1), ""), "\n") {
		out = append(out, style.Render(frame.Pad("  "+l, m.width)))
	}
	return out
}

func errorLine(err error) string {
	var se *SourceError
	if errors.As(err, &se) {
		return se.Error()
	}
	var e *api.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// Counter is "loaded/total" for the pane's title, "loaded+" while the total
// is unknown and more remain.
func (m *Model[T]) Counter() string {
	switch {
	case m.local != nil:
		return m.filteredCounter()
	case m.total >= 0:
		return fmt.Sprintf("%d/%d", len(m.items), m.total)
	case m.more:
		return fmt.Sprintf("%d+", len(m.items))
	}
	return fmt.Sprint(len(m.items))
}

// Selected returns the row under the cursor.
func (m *Model[T]) Selected() (T, bool) {
	if m.cursor < len(m.items) {
		return m.items[m.cursor], true
	}
	var zero T
	return zero, false
}

// Cursor is the index of the selected row.
func (m *Model[T]) Cursor() int { return m.cursor }

// Len is the number of loaded rows.
func (m *Model[T]) Len() int { return len(m.items) }

// Item returns row i.
func (m *Model[T]) Item(i int) T { return m.items[i] }

// Loading reports whether a request is in flight.
func (m *Model[T]) Loading() bool { return m.loading }

// More reports whether the server has more rows than are loaded.
func (m *Model[T]) More() bool { return m.more }

// Err is the error of the last request, if it failed.
func (m *Model[T]) Err() error { return m.err }

// Generation identifies the current query.
func (m *Model[T]) Generation() int { return m.gen }

// ToggleMark marks or unmarks the selected row.
func (m *Model[T]) ToggleMark() {
	it, ok := m.Selected()
	if !ok {
		return
	}
	k := m.keyOf(it)
	if m.marked[k] {
		delete(m.marked, k)
	} else {
		m.marked[k] = true
	}
	m.cache[m.cursor] = ""
}

// Marked returns the marked rows in list order.
func (m *Model[T]) Marked() []T {
	var out []T
	for _, it := range m.items {
		if m.marked[m.keyOf(it)] {
			out = append(out, it)
		}
	}
	return out
}

// MarkCount is how many rows are marked.
func (m *Model[T]) MarkCount() int { return len(m.marked) }

// ClearMarks unmarks every row.
func (m *Model[T]) ClearMarks() {
	m.marked = map[string]bool{}
	clear(m.cache)
}

// Set replaces the row with the same key as it, if loaded.
func (m *Model[T]) Set(it T) {
	k := m.keyOf(it)
	for i := range m.items {
		if m.keyOf(m.items[i]) == k {
			m.items[i], m.cache[i] = it, ""
			break
		}
	}
	m.setHidden(it)
}

// Remove drops the row with key k. Removing the selected row leaves the
// cursor on the row that follows, so working down a list takes one key per
// row; removing a row above it keeps the same row selected. The total, when
// known, goes down with it.
func (m *Model[T]) Remove(k string) bool {
	m.removeHidden(k)
	for i := range m.items {
		if m.keyOf(m.items[i]) == k {
			m.items = append(m.items[:i], m.items[i+1:]...)
			m.cache = append(m.cache[:i], m.cache[i+1:]...)
			delete(m.marked, k)
			delete(m.keys, m.hash(k))
			if i < m.cursor {
				m.cursor-- // the selected row stays selected
			}
			if m.total > 0 {
				m.total--
			}
			m.clamp()
			return true
		}
	}
	return false
}

// Get returns the loaded row with key k.
func (m *Model[T]) Get(k string) (T, bool) {
	for _, it := range m.items {
		if m.keyOf(it) == k {
			return it, true
		}
	}
	var zero T
	return zero, false
}

// Select moves the cursor to row i (clamped to the loaded rows), asking for
// the next page if that brings the end within a screen.
func (m *Model[T]) Select(i int) tea.Cmd {
	m.cursor = i
	m.clamp()
	return m.prefetch()
}

// Total is the number of rows the server says match, or -1 when unknown.
func (m *Model[T]) Total() int { return m.total }

// Prepend puts it at the top of the list (a row that just joined it). When
// a later page brings the same row in its place, that copy is left out.
func (m *Model[T]) Prepend(it T) {
	if m.joined == nil {
		m.joined = map[string]bool{}
	}
	k := m.keyOf(it)
	if _, loaded := m.keys[m.hash(k)]; loaded {
		return
	}
	m.joined[k], m.keys[m.hash(k)] = true, struct{}{}
	if m.local != nil {
		m.local.all = append([]T{it}, m.local.all...)
		if !m.local.match(it, m.local.text) {
			if m.total >= 0 {
				m.total++
			}
			return
		}
	}
	m.items = append([]T{it}, m.items...)
	m.cache = append([]string{""}, m.cache...)
	if m.total >= 0 {
		m.total++
	}
	if len(m.items) > 1 {
		m.cursor++
	}
	m.clamp()
}

// Stop cancels the request in flight, for when the program quits.
func (m *Model[T]) Stop() { m.stop() }

// Cancel stops the request in flight and drops its answer, keeping the
// rows on screen: for a query about to be replaced (a search being typed),
// so that the server stops work on it now rather than when the next query
// starts. Nothing more is fetched until the next Load.
func (m *Model[T]) Cancel() {
	if m.loading {
		m.stop()
		m.gen++
	}
	m.fetch = nil
}

// Focus moves the cursor to the row with key k (a row just added) and
// reports whether it is loaded.
func (m *Model[T]) Focus(k string) bool {
	for i := range m.items {
		if m.keyOf(m.items[i]) == k {
			m.cursor = i
			m.clamp()
			return true
		}
	}
	return false
}
