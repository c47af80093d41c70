package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/workcal"
)

// calendarCmd runs the calendar subcommands: lunar, solar, year, due, list, add, remove, hours,
// import, export.
func (a *app) calendarCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: motcua calendar lunar|solar|year|due|list|add|remove|hours|import|export")
	}
	sub, args := args[0], args[1:]
	var c commonFlags
	fs := a.flags("calendar "+sub, &c)
	asJSON := fs.Bool("json", false, "print JSON")
	leap := fs.Bool("leap", false, "solar: the lunar month is the leap month")
	unitCode := fs.String("unit", "", "year, list, add, remove, hours, import, export: the unit whose calendar (default: every unit); due: the time unit")
	calUnit := fs.String("unit-code", "", "due: count on this unit's calendar (default: the national calendar)")
	received := fs.String("received", "", "due: receipt instant, RFC 3339 (e.g. 2026-02-13T16:00:00+07:00)")
	amount := fs.Int("time", 0, "due: the legal processing time")
	cutoff := fs.String("cutoff", "", "due: cut-off hour, HH:MM")
	date := fs.String("date", "", "add, remove: the day, YYYY-MM-DD")
	kind := fs.String("kind", "", "add: closure or working_saturday")
	nameVI := fs.String("name-vi", "", "add: name in Vietnamese")
	nameEN := fs.String("name-en", "", "add: name in English")
	set := fs.String("set", "", "hours: desk hours, e.g. 07:00-11:30,13:30-17:00 (empty: the parent's)")
	year := fs.Int("year", 0, "export, list: only this year")
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	switch sub {
	case "lunar":
		return a.calLunar(fs.Arg(0), *asJSON)
	case "solar":
		return a.calSolar(fs.Arg(0), *leap, *asJSON)
	}
	db, _, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := &workcal.Service{Store: db, Now: a.now}
	p := a.cli()
	switch sub {
	case "year":
		y, err := strconv.Atoi(fs.Arg(0))
		if err != nil {
			return fieldErr("year", "calendar.year.invalid", fs.Arg(0))
		}
		return a.calYear(ctx, svc, *unitCode, y, *asJSON)
	case "due":
		return a.calDue(ctx, svc, *calUnit, *received, *amount, *unitCode, *cutoff, *asJSON)
	case "list":
		y := *year
		if fs.NArg() > 0 {
			if y, err = strconv.Atoi(fs.Arg(0)); err != nil {
				return fieldErr("year", "calendar.year.invalid", fs.Arg(0))
			}
		}
		return a.calList(ctx, svc, *unitCode, y, *asJSON)
	case "add":
		o, err := svc.AddOverride(ctx, p, workcal.OverrideInput{UnitCode: *unitCode, Date: *date, Kind: *kind, NameVI: *nameVI, NameEN: *nameEN})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "added %s %s (%s)\n", o.Date, o.Kind, o.NameVI)
	case "remove":
		if err := svc.RemoveOverride(ctx, p, *unitCode, *date); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "removed %s\n", *date)
	case "hours":
		if err := svc.SetHours(ctx, p, *unitCode, *set); err != nil {
			return err
		}
		h, _, err := svc.Hours(ctx, *unitCode)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "desk hours of %s: %s\n", *unitCode, h)
	case "import":
		return a.calImport(ctx, svc, *unitCode, fs.Arg(0))
	case "export":
		list, err := svc.Overrides(ctx, p, *unitCode, *year)
		if err != nil {
			return err
		}
		out := make([]overrideJSON, 0, len(list))
		for _, o := range list {
			out = append(out, overrideJSON{Date: o.Date.String(), Kind: string(o.Kind), NameVI: o.NameVI, NameEN: o.NameEN})
		}
		return a.printJSON(out)
	default:
		return fmt.Errorf("unknown calendar command %q", sub)
	}
	return nil
}

// reorder moves flags before positional arguments, so that "calendar lunar 1985-01-21 --json" works
// as well as "calendar lunar --json 1985-01-21".
func reorder(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && !boolFlag[name] && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

var boolFlag = map[string]bool{"json": true, "leap": true, "demo": true, "subtree": true}

func fieldErr(field, key string, args ...any) error {
	var f fault.Fields
	f.Add(field, key, args...)
	return f.Err()
}

func (a *app) calLunar(arg string, asJSON bool) error {
	d, err := calendar.ParseDate(arg)
	if err != nil {
		return fieldErr("date", "field.date.invalid")
	}
	l, err := calendar.ToLunar(d)
	if err != nil {
		return fieldErr("date", "calendar.out_of_range", calendar.MinYear, calendar.MaxYear)
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(l)
	}
	leap := ""
	if l.Leap {
		leap = " (nhuận)"
	}
	fmt.Fprintf(a.stdout, "%s dương lịch = ngày %d tháng %d%s năm %s (%d) âm lịch; ngày %s, tháng %s\n",
		d, l.Day, l.Month, leap, calendar.YearCanChi(l.Year), l.Year, calendar.DayCanChi(d), calendar.MonthCanChi(l))
	return nil
}

func (a *app) calSolar(arg string, leap, asJSON bool) error {
	parts := strings.Split(arg, "-")
	if len(parts) != 3 {
		return fieldErr("date", "field.date.invalid")
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	day, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return fieldErr("date", "field.date.invalid")
	}
	d, err := calendar.FromLunar(calendar.LunarDate{Day: day, Month: m, Year: y, Leap: leap})
	if err != nil {
		return fieldErr("date", "calendar.lunar.invalid", arg)
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(map[string]string{"date": d.String()})
	}
	fmt.Fprintf(a.stdout, "%s âm lịch = %s dương lịch (%s)\n", arg, d, d.Weekday())
	return nil
}

func (a *app) calYear(ctx context.Context, svc *workcal.Service, unitCode string, y int, asJSON bool) error {
	cal, err := svc.For(ctx, strings.ToUpper(unitCode))
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			return fieldErr("unit", "unit.not_found", unitCode)
		}
		return err
	}
	yr, err := cal.Year(y)
	if err != nil {
		return fieldErr("year", "calendar.out_of_range", calendar.MinYear, calendar.MaxYear)
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(yr.Summary())
	}
	fmt.Fprintf(a.stdout, "Năm %d: %d ngày nghỉ trong tuần, %d thứ Bảy làm bù\n", y, len(yr.DaysOff), len(yr.WorkingSaturdays))
	var rows [][]string
	for _, h := range yr.Holidays {
		l, _ := calendar.ToLunar(h.Date)
		rows = append(rows, []string{h.Date.String(), h.Date.Weekday().String()[:3], fmt.Sprintf("%d/%d", l.Day, l.Month), string(h.Kind), h.NameVI})
	}
	return a.table([]string{"DATE", "DAY", "LUNAR", "KIND", "NAME"}, rows)
}

func (a *app) calDue(ctx context.Context, svc *workcal.Service, unitCode, received string, amount int, timeUnit, cutoff string, asJSON bool) error {
	at, err := time.Parse(time.RFC3339, received)
	if err != nil {
		return fieldErr("received", "calendar.instant.invalid", received)
	}
	if timeUnit == "" {
		timeUnit = string(calendar.WorkingDay)
	}
	due, err := svc.Due(ctx, workcal.DueInput{UnitCode: unitCode, Received: at, Amount: amount, TimeUnit: timeUnit, Cutoff: cutoff})
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(map[string]string{"due": due.At.Format(time.RFC3339)})
	}
	fmt.Fprintf(a.stdout, "hẹn trả / due: %s (clock started %s)\n", due.At.Format(time.RFC3339), due.Start.Format(time.RFC3339))
	for _, s := range due.Skipped {
		fmt.Fprintf(a.stdout, "  skipped %s %s: %s\n", s.Date, s.Date.Weekday(), s.NameVI)
	}
	return nil
}

func (a *app) calList(ctx context.Context, svc *workcal.Service, unitCode string, year int, asJSON bool) error {
	list, err := svc.Overrides(ctx, a.cli(), unitCode, year)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]overrideJSON, 0, len(list))
		for _, o := range list {
			out = append(out, overrideJSON{Date: o.Date.String(), Kind: string(o.Kind), NameVI: o.NameVI, NameEN: o.NameEN})
		}
		return a.printJSON(out)
	}
	var rows [][]string
	for _, o := range list {
		rows = append(rows, []string{o.Date.String(), string(o.Kind), o.NameVI, o.NameEN, o.CreatedBy})
	}
	return a.table([]string{"DATE", "KIND", "NAME (VI)", "NAME (EN)", "BY"}, rows)
}

// overrideJSON is the shape of calendar import and export files.
type overrideJSON struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	NameVI string `json:"name_vi,omitempty"`
	NameEN string `json:"name_en,omitempty"`
}

// calImport reads overrides from a JSON file (an array of {date, kind, name_vi, name_en}) or a CSV
// file with the header date,kind,name_vi,name_en.
func (a *app) calImport(ctx context.Context, svc *workcal.Service, unitCode, path string) error {
	if path == "" {
		return fmt.Errorf("usage: motcua calendar import FILE [--unit ID]")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var items []workcal.OverrideInput
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		items, err = readOverridesCSV(strings.NewReader(string(b)))
	} else {
		var raw []overrideJSON
		if err = json.Unmarshal(b, &raw); err == nil {
			for _, r := range raw {
				items = append(items, workcal.OverrideInput{Date: r.Date, Kind: r.Kind, NameVI: r.NameVI, NameEN: r.NameEN})
			}
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	added, bad, err := svc.Import(ctx, a.cli(), unitCode, items)
	if err != nil {
		return fmt.Errorf("%s, item %d (%d added before it): %s", path, bad, added, describe(err))
	}
	fmt.Fprintf(a.stdout, "%d read, %d added, %d already present\n", len(items), added, len(items)-added)
	return nil
}

func readOverridesCSV(r io.Reader) ([]workcal.OverrideInput, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["date"]; !ok {
		return nil, fmt.Errorf("the header must name the columns date,kind,name_vi,name_en")
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	var out []workcal.OverrideInput
	for _, row := range rows[1:] {
		out = append(out, workcal.OverrideInput{Date: get(row, "date"), Kind: get(row, "kind"), NameVI: get(row, "name_vi"), NameEN: get(row, "name_en")})
	}
	return out, nil
}
