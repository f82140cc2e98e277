package connections

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/dialog"
	uiform "github.com/rosterm/rosterm/ui/form"
)

// noTab marks a job item that no row shows (an invitation to a community).
const noTab tabID = -1

// job is one action applied to one or more rows, sent one item at a time
// as the user who asked for it.
type job struct {
	id       int
	title    string // the action's title: "Decline"
	items    []jobItem
	next     int       // the item being sent
	due      time.Time // while queued: when it is sent
	oc       *opigno.Client
	actor    int
	ok       int
	failures []string
	unknown  int           // items sent whose answer never came: they may or may not have been done
	form     *uiform.Model // the form the job's input came from, reopened if it fails
	// community is the title of the community people are invited to,
	// for the words that report it
	community string
}

type jobItem struct {
	tab   tabID
	row   Row
	label string
	plan  opigno.Plan
}

// Messages of the action flow, each a snapshot of what it needs.
type (
	// chooseMsg: an action picked from a row's menu.
	chooseMsg struct {
		toPane
		tab      tabID
		key      string
		actionID string
	}
	// confirmedMsg: the user said yes to a destructive job.
	confirmedMsg struct {
		toPane
		job *job
	}
	// ranMsg: the server's answer to one item of a job.
	ranMsg struct {
		toPane
		job, item int
		out       opigno.Outcome
		err       error
		// schema is what actions are planned with now: the server's
		// answer may have taught a mutation's real signature
		schema *api.Schema
	}
)

func (m *Model) updateActions(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case chooseMsg:
		return m.chosen(msg), true
	case confirmedMsg:
		return m.start(msg.job), true
	case undoTickMsg:
		if !m.queue.Tick(msg) {
			return nil, true
		}
		return m.sendDue(), true
	case ranMsg:
		return m.ran(msg), true
	}
	return nil, false
}

// undoDelay is how long an accept or decline waits.
func (m *Model) undoDelay() time.Duration {
	if m.ctx.UndoDelay == 0 {
		return DefaultUndoDelay
	}
	return m.ctx.UndoDelay
}

// allowed says why no action may be sent at all, or "".
func (m *Model) allowed() string {
	switch {
	case m.ctx.Opigno == nil:
		return "Opigno is not configured."
	case m.ctx.ReadOnly:
		return "Read-only mode: no change is sent."
	}
	return ""
}

// triage runs the verb's action (a accepts, d declines) on the selected
// rows, or the row under the cursor, and moves on to the next row.
func (m *Model) triage(verb string) tea.Cmd {
	if why := m.allowed(); why != "" {
		m.note = why
		return nil
	}
	t := m.tab()
	rows, bulk := m.targets(t)
	var move tea.Cmd
	if bulk {
		t.list.ClearMarks()
	} else {
		move = t.list.Select(t.list.Cursor() + 1)
	}
	return tea.Batch(move, m.whenPlanned(func() tea.Cmd {
		j, skipped := m.draft(t.id, rows, func(r Row) (api.Action, bool) { return r.Action(verb) })
		m.note = skipped
		if j == nil {
			return nil
		}
		// A documented accept or decline waits out the undo window; an
		// action that only calls itself one (its actionId names another
		// mutation) asks first, like any other.
		if !j.all(opigno.Plan.ByTriage) {
			return m.confirm(j)
		}
		return m.start(j)
	}))
}

// targets are the marked rows, or the row under the cursor.
func (m *Model) targets(t *tab) (rows []Row, bulk bool) {
	if t.list.MarkCount() > 0 {
		return t.list.Marked(), true
	}
	if r, ok := t.list.Selected(); ok {
		return []Row{r}, false
	}
	return nil, false
}

// draft plans pick's action for each row, once per row however often it
// is given; rows that are busy, lack the action or cannot run it are left
// out and said why.
func (m *Model) draft(tab tabID, rows []Row, pick func(Row) (api.Action, bool)) (*job, string) {
	j := &job{oc: m.ctx.Opigno, actor: m.actor}
	var why []string
	drafted := map[string]bool{}
	for _, r := range rows {
		if drafted[rowKey(r)] {
			continue
		}
		drafted[rowKey(r)] = true
		a, ok := pick(r)
		switch {
		case m.busy[rowKey(r)] != "":
			why = append(why, r.Label()+": an action is already queued or in flight")
		case !ok:
			why = append(why, r.Label()+": no such action")
		default:
			p := opigno.PlanAction(m.schema, a)
			if p.Disabled != "" {
				why = append(why, r.Label()+": "+p.Disabled)
				continue
			}
			if j.title == "" {
				j.title = actionTitle(a)
			}
			j.items = append(j.items, jobItem{tab: tab, row: r, label: r.Label(), plan: p})
		}
	}
	if len(j.items) == 0 {
		if len(why) == 0 {
			return nil, "Nothing selected."
		}
		return nil, "Not done: " + strings.Join(why, "; ")
	}
	if len(why) > 0 {
		return j, fmt.Sprintf("Skipped %d: %s", len(why), strings.Join(why, "; "))
	}
	return j, ""
}

// chosen runs an action picked from a menu on the selected rows (or the
// row it was opened on), asking first when it takes something away.
func (m *Model) chosen(c chooseMsg) tea.Cmd {
	t := m.tabs[c.tab]
	if why := m.allowed(); why != "" {
		m.note = why
		return nil
	}
	rows, bulk := m.targets(t)
	if !bulk || c.tab != m.current {
		r, ok := t.list.Get(c.key)
		if !ok {
			m.note = "That row is gone."
			return nil
		}
		rows = []Row{r}
	}
	j, skipped := m.draft(c.tab, rows, func(r Row) (api.Action, bool) { return r.ActionByID(c.actionID) })
	if j == nil {
		m.note = skipped
		return nil
	}
	m.note = skipped
	if bulk {
		t.list.ClearMarks()
	}
	if !j.any(opigno.Plan.AsksFirst) {
		return m.start(j)
	}
	return m.confirm(j)
}

// any reports whether f holds for one of the job's plans.
func (j *job) any(f func(opigno.Plan) bool) bool {
	return slices.ContainsFunc(j.items, func(it jobItem) bool { return f(it.plan) })
}

// all reports whether f holds for every one of the job's plans.
func (j *job) all(f func(opigno.Plan) bool) bool {
	return !j.any(func(p opigno.Plan) bool { return !f(p) })
}

// sends names the mutations a job sends: one, as the actionId names it
// (whatever the CTA's title says), once for each item.
func (j *job) sends() string {
	var names []string
	for _, it := range j.items {
		if !slices.Contains(names, it.plan.Mutation) {
			names = append(names, it.plan.Mutation)
		}
	}
	out := strings.Join(names, ", ")
	if len(j.items) > 1 {
		out += fmt.Sprintf(", once for each of the %d", len(j.items))
	}
	return out
}

// removeSelected runs the row's action that takes it away (remove a
// connection, cancel an invitation, delete a community), judged by verb;
// declines are d's. It asks first, as every destructive action does.
func (m *Model) removeSelected() tea.Cmd {
	t := m.tab()
	r, ok := t.list.Selected()
	if !ok {
		return nil
	}
	for _, a := range r.Actions.List() {
		if opigno.Destructive(a.ID) && opigno.Verb(a.ID) != "DECLINE" {
			return m.chosen(chooseMsg{tab: t.id, key: rowKey(r), actionID: a.ID})
		}
	}
	m.note = "Nothing to remove on this row."
	return nil
}

// confirm asks before a job, naming every target with its id and the
// mutation a yes sends: the one the actionId names, whatever the CTA's
// title (the question's words) says.
func (m *Model) confirm(j *job) tea.Cmd {
	targets := make([]string, len(j.items))
	for i, it := range j.items {
		targets[i] = it.label
	}
	question := j.title + ":"
	if len(j.items) > 1 {
		question = fmt.Sprintf("%s these %d:", j.title, len(j.items))
	}
	yes := func() tea.Msg { return confirmedMsg{job: j} }
	d := dialog.NewConfirm(m.ctx, "Send "+j.items[0].plan.Mutation+"?", question, targets, j.sends(), yes)
	return func() tea.Msg { return common.OpenDialogMsg{Dialog: d} }
}

// start queues an accept or decline for the undo window, or sends any
// other job now. Rows that became busy meanwhile are left out.
func (m *Model) start(j *job) tea.Cmd {
	if j.actor != m.actor {
		m.note = "The acting user changed; nothing was sent."
		return nil
	}
	items := j.items[:0]
	for _, it := range j.items {
		if it.tab == noTab || m.busy[rowKey(it.row)] == "" {
			items = append(items, it)
		}
	}
	j.items = items
	if len(j.items) == 0 {
		return nil
	}
	m.jobSeq++
	j.id = m.jobSeq
	delay := m.undoDelay()
	if j.all(opigno.Plan.Undoable) && delay > 0 {
		m.queue.Add(j, delay)
		m.mark(j, "⏳ "+j.title)
		return m.schedule()
	}
	return m.send(j)
}

// send starts sending a job's items.
func (m *Model) send(j *job) tea.Cmd {
	m.running[j.id] = j
	m.mark(j, "… "+j.title)
	return m.runItem(j)
}

// mark shows state on the job's rows and makes them take no other action.
func (m *Model) mark(j *job, state string) {
	for _, it := range j.items {
		if it.tab != noTab {
			m.busy[rowKey(it.row)] = state
			m.redraw(it)
		}
	}
}

// release makes an item's row free again.
func (m *Model) release(it jobItem) {
	if it.tab != noTab {
		delete(m.busy, rowKey(it.row))
		m.redraw(it)
	}
}

// redraw has the item's row drawn again, with what is being done with it
// now (the list keeps each row's drawing until the row changes).
func (m *Model) redraw(it jobItem) {
	l := m.tabs[it.tab].list
	if r, ok := l.Get(rowKey(it.row)); ok {
		l.Set(r)
	}
}

// runItem sends the job's current item, from a snapshot.
func (m *Model) runItem(j *job) tea.Cmd {
	oc, plan, id, item, request := j.oc, j.items[j.next].plan, j.id, j.next, m.ctx.Request
	return func() tea.Msg {
		ctx, cancel := request()
		defer cancel()
		out, err := oc.Run(ctx, plan)
		msg := ranMsg{job: id, item: item, out: out, err: err}
		if s, serr := oc.Schema(ctx); serr == nil {
			msg.schema = s // cached: no request
		}
		return msg
	}
}

// Waiting is how many jobs are waiting out the undo window or being sent.
func (m *Model) Waiting() int { return m.queue.Len() + len(m.running) }

// undo takes back the last queued action: it is never sent.
func (m *Model) undo() {
	j, ok := m.queue.Undo()
	if !ok {
		m.note = "Nothing to undo."
		return
	}
	for _, it := range j.items {
		m.release(it)
	}
	m.note = "Undone: " + j.doing() + "; nothing was sent."
}

// schedule asks the queue to wake the pane when there is something to
// show or send.
func (m *Model) schedule() tea.Cmd {
	cmd, due := m.queue.Schedule()
	if due {
		return m.sendDue()
	}
	return cmd
}

// sendDue sends every queued job whose time has come.
func (m *Model) sendDue() tea.Cmd {
	var cmds []tea.Cmd
	for _, j := range m.queue.Due() {
		cmds = append(cmds, m.send(j))
	}
	return tea.Batch(append(cmds, m.schedule())...)
}

// flush sends everything queued now (quitting, or the acting user is
// changing).
func (m *Model) flush() tea.Cmd {
	var cmds []tea.Cmd
	for _, j := range m.queue.All() {
		cmds = append(cmds, m.send(j))
	}
	return tea.Batch(cmds...)
}

// ran takes one item's answer: a refusal leaves the row as it was and is
// shown in the server's words, as is an answer that never came (worded as
// such: the change may or may not have been made); a form the input came
// from opens again with what was typed. Success updates the lists locally.
func (m *Model) ran(r ranMsg) tea.Cmd {
	if r.schema != nil {
		m.schema = r.schema
	}
	j := m.running[r.job]
	if j == nil || r.item != j.next {
		return nil
	}
	it := j.items[r.item]
	m.release(it)
	var cmds []tea.Cmd
	if why := failure(r); why != "" {
		j.failures = append(j.failures, it.label+": "+why)
		if api.KindOf(r.err) == api.KindOutcomeUnknown {
			j.unknown++
		}
		if len(j.items) == 1 {
			err := r.err
			if err == nil {
				err = errors.New(why)
			}
			where := j.phrase(presentTense, 1)
			cmds = append(cmds, func() tea.Msg { return common.ErrorMsg{Where: where, Err: err, Pane: Name, Change: true} })
			if f := j.form; f != nil {
				said := "Not saved: " + why
				switch api.KindOf(r.err) {
				case api.KindOutcomeUnknown:
					said = "No answer: " + why + "; saving again sends the same values"
				case api.KindNotApplied:
					said = "Not saved: " + why + " (" + keymap.Keys(m.ctx.Keys.Save) + ")"
				}
				cmds = append(cmds, f.Reopen(said))
			}
		}
	} else {
		j.ok++
		cmds = append(cmds, m.applied(j, it, r.out))
	}
	j.next++
	if j.next < len(j.items) {
		return tea.Batch(append(cmds, m.runItem(j))...)
	}
	delete(m.running, j.id)
	return tea.Batch(append(cmds, m.finished(j))...)
}

func failure(r ranMsg) string {
	if r.err != nil {
		var e *api.Error
		if errors.As(r.err, &e) {
			return e.Message
		}
		return r.err.Error()
	}
	return r.out.Failed()
}

// finished sums a job up: done, or how many were done, refused and left
// without an answer, and why.
func (m *Model) finished(j *job) tea.Cmd {
	switch {
	case len(j.failures) == 0:
		m.note = "Done: " + j.did()
		return nil
	case len(j.items) == 1:
		m.note = ""
		return nil
	}
	rest := ""
	if refused := len(j.failures) - j.unknown; refused > 0 {
		rest += fmt.Sprintf(", %d failed", refused)
	}
	var err error = errors.New(strings.Join(j.failures, "; "))
	if j.unknown > 0 {
		rest += fmt.Sprintf(", %d unanswered (may or may not have been done)", j.unknown)
		err = &api.Error{Kind: api.KindOutcomeUnknown, Message: err.Error()}
	}
	m.note = fmt.Sprintf("%s%s (%s shows why).", capital(j.phrase(pastTense, j.ok)), rest, keymap.Keys(m.ctx.Keys.Errors))
	where := fmt.Sprintf("%s (%d done%s)", j.doing(), j.ok, rest)
	return func() tea.Msg { return common.ErrorMsg{Where: where, Err: err, Pane: Name, Change: true} }
}

// applied updates the lists after a success, without refetching them: the
// row leaves its list (a community's edit replaces it), what the answer
// says has joined a list is added, and the tabs listing people load again
// when next shown, since the person's place may have changed.
func (m *Model) applied(j *job, it jobItem, out opigno.Outcome) tea.Cmd {
	if j.actor != m.actor {
		return nil
	}
	if it.tab != noTab {
		l := m.tabs[it.tab].list
		if out.Community != nil && it.row.Kind == communityRow {
			l.Set(communityRowOf(*out.Community))
		} else {
			l.Remove(rowKey(it.row))
		}
	}
	if out.Community != nil && it.row.Kind == communityInvitationRow {
		if m.listsProfile() && !slices.Contains(m.communities, out.Community.ID) {
			m.communities = append(m.communities, out.Community.ID) // joined: listed this session
		}
		m.join(communitiesTab, communityRowOf(*out.Community))
	}
	if it.row.Kind == communityRow && out.Community == nil && it.plan.Verb() == "DELETE" {
		m.communities = slices.DeleteFunc(m.communities, func(id string) bool { return id == it.row.ID })
	}
	if inv := out.Invitation; inv != nil && !inv.Accepted && inv.Initiator.UUID == j.oc.Acting() && m.tabs[invitationsTab].sent {
		m.join(invitationsTab, invitationRowOf(*inv, true))
	}
	if it.row.Kind == personRow || it.row.Kind == invitationRow {
		// The person may have moved between the possible connections and
		// the network: those tabs load again when next shown (in the
		// server's order, the cursor back on the row it was on), rather
		// than ask the server where the person is now after every action:
		// an accept or a decline is one round trip.
		m.stale(m.tabs[possibleTab])
		m.stale(m.tabs[networkTab])
	}
	return nil
}

// join puts a row where the tab's order puts it (the cursor staying on
// its row), unless it is there already or the tab's filter would not show
// it; a row that sorts after every loaded row comes with a later page.
func (m *Model) join(id tabID, r Row) {
	t := m.tabs[id]
	if _, there := t.list.Get(rowKey(r)); there {
		return
	}
	if t.filter != "" && !strings.Contains(strings.ToLower(r.Name()), strings.ToLower(t.filter)) {
		return
	}
	t.list.Insert(r, t.before)
}
