package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/journal"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/serve"
)

// runServe is `rosterm serve`: the UI over SSH, one session per person,
// until SIGINT or SIGTERM (SIGHUP reads the users file again).
func runServe(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	return serveUntil(ctx, args, getenv, hup, stdout, stderr)
}

// serveFlags are serve's own options.
type serveFlags struct {
	addr, hostKey, users string
	maxSessions, maxPer  int
	idle, drain          time.Duration
}

// serveUntil serves until ctx ends, reading the users file again on each
// value from reload.
func serveUntil(ctx context.Context, args []string, getenv func(string) string, reload <-chan os.Signal, stdout, stderr io.Writer) error {
	var f flags
	var sf serveFlags
	fl := flag.NewFlagSet("rosterm serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addFlags(fl, &f, true)
	fl.StringVar(&sf.addr, "addr", ":2222", "listen `address` (port 0 picks a free one)")
	fl.StringVar(&sf.hostKey, "host-key", "", "the host key `file`, made on first start (default $XDG_STATE_HOME/rosterm/host_ed25519)")
	fl.StringVar(&sf.users, "users", "", "the users `file`: who may sign in, their role and keys (default $XDG_CONFIG_HOME/rosterm/users.yaml)")
	fl.IntVar(&sf.maxSessions, "max-sessions", serve.DefaultMaxSessions, "sessions at once")
	fl.IntVar(&sf.maxPer, "max-per-person", serve.DefaultMaxPerPerson, "sessions at once per person")
	fl.DurationVar(&sf.idle, "idle", serve.DefaultIdle, "close a session after this long without a key")
	fl.DurationVar(&sf.drain, "drain", 30*time.Second, "on SIGTERM, how long sessions get to send what waits before they are closed")
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: rosterm serve [--addr :2222] [--users FILE] [--host-key FILE] [--profile NAME] [flags]\n\nflags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("rosterm serve takes no arguments (%q): rosterm serve -h", fl.Arg(0))
	}

	usersPath, explicit := sf.users, sf.users != ""
	if !explicit {
		cfg, _, err := config.Path("", func(k string) string {
			if k == "ROSTERM_CONFIG" {
				return ""
			}
			return getenv(k)
		})
		if err != nil {
			return err
		}
		usersPath = filepath.Join(filepath.Dir(cfg), "users.yaml")
	}
	users, err := serve.LoadUsers(usersPath)
	open := false
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit && f.demo:
		users, open = nil, true
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("no users file at %s: write one (README, Serve over SSH) or name it with --users FILE", usersPath)
	case err != nil:
		return err
	}

	themeName := f.theme
	if themeName == "" {
		themeName = "auto"
	}
	s, err := setupFrom(f, getenv)
	if err != nil {
		return err
	}
	defer s.close()
	if f.theme == "" && s.file != nil && s.file.Theme != "" {
		themeName = s.file.Theme
	}
	if err := theme.Check(themeName); err != nil {
		return err
	}

	stateDir, err := journal.StateDir(getenv)
	if err != nil {
		return err
	}
	keyPath := sf.hostKey
	if keyPath == "" {
		keyPath = filepath.Join(stateDir, "host_ed25519")
	} else if keyPath, err = config.ExpandHome(keyPath); err != nil {
		return err
	}
	signer, err := serve.HostKey(keyPath)
	if err != nil {
		return err
	}
	// The journal is the record of who changed what: a server that
	// cannot keep it does not start.
	if err := s.journal.Touch(); err != nil {
		return err
	}

	var logMu sync.Mutex
	logf := func(line string) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(stderr, "%s %s\n", time.Now().Format("2006-01-02 15:04:05"), sanitize.Text(s.secrets.Redact(line)))
	}
	s.journal.OnError = func(err error) { logf("could not write the journal: " + err.Error()) }
	srv, err := serve.New(serve.Options{
		HostKey: signer, Users: users, UsersPath: usersPath, Open: open,
		MaxSessions: sf.maxSessions, MaxPerPerson: sf.maxPer, Idle: sf.idle, Log: logf,
		Shared: serve.Shared{
			Clients: s.clients, Keys: s.ctx.Keys, Theme: themeName, Timeout: s.timeout,
			ReadOnly: s.ctx.ReadOnly, Demo: s.ctx.Demo, People: s.ctx.People,
			Profile: s.opts.Profile, ConfigPath: s.opts.ConfigPath, Mouse: s.opts.Mouse,
			Secrets: s.secrets,
		},
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return err
	}
	if open {
		fmt.Fprintf(stdout, "no users file at %s: --demo lets in any key, each as an operator named by its SSH user name\n", usersPath)
	} else {
		fmt.Fprintf(stdout, "users: %d from %s (kill -HUP %d reads it again)\n", users.Len(), usersPath, os.Getpid())
	}
	fmt.Fprintf(stdout, "journal: %s\n", s.journal.Path())
	fmt.Fprintf(stdout, "listening on %s, host key %s\n", ln.Addr(), srv.Fingerprint())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var serveErr error
wait:
	for {
		select {
		case <-reload:
			if err := srv.Reload(); err != nil {
				logf("users file not read again, the old one stays: " + err.Error())
			}
		case serveErr = <-served:
			break wait
		case <-ctx.Done():
			break wait
		}
	}
	logf(fmt.Sprintf("stopping: each session sends what waits (at most %s), then ends", sf.drain))
	dctx, cancel := context.WithTimeout(context.Background(), sf.drain)
	defer cancel()
	if err := srv.Shutdown(dctx); err != nil {
		logf("the sessions left were closed: " + err.Error())
	}
	if serveErr == nil {
		serveErr = <-served
	}
	if !errors.Is(serveErr, serve.ErrServerClosed) {
		return serveErr
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}
