// Command rosterm is a keyboard-driven terminal UI for user directories and
// social features on the Opigno, Scope and XOi Vision GraphQL APIs.
//
//	rosterm                       start (on the embedded demo server when nothing is configured)
//	rosterm demo-server [flags]   run the demo server alone
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/sanitize"
)

func main() {
	stderr := os.Stderr // the UI sends os.Stderr to a file (terminal.go)
	if err := run(os.Args[1:], os.Stdout, stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stderr, "rosterm: "+sanitize.Text(err.Error()))
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "demo-server" {
		return runDemoServer(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("rosterm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	as := fs.String("as", demoopigno.AdminUUID, "Opigno user context `UUID` to act as")
	themeName := fs.String("theme", "auto", "colour theme: auto, dark, light, high-contrast or none")
	seed := fs.Uint64("seed", demo.DefaultSeed, "demo data seed")
	hostile := fs.Bool("hostile", false, "seed the demo data with text that tries to take over the terminal")
	faultSpec := fs.String("faults", "", "make the demo server fail some requests on purpose (`SPEC` as for demo-server)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	injector, err := parseFaults(*faultSpec)
	if err != nil {
		return err
	}
	srv, err := demo.Start("127.0.0.1:0", demo.Options{Seed: *seed, Hostile: *hostile, Faults: injector})
	if err != nil {
		return err
	}
	defer srv.Close()
	ctx, err := ui.DemoContext(srv.URL, *as, *themeName)
	if err != nil {
		return err
	}
	return runProgram(ui.New(ctx, ui.Options{Theme: *themeName}), stderr)
}

func runDemoServer(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rosterm demo-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8765", "listen `address`")
	latency := fs.Duration("latency", 0, "delay added to every request, e.g. 100ms")
	seed := fs.Uint64("seed", demo.DefaultSeed, "data generator seed")
	legacy := fs.Bool("scope-legacy", false, "behave like a Scope server older than 2.28.1 (no Query.users)")
	hostile := fs.Bool("hostile", false, "seed the data with text that tries to take over the terminal")
	faultSpec := fs.String("faults", "", "fail some requests on purpose, as `SPEC` says (below)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage of rosterm demo-server:")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\n"+faults.SpecHelp)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	injector, err := parseFaults(*faultSpec)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = demo.Run(ctx, *addr, demo.Options{Seed: *seed, Latency: *latency, ScopeLegacy: *legacy, Hostile: *hostile, Faults: injector}, stdout)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// parseFaults reads a --faults SPEC; an empty one injects nothing.
func parseFaults(spec string) (*faults.Injector, error) {
	if spec == "" {
		return nil, nil
	}
	rules, err := faults.Parse(spec)
	if err != nil {
		return nil, err
	}
	return faults.New(rules...), nil
}
