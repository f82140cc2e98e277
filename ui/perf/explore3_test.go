package perf

import (
	"context"
	"os"
	"testing"

	"github.com/rosterm/rosterm/api/demo"
)

func TestExploreHeap(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	srv := StartServer(demo.Options{OpignoContexts: ContextsFor(30000)})
	defer srv.Close()
	os.Setenv("ROSTERM_PERF_HEAPPROFILE", "/tmp/heap.prof")
	m, err := loadConnections(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", m)
	_ = context.Background()
}
