package perf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/ui"
)

// memoryEnv, set to a demo server's address, makes a process the child of
// MeasureMemory (see ChildMain).
const memoryEnv = "ROSTERM_PERF_MEMORY_CHILD"

// Memory is what a process running rosterm uses, before and after loading
// every possible connection into the Connections pane.
type Memory struct {
	Rows   int    // rows loaded
	Before uint64 // RSS once started, its first page shown, bytes
	After  uint64 // RSS with every row loaded and drawn
	Peak   uint64 // the most RSS the process had
	Heap   uint64 // heap in use after loading, after a collection
}

// PerRow is the RSS each loaded row added, in bytes.
func (m Memory) PerRow() float64 {
	if m.Rows == 0 {
		return 0
	}
	return (float64(m.After) - float64(m.Before)) / float64(m.Rows)
}

// ContextsFor is how many Opigno people the demo needs for n possible
// connections (some of its people are the acting user's network, or have
// invited them).
func ContextsFor(n int) int { return n * 107 / 100 }

// MeasureMemory serves the demo with enough people for n possible
// connections and runs this program again as a process of its own that
// loads them all into the Connections pane (ChildMain), and returns what
// that process used. The server stays in this process, so that only the
// program is measured.
func MeasureMemory(n int) (Memory, error) {
	srv := StartServer(demo.Options{OpignoContexts: ContextsFor(n)})
	defer srv.Close()
	exe, err := os.Executable()
	if err != nil {
		return Memory{}, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), memoryEnv+"="+srv.URL)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return Memory{}, fmt.Errorf("the measuring process: %w: %s", err, stderr.String())
	}
	var m Memory
	if err := json.Unmarshal(out, &m); err != nil {
		return Memory{}, fmt.Errorf("the measuring process said %q: %w", out, err)
	}
	return m, nil
}

// ChildMain is what a program using MeasureMemory calls first in main:
// in the measuring process it loads every possible connection, prints
// what the process used as JSON and exits; elsewhere it returns at once.
func ChildMain() {
	url := os.Getenv(memoryEnv)
	if url == "" {
		return
	}
	ui.SetGC() // as main does
	m, err := loadConnections(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(m)
	os.Exit(0)
}

// loadConnections runs rosterm on the demo at url as main does (the
// root model, its clients, 120×40), loads every possible connection by
// paging down until no page follows, and measures.
func loadConnections(url string) (Memory, error) {
	ctx, err := Context(context.Background(), url)
	if err != nil {
		return Memory{}, err
	}
	ctx.ListBudget = Unbounded()
	d := NewDriver(ui.New(ctx, ui.Options{Theme: "dark"}))
	d.Draw = false
	d.Init()
	d.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.Press("3")
	_ = d.Screen()
	var m Memory
	runtime.GC()
	m.Before = rss("VmRSS")
	d.LoadAll()
	screen := d.Screen()
	runtime.GC()
	m.After, m.Peak = rss("VmRSS"), rss("VmHWM")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.Heap = ms.HeapInuse
	if path := os.Getenv("ROSTERM_PERF_HEAPPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	runtime.KeepAlive(d)
	p := &Program{Setup: Setup{Focus: "3"}, Driver: d}
	if m.Rows = p.Rows(); m.Rows == 0 {
		return m, errors.New("no rows loaded:\n" + screen)
	}
	return m, nil
}

// rss reads a size from /proc/self/status, in bytes (0 where there is
// none).
func rss(field string) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
