// Package common holds what every pane shares for one program: the theme,
// the keymap, the Opigno client and the directories of users and groups. One Context is made per program and
// passed down by pointer; nothing here is package-level state.
package common

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
)

// Context is the program-wide state panes read. Only the root model
// changes it (for example the theme, once the terminal's background colour
// is known, or the Opigno client when the acting user changes).
type Context struct {
	Theme  *theme.Theme
	Keys   *keymap.Map
	Opigno *opigno.Client // nil when not configured
	// Directories are the directories of users and groups the Users and
	// Groups panes show, in order (directory.From the clients); the panes
	// ask them for what they have, never which API they are.
	Directories []directory.Directory
	Demo        bool // running on the embedded demo server
	// People are offered by the act-as menu besides those acted as this
	// session (the demo's administrator and member).
	People   []opigno.Context
	ReadOnly bool          // every mutation disabled
	Timeout  time.Duration // per request
	// Base ends when the program does; every request's context derives
	// from it, so nothing outlives rosterm (nil: never ends).
	Base context.Context
	// Grace is how long a new dialog ignores keys that would confirm it,
	// so keys typed before it appeared cannot answer it.
	Grace time.Duration
	// UndoDelay is how long an accept or decline waits before it is sent,
	// so it can be taken back: 0 means the default (3 s), a negative
	// value sends at once.
	UndoDelay time.Duration
	// Secrets are every credential the program knows: the error line and
	// the error log remove them from what they show (nil: none known).
	Secrets *api.Secrets
	// Clock times the program's own waits and the time between keys (a
	// search's debounce, the undo window, keys held just after a field
	// closes); nil is the real clock. The requests' waits read the clock
	// Base carries.
	Clock clock.Clock
	// ListBudget, when set, replaces the lists' bound on one query's walk
	// through its pages (nil: the lists' own, 16 MB of rows). Only the
	// performance harness sets it, to load 100,000 rows and measure what
	// each costs; a person searches a list that long.
	ListBudget *api.Budget
}

// Now is the time on the context's clock.
func (c *Context) Now() time.Time {
	if c.Clock == nil {
		return time.Now()
	}
	return c.Clock.Now()
}

// After is tea.Tick on the context's clock: a command that delivers
// msg(t) once d has passed. A test moves a virtual clock on instead of
// waiting.
func (c *Context) After(d time.Duration, msg func(time.Time) tea.Msg) tea.Cmd {
	clk := c.Clock
	if clk == nil {
		return tea.Tick(d, msg)
	}
	return func() tea.Msg {
		due, _ := clock.Timer(clk, d)
		return msg(<-due)
	}
}

// FlushMsg asks every pane to send now the changes waiting out their undo
// window (the person chose to send them before quitting).
type FlushMsg struct{}

// Broadcast makes FlushMsg reach every pane.
func (FlushMsg) Broadcast() {}

// DiscardMsg asks every pane to drop, unsent, the changes waiting out their
// undo window (the person chose to quit without them).
type DiscardMsg struct{}

// Broadcast makes DiscardMsg reach every pane.
func (DiscardMsg) Broadcast() {}

// Request is the context of one request: it ends after Timeout, or when
// the program ends, whichever comes first.
func (c *Context) Request() (context.Context, context.CancelFunc) {
	base, timeout := c.Base, c.Timeout
	if base == nil {
		base = context.Background()
	}
	if timeout <= 0 {
		timeout = api.DefaultTimeout
	}
	return context.WithTimeout(base, timeout)
}

// Directory is the directory whose rows have source s, or nil.
func (c *Context) Directory(s api.Source) directory.Directory {
	return directory.Of(c.Directories, s)
}

// DirectoryName is what a person calls the directory of rows with source
// s: its name, or the source itself when none is configured.
func (c *Context) DirectoryName(s api.Source) string {
	if d := c.Directory(s); d != nil {
		return d.Name()
	}
	return string(s)
}

// Target addresses an asynchronous result to the pane and list that asked
// for it, so the root can route it and stale answers can be recognised.
type Target struct {
	Pane string
	List string
}

// Addressed is a message meant for one pane.
type Addressed interface {
	Address() Target
}

// StatusMsg puts a short, transient note in the status line.
type StatusMsg struct{ Text string }

// ErrorMsg reports a failure to the error line and the error log, which
// add what the user can do about it.
type ErrorMsg struct {
	Where string // what was being done, e.g. "loading users"
	Err   error
	// Pane is the pane whose refresh key retries what failed, or shows
	// whether a change whose outcome is unknown took effect; "" for none.
	Pane string
	// Change marks a failed change (a mutation), which is never retried
	// by itself: trying again is asking for it again.
	Change bool
}

// Dialog is a modal box a pane opens (a confirmation, an action menu, a
// form). While open it owns the keyboard. What it decides comes back as
// the message its command returns, addressed to the pane that opened it.
type Dialog interface {
	// Key handles a key press; done closes the dialog.
	Key(k tea.KeyPressMsg) (cmd tea.Cmd, done bool)
	// Update receives messages addressed to the dialog (see DialogMsg).
	Update(msg tea.Msg) tea.Cmd
	// View draws the dialog within the given size.
	View(maxWidth, maxHeight int) string
}

// OpenDialogMsg asks the root to show a dialog over the panes.
type OpenDialogMsg struct{ Dialog Dialog }

// DialogMsg is a message for the open dialog (a form's server reply, say).
type DialogMsg struct{ Msg tea.Msg }

// CloseDialogMsg asks the root to close Dialog, which decided to close on a
// message rather than a key (a form once its save succeeded).
type CloseDialogMsg struct{ Dialog Dialog }

// Broadcast marks messages that every pane receives, such as a change of
// the selected user that other panes follow.
type Broadcast interface{ Broadcast() }

// Announcer is a pane with something to tell every pane (the user it has
// selected). The root asks it after each key or message it gave it, and
// gives what it says to every pane in the same update: no command, no
// second message, so the change is drawn once.
type Announcer interface {
	Announcements() []Broadcast
}

// Unaffected is a pane that can tell a broadcast changes nothing it
// draws, so the root keeps its last drawing rather than draw it again.
type Unaffected interface {
	Unaffected(msg tea.Msg) bool
}

// UserSelectedMsg says which user the Users pane has selected.
type UserSelectedMsg struct {
	User api.User
	OK   bool // false when nothing is selected
}

// Broadcast makes UserSelectedMsg reach every pane.
func (UserSelectedMsg) Broadcast() {}

// UserChangedMsg says a user was changed (edited, or given other groups);
// panes showing that user show the new version.
type UserChangedMsg struct{ User api.User }

// Broadcast makes UserChangedMsg reach every pane.
func (UserChangedMsg) Broadcast() {}

// InvitePersonMsg asks the Connections pane to invite a person another pane
// shows (a Scope or Vision user) to an Opigno community. Opigno knows
// people as user contexts, so the pane looks the person up by name.
type InvitePersonMsg struct {
	Name string
}

// Broadcast makes InvitePersonMsg reach every pane.
func (InvitePersonMsg) Broadcast() {}

// SwitchActingMsg asks the root to act as another Opigno user context.
type SwitchActingMsg struct{ UUID string }

// ActorMsg is a change of the acting user context, sent to every pane after
// the root has switched the Opigno client.
type ActorMsg struct{ UUID string }

// Broadcast makes ActorMsg reach every pane.
func (ActorMsg) Broadcast() {}

// CopyMsg asks the root to put text on the clipboard (OSC 52, which works
// over SSH).
type CopyMsg struct{ Text string }

// Helper is implemented by panes that list their own keys for help.
type Helper interface {
	// HelpKeys are the pane's keys, most used first; the help bar shows
	// the first few and ? shows all.
	HelpKeys() []key.Binding
}

// Waiter is implemented by panes that hold changes not yet answered:
// waiting out their undo window, or sent and not yet answered. A session
// that must end (the server stops) ends once none is left.
type Waiter interface {
	Waiting() int
}

// Statuser is implemented by panes with something to say in the status
// line (a countdown, progress).
type Statuser interface {
	Status() string
}
