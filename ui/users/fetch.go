package users

import (
	"fmt"
	"strings"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/ui/list"
	"github.com/rosterm/rosterm/ui/sources"
)

// fetch builds the query for text over the shown directories, in order,
// each searched its own way. nil when none is shown.
func fetch(src sources.Filter, text string) list.Fetch[api.User] {
	text = strings.TrimSpace(text)
	var fs []list.Fetch[api.User]
	for _, d := range src.Shown() {
		fs = append(fs, list.Source(d.Name(), d.Users(text)))
	}
	switch len(fs) {
	case 0:
		return nil
	case 1:
		return fs[0]
	}
	// One source's failure leaves the other's rows on screen.
	return list.Chain(fs...)
}

// searchNote says how a search reaches the shown directories that cannot
// search themselves.
func searchNote(src sources.Filter, text string) string {
	var notes []string
	for _, d := range src.Shown() {
		if n := d.SearchNote(text); n != "" {
			notes = append(notes, n)
		}
	}
	return strings.Join(notes, " · ")
}

func markedStatus(n int, deleteKey string) string {
	return fmt.Sprintf("%d selected · %s deletes them", n, deleteKey)
}
