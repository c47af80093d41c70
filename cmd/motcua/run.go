package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/store"
)

// version is set at build time with -ldflags "-X main.version=..."; otherwise the VCS revision is used.
var version = "dev"

// env is how the program reads its environment (os.Getenv, or a map in tests).
type env func(string) string

// app is one invocation of the program: its streams, environment and clock.
type app struct {
	getenv env
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	// ready, when set, is told the server's address once it listens (tests use it).
	ready func(addr string)
}

// run executes one command and returns the process exit code: 0 on success, 1 when the command ran
// and found a problem (e.g. a broken audit chain), 2 on a usage error or failure.
func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now}
	return a.run(ctx, args)
}

func (a *app) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		a.usage()
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "serve":
		err = a.serve(ctx, rest)
	case "migrate":
		err = a.migrate(ctx, rest)
	case "user":
		err = a.user(ctx, rest)
	case "unit":
		err = a.unit(ctx, rest)
	case "audit":
		var code int
		code, err = a.audit(ctx, rest)
		if err == nil {
			return code
		}
	case "catalog":
		err = a.catalogCmd(ctx, rest)
	case "calendar":
		err = a.calendarCmd(ctx, rest)
	case "token":
		err = a.token(ctx, rest)
	case "form":
		err = a.formCmd(ctx, rest)
	case "import":
		err = a.importCmd(ctx, rest)
	case "generate":
		err = a.generateCmd(ctx, rest)
	case "report":
		err = a.reportCmd(ctx, rest)
	case "backup":
		err = a.backup(ctx, rest)
	case "version", "--version", "-version":
		fmt.Fprintln(a.stdout, "motcua", buildVersion())
		return 0
	case "help", "-h", "--help":
		a.usage()
		return 0
	default:
		fmt.Fprintf(a.stderr, "motcua: unknown command %q\n\n", cmd)
		a.usage()
		return 2
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(a.stderr, "motcua:", describe(err))
		return 2
	}
	return 0
}

func (a *app) usage() {
	fmt.Fprint(a.stderr, `motcua — hệ thống một cửa điện tử / one-stop-shop system

Usage: motcua COMMAND [flags]

Commands:
  serve      run the web server (--addr, --db, --demo)
  migrate    apply database migrations
  unit       create | list | rename | move | close | merge units
  user       create | reset-password | list accounts (passwords are read from standard input)
  catalog    import FILE [--apply-to ID...] | export --format json|xlsx --out FILE
  calendar   lunar | solar | year | due | list | add | remove | hours | import | export
  form       receipt|supplement|refusal|apology|stop|control --dossier CODE --out FILE.pdf [--set 2025|2018]
             | register --unit ID --from DATE --to DATE --out FILE.pdf|FILE.xlsx
  report     06a --unit ID --from DATE --to DATE [--subtree] [--json] [--xlsx FILE]: settlement report II.06a
  token      create an API token for a user (token create --username U [--name LABEL])
  audit      verify the hash-chained audit trail
  backup     write a consistent copy of the SQLite database (--out FILE)
  import     dossiers FILE.csv|FILE.xlsx: load a desk's dossier history (rows rejected are reported)
  generate   --dossiers N [--from-year Y] [--to-year Y] [--seed S] [--province-units K]: synthetic data
  version    print the version

Every command takes --db (a SQLite file, default ./motcua.db, or a postgres:// URL; env MOTCUA_DB).
`)
}

// describe renders an error for the terminal: fault errors in Vietnamese and English with their fields.
func describe(err error) string {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return err.Error()
	}
	vi, en := i18n.For(i18n.VI), i18n.For(i18n.EN)
	var b strings.Builder
	b.WriteString(vi.T(fe.Message.Key, fe.Message.Args...))
	if en.T(fe.Message.Key, fe.Message.Args...) != vi.T(fe.Message.Key, fe.Message.Args...) {
		b.WriteString(" / " + en.T(fe.Message.Key, fe.Message.Args...))
	}
	for field, m := range fe.Fields {
		fmt.Fprintf(&b, "\n  --%s: %s / %s", strings.ReplaceAll(field, "_", "-"), vi.T(m.Key, m.Args...), en.T(m.Key, m.Args...))
	}
	if fe.Kind == fault.Internal && fe.Err != nil {
		b.WriteString("\n  " + fe.Err.Error())
	}
	return b.String()
}

func buildVersion() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return version
}

// commonFlags are the flags every command takes.
type commonFlags struct {
	db string
}

func (a *app) flags(name string, c *commonFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	def := a.getenv("MOTCUA_DB")
	if def == "" {
		def = "motcua.db"
	}
	fs.StringVar(&c.db, "db", def, "SQLite file or postgres:// URL (env MOTCUA_DB)")
	return fs
}

// logger writes structured logs to standard error at the level named by MOTCUA_LOG_LEVEL.
func (a *app) logger() *slog.Logger {
	level := slog.LevelInfo
	_ = level.UnmarshalText([]byte(a.getenv("MOTCUA_LOG_LEVEL")))
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
}

// open connects to the database, applies pending migrations and returns the services over it.
func (a *app) open(ctx context.Context, dsn string) (*store.DB, *account.Service, error) {
	db, err := store.Open(ctx, dsn, store.Options{Now: a.now})
	if err != nil {
		return nil, nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	svc := &account.Service{Store: db, Hash: a.hashParams()}
	return db, svc, nil
}

// hashParams reads the argon2id memory cost (KiB) from MOTCUA_ARGON2_MEMORY_KIB, for small machines
// and tests; the default follows OWASP.
func (a *app) hashParams() account.HashParams {
	p := account.DefaultHashParams
	if v, err := strconv.Atoi(a.getenv("MOTCUA_ARGON2_MEMORY_KIB")); err == nil && v >= 1024 {
		p.Memory = uint32(v)
	}
	return p
}

// cli is the principal of the command line: the machine's administrator, named after the OS user.
func (a *app) cli() account.Principal {
	name := a.getenv("USER")
	if name == "" {
		name = "admin"
	}
	return account.System("cli:" + name)
}

// readPassword reads the first line of standard input.
func (a *app) readPassword() (string, error) {
	b, err := io.ReadAll(io.LimitReader(a.stdin, 4096))
	if err != nil {
		return "", err
	}
	pw, _, _ := strings.Cut(string(b), "\n")
	pw = strings.TrimRight(pw, "\r")
	if pw == "" {
		return "", errors.New("no password on standard input (e.g. echo 'secret' | motcua user create ...)")
	}
	return pw, nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
