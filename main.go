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
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/demo"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	demoscope "github.com/rosterm/rosterm/api/demo/scope"
	demovision "github.com/rosterm/rosterm/api/demo/vision"
	"github.com/rosterm/rosterm/api/opigno"
	"github.com/rosterm/rosterm/api/scope"
	"github.com/rosterm/rosterm/api/vision"
	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/sanitize"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "rosterm: "+sanitize.Text(err.Error()))
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	srv, err := demo.Start("127.0.0.1:0", demo.Options{Seed: *seed})
	if err != nil {
		return err
	}
	defer srv.Close()
	ctx, err := demoContext(srv.URL, *as, *themeName)
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(ui.New(ctx, ui.Options{Theme: *themeName})).Run()
	return err
}

// demoContext connects to a demo server at url with its demo credentials.
func demoContext(url, actingUUID, themeName string) (*common.Context, error) {
	th, err := theme.New(themeName, true)
	if err != nil {
		return nil, err
	}
	timeout := 15 * time.Second
	oc, err := opigno.New(opigno.Config{Endpoint: url + "/opigno/graphql", Token: demoopigno.DemoToken, ActingUUID: actingUUID, Timeout: timeout})
	if err != nil {
		return nil, err
	}
	sc, err := scope.New(scope.Config{Endpoint: url + "/scope/graphql", Token: demoscope.DemoToken, Timeout: timeout})
	if err != nil {
		return nil, err
	}
	vc, err := vision.New(vision.Config{
		Endpoint: url + "/vision/graphql", TokenURL: url + "/vision/token",
		Key: demovision.DemoKey, Secret: demovision.DemoSecret, Groups: demovision.GroupIDs(), Timeout: timeout,
	})
	if err != nil {
		return nil, err
	}
	return &common.Context{
		Theme: th, Keys: keymap.Default(), Opigno: oc, Scope: sc, Vision: vc, Demo: true, Timeout: timeout, Grace: 250 * time.Millisecond,
	}, nil
}

func runDemoServer(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rosterm demo-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8765", "listen `address`")
	latency := fs.Duration("latency", 0, "delay added to every request, e.g. 100ms")
	seed := fs.Uint64("seed", demo.DefaultSeed, "data generator seed")
	legacy := fs.Bool("scope-legacy", false, "behave like a Scope server older than 2.28.1 (no Query.users)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := demo.Run(ctx, *addr, demo.Options{Seed: *seed, Latency: *latency, ScopeLegacy: *legacy}, stdout)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
