package faults

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterm/rosterm/api/demo/gqlserve"
)

// Paging faults make a server whose word about the next page cannot be
// trusted. Each starts from the real answer and changes its cursors (a
// Relay pageInfo's endCursor and hasNextPage, Vision's nextToken); the
// cursors it makes up are recognised when they come back and asked of the
// real server as the first page. Introspection is answered as it is. They are meant as rules for every
// request to an API (Share 1), since a loop is many requests:
//
//	repeat   every page names the same next page, and says there is more:
//	         the server keeps returning the same page
//	cycle    the next pages go A, B, A, B…: a cycle of two cursors
//	endless  every page names a new next page and says there is more, its
//	         rows' ids made new as well, so each page looks like new rows
//	flood    endless, with every name and title on the page 8 KB long
//	dup      the real answer, its cursors untouched, with every list in it
//	         twice over: each row (and each id a group lists) twice in a row
const (
	RepeatPage    Fault = "repeat"
	CyclePages    Fault = "cycle"
	EndlessPage   Fault = "endless"
	FloodPages    Fault = "flood"
	DuplicateRows Fault = "dup"
)

// cursorMark starts every cursor a paging fault makes up.
const cursorMark = "rosterm-fault:"

// floodSize is how long flood makes each name and title.
const floodSize = 8 << 10

// floodKeys are the fields flood lengthens.
var floodKeys = map[string]bool{"name": true, "firstName": true, "lastName": true, "displayName": true,
	"given_name": true, "family_name": true, "title": true, "description": true, "jobTitle": true}

// paging answers r with the real answer, its cursors changed as f says.
func paging(f Fault, next http.Handler, w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
	var req map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	page := 0
	if dec.Decode(&req) == nil {
		if vars, ok := req["variables"].(map[string]any); ok {
			page = dropCursors(vars)
			if b, err := json.Marshal(req); err == nil {
				body = b
			}
		}
	}
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	r2.ContentLength = int64(len(body))
	rec := gqlserve.Record(next, r2)
	var answer map[string]any
	dec = json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.UseNumber()
	if dec.Decode(&answer) != nil || answer["data"] == nil || bytes.Contains(body, []byte("__schema")) {
		rec.Send(w, rec.Body.Bytes())
		return
	}
	p := pager{fault: f, page: page + 1}
	answer["data"] = p.rewrite(answer["data"], "")
	out, err := json.Marshal(answer)
	if err != nil {
		rec.Send(w, rec.Body.Bytes())
		return
	}
	rec.Send(w, out)
}

// dropCursors takes out of vars the cursors a paging fault made up (the
// real server would not know them) and returns the page number the
// cursor carried: 0 for none.
func dropCursors(vars map[string]any) int {
	page := 0
	for k, v := range vars {
		switch v := v.(type) {
		case string:
			if rest, ok := strings.CutPrefix(v, cursorMark); ok {
				vars[k] = nil
				_, n, _ := strings.Cut(rest, ":")
				page, _ = strconv.Atoi(n)
			}
		case map[string]any:
			if n := dropCursors(v); n > 0 {
				page = n
			}
		}
	}
	return page
}

// pager changes one answer's cursors.
type pager struct {
	fault Fault
	page  int // the page this answer is, counting from 1
}

// cursor is the next page's made-up cursor.
func (p pager) cursor() string {
	switch p.fault {
	case RepeatPage:
		return cursorMark + "same:1"
	case CyclePages:
		if p.page%2 == 1 {
			return cursorMark + "A:1"
		}
		return cursorMark + "B:2"
	}
	return cursorMark + "new:" + strconv.Itoa(p.page)
}

// rewrite changes v (an answer's data, or part of it under key).
func (p pager) rewrite(v any, key string) any {
	if p.fault == DuplicateRows {
		return twice(v)
	}
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch {
			case k == "endCursor" || k == "nextToken":
				v[k] = p.cursor()
			case k == "hasNextPage":
				v[k] = true
			case k == "id" && (p.fault == EndlessPage || p.fault == FloodPages):
				if s, ok := x.(string); ok {
					v[k] = s + "~" + strconv.Itoa(p.page)
				}
			case p.fault == FloodPages && floodKeys[k]:
				if s, ok := x.(string); ok && key != "pageInfo" {
					v[k] = s + " " + strings.Repeat("~", max(floodSize-len(s)-1, 0))
				}
			default:
				v[k] = p.rewrite(x, k)
			}
		}
		return v
	case []any:
		for i := range v {
			v[i] = p.rewrite(v[i], key)
		}
		return v
	}
	return v
}

// twice doubles every list in v, each element beside itself.
func twice(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = twice(x)
		}
	case []any:
		out := make([]any, 0, 2*len(v))
		for _, x := range v {
			x = twice(x)
			out = append(out, x, x)
		}
		return out
	}
	return v
}
