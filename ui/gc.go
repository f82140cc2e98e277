package ui

import (
	"os"
	"runtime/debug"
)

// gcPercent is the collector's target for rosterm: the heap may grow half
// again over what is live before a collection, not Go's default of twice.
// What is live is mostly loaded rows, kept for the whole session; garbage
// comes in bursts as pages are decoded. At the default, a process that
// loaded a hundred thousand rows keeps twice their memory; at 50 it keeps
// a half more, for collections a little more often while pages load (a
// keypress allocates too little to start one).
const gcPercent = 50

// SetGC sets the collector as rosterm runs it, unless GOGC says otherwise.
// main calls it first; so does anything that measures rosterm as a
// process (ui/perf).
func SetGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
