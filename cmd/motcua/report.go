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

const reportUsage = "usage: motcua report 06a --unit ID --from YYYY-MM-DD --to YYYY-MM-DD [--subtree] [--json] [--xlsx FILE]\n" +
	"       [--period month|quarter|year --year YYYY [--month M | --quarter Q]] [--by field|procedure|unit]\n" +
	"       [--as-of YYYY-MM-DD] [--merge] [--pdf FILE]"

// reportCmd runs "report 06a": the settlement report II.06a of a unit (and its subtree) over a period,
// printed as a table, or as JSON with --json, and written as an Excel workbook with --xlsx.
func (a *app) reportCmd(ctx context.Context, args []string) error {
	if len(args) > 0 && (args[0] == "indicators" || args[0] == "bottlenecks") {
		return a.reportAnalysisCmd(ctx, args)
	}
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
	pdf := fs.String("pdf", "", "also write the report as a PDF (A4 landscape) to this file")
	period := fs.String("period", "", "month, quarter or year (with --year and --month or --quarter) instead of --from and --to")
	year := fs.String("year", "", "the year of the period")
	month := fs.String("month", "", "the month of the period, 1-12")
	quarter := fs.String("quarter", "", "the quarter of the period, 1-4")
	by := fs.String("by", "", "group the rows by field (the official sheet), procedure or unit")
	asOf := fs.String("as-of", "", "follow the unit structure of this day, YYYY-MM-DD (default: the period's last day)")
	merge := fs.Bool("merge", false, "count merged units' history under their successors")
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
	var start, end time.Time
	var chosen report.Period
	if *period == "" || *period == string(report.PeriodCustom) {
		start, end = day("from", *from), day("to", *to)
		if !start.IsZero() && !end.IsZero() && end.Before(start) {
			f.Add("to", "report.period_invalid")
		}
		chosen = report.Period{Kind: report.PeriodCustom, From: start, To: end}
	} else {
		p, err := report.ParsePeriod(report.PeriodInput{Kind: *period, Year: *year, Month: *month, Quarter: *quarter})
		for k, m := range fault.As(err).Fields {
			f.Add(k, m.Key, m.Args...)
		}
		chosen, start, end = p, p.From, p.To
	}
	if _, err := report.ParseGrouping(*by); err != nil {
		f.Add("by", "report.grouping_invalid")
	}
	if *asOf != "" && !account.ValidDay(*asOf) {
		f.Add("as-of", "report.date_invalid", *asOf)
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
	svc := &report.Service{Store: db}
	var s report.Settlement
	if *period != "" || *by != "" || *asOf != "" || *merge {
		s, err = svc.Report(ctx, reader, report.Request{Unit: *unit, Period: chosen, Subtree: *subtree, By: report.Grouping(*by), AsOf: *asOf, Merge: *merge})
	} else {
		s, err = svc.Settlement(ctx, reader, *unit, start, end, *subtree)
	}
	if err != nil {
		return err
	}
	if *pdf != "" {
		var buf bytes.Buffer
		if err := report.PDF(&buf, s, a.now()); err != nil {
			return err
		}
		if err := os.WriteFile(*pdf, buf.Bytes(), 0o644); err != nil {
			return err
		}
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
	for _, file := range []string{*xlsx, *pdf} {
		if file != "" {
			fmt.Fprintf(a.stdout, "\n%s: đã ghi / written\n", file)
		}
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
	if s.AsOf != "" {
		if t, err := time.Parse("2006-01-02", s.AsOf); err == nil {
			unit += "; cơ cấu đơn vị tại ngày " + t.Format("02/01/2006")
		}
	}
	if s.Merge {
		unit += "; đơn vị đã sáp nhập tính vào đơn vị kế thừa"
	}
	fmt.Fprintf(w, "%s\n%s\n%s\nKỳ báo cáo: từ ngày %s đến ngày %s\n\n", report.FormNumber, report.Title, unit,
		s.From.In(calendar.Location).Format("02/01/2006"), s.To.In(calendar.Location).Format("02/01/2006"))
	table := [][]string{
		{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)", ""},
		{"STT", report.NameHeader(s.By), "Tiếp nhận", "Trực tuyến", "Trực tiếp, BC", "Kỳ trước", "Đã giải quyết", "Trước hạn",
			"Đúng hạn", "Quá hạn", "Đang giải quyết", "Trong hạn", "Quá hạn", "Tỷ lệ đúng hạn"},
	}
	line := func(no string, r report.Row) []string {
		out := []string{no, report.RowName(s.By, r)}
		for _, v := range []int64{r.Received, r.ReceivedOnline, r.ReceivedDirect, r.CarriedOver, r.Resolved, r.ResolvedEarly,
			r.ResolvedOnTime, r.ResolvedLate, r.Pending, r.PendingWithin, r.PendingOverdue} {
			out = append(out, vi.Int(v))
		}
		return append(out, vi.Percent(r.OnTimeRate))
	}
	for i, r := range s.Rows {
		table = append(table, line(strconv.Itoa(i+1), r))
	}
	total := s.Total
	total.Code, total.Mark = "", report.MarkNone
	table = append(table, line("", total))
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
