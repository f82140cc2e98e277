package list

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/ui/common"
)

// pages serves prefix-0..prefix-(n-1), reporting its total when told to.
func pages(prefix string, n int, says bool, asked *[]int) Fetch[string] {
	return func(_ context.Context, after string, size int) (api.Page[string], error) {
		*asked = append(*asked, size)
		start := 0
		if after != "" {
			fmt.Sscanf(after, "%d", &start)
		}
		end := min(start+size, n)
		p := api.Page[string]{Next: fmt.Sprint(end), More: end < n, Total: -1}
		if says {
			p.Total = n
		}
		for i := start; i < end; i++ {
			p.Items = append(p.Items, fmt.Sprintf("%s-%d", prefix, i))
		}
		return p, nil
	}
}

func walk(t *testing.T, f Fetch[string], n int) (rows []string, totals []int) {
	t.Helper()
	after := ""
	for range 100 {
		p, err := f(context.Background(), after, n)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, p.Items...)
		totals = append(totals, p.Total)
		if !p.More {
			return rows, totals
		}
		after = p.Next
	}
	t.Fatal("the chain never ended")
	return nil, nil
}

func TestChainFillsPagesAcrossSourcesAndKnowsItsTotal(t *testing.T) {
	var asked []int
	f := Chain(pages("inv", 6, true, &asked), pages("empty", 0, true, &asked), pages("com", 30, true, &asked))
	rows, totals := walk(t, f, 20)
	if len(rows) != 36 || rows[0] != "inv-0" || rows[6] != "com-0" || rows[35] != "com-29" {
		t.Fatalf("rows: %d %v", len(rows), rows)
	}
	// The first page ends the short source and fills up from the others,
	// so the total is known at once.
	if totals[0] != 36 || len(totals) != 2 || totals[1] != 36 {
		t.Errorf("totals per page %v, want 36 from the first page on", totals)
	}
	if asked[0] != 20 || asked[1] != 14 || asked[2] != 14 {
		t.Errorf("page sizes asked %v: each source asked only for the room left", asked)
	}
	if p, _ := f(context.Background(), "", 3); p.PartTotal != 6 {
		t.Errorf("a page keeps the total of the source it starts in: got %d, want 6", p.PartTotal)
	}
}

func TestChainTotalUnknownUntilTheLastSource(t *testing.T) {
	var asked []int
	f := Chain(pages("a", 50, true, &asked), pages("b", 5, false, &asked))
	_, totals := walk(t, f, 20)
	for i, tot := range totals {
		if tot != -1 {
			t.Errorf("page %d total %d: a source that does not say its total leaves it unknown", i, tot)
		}
	}
	_, totals = walk(t, Chain(pages("a", 50, true, &asked), pages("b", 5, true, &asked)), 20)
	if totals[0] != -1 || totals[len(totals)-1] != 55 {
		t.Errorf("totals %v: unknown before the last source, 55 once it answers", totals)
	}
	if _, err := f(context.Background(), "garbage", 10); err == nil {
		t.Error("a bad cursor must be an error")
	}
}

// failing is a source that fails every time.
func failing(msg string) Fetch[string] {
	return func(context.Context, string, int) (api.Page[string], error) {
		return api.Page[string]{}, &api.Error{Kind: api.KindAuth, Message: msg}
	}
}

// A source that fails does not take the sources after it down with it:
// their rows come, and the failure is said beside them.
func TestChainSkipsAFailingSourceAndGoesOn(t *testing.T) {
	var asked []int
	f := Chain(Source("Scope", failing("not signed in (HTTP 401)")), Source("Vision", pages("vis", 30, true, &asked)))
	p, err := f(context.Background(), "", 20)
	var sk *Skipped
	if !errors.As(err, &sk) || sk.Err != nil || len(sk.Errs) != 1 || sk.Errs[0].Error() != "Scope: not signed in (HTTP 401)" {
		t.Fatalf("want the page with Scope's failure beside it, got %v", err)
	}
	if api.KindOf(err) != api.KindAuth {
		t.Errorf("the skipped failure keeps its kind, for the advice: %v", api.KindOf(err))
	}
	if len(p.Items) != 20 || p.Items[0] != "vis-0" || !p.More {
		t.Fatalf("Vision's rows fill the page: %v", p.Items)
	}
	rest, err := f(context.Background(), p.Next, 20)
	if err != nil || len(rest.Items) != 10 || rest.More {
		t.Errorf("the next page goes on in Vision: %d rows, %v", len(rest.Items), err)
	}
	// The last source's failure is the page's, with what came before it.
	f = Chain(Source("Scope", failing("a")), Source("Vision", failing("b")))
	_, err = f(context.Background(), "", 20)
	if !errors.As(err, &sk) || sk.Err == nil || sk.Err.Error() != "Vision: b" || len(sk.Errs) != 1 {
		t.Errorf("both failing: %v", err)
	}
}

// drive runs cmd and every command it leads to, feeding the list's
// messages back as the program would, and returns the other messages.
func drive(m *Model[string], cmd tea.Cmd) (other []tea.Msg) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case PageMsg[string]:
			next, _ := m.Update(msg)
			queue = append(queue, next)
		default:
			other = append(other, msg)
		}
	}
	return other
}

// What the user sees of a failing source: its own line above the rows of
// the source that answered, the error reported once, and r asking again.
func TestAListShowsAFailedSourceOnItsOwnLine(t *testing.T) {
	m, _ := newList(t, 8)
	var asked []int
	broken := true
	scope := func(ctx context.Context, after string, n int) (api.Page[string], error) {
		if broken {
			return failing("not signed in (HTTP 401)")(ctx, after, n)
		}
		return pages("sco", 3, true, &asked)(ctx, after, n)
	}
	f := Chain(Source("Scope", scope), Source("Vision", pages("vis", 5, true, &asked)))
	other := drive(m, m.Load(f))
	lines := m.View(true)
	if !strings.Contains(lines[0], "! Scope: not signed in (HTTP 401) (r") {
		t.Fatalf("the first line says Scope failed: %q", lines[0])
	}
	if !strings.Contains(lines[1], "vis-0") || m.Len() != 5 {
		t.Fatalf("Vision's rows follow: %q (%d rows)", lines[1], m.Len())
	}
	if len(lines) > 8 {
		t.Errorf("%d lines in a list 8 high", len(lines))
	}
	if len(other) != 1 || other[0].(common.ErrorMsg).Where != "loading l" {
		t.Errorf("the failure is reported once to the error line: %v", other)
	}
	broken = false
	drive(m, func() tea.Msg { return nil })
	cmd, _ := m.Update(press("r"))
	drive(m, cmd)
	if lines := m.View(true); strings.Contains(strings.Join(lines, "\n"), "not signed in") || m.Len() != 8 || !strings.Contains(lines[0], "sco-0") {
		t.Errorf("r asks the failed source again:\n%s", strings.Join(lines, "\n"))
	}
}

// A source that cannot page further says so where the user looks.
func TestAListSaysWhyItStopsEarly(t *testing.T) {
	m, _ := newList(t, 6)
	f := func(context.Context, string, int) (api.Page[string], error) {
		return api.Page[string]{Items: []string{"a", "b"}, Total: 1200, End: "first 2 of 1200 users: this server cannot page further"}, nil
	}
	drive(m, m.Load(f))
	if lines := m.View(true); !strings.Contains(lines[0], "first 2 of 1200 users") || !strings.Contains(lines[1], "a") {
		t.Errorf("the stop is said above the rows:\n%s", strings.Join(lines, "\n"))
	}
}
