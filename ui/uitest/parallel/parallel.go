// Package parallel sets how many of a test binary's parallel tests run at
// once. It imports nothing of rosterm's, so that any test can use it.
package parallel

import (
	"flag"
	"strconv"
)

// Allow lets n of a package's parallel tests run at once, unless the
// command line says how many (-parallel). Go runs GOMAXPROCS of them by
// default, as if each kept a core busy; a flow test mostly waits (on the
// demo server over HTTP, a timer, the next frame, a program it started),
// so on two cores two at a time left the machine idle while a package
// took a minute. Call it from TestMain, before m.Run.
func Allow(n int) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		_ = flag.Set("test.parallel", strconv.Itoa(n))
	}
}
