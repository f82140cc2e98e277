package list

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/rosterm/rosterm/api"
)

// Chain pages through several sources one after the other, as one list:
// all of the first source's pages, then the second's, and so on. The
// cursor it hands out is "<source index>:<that source's cursor>". The
// total is unknown until the end, since later sources have not been asked.
func Chain[T any](sources ...Fetch[T]) Fetch[T] {
	return func(ctx context.Context, after string, n int) (api.Page[T], error) {
		i, inner, err := splitChain(after)
		if err != nil || i >= len(sources) {
			return api.Page[T]{}, fmt.Errorf("list: bad chained cursor %q", after)
		}
		for {
			p, err := sources[i](ctx, inner, n)
			if err != nil {
				return p, err
			}
			last := i == len(sources)-1
			if len(sources) > 1 {
				p.PartTotal, p.Total = p.Total, -1
			}
			switch {
			case p.More:
				p.Next = strconv.Itoa(i) + ":" + p.Next
			case !last && len(p.Items) == 0:
				// An empty source: go straight on to the next one, since an
				// empty page would end the list.
				i, inner = i+1, ""
				continue
			case !last:
				p.Next, p.More = strconv.Itoa(i+1)+":", true
			}
			return p, nil
		}
	}
}

func splitChain(after string) (int, string, error) {
	if after == "" {
		return 0, "", nil
	}
	idx, inner, ok := strings.Cut(after, ":")
	if !ok {
		return 0, "", fmt.Errorf("no source index")
	}
	i, err := strconv.Atoi(idx)
	return i, inner, err
}
