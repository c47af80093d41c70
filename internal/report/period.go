package report

import (
	"strconv"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// PeriodKind is how a reporting period is chosen: a calendar month, quarter or year, or custom days.
type PeriodKind string

// The kinds of reporting period.
const (
	PeriodMonth   PeriodKind = "month"
	PeriodQuarter PeriodKind = "quarter"
	PeriodYear    PeriodKind = "year"
	PeriodCustom  PeriodKind = "custom"
)

// PeriodKinds lists the kinds in the order a picker shows them.
var PeriodKinds = []PeriodKind{PeriodMonth, PeriodQuarter, PeriodYear, PeriodCustom}

// Period is a reporting period: its kind, the year and the month (1–12) or quarter (1–4) it names,
// and its first and last days (both included, midnight in business time).
type Period struct {
	Kind     PeriodKind
	Year     int
	Number   int // the month or the quarter; 0 for a year or custom days
	From, To time.Time
}

// PeriodInput is a period as a form or a command line gives it; the fields that the kind does not
// use are ignored.
type PeriodInput struct {
	Kind    string // month, quarter, year or custom; empty means custom
	Year    string
	Month   string // 1–12
	Quarter string // 1–4
	From    string // YYYY-MM-DD, for custom days
	To      string // YYYY-MM-DD, for custom days
}

// ParsePeriod reads a period. Errors: Invalid naming the bad fields: "period" (reports.period_kind_invalid)
// for an unknown kind, "year" (reports.year_invalid) outside 1900–2100, "month" and "quarter"
// (reports.month_invalid, reports.quarter_invalid), "from" and "to" (report.date_invalid) for a day that
// is not YYYY-MM-DD, and "to" (report.period_invalid) when the last day is before the first.
func ParsePeriod(in PeriodInput) (Period, error) {
	var f fault.Fields
	kind := PeriodKind(strings.TrimSpace(in.Kind))
	if kind == "" {
		kind = PeriodCustom
	}
	number := func(field, v, key string, lo, hi int) int {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < lo || n > hi {
			f.Add(field, key, v)
			return 0
		}
		return n
	}
	p := Period{Kind: kind}
	switch kind {
	case PeriodMonth, PeriodQuarter, PeriodYear:
		p.Year = number("year", in.Year, "reports.year_invalid", 1900, 2100)
		switch kind {
		case PeriodMonth:
			p.Number = number("month", in.Month, "reports.month_invalid", 1, 12)
		case PeriodQuarter:
			p.Number = number("quarter", in.Quarter, "reports.quarter_invalid", 1, 4)
		}
		if err := f.Err(); err != nil {
			return Period{}, err
		}
		first, months := time.Month(1), 12
		switch kind {
		case PeriodMonth:
			first, months = time.Month(p.Number), 1
		case PeriodQuarter:
			first, months = time.Month(3*p.Number-2), 3
		}
		p.From = time.Date(p.Year, first, 1, 0, 0, 0, 0, calendar.Location)
		p.To = p.From.AddDate(0, months, -1)
		return p, nil
	case PeriodCustom:
		day := func(field, v string) time.Time {
			t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v), calendar.Location)
			if err != nil {
				f.Add(field, "report.date_invalid", v)
			}
			return t
		}
		p.From, p.To = day("from", in.From), day("to", in.To)
		if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
			f.Add("to", "report.period_invalid")
		}
		if err := f.Err(); err != nil {
			return Period{}, err
		}
		p.Year = p.From.Year()
		return p, nil
	}
	f.Add("period", "reports.period_kind_invalid", in.Kind)
	return Period{}, f.Err()
}

// Label names the period in Vietnamese as the official sheets do: "Tháng 3 năm 2025", "Quý II năm
// 2025", "Năm 2025", or "Từ ngày 01/01/2025 đến ngày 31/03/2025".
func (p Period) Label() string {
	switch p.Kind {
	case PeriodMonth:
		return "Tháng " + strconv.Itoa(p.Number) + " năm " + strconv.Itoa(p.Year)
	case PeriodQuarter:
		return "Quý " + []string{"I", "II", "III", "IV"}[p.Number-1] + " năm " + strconv.Itoa(p.Year)
	case PeriodYear:
		return "Năm " + strconv.Itoa(p.Year)
	}
	return "Từ ngày " + p.From.In(calendar.Location).Format("02/01/2006") + " đến ngày " + p.To.In(calendar.Location).Format("02/01/2006")
}
