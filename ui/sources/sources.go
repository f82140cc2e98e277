// Package sources is the Users and Groups panes' choice of which user
// directories to show: every configured one (each row labelled with its
// source) or one alone.
package sources

import (
	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/common"
)

// Filter is the directories configured and the one shown alone, if any.
type Filter struct {
	avail []directory.Directory
	only  int // 1 + the index of the one shown alone, 0 for all
}

// New offers the directories ctx has, in its order.
func New(ctx *common.Context) Filter {
	return Filter{avail: ctx.Directories}
}

// Next cycles all, then each source alone, then all again. With one
// source there is nothing to switch.
func (f *Filter) Next() {
	if len(f.avail) < 2 {
		return
	}
	f.only = (f.only + 1) % (len(f.avail) + 1)
}

// Shown are the directories whose rows are shown, in order.
func (f Filter) Shown() []directory.Directory {
	if f.only > 0 {
		return f.avail[f.only-1 : f.only]
	}
	return f.avail
}

// Shows reports whether rows from s are shown.
func (f Filter) Shows(s api.Source) bool {
	return directory.Of(f.Shown(), s) != nil
}

// Many reports whether several sources are configured, so rows carry a
// source label.
func (f Filter) Many() bool { return len(f.avail) > 1 }

// Title is the pane title's suffix: " · Scope only" while one source is
// shown alone, "" otherwise.
func (f Filter) Title() string {
	if f.only == 0 {
		return ""
	}
	return " · " + f.Alone() + " only"
}

// Alone names the directory shown alone, "" while all are.
func (f Filter) Alone() string {
	if f.only == 0 {
		return ""
	}
	return f.avail[f.only-1].Name()
}
