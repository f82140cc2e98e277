// Package common holds what every pane shares for one program: the theme,
// the keymap and the API clients. One Context is made per program and
// passed down by pointer; nothing here is package-level state.
package common

import (
	"time"

	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
)

// Context is the program-wide state panes read. Only the root model
// changes it (for example the theme, once the terminal's background colour
// is known, or the Opigno client when the acting user changes).
type Context struct {
	Theme    *theme.Theme
	Keys     *keymap.Map
	Opigno   *opigno.Client // nil when not configured
	Scope    *scope.Client
	Vision   *vision.Client
	Demo     bool          // running on the embedded demo server
	ReadOnly bool          // every mutation disabled
	Timeout  time.Duration // per request
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

// ErrorMsg reports a failure to the error line and the error log.
type ErrorMsg struct {
	Where string // what was being done, e.g. "loading users"
	Err   error
}
