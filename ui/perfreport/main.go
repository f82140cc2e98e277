// Command perfreport measures rosterm as the README's Performance section
// reports it and prints the table. Run it from the module: go run ./ui/perfreport
package main

import (
	"fmt"
	"os"

	"github.com/rosterm/rosterm/ui/perf"
)

func main() {
	perf.ChildMain()
	m, err := perf.MeasureMemory(100_000)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%+v per row %.0f B\n", m, m.PerRow())
}
