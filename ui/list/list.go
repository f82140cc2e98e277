// Package list is the one paged list every pane uses. It renders only the
// rows that are visible, caches each row's rendering, asks for the next
// page while at least a screen of loaded rows remains below the cursor,
// never has two requests in flight, and drops answers to a query that has
// since changed. Relay cursors and Vision's nextToken look the same to it:
// a string to pass for the next page.
//
// The end of a list is one key away however long it is. Where the server
// can page from the end (Relay last/before, see LoadEnds), the last rows
// are asked for directly and the list has a gap between the rows read from
// the start and those read from the end, which fills from whichever side
// the cursor comes near it. Where it cannot (Vision's nextToken, a server
// without last), the list reads on page after page to the end, saying how
// far it has got, until the back key stops it.
package list

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
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

// rowOverhead is what the list keeps beside each row: its pointer, and its
// key's hash in the set of loaded keys.
const rowOverhead = 48

// Model is a paged, windowed list of T.
type Model[T any] struct {
	ctx    *common.Context
	to     common.Target
	render Render[T]
	keyOf  func(T) string

	items  []*T          // each page's rows share one array (insert): no copying as the list grows
	cache  map[*T]string // rendered rows, the few last drawn (see View)
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
	last     Fetch[T] // the rows before a cursor, counted from the end; nil: the server cannot
	gap      int      // items[:gap] were read from the start, items[gap:] from the end; -1: no gap
	prev     string   // the cursor of the rows before items[gap:]
	back     *api.Walk
	backDone bool      // the walk from the end stopped: the gap fills from above only
	dir      direction // of the request in flight, or of the one that failed
	seek     bool      // reading on to the end, page after page
	next     string
	more     bool
	total    int
	loading  bool
	gen, seq int
	cancel   context.CancelFunc
	err      error
	partial  int        // where the rows that came with err begin, or -1
	shown    []int      // the row on each line View drew, -1 for other lines: what a click selects
	said     []saying   // what the list's sources said beside their rows
	local    *filter[T] // a local filter in effect, or nil (filter.go)

	// Empty is shown when the list has no rows.
	Empty string
	// What names the list's contents in error reports ("users").
	What string
}

// direction is where a request reads from.
type direction int

const (
	forward  direction = iota // the page after the rows read from the start
	tail                      // the last rows of the list
	backward                  // the page before the rows read from the end
)

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
	return &Model[T]{ctx: ctx, to: to, render: render, keyOf: keyOf, marked: map[string]bool{}, keys: map[uint64]struct{}{}, cache: map[*T]string{},
		seed: maphash.MakeSeed(), walk: api.NewWalk(b, to.List), total: -1, partial: -1, budget: b, gap: -1,
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
func (m *Model[T]) Load(f Fetch[T]) tea.Cmd { return m.LoadEnds(f, nil) }

// LoadEnds is Load for a list whose server can also page from the end:
// last gives the rows before its cursor argument ("" for the very last
// rows), in the list's order, Next being the cursor of the rows before
// them and More whether there are any. The bottom key then asks for the
// last rows at once. When last answers api.ErrNoLast the list reads on
// from the start instead.
func (m *Model[T]) LoadEnds(f, last Fetch[T]) tea.Cmd {
	m.stop()
	m.gen++
	m.fetch, m.last = f, last
	m.gap, m.prev, m.back, m.backDone, m.dir, m.seek = -1, "", nil, false, forward, false
	m.items, m.cache = nil, map[*T]string{}
	if m.local != nil {
		m.local.all, m.local.gap = nil, -1 // the filter stays, over the rows of the new query
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
	return m.LoadEnds(m.fetch, m.last)
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
			delete(m.keys, m.hash(m.keyOf(*it)))
		}
		if m.local != nil {
			m.local.all = m.local.all[:m.partial]
			m.items = m.local.matching(m.local.all)
		} else {
			m.items = m.items[:m.partial]
		}
		m.partial = -1
		m.clamp()
	}
	m.err = nil
	return m.ask(m.dir)
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
func (m *Model[T]) request() tea.Cmd { return m.ask(forward) }

// ask requests a page in direction d, unless a request is in flight or
// there is nothing to ask for that way.
func (m *Model[T]) ask(d direction) tea.Cmd {
	if m.loading || m.fetch == nil || m.err != nil {
		return nil
	}
	fetch, from, n := m.fetch, m.next, m.PageSize()
	switch d {
	case forward:
		if !m.more {
			return nil
		}
		m.walk.Ask(from)
		if m.seek {
			n = maxPage // reading to the end: as few requests as the server allows
		}
	case tail:
		if m.last == nil || !m.more || m.gap >= 0 {
			return nil
		}
		fetch, from = m.last, ""
		m.back = api.NewWalk(m.budget, m.What)
		m.back.Ask(from)
	case backward:
		if m.last == nil || m.gap < 0 || m.backDone {
			return nil
		}
		fetch, from = m.last, m.prev
		m.back.Ask(from)
	}
	m.dir = d
	m.loading = true
	m.seq++
	ctx, cancel := m.ctx.Request()
	m.cancel = cancel
	to, gen, seq, after := m.to, m.gen, m.seq, from
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
	if m.gap >= 0 {
		// Near the gap: fill it from the side the cursor is on (from
		// above when the walk from the end has stopped).
		switch {
		case m.cursor < m.gap && m.gap-1-m.cursor <= m.height:
			return m.ask(forward)
		case m.cursor >= m.gap && m.cursor-m.gap <= m.height && m.backDone:
			return m.ask(forward)
		case m.cursor >= m.gap && m.cursor-m.gap <= m.height:
			return m.ask(backward)
		}
		return nil
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
	if m.dir != forward {
		return m.receiveEnd(msg)
	}
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
	at := len(m.items)
	if m.gap >= 0 {
		at = m.gap
	}
	added, again := m.insert(at, msg.Page.Items)
	m.next, m.more, m.total = msg.Page.Next, msg.Page.More, msg.Page.Total
	if m.gap >= 0 {
		m.gap += len(added)
		if m.cursor >= at {
			m.cursor += len(added) // the same row stays selected
			m.offset += len(added)
		}
		if m.closes(again, m.more) {
			// The rows from the start reached those from the end.
			m.join()
			m.clamp()
			return tea.Batch(said, m.prefetch())
		}
	}
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
	if m.seek {
		m.cursor = len(m.items) - 1
		m.seek = m.more
	}
	m.clamp()
	return tea.Batch(said, m.prefetch())
}

// receiveEnd takes in a page read from the end: the last rows (the list
// then has a gap before them) or those before the rows read from the end.
// A server that cannot page from the end is read on from the start.
func (m *Model[T]) receiveEnd(msg PageMsg[T]) tea.Cmd {
	if errors.Is(msg.Err, api.ErrNoLast) {
		m.last = nil
		if m.gap >= 0 {
			m.backDone = true
			return m.prefetch()
		}
		m.seek = true
		return m.request()
	}
	if msg.Err != nil {
		msg.Page.Items = nil // the page is asked again whole on retry
		return m.failed(msg)
	}
	p := msg.Page
	if p.Total >= 0 {
		m.total = p.Total
	}
	if m.dir == tail {
		m.gap = len(m.items)
	}
	added, again := m.insert(m.gap, p.Items)
	if m.dir == tail {
		m.cursor = len(m.items) - 1 // the end, asked for with the bottom key
	} else if m.cursor >= m.gap {
		m.cursor += len(added) // the same row stays selected
		m.offset += len(added)
	}
	m.prev = p.Next
	stop := m.back.Got(len(p.Items), api.PageFootprint(added)+rowOverhead*len(added), p.More, p.Next)
	switch {
	case m.closes(again, p.More):
		m.join()
	case len(added) == 0 && m.dir == tail:
		m.gap = -1 // nothing came from the end: read on from the start
		m.backDone = true
	case stop != "":
		m.backDone = true // the rest of the gap fills from above
	}
	m.clamp()
	return m.prefetch()
}

// closes reports whether a page just read into the gap closed it: it
// brought rows already read from the other side, or that side's end, or
// every row the server counts is loaded.
func (m *Model[T]) closes(again int, more bool) bool {
	return again > 0 || !more || (m.total >= 0 && len(m.items) >= m.total)
}

// join makes the two parts one list that is loaded to its end.
func (m *Model[T]) join() {
	m.gap, m.more, m.next, m.seek = -1, false, "", false
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
func (m *Model[T]) add(items []T) (added []T, again int) { return m.insert(len(m.items), items) }

// insert is add at row at: rows read into the gap go between the two
// parts of the list.
func (m *Model[T]) insert(at int, items []T) (added []T, again int) {
	// The page's new rows go into one array of their own, and the list
	// holds pointers into it: a hundred thousand rows then never sit in
	// one array that growing would copy (twice the memory while it does).
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
	rows := make([]*T, len(added))
	for i := range added {
		rows[i] = &added[i]
	}
	if m.local != nil || at == len(m.items) {
		m.appendRows(rows) // a page that came while a filter is in effect goes after the rows loaded
	} else {
		m.items = slices.Insert(m.items, at, rows...)
	}
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
	m.seek = false
	what := "loading " + m.What
	if n := len(msg.Page.Items); n > 0 && m.gap < 0 {
		m.partial = m.Loaded()
		m.add(msg.Page.Items)
		what += fmt.Sprintf(" (%d that arrived are shown and may be incomplete)", n)
	}
	err, pane := msg.Err, m.to.Pane
	return func() tea.Msg { return common.ErrorMsg{Where: what, Err: err, Pane: pane} }
}

func (m *Model[T]) move(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := m.ctx.Keys
	if key.Matches(k, keys.Back) && m.seek {
		m.seek = false // the page in flight still arrives; no more are asked for
		return nil, true
	}
	if !key.Matches(k, keys.Bottom) {
		m.seek = false // moving elsewhere: the cursor is no longer taken to the end
	}
	old := m.cursor
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
		m.clamp()
		return m.prefetch(), true
	case key.Matches(k, keys.Bottom):
		return m.bottom(), true
	case key.Matches(k, keys.Refresh):
		if m.err != nil {
			return m.Retry(), true
		}
		return m.Reload(), true
	default:
		return nil, false
	}
	m.stayOnSide(old)
	m.clamp()
	return m.prefetch(), true
}

// stayOnSide keeps a step of the cursor from old on its side of the gap:
// the rows beyond it are not loaded, and come as the cursor waits there.
func (m *Model[T]) stayOnSide(old int) {
	switch {
	case m.gap < 0:
	case old < m.gap && m.cursor >= m.gap:
		m.cursor = m.gap - 1
	case old >= m.gap && m.cursor < m.gap:
		m.cursor = m.gap
	}
}

// bottom takes the cursor to the last row of the list, not the last
// loaded: the last rows are asked for where the server can page from the
// end, and otherwise the list reads on to the end.
func (m *Model[T]) bottom() tea.Cmd {
	m.cursor = len(m.items) - 1
	m.clamp()
	switch {
	case !m.more || m.gap >= 0 || m.err != nil || m.local != nil:
		return m.prefetch() // a filter in effect shows the rows loaded: nothing is read
	case m.last != nil:
		if m.loading && m.dir == forward {
			m.stop() // its answer is dropped; the gap asks for that page again
		}
		return m.ask(tail)
	}
	m.seek = true
	return m.request()
}

// clamp keeps the cursor on a loaded row and in the window. The window
// counts lines: the rows and, when there is one, the gap's line.
func (m *Model[T]) clamp() {
	m.cursor = max(min(m.cursor, len(m.items)-1), 0)
	c := m.line(m.cursor)
	if m.gap >= 0 && m.cursor == m.gap && c > 0 {
		c-- // at the top of the rows from the end, the gap's line shows above
	}
	if c < m.offset {
		m.offset = c
	}
	if h := m.rows(); m.line(m.cursor) >= m.offset+h {
		m.offset = m.line(m.cursor) - h + 1
	}
	m.offset = max(min(m.offset, m.lines()-m.rows()), 0)
}

// line is the window line of row i: rows after the gap are one further.
func (m *Model[T]) line(i int) int {
	if m.gap >= 0 && i >= m.gap {
		return i + 1
	}
	return i
}

// lines is how many lines the rows take, with the gap's.
func (m *Model[T]) lines() int {
	if m.gap >= 0 {
		return len(m.items) + 1
	}
	return len(m.items)
}

// rows is how many rows fit below what the sources said.
func (m *Model[T]) rows() int { return max(m.height-len(m.said), 1) }

// View draws the visible rows, exactly as many lines as the list's height
// (fewer only when there is nothing to show below).
func (m *Model[T]) View(focused bool) []string {
	th := m.ctx.Theme
	if m.cacheW != m.width || m.cacheT != th || len(m.cache) > 4*m.height {
		// Only the rows on screen are kept rendered: scrolling through a
		// hundred thousand rows does not keep a hundred thousand lines.
		clear(m.cache)
		m.cacheW, m.cacheT = m.width, th
	}
	lines := make([]string, 0, m.height)
	m.shown = m.shown[:0]
	for _, sd := range m.said {
		if len(lines) < m.height-1 {
			lines = append(lines, m.saidLine(sd))
			m.shown = append(m.shown, -1)
		}
	}
	h := m.height - len(lines)
	notes := m.note()
	all := m.lines()
	start, end := m.offset, min(m.offset+h, all)
	if end == all && len(notes) > 0 {
		// At the last row, the window moves down to what is said below
		// it (an error, "loading more"), keeping the cursor in view.
		start = max(min(end+len(notes)-h, m.line(m.cursor)), start)
	}
	for d := start; d < end; d++ {
		switch {
		case m.gap >= 0 && d == m.gap:
			lines = append(lines, m.gapLine())
			m.shown = append(m.shown, -1)
		case m.gap >= 0 && d > m.gap:
			lines = append(lines, m.row(d-1, focused))
			m.shown = append(m.shown, d-1)
		default:
			lines = append(lines, m.row(d, focused))
			m.shown = append(m.shown, d)
		}
	}
	for _, note := range notes {
		if len(lines) >= m.height {
			break
		}
		lines = append(lines, note)
	}
	return lines
}

// gapLine stands for the rows between those read from the start and those
// read from the end.
func (m *Model[T]) gapLine() string {
	text := "⋯ more rows not loaded yet"
	if m.total >= 0 {
		text = fmt.Sprintf("⋯ %d more rows not loaded yet", max(m.total-len(m.items), 0))
	}
	if m.loading {
		text += " · loading"
	}
	return m.ctx.Theme.Dim.Render(frame.Pad("  "+text, m.width))
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
		content := ansi.Strip(m.render(*m.items[i], m.width-2))
		return style.Render(frame.Pad(glyph+m.markGlyph(i)+content, m.width))
	}
	p := m.items[i]
	line, ok := m.cache[p]
	if !ok {
		line = frame.Pad(" "+m.markGlyph(i)+m.render(*p, m.width-2), m.width)
		if m.isMarked(i) {
			line = th.Marked.Render(line)
		}
		m.cache[p] = line
	}
	return line
}

func (m *Model[T]) markGlyph(i int) string {
	if m.isMarked(i) {
		return "✓"
	}
	return " "
}

func (m *Model[T]) isMarked(i int) bool {
	return len(m.marked) > 0 && m.marked[m.keyOf(*m.items[i])]
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
	case m.seek:
		of := ""
		if m.total >= 0 {
			of = fmt.Sprintf(" of %d", m.total)
		}
		return []string{th.Dim.Render(frame.Pad(sanitize.Line(fmt.Sprintf("  ⋯ reading to the end: %d%s · %s stops", len(m.items), of, keymap.Keys(m.ctx.Keys.Back)), m.width), m.width))}
	case m.loading && m.dir == tail:
		return []string{th.Dim.Render(frame.Pad("  ⋯ loading the last rows", m.width))}
	case m.loading && m.gap >= 0:
		return nil // the gap's line says so
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
		return *m.items[m.cursor], true
	}
	var zero T
	return zero, false
}

// Cursor is the index of the selected row.
func (m *Model[T]) Cursor() int { return m.cursor }

// Len is the number of loaded rows.
func (m *Model[T]) Len() int { return len(m.items) }

// Item returns row i.
func (m *Model[T]) Item(i int) T { return *m.items[i] }

// Seeking reports whether the list is reading on to its end (the bottom
// key, where the server cannot page from the end); the back key stops it.
func (m *Model[T]) Seeking() bool { return m.seek }

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
	delete(m.cache, m.items[m.cursor])
}

// Marked returns the marked rows in list order.
func (m *Model[T]) Marked() []T {
	var out []T
	for _, it := range m.items {
		if m.marked[m.keyOf(*it)] {
			out = append(out, *it)
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
	for i, p := range m.items {
		if m.keyOf(*p) == k {
			delete(m.cache, p)
			m.items[i] = &it
			m.setHidden(p, m.items[i])
			return
		}
	}
	m.setHidden(nil, &it)
}

// Remove drops the row with key k. Removing the selected row leaves the
// cursor on the row that follows, so working down a list takes one key per
// row; removing a row above it keeps the same row selected. The total, when
// known, goes down with it.
func (m *Model[T]) Remove(k string) bool {
	m.removeHidden(k)
	for i, p := range m.items {
		if m.keyOf(*p) == k {
			m.items = append(m.items[:i], m.items[i+1:]...)
			delete(m.cache, p)
			delete(m.marked, k)
			delete(m.keys, m.hash(k))
			if i < m.gap {
				m.gap--
			}
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
		if m.keyOf(*it) == k {
			return *it, true
		}
	}
	var zero T
	return zero, false
}

// Click selects the row drawn on line y of the list's last View (0 is its
// first line), and reports whether there was one; the rows around it are
// asked for as a move there would.
func (m *Model[T]) Click(y int) (tea.Cmd, bool) {
	if y < 0 || y >= len(m.shown) || m.shown[y] < 0 || m.shown[y] >= len(m.items) {
		return nil, false
	}
	m.seek = false
	m.cursor = m.shown[y]
	m.clamp()
	return m.prefetch(), true
}

// Select moves the cursor to row i (clamped to the loaded rows), asking for
// the next page if that brings the end within a screen.
func (m *Model[T]) Select(i int) tea.Cmd {
	old := m.cursor
	m.cursor = i
	m.stayOnSide(old)
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
		m.local.all = append([]*T{&it}, m.local.all...)
		if !m.local.match(it, m.local.text) {
			if m.total >= 0 {
				m.total++
			}
			return
		}
	}
	m.items = append([]*T{&it}, m.items...)
	if m.gap >= 0 {
		m.gap++
	}
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
	m.fetch, m.last, m.seek = nil, nil, false
}

// Focus moves the cursor to the row with key k (a row just added) and
// reports whether it is loaded.
func (m *Model[T]) Focus(k string) bool {
	for i := range m.items {
		if m.keyOf(*m.items[i]) == k {
			m.cursor = i
			m.clamp()
			return true
		}
	}
	return false
}
