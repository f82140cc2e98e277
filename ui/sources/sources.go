// Package sources is the Users and Groups panes' choice of which user
// directories to show: every configured one (each row labelled with its
// source) or one alone.
package sources

import (
	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/ui/common"
)

// Filter is the directories configured and the one shown alone, if any.
type Filter struct {
	avail []api.Source
	only  api.Source // "" shows all
}

// New offers the directories ctx has clients for, Scope first.
func New(ctx *common.Context) Filter {
	var f Filter
	if ctx.Scope != nil {
		f.avail = append(f.avail, api.Scope)
	}
	if ctx.Vision != nil {
		f.avail = append(f.avail, api.Vision)
	}
	return f
}

// Next cycles all, then each source alone, then all again. With one
// source there is nothing to switch.
func (f *Filter) Next() {
	if len(f.avail) < 2 {
		return
	}
	switch f.only {
	case "":
		f.only = f.avail[0]
	case f.avail[len(f.avail)-1]:
		f.only = ""
	default:
		for i, s := range f.avail {
			if s == f.only {
				f.only = f.avail[i+1]
				break
			}
		}
	}
}

// Shows reports whether rows from s are shown.
func (f Filter) Shows(s api.Source) bool {
	if f.only != "" {
		return s == f.only
	}
	for _, a := range f.avail {
		if a == s {
			return true
		}
	}
	return false
}

// Many reports whether several sources are configured, so rows carry a
// source label.
func (f Filter) Many() bool { return len(f.avail) > 1 }

// Title is the pane title's suffix: " · Scope" while one source is shown
// alone, "" otherwise.
func (f Filter) Title() string {
	switch f.only {
	case api.Scope:
		return " · Scope only"
	case api.Vision:
		return " · Vision only"
	}
	return ""
}
