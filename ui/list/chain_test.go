package list

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterm/rosterm/api"
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
