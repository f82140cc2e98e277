package ui

import (
	"time"

	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/common"
)

// NewContext is the program context over a profile's clients (Scope and
// Vision as directories of users and groups), with a
// per-request timeout (0 for config.DefaultTimeout).
func NewContext(cl config.Clients, th *theme.Theme, keys *keymap.Map, timeout time.Duration) *common.Context {
	if timeout <= 0 {
		timeout = config.DefaultTimeout
	}
	return &common.Context{
		Theme: th, Keys: keys, Opigno: cl.Opigno, Directories: directory.From(cl.Scope, cl.Vision),
		Timeout: timeout, Grace: 250 * time.Millisecond,
	}
}
