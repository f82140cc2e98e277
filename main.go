// Command rosterm is a keyboard-driven terminal UI for user directories and
// social features on the Opigno, Scope and XOi Vision GraphQL APIs.
//
//	rosterm [flags]               start with a configuration profile, or on
//	                              the embedded demo server when there is none
//	rosterm config init|check|path   write, check or locate the configuration
//	rosterm demo-server [flags]   run the demo server alone (--strict: only
//	                              what the vendors document)
//	rosterm serve [flags]         serve the UI over SSH to a team
//	rosterm journal [--json]      print every change sent and its outcome
//
// Everything that can go wrong with the configuration (the file, a secret,
// a flag) is reported before the screen changes.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/faults"
	"github.com/rosterm/rosterm/api/journal"
	"github.com/rosterm/rosterm/theme"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/terminal"
)

func main() {
	ui.SetGC()
	// The UI sends os.Stderr to a file while it runs (ui/terminal); keep
	// the real one for rosterm's own messages.
	stderr := os.Stderr
	err := run(context.Background(), os.Args[1:], os.Stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return // the usage was asked for and printed
	}
	if err != nil {
		printLines(stderr, "rosterm: ", err.Error())
		os.Exit(1)
	}
}

// printLines prints text line by line, each made safe for the terminal.
func printLines(w io.Writer, prefix, text string) {
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintln(w, prefix+sanitize.Text(line))
	}
}

// run is rosterm with args. Its waits (a retry's backoff, a token's
// expiry) read ctx's clock.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "demo-server":
			return runDemoServer(args[1:], stdout, stderr)
		case "config":
			return runConfig(ctx, args[1:], stdout, stderr)
		case "journal":
			return runJournal(args[1:], os.Getenv, stdout, stderr)
		case "serve":
			return runServe(args[1:], os.Getenv, stdout, stderr)
		}
	}
	s, err := setup(args, os.Getenv, stderr)
	if err != nil {
		return err
	}
	defer s.close()
	// Requests still under way when the program ends are abandoned.
	base, cancel := context.WithCancel(ctx)
	defer cancel()
	// Every change is journaled as the local user's; a read-only run
	// cannot send one, whatever the UI does.
	base = journal.With(base, journal.Local(os.Getenv))
	if s.ctx.ReadOnly {
		base = api.WithReadOnly(base)
	}
	s.ctx.Base = base
	opts := []tea.ProgramOption{}
	if s.noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	// What is printed after the program (a bug's report, what a library
	// wrote) and the crash file hold no credential.
	return s.secrets.Error(terminal.RunRedacted(ui.New(s.ctx, s.opts), stderr, s.secrets.Redact, opts...))
}

// session is what a run of the UI needs, worked out before the screen
// changes so that every configuration problem is a plain message.
type session struct {
	ctx     *common.Context
	opts    ui.Options
	secrets *api.Secrets // every credential the program knows
	noColor bool
	clients config.Clients
	profile config.Profile
	file    *config.File
	theme   string // the theme's name: auto follows the terminal
	timeout time.Duration
	journal *journal.Journal
	demoURL string // the in-process demo server's, when there is one
	closers []func() error
}

func (s *session) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		_ = s.closers[i]()
	}
}

// flags are the main command's options.
type flags struct {
	config, profile, theme, debug, as string
	demo, readOnly, noColor, hostile  bool
	strict, noIntrospection           bool
	seed                              uint64
	faults                            string
}

func parseFlags(args []string, stderr io.Writer) (flags, error) {
	var f flags
	fl := flag.NewFlagSet("rosterm", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addFlags(fl, &f, false)
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: rosterm [flags]\n       rosterm config init|check|path [flags]\n       rosterm demo-server [flags]\n       rosterm serve [flags]\n       rosterm journal [--json]\n\nflags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return f, err
	}
	if fl.NArg() > 0 {
		return f, fmt.Errorf("unknown command %q (commands: config, demo-server, serve, journal; flags: rosterm -h)", fl.Arg(0))
	}
	return f, nil
}

// addFlags adds the main command's flags to fl; for serve, those that are
// not each session's own (--no-color and --as are: NO_COLOR from the
// client, acting_uuid from the users file).
func addFlags(fl *flag.FlagSet, f *flags, serve bool) {
	fl.StringVar(&f.config, "config", "", "configuration `file` (default $ROSTERM_CONFIG, else $XDG_CONFIG_HOME/rosterm/config.yaml)")
	fl.StringVar(&f.profile, "profile", "", "configuration profile `name` (default $ROSTERM_PROFILE, else default_profile)")
	fl.BoolVar(&f.demo, "demo", false, "use the embedded demo server whatever the configuration says")
	fl.BoolVar(&f.readOnly, "read-only", false, "disable every change")
	fl.StringVar(&f.theme, "theme", "", "colour `theme`: auto, dark, light, high-contrast or none (default: the file's, else auto)")
	if !serve {
		fl.BoolVar(&f.noColor, "no-color", false, "no colour, as NO_COLOR does")
	}
	fl.StringVar(&f.debug, "debug", "", "append requests and responses, credentials removed, to `file`")
	if !serve {
		fl.StringVar(&f.as, "as", "", "Opigno user context `UUID` to act as (default: the profile's acting_uuid)")
	}
	fl.Uint64Var(&f.seed, "seed", demo.DefaultSeed, "demo data seed")
	fl.BoolVar(&f.hostile, "hostile", false, "demo: seed the data with text that tries to take over the terminal")
	fl.StringVar(&f.faults, "faults", "", "demo: fail some requests on purpose, as `SPEC` says (rosterm demo-server -h)")
	fl.BoolVar(&f.strict, "strict", false, "demo: serve the vendors' documented schemas only, refusing anything else as each vendor would")
	fl.BoolVar(&f.noIntrospection, "no-introspection", false, "demo: refuse introspection, as a production server may")
}

// setup reads the flags, the environment and the configuration, resolves
// the chosen profile's secrets and builds its clients (starting the demo
// server when there is no profile, or with --demo).
func setup(args []string, getenv func(string) string, stderr io.Writer) (*session, error) {
	f, err := parseFlags(args, stderr)
	if err != nil {
		return nil, err
	}
	return setupFrom(f, getenv)
}

// setupFrom is setup once the flags are read.
func setupFrom(f flags, getenv func(string) string) (_ *session, err error) {
	file, path, err := loadConfig(f.config, getenv)
	if err != nil {
		return nil, err
	}
	s := &session{}
	defer func() {
		if err != nil {
			s.close() // the demo server, the debug log
		}
	}()

	themeName := themeChoice(f.theme, file, f.noColor, getenv)
	th, err := theme.New(themeName, true)
	if err != nil {
		return nil, fmt.Errorf("--theme: %v", err) // the file's theme was checked as it was read
	}
	s.noColor = themeName == "none" && (f.noColor || getenv("NO_COLOR") != "")

	profileName := f.profile
	if profileName == "" {
		profileName = getenv("ROSTERM_PROFILE")
	}
	useDemo := f.demo || file == nil || (len(file.Profiles) == 0 && profileName == "")
	var p config.Profile
	var notice string
	if !useDemo {
		var demoOnly []string
		for name, set := range map[string]bool{"--hostile": f.hostile, "--faults": f.faults != "", "--strict": f.strict, "--no-introspection": f.noIntrospection} {
			if set {
				demoOnly = append(demoOnly, name)
			}
		}
		slices.Sort(demoOnly)
		switch len(demoOnly) {
		case 0:
		case 1:
			return nil, fmt.Errorf("%s applies to the demo server: add --demo", demoOnly[0])
		default:
			last := len(demoOnly) - 1
			return nil, fmt.Errorf("%s and %s apply to the demo server: add --demo", strings.Join(demoOnly[:last], ", "), demoOnly[last])
		}
	}
	// Every credential of the program, kept out of every error, log line
	// and screen: the profile's join once they are read, the tokens
	// issued as they are.
	s.secrets = api.NewSecrets()
	var debug api.Logger
	if f.debug != "" {
		w, err := os.OpenFile(f.debug, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return nil, fmt.Errorf("--debug: %w", err)
		}
		s.closers = append(s.closers, w.Close)
		debug = debugLog(w, s.secrets)
	}
	if useDemo {
		injector, err := parseFaults(f.faults)
		if err != nil {
			return nil, err
		}
		// The in-process server's own reports (a resolver's panic) go to
		// the debug log, never over the screen.
		srvLog := log.New(io.Discard, "", 0)
		if debug != nil {
			srvLog = log.New(logWriter(debug), "demo server: ", 0)
		}
		srv, err := demo.Start("127.0.0.1:0", demo.Options{Seed: f.seed, Hostile: f.hostile, Faults: injector, Log: srvLog,
			Strict: f.strict, NoIntrospection: f.noIntrospection})
		if err != nil {
			return nil, err
		}
		s.closers = append(s.closers, srv.Close)
		s.demoURL = srv.URL
		p = demo.Profile(srv.URL, f.seed, "")
		switch {
		case file == nil:
			notice = "no configuration: demo data · rosterm config init writes one"
		case !f.demo:
			notice = "no profiles in " + path + ": showing demo data"
		}
	} else if p, err = file.Select(profileName); err != nil {
		return nil, err
	}
	if p, err = p.Resolve(context.Background()); err != nil {
		return nil, err
	}
	p.Register(s.secrets)

	var timeout time.Duration
	if file != nil {
		timeout = file.Timeout
	}
	jpath, err := journal.Path(getenv)
	if err != nil {
		return nil, s.secrets.Error(err)
	}
	s.journal = journal.New(jpath)
	if debug != nil {
		s.journal.OnError = func(err error) { debug(err.Error()) }
	}
	cl, err := p.Clients(config.Options{Timeout: timeout, Log: debug, Acting: f.as, Journal: s.journal, Secrets: s.secrets})
	if err != nil {
		return nil, err
	}
	s.clients, s.profile, s.file, s.theme, s.timeout = cl, p, file, themeName, timeout
	s.closers = append(s.closers, func() error { cl.Close(); return nil })
	keys := ui.DefaultKeys()
	if file != nil {
		keys = file.Keymap()
	}
	s.ctx = ui.NewContext(cl, th, keys, timeout)
	s.ctx.Secrets = s.secrets
	s.ctx.Demo = useDemo
	if useDemo {
		s.ctx.People = demo.People()
	}
	s.ctx.ReadOnly = f.readOnly || p.ReadOnly
	s.opts = ui.Options{Theme: themeName, Notice: notice}
	if file != nil {
		s.opts.ConfigPath, s.opts.Mouse = path, file.Mouse
	}
	if !useDemo {
		s.opts.Profile = p.Name
	}
	return s, nil
}

// loadConfig finds and reads the configuration file. No file at the
// default place is no configuration (file is nil); a file named with
// --config or ROSTERM_CONFIG must exist.
func loadConfig(flagPath string, getenv func(string) string) (file *config.File, path string, err error) {
	path, explicit, err := config.Path(flagPath, getenv)
	if err != nil {
		return nil, "", err
	}
	file, err = config.Load(path, ui.DefaultKeys())
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return nil, path, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, path, fmt.Errorf("%s does not exist; rosterm config init --config %s writes an example", path, path)
	case err != nil:
		return nil, path, err
	}
	return file, path, nil
}

// themeChoice is --theme, else the file's theme, else auto; NO_COLOR (any
// non-empty value) and --no-color mean none whatever else is chosen.
func themeChoice(flagTheme string, file *config.File, noColor bool, getenv func(string) string) string {
	if noColor || getenv("NO_COLOR") != "" {
		return "none"
	}
	if flagTheme != "" {
		return flagTheme
	}
	if file != nil && file.Theme != "" {
		return file.Theme
	}
	return "auto"
}

// debugLog writes one line per request and response to w. The transport
// has already removed the credentials and secret variables; every line
// has every known credential removed again (whoever wrote it: the demo
// server logs too) and is made safe to cat.
func debugLog(w io.Writer, secrets *api.Secrets) api.Logger {
	var mu sync.Mutex
	return func(line string) {
		line = sanitize.Text(secrets.Redact(line))
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "%s %s\n", time.Now().Format("15:04:05.000"), line)
	}
}

// logWriter is a standard logger's output going to the debug log.
type logWriter api.Logger

func (l logWriter) Write(p []byte) (int, error) {
	l(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// runConfig is `rosterm config init|check|path`.
func runConfig(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	usage := "usage: rosterm config init [--config FILE] [--force]\n       rosterm config check [--config FILE] [--profile NAME] [--online]\n       rosterm config path"
	if len(args) == 0 {
		return errors.New(usage)
	}
	fl := flag.NewFlagSet("rosterm config "+args[0], flag.ContinueOnError)
	fl.SetOutput(stderr)
	configPath := fl.String("config", "", "configuration `file`")
	profile := fl.String("profile", "", "the profile to check (default $ROSTERM_PROFILE, else default_profile)")
	force := fl.Bool("force", false, "init: replace an existing file")
	online := fl.Bool("online", false, "check: try each endpoint with the profile's credentials")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "path":
		path, _, err := config.Path(*configPath, os.Getenv)
		if err == nil {
			fmt.Fprintln(stdout, path)
		}
		return err
	case "init":
		path, _, err := config.Path(*configPath, os.Getenv)
		if err != nil {
			return err
		}
		if err := config.Init(path, *force); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s and the secrets it names beside it (only you can read them);\n"+
			"as it is, it talks to: rosterm demo-server --addr 127.0.0.1:8765\ncheck it with: rosterm config check --online\n", path)
		return nil
	case "check":
		file, path, err := loadConfig(*configPath, os.Getenv)
		if err != nil {
			return err
		}
		if file == nil {
			return fmt.Errorf("no configuration at %s; rosterm config init writes an example", path)
		}
		fmt.Fprintf(stdout, "%s: valid\n", path)
		name := *profile
		if name == "" {
			name = os.Getenv("ROSTERM_PROFILE")
		}
		lines, ok := config.Check(ctx, file, name, *online)
		printLines(stdout, "", strings.Join(lines, "\n"))
		if !ok {
			return errors.New("the check found problems")
		}
		return nil
	}
	return errors.New(usage)
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
	strict := fs.Bool("strict", false, "serve the vendors' documented schemas only, refusing anything else as each vendor would")
	noIntrospection := fs.Bool("no-introspection", false, "refuse introspection, as a production server may")
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
	err = demo.Run(ctx, *addr, demo.Options{Seed: *seed, Latency: *latency, ScopeLegacy: *legacy, Hostile: *hostile, Faults: injector,
		Strict: *strict, NoIntrospection: *noIntrospection}, stdout)
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

// runJournal is `rosterm journal`: every change sent and its outcome,
// oldest first, one a line.
func runJournal(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("rosterm journal", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the entries as they are kept, one JSON object a line")
	showPath := fl.Bool("path", false, "print where the journal is kept")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return errors.New("usage: rosterm journal [--json] [--path]")
	}
	path, err := journal.Path(getenv)
	if err != nil {
		return err
	}
	if *showPath {
		fmt.Fprintln(stdout, path)
		return nil
	}
	entries, err := journal.Read(path)
	if len(entries) == 0 && err == nil {
		fmt.Fprintf(stdout, "no changes recorded yet (%s)\n", path)
		return nil
	}
	for _, e := range entries {
		if *asJSON {
			b, _ := json.Marshal(e)
			fmt.Fprintln(stdout, string(b)) // JSON escapes every control character
			continue
		}
		printLines(stdout, "", journal.Format(e))
	}
	return err
}
