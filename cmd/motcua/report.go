package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/report"
)

const reportUsage = "usage: motcua report 06a --unit ID --from YYYY-MM-DD --to YYYY-MM-DD [--subtree] [--json] [--xlsx FILE]"

// reportCmd runs "report 06a": the settlement report II.06a of a unit (and its subtree) over a period,
// printed as a table, or as JSON with --json, and written as an Excel workbook with --xlsx.
func (a *app) reportCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "06a" {
		return fmt.Errorf("%s", reportUsage)
	}
	var c commonFlags
	fs := a.flags("report 06a", &c)
	unit := fs.String("unit", "", "the unit's identifier")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	subtree := fs.Bool("subtree", false, "include the units below the unit")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	xlsx := fs.String("xlsx", "", "also write the report as an Excel workbook to this file")
	if err := fs.Parse(reorder(args[1:])); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("report 06a: unexpected argument %q\n%s", fs.Arg(0), reportUsage)
	}
	var f fault.Fields
	day := func(field, v string) time.Time {
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v), calendar.Location)
		if err != nil {
			f.Add(field, "report.date_invalid", v)
		}
		return t
	}
	if strings.TrimSpace(*unit) == "" {
		f.Add("unit", "field.required")
	}
	start, end := day("from", *from), day("to", *to)
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		f.Add("to", "report.period_invalid")
	}
	if err := f.Err(); err != nil {
		return err
	}
	db, _, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	// The command line reads every unit's reports, as an inspector of the whole tree would.
	reader := account.Principal{Username: a.cli().Username, UnitPath: "/", Roles: []account.Role{account.Inspector}}
	s, err := (&report.Service{Store: db}).Settlement(ctx, reader, *unit, start, end, *subtree)
	if err != nil {
		return err
	}
	if *xlsx != "" {
		var buf bytes.Buffer
		if err := report.XLSX(&buf, s); err != nil {
			return err
		}
		if err := os.WriteFile(*xlsx, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if *asJSON {
		return a.printJSON(s)
	}
	printSettlement(a.stdout, s)
	if *xlsx != "" {
		fmt.Fprintf(a.stdout, "\n%s: đã ghi / written\n", *xlsx)
	}
	return nil
}

// printSettlement writes report II.06a as a text table in Vietnamese: the column numbers of the
// official sheet over short headers, numbers as 12.450 and rates as 97,99%.
func printSettlement(w io.Writer, s report.Settlement) {
	vi := i18n.For(i18n.VI)
	unit := "Đơn vị: " + s.Unit.Name + " (" + s.Unit.Code + ")"
	if s.Subtree {
		unit += ", gồm các đơn vị trực thuộc"
	}
	fmt.Fprintf(w, "%s\n%s\n%s\nKỳ báo cáo: từ ngày %s đến ngày %s\n\n", report.FormNumber, report.Title, unit,
		s.From.In(calendar.Location).Format("02/01/2006"), s.To.In(calendar.Location).Format("02/01/2006"))
	table := [][]string{
		{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)", ""},
		{"STT", "Lĩnh vực", "Tiếp nhận", "Trực tuyến", "Trực tiếp, BC", "Kỳ trước", "Đã giải quyết", "Trước hạn",
			"Đúng hạn", "Quá hạn", "Đang giải quyết", "Trong hạn", "Quá hạn", "Tỷ lệ đúng hạn"},
	}
	line := func(no string, r report.Row) []string {
		out := []string{no, r.Field}
		for _, v := range []int64{r.Received, r.ReceivedOnline, r.ReceivedDirect, r.CarriedOver, r.Resolved, r.ResolvedEarly,
			r.ResolvedOnTime, r.ResolvedLate, r.Pending, r.PendingWithin, r.PendingOverdue} {
			out = append(out, vi.Int(v))
		}
		return append(out, vi.Percent(r.OnTimeRate))
	}
	for i, r := range s.Rows {
		table = append(table, line(strconv.Itoa(i+1), r))
	}
	table = append(table, line("", s.Total))
	widths := make([]int, len(table[0]))
	for _, row := range table {
		for i, v := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(v))
		}
	}
	for _, row := range table {
		var b strings.Builder
		for i, v := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(v))
			if i > 0 {
				b.WriteString("  ")
			}
			if i == 1 { // the field, left-aligned; everything else right-aligned
				b.WriteString(v + pad)
			} else {
				b.WriteString(pad + v)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
