package list

import (
	"context"
	"fmt"
	"testing"

	"github.com/rosterm/rosterm/api"
)

// pages serves n rows named prefix-i, with a total when total is set.
func pages(prefix string, n int, total bool) Fetch[string] {
	return func(_ context.Context, after string, size int) (api.Page[string], error) {
		start := 0
		fmt.Sscanf(after, "%d", &start)
		end := min(start+size, n)
		p := api.Page[string]{Next: fmt.Sprint(end), More: end < n, Total: -1}
		if total {
			p.Total = n
		}
		for i := start; i < end; i++ {
			p.Items = append(p.Items, fmt.Sprintf("%s-%d", prefix, i))
		}
		return p, nil
	}
}

func TestChainPagesEachSourceInTurn(t *testing.T) {
	f := Chain(pages("scope", 3, true), pages("none", 0, true), pages("vision", 3, false))
	var got []string
	after := ""
	for step := 0; ; step++ {
		p, err := f(context.Background(), after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != -1 {
			t.Fatalf("a chain's total is unknown, got %d", p.Total)
		}
		if step == 0 && p.PartTotal != 3 {
			t.Fatalf("the first source's own total must be kept, got %d", p.PartTotal)
		}
		got = append(got, p.Items...)
		if !p.More {
			break
		}
		after = p.Next
	}
	want := "[scope-0 scope-1 scope-2 vision-0 vision-1 vision-2]"
	if fmt.Sprint(got) != want {
		t.Fatalf("got %v, want %s", got, want)
	}
}
