package procedure

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Location is Vietnam time, UTC+7 without daylight saving (true since 1975),
// in which date-only fields are anchored.
var Location = time.FixedZone("Asia/Ho_Chi_Minh", 7*60*60)

// dateLayouts are the date shapes imports accept, ISO first.
var dateLayouts = []string{
	"2006-01-02",
	"02/01/2006", "2/1/2006", // Vietnamese order: day/month/year
	"02-01-2006", "02.01.2006",
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", time.RFC3339,
	"02/01/2006 15:04:05",
}

// ParseDate reads a date as an import finds it: "2006-01-02", Vietnamese
// "02/01/2006" (day first), an ISO timestamp (its date is kept), or an Excel
// serial day number such as "45839". It returns the date at 00:00 in
// [Location], the zero time for an empty string, and an error otherwise.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-/") {
		// Excel serial: days since 1899-12-30 (the 1900 leap-year bug included).
		if n < 1 || n > 2958465 {
			return time.Time{}, fmt.Errorf("procedure: date %q out of range", s)
		}
		d := time.Date(1899, 12, 30, 0, 0, 0, 0, Location).AddDate(0, 0, int(n))
		return d, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == time.RFC3339 {
				t = t.In(Location)
			}
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Location), nil
		}
	}
	return time.Time{}, fmt.Errorf("procedure: cannot read date %q", s)
}

// FormatDate returns t's date in Vietnam as "2006-01-02", or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Location).Format("2006-01-02")
}

// ParseCutoff reads a cut-off hour "HH:MM" (00:00 to 23:59) and returns the
// hour and minute; ok is false for anything else, including "".
func ParseCutoff(s string) (hour, minute int, ok bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[3] == '+' || h > 23 || m > 59 || h < 0 || m < 0 {
		return 0, 0, false
	}
	return h, m, true
}
