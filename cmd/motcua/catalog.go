package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"motcua/internal/catalog"
	"motcua/internal/i18n"
	"motcua/internal/procedure"
)

// catalogCmd runs "catalog import FILE [--apply-to ID...]" and "catalog export --format json|xlsx --out FILE".
func (a *app) catalogCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		return fmt.Errorf("usage: motcua catalog import FILE [--apply-to ID...] | catalog export --format json|xlsx --out FILE")
	}
	sub := args[0]
	var c commonFlags
	fs := a.flags("catalog "+sub, &c)
	var applyTo stringList
	fs.Var(&applyTo, "apply-to", "import: identifier of a unit that applies the imported procedures (repeatable; default: every unit of a matching level)")
	format := fs.String("format", "", "export: json or xlsx (default: from the file name)")
	out := fs.String("out", "", "export: the file to write")
	if err := fs.Parse(reorder(args[1:])); err != nil {
		return err
	}
	db, _, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := &catalog.Service{Store: db}
	if sub == "import" {
		return a.catalogImport(ctx, svc, fs.Arg(0), applyTo)
	}
	return a.catalogExport(ctx, svc, *format, *out)
}

func (a *app) catalogImport(ctx context.Context, svc *catalog.Service, path string, applyTo []string) error {
	if path == "" {
		return fmt.Errorf("catalog import: the file to import is required")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	format, results, err := svc.Import(ctx, a.cli(), filepath.Base(path), data, applyTo, a.now())
	if err != nil {
		return err
	}
	vi := i18n.For(i18n.VI)
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Action]++
		line := fmt.Sprintf("row %d\t%s\t%s", r.Row, r.Code, r.Action)
		if r.Version > 0 {
			line += fmt.Sprintf(" (version %d)", r.Version)
		}
		fmt.Fprintln(a.stdout, line)
		for _, p := range r.Problems {
			fmt.Fprintf(a.stdout, "\t%s: %s\n", p.Where, vi.T(p.Message.Key, p.Message.Args...))
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(a.stdout, "\twarning %s: %s\n", w.Where, vi.T(w.Message.Key, w.Message.Args...))
		}
	}
	fmt.Fprintf(a.stdout, "%s (%s): %d rows: %d created, %d updated, %d unchanged, %d rejected\n", path, format, len(results),
		counts[catalog.Created], counts[catalog.Updated], counts[catalog.Unchanged], counts[catalog.Rejected])
	return nil
}

func (a *app) catalogExport(ctx context.Context, svc *catalog.Service, format, out string) error {
	if out == "" {
		return fmt.Errorf("catalog export: --out FILE is required")
	}
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	}
	procs, err := svc.Export(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch format {
	case "json":
		err = procedure.ExportJSON(&buf, procs)
	case "xlsx":
		err = procedure.ExportXLSX(&buf, procs)
	default:
		return fmt.Errorf("catalog export: --format must be json or xlsx, not %q", format)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d procedures written to %s\n", len(procs), out)
	return nil
}
