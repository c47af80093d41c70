package calendar

import (
	"errors"
	"fmt"
	"time"
)

// Location is the zone of all business time: Asia/Ho_Chi_Minh, a fixed UTC+7
// (Vietnam has had no daylight saving time since 1975, and the range this
// package serves is civil business time). RFC 3339 output shows +07:00.
var Location = time.FixedZone("ICT", 7*3600)

// The supported range of years, inclusive.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Errors returned (wrapped) by this package; test with errors.Is.
var (
	// ErrOutOfRange reports a date, instant or result outside 1900–2100.
	ErrOutOfRange = errors.New("calendar: outside the supported range 1900-2100")
	// ErrInvalid reports malformed or inconsistent input.
	ErrInvalid = errors.New("calendar: invalid input")
)

// Date is a civil date (no time, no zone) in the proleptic Gregorian calendar.
// The zero Date is not a valid date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, or an error wrapping ErrInvalid if it does not
// exist (e.g. 2026-02-30) or ErrOutOfRange if y is outside 1900–2100.
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < MinYear || y > MaxYear {
		return Date{}, fmt.Errorf("%w: year %d", ErrOutOfRange, y)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("%w: no such date %04d-%02d-%02d", ErrInvalid, y, int(m), d)
	}
	return Date{y, m, d}, nil
}

// ParseDate parses a strict YYYY-MM-DD date. It returns an error wrapping
// ErrInvalid for any other shape or an impossible date (2026-02-30), and
// ErrOutOfRange for a year outside 1900–2100.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, s)
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, s)
	}
	return NewDate(y, time.Month(m), d)
}

// atoi parses a string of ASCII digits only (no sign, no spaces).
func atoi(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// DateOf returns the civil date of t in Location. It never fails; the result may
// lie outside 1900–2100 (check with Valid).
func DateOf(t time.Time) Date {
	return fromDays(floorDiv(t.Unix()+offsetSeconds, secondsPerDay))
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Valid reports whether d exists and lies within 1900–2100.
func (d Date) Valid() bool {
	_, err := NewDate(d.Year, d.Month, d.Day)
	return err == nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns the date n days after d (before, if n < 0). It never fails;
// the result may lie outside 1900–2100.
func (d Date) AddDays(n int) Date { return fromDays(d.days() + int64(n)) }

// AddMonths returns the date n months after d, clamped to the last day of the
// target month when it is shorter (31 January + 1 month = 28 or 29 February).
// It never fails; the result may lie outside 1900–2100.
func (d Date) AddMonths(n int) Date {
	m := int(d.Month) - 1 + n
	y := d.Year + floorDivInt(m, 12)
	mm := time.Month(m - floorDivInt(m, 12)*12 + 1)
	day := d.Day
	if last := daysIn(y, mm); day > last {
		day = last
	}
	return Date{y, mm, day}
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	n := d.days() + 4
	return time.Weekday(n - floorDiv(n, 7)*7)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch a, b := d.days(), e.days(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Sub returns the number of days from e to d (d − e).
func (d Date) Sub(e Date) int { return int(d.days() - e.days()) }

// At returns the instant hour:min on d in Location. Values outside their usual
// ranges are normalised as time.Date does.
func (d Date) At(hour, min int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, min, 0, 0, Location)
}

// MarshalText encodes d as YYYY-MM-DD (so JSON shows "2026-01-01"); it never fails.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD; it returns ParseDate's errors.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

const (
	secondsPerDay = 86400
	offsetSeconds = 7 * 3600
)

// days returns the number of days from 1970-01-01 to d (negative before it),
// using Howard Hinnant's days_from_civil.
func (d Date) days() int64 {
	y := int64(d.Year)
	m := int64(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the inverse of days (Hinnant's civil_from_days).
func fromDays(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(d)}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorDivInt(a, b int) int { return int(floorDiv(int64(a), int64(b))) }

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
