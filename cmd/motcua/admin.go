package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"motcua/internal/store"
)

func (a *app) migrate(ctx context.Context, args []string) error {
	var c commonFlags
	fs := a.flags("migrate", &c)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, c.db, store.Options{Now: a.now})
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(a.stdout, "database is up to date")
	}
	for _, name := range applied {
		fmt.Fprintln(a.stdout, "applied", name)
	}
	return nil
}

func (a *app) backup(ctx context.Context, args []string) error {
	var c commonFlags
	fs := a.flags("backup", &c)
	out := fs.String("out", "", "file to write the copy to (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" && fs.NArg() == 1 {
		*out = fs.Arg(0)
	}
	if *out == "" {
		return fmt.Errorf("backup: --out FILE is required")
	}
	db, err := openStore(ctx, c.db, a)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "backup written to", *out)
	return nil
}

// audit runs "audit verify": exit 0 when the chain is intact, 1 naming the first bad entry.
func (a *app) audit(ctx context.Context, args []string) (int, error) {
	if len(args) == 0 || args[0] != "verify" {
		return 2, fmt.Errorf("usage: motcua audit verify [--db DB]")
	}
	var c commonFlags
	fs := a.flags("audit verify", &c)
	if err := fs.Parse(args[1:]); err != nil {
		return 2, err
	}
	db, err := openStore(ctx, c.db, a)
	if err != nil {
		return 2, err
	}
	defer db.Close()
	problem, checked, err := db.VerifyAudit(ctx)
	if err != nil {
		return 2, err
	}
	if problem != nil {
		fmt.Fprintf(a.stdout, "audit trail BROKEN at entry %d: %s (%d entries verified before it)\n", problem.Seq, problem.Reason, checked)
		return 1, nil
	}
	fmt.Fprintf(a.stdout, "audit trail intact: %d entries verified\n", checked)
	return 0, nil
}

// printJSON writes v as indented JSON.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// table writes rows aligned in columns.
func (a *app) table(header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
