// Command perfreport measures rosterm as the README's Performance section
// reports it and prints that section's tables, so that they come from the
// program as it is and cannot drift from it: what one key costs the whole
// program beside the smallest bubbles/list program (BenchmarkKeypress's
// setups), what the renderer writes, the memory of 100,000 loaded rows in
// a process of their own, and the requests sent to the demo server. It
// says which targets of issue 15 are missed. Run it from the module (it
// takes some ten minutes on 2 cores):
//
//	go run ./ui/perfreport > /tmp/perf.md
//
// Progress goes to standard error. -memory-only measures the memory alone
// (-rows rows), with a heap profile where ROSTERM_PERF_HEAPPROFILE names
// a file.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/rosterm/rosterm/ui/perf"
)

func main() {
	// The memory is measured in a process of its own: this program again.
	perf.ChildMain()
	rounds := flag.Int("rounds", 3, "timed one-second runs of each benchmark; the fastest is shown")
	memoryOnly := flag.Bool("memory-only", false, "measure only the memory of -rows Connections rows")
	rows := flag.Int("rows", 100_000, "Connections rows loaded for -memory-only")
	flag.Parse()
	if *memoryOnly {
		m, err := perf.MeasureMemory(*rows)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%d rows: RSS %d MB started, %d MB loaded, %.0f B per row; heap in use %d MB\n",
			m.Rows, m.Before>>20, m.After>>20, m.PerRow(), m.Heap>>20)
		return
	}
	r, err := perf.Measure(*rounds, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r.Markdown(os.Stdout)
}
