package calendar

import (
	"fmt"
	"sort"
	"sync"
)

// LunarDate is a date of the Vietnamese lunar calendar (âm lịch). Leap is true in
// a leap month (tháng nhuận), which repeats the number of the month before it.
// The JSON shape is the CLI contract: {"day":1,"month":1,"year":1985,"leap":false}.
type LunarDate struct {
	Day   int  `json:"day"`
	Month int  `json:"month"`
	Year  int  `json:"year"`
	Leap  bool `json:"leap"`
}

// String returns the date as day/month/year, e.g. "1/1/2026", with " nhuận"
// after the month of a leap month ("15/6 nhuận/2025").
func (l LunarDate) String() string {
	if l.Leap {
		return fmt.Sprintf("%d/%d nhuận/%d", l.Day, l.Month, l.Year)
	}
	return fmt.Sprintf("%d/%d/%d", l.Day, l.Month, l.Year)
}

// lunarMonth is one month of the table: its first day (days since 1970-01-01),
// its number and whether it is leap, and the lunar year it belongs to.
type lunarMonth struct {
	start int64
	month int8
	leap  bool
	year  int16
	k     int32 // lunation number, counted from the new moon of 1900-01-01
}

// lunarTable holds every lunar month from the one containing 1900-01-01 to the
// one after 2100-12-31, in order.
type lunarTable struct {
	months []lunarMonth
	// firstOfYear[y-firstYear] is the index of month 1 of lunar year y.
	firstYear   int
	firstOfYear []int
}

var (
	lunarOnce sync.Once
	lunarTab  *lunarTable
)

// julianOf1970 is the Julian day number of 1970-01-01.
const julianOf1970 = 2440588

// lunar returns the table, building it on first use (about 200 years × 13
// new moons; a few milliseconds, once).
func lunar() *lunarTable {
	lunarOnce.Do(func() { lunarTab = buildVietnamTable() })
	return lunarTab
}

// calendarEras lists the meridians Vietnam's calendar was reckoned for, as
// reconstructed in Hồ Ngọc Đức's published tables:
//   - until 1928, as the Chinese calendar: months numbered (solar terms, leap
//     months) for UTC+8, each month beginning on the day of the new moon at
//     Beijing local mean time (116°25′E, UTC+7:45:40); this moves four month
//     starts by a day (1906-04-23, 1914-11-17, 1916-02-03, 1920-11-10);
//   - from 1929 UTC+8, when China moved its calendar to the 120°E meridian;
//   - from 1968 UTC+7, when the North's calendar reform took effect with the
//     year Mậu Thân (hence Tết 1968 on 29 January in Vietnam, 30 January in
//     China); the unified country kept it.
//
// A month belongs to the era in which it begins.
var calendarEras = []struct {
	from     int     // first Gregorian year of the era
	timeZone float64 // for the month numbering
	moonZone float64 // for the day each month begins
}{
	{MinYear - 2, oldTimeZone, beijingMeanTime},
	{1929, oldTimeZone, oldTimeZone},
	{vnReformYear, vnTimeZone, vnTimeZone},
}

// beijingMeanTime is the local mean time of Beijing, in hours east of UTC.
const beijingMeanTime = 7 + 45.0/60 + 40.0/3600

// buildVietnamTable returns the table of Vietnam's calendar, splicing the
// months computed for each era. The computations agree on the months that
// straddle each change (tests check the table stays continuous).
func buildVietnamTable() *lunarTable {
	var months []lunarMonth
	for i, era := range calendarEras {
		from := Date{era.from, 1, 1}.days()
		to := Date{MaxYear + 2, 1, 1}.days()
		lastYear := MaxYear + 1
		if i+1 < len(calendarEras) {
			to = Date{calendarEras[i+1].from, 1, 1}.days()
			lastYear = calendarEras[i+1].from
		}
		for _, m := range buildLunarTable(era.from-2, lastYear, era.timeZone).months {
			if m.start >= from && m.start < to {
				if era.moonZone != era.timeZone {
					m.start = int64(getNewMoonDay(int(m.k), era.moonZone) - julianOf1970)
				}
				months = append(months, m)
			}
		}
	}
	return indexLunarTable(months)
}

// buildLunarTable numbers the months of each "sui" (the span from one month 11
// to the next, which holds the winter solstice of its first year) exactly as
// convertSolar2Lunar does, for solstice years from..to.
func buildLunarTable(from, to int, tz float64) *lunarTable {
	t := &lunarTable{}
	for y := from; y <= to; y++ {
		a11 := getLunarMonth11(y, tz)
		b11 := getLunarMonth11(y+1, tz)
		k := intPart((float64(a11)-2415021.076998695)/29.530588853 + 0.5)
		leapOff := -1
		if b11-a11 > 365 {
			leapOff = getLeapMonthOffset(a11, tz)
		}
		for i := 0; ; i++ {
			start := getNewMoonDay(k+i, tz)
			if start >= b11 {
				break
			}
			diff := i
			month := diff + 11
			leap := false
			if leapOff >= 0 && diff >= leapOff {
				month = diff + 10
				leap = diff == leapOff
			}
			if month > 12 {
				month -= 12
			}
			year := y + 1
			if month >= 11 && diff < 4 {
				year = y
			}
			t.months = append(t.months, lunarMonth{
				start: int64(start - julianOf1970),
				month: int8(month),
				leap:  leap,
				year:  int16(year),
				k:     int32(k + i),
			})
		}
	}
	return indexLunarTable(t.months)
}

// indexLunarTable fills the index of first months of each lunar year.
func indexLunarTable(months []lunarMonth) *lunarTable {
	t := &lunarTable{months: months}
	t.firstYear = int(t.months[0].year)
	last := int(t.months[len(t.months)-1].year)
	t.firstOfYear = make([]int, last-t.firstYear+1)
	for i := range t.firstOfYear {
		t.firstOfYear[i] = -1
	}
	for i, m := range t.months {
		if m.month == 1 && !m.leap {
			t.firstOfYear[int(m.year)-t.firstYear] = i
		}
	}
	return t
}

// find returns the index of the month containing day z (days since 1970).
func (t *lunarTable) find(z int64) int {
	i := sort.Search(len(t.months), func(i int) bool { return t.months[i].start > z })
	return i - 1
}

// monthLen returns the length of month i (29 or 30).
func (t *lunarTable) monthLen(i int) int {
	return int(t.months[i+1].start - t.months[i].start)
}

// ToLunar returns the Vietnamese lunar date of d. It returns an error wrapping
// ErrOutOfRange or ErrInvalid if d is not a valid date of 1900–2100.
func ToLunar(d Date) (LunarDate, error) {
	if _, err := NewDate(d.Year, d.Month, d.Day); err != nil {
		return LunarDate{}, err
	}
	return lunarOf(d.days()), nil
}

// lunarOf converts a day (days since 1970) known to be within the table.
func lunarOf(z int64) LunarDate {
	t := lunar()
	m := t.months[t.find(z)]
	return LunarDate{Day: int(z-m.start) + 1, Month: int(m.month), Year: int(m.year), Leap: m.leap}
}

// FromLunar returns the solar date of the lunar date l. It returns an error
// wrapping ErrInvalid if l does not exist (month outside 1–12, a leap flag on a
// month that is not leap that year, day 30 of a 29-day month), and
// ErrOutOfRange if the solar date falls outside 1900–2100.
func FromLunar(l LunarDate) (Date, error) {
	i, err := monthIndex(l.Year, l.Month, l.Leap)
	if err != nil {
		return Date{}, err
	}
	t := lunar()
	if n := t.monthLen(i); l.Day < 1 || l.Day > n {
		return Date{}, fmt.Errorf("%w: lunar date %s: month has %d days", ErrInvalid, l, n)
	}
	d := fromDays(t.months[i].start + int64(l.Day) - 1)
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, fmt.Errorf("%w: lunar date %s is %s", ErrOutOfRange, l, d)
	}
	return d, nil
}

// monthIndex returns the table index of lunar month (year, month, leap).
func monthIndex(year, month int, leap bool) (int, error) {
	t := lunar()
	if month < 1 || month > 12 {
		return 0, fmt.Errorf("%w: lunar month %d", ErrInvalid, month)
	}
	if year < t.firstYear || year >= t.firstYear+len(t.firstOfYear) || t.firstOfYear[year-t.firstYear] < 0 {
		return 0, fmt.Errorf("%w: lunar year %d", ErrOutOfRange, year)
	}
	for i := t.firstOfYear[year-t.firstYear]; i < len(t.months)-1 && int(t.months[i].year) == year; i++ {
		if m := t.months[i]; int(m.month) == month && m.leap == leap {
			return i, nil
		}
	}
	if leap {
		return 0, fmt.Errorf("%w: lunar year %d has no leap month %d", ErrInvalid, year, month)
	}
	return 0, fmt.Errorf("%w: lunar month %d/%d", ErrOutOfRange, month, year)
}

// LeapMonth returns the leap month of lunar year y (0 if the year has none).
// It returns an error wrapping ErrOutOfRange for a year outside 1900–2100.
func LeapMonth(y int) (int, error) {
	if y < MinYear || y > MaxYear {
		return 0, fmt.Errorf("%w: lunar year %d", ErrOutOfRange, y)
	}
	t := lunar()
	for i := t.firstOfYear[y-t.firstYear]; int(t.months[i].year) == y; i++ {
		if t.months[i].leap {
			return int(t.months[i].month), nil
		}
	}
	return 0, nil
}

// LunarMonthDays returns the number of days (29 or 30) of a lunar month. It
// returns FromLunar's errors for a month that does not exist or is out of range.
func LunarMonthDays(year, month int, leap bool) (int, error) {
	i, err := monthIndex(year, month, leap)
	if err != nil {
		return 0, err
	}
	return lunar().monthLen(i), nil
}

// Tet returns the solar date of Tết Nguyên đán (1/1 lunar) of year y. It returns
// an error wrapping ErrOutOfRange for a year outside 1900–2100.
func Tet(y int) (Date, error) {
	if y < MinYear || y > MaxYear {
		return Date{}, fmt.Errorf("%w: year %d", ErrOutOfRange, y)
	}
	return FromLunar(LunarDate{Day: 1, Month: 1, Year: y})
}
