package calendar

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func timeMonth(m int) time.Month { return time.Month(m) }

// Tết (1/1 lunar) in Vietnam. Where China's date differs it is noted.
var tetDates = map[int]string{
	1916: "1916-02-03", // month starts reckoned at Beijing mean time before 1929
	1954: "1954-02-03",
	1968: "1968-01-29", // China: 1968-01-30 (Vietnam moved to UTC+7)
	1975: "1975-02-11",
	1985: "1985-01-21", // China: 1985-02-20 (Vietnam's leap month 2 vs China's leap 10 of 1984)
	1990: "1990-01-27", 1991: "1991-02-15", 1992: "1992-02-04", 1993: "1993-01-23",
	1994: "1994-02-10", 1995: "1995-01-31", 1996: "1996-02-19", 1997: "1997-02-07",
	1998: "1998-01-28", 1999: "1999-02-16", 2000: "2000-02-05", 2001: "2001-01-24",
	2002: "2002-02-12", 2003: "2003-02-01", 2004: "2004-01-22", 2005: "2005-02-09",
	2006: "2006-01-29",
	2007: "2007-02-17", // China: 2007-02-18
	2008: "2008-02-07", 2009: "2009-01-26", 2010: "2010-02-14", 2011: "2011-02-03",
	2012: "2012-01-23", 2013: "2013-02-10", 2014: "2014-01-31", 2015: "2015-02-19",
	2016: "2016-02-08", 2017: "2017-01-28", 2018: "2018-02-16", 2019: "2019-02-05",
	2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22",
	2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
	2028: "2028-01-26", 2029: "2029-02-13",
	2030: "2030-02-02", // China: 2030-02-03
}

func TestTet(t *testing.T) {
	for y, want := range tetDates {
		got, err := Tet(y)
		if err != nil || got.String() != want {
			t.Errorf("Tết %d = %v, %v; want %s", y, got, err, want)
		}
		l, err := ToLunar(mustDate(t, want))
		if err != nil || l != (LunarDate{Day: 1, Month: 1, Year: y}) {
			t.Errorf("ToLunar(%s) = %v, %v; want 1/1/%d", want, l, err, y)
		}
		// The day before is the last day (29 or 30) of month 12 of the old year.
		prev, _ := ToLunar(mustDate(t, want).AddDays(-1))
		if prev.Month != 12 || prev.Year != y-1 || prev.Leap || (prev.Day != 29 && prev.Day != 30) {
			t.Errorf("day before Tết %d is %v", y, prev)
		}
	}
}

func TestKnownLunarDates(t *testing.T) {
	cases := []struct {
		name  string
		solar string
		lunar LunarDate
	}{
		{"Hùng Kings' day 2026", "2026-04-26", LunarDate{10, 3, 2026, false}},
		{"Hùng Kings' day 2025", "2025-04-07", LunarDate{10, 3, 2025, false}},
		{"Hùng Kings' day 2024", "2024-04-18", LunarDate{10, 3, 2024, false}},
		{"Hùng Kings' day 2023", "2023-04-29", LunarDate{10, 3, 2023, false}},
		{"Hùng Kings' day 2007, first paid one", "2007-04-26", LunarDate{10, 3, 2007, false}},
		{"Hùng Kings' day 2012", "2012-03-31", LunarDate{10, 3, 2012, false}},
		{"Mid-Autumn 2025", "2025-10-06", LunarDate{15, 8, 2025, false}},
		{"Mid-Autumn 2024", "2024-09-17", LunarDate{15, 8, 2024, false}},
		{"Kitchen Gods' day 2026 (23 tháng Chạp Ất Tỵ)", "2026-02-10", LunarDate{23, 12, 2025, false}},
		{"first day of leap month 2 of 2023", "2023-03-22", LunarDate{1, 2, 2023, true}},
		{"first day of leap month 6 of 2025", "2025-07-25", LunarDate{1, 6, 2025, true}},
		{"first day of leap month 4 of 2020", "2020-05-23", LunarDate{1, 4, 2020, true}},
		{"Vu Lan 2025 (after the leap month)", "2025-09-06", LunarDate{15, 7, 2025, false}},
		{"last day of the range", "2100-12-31", LunarDate{1, 12, 2100, false}},
		{"first day of the range", "1900-01-01", LunarDate{1, 12, 1899, false}},
	}
	for _, c := range cases {
		got, err := ToLunar(mustDate(t, c.solar))
		if err != nil || got != c.lunar {
			t.Errorf("%s: ToLunar(%s) = %v, %v; want %v", c.name, c.solar, got, err, c.lunar)
		}
		back, err := FromLunar(c.lunar)
		if err != nil || back.String() != c.solar {
			t.Errorf("%s: FromLunar(%v) = %v, %v; want %s", c.name, c.lunar, back, err, c.solar)
		}
	}
}

// The month starts where this package knowingly differs from Hồ Ngọc Đức's
// published tables (see the package documentation).
func TestDocumentedDifferences(t *testing.T) {
	for solar, want := range map[string]LunarDate{
		"1925-01-24": {1, 1, 1925, false},  // his table: 1925-01-25
		"2054-05-08": {1, 4, 2054, false},  // his table: 2054-05-07
		"2072-12-10": {1, 11, 2072, false}, // his table: 2072-12-09
		"2077-11-16": {1, 10, 2077, false}, // his table: 2077-11-15
		"1920-11-10": {1, 10, 1920, false}, // Beijing mean time (UTC+8 would say 11-11)
	} {
		if got, _ := ToLunar(mustDate(t, solar)); got != want {
			t.Errorf("ToLunar(%s) = %v, want %v", solar, got, want)
		}
	}
}

func TestLeapMonths(t *testing.T) {
	want := map[int]int{
		1985: 2, // China: leap 10 of 1984
		1987: 7, // China: leap 6
		1990: 5, 1993: 3, 1995: 8, 1998: 5, 2001: 4, 2004: 2, 2006: 7,
		2009: 5, 2012: 4, 2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6, 2028: 5, 2031: 3,
		2033: 11,
		2024: 0, 2026: 0, 2027: 0,
	}
	for y, m := range want {
		got, err := LeapMonth(y)
		if err != nil || got != m {
			t.Errorf("LeapMonth(%d) = %d, %v; want %d", y, got, err, m)
		}
	}
	if _, err := LeapMonth(2101); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("LeapMonth(2101) error = %v", err)
	}
}

func TestFromLunarRefusesDatesThatDoNotExist(t *testing.T) {
	cases := []struct {
		name string
		l    LunarDate
		want error
	}{
		{"leap flag on a month that is not leap (2026 has none)", LunarDate{1, 3, 2026, true}, ErrInvalid},
		{"leap flag on the wrong month (2025's leap is 6)", LunarDate{1, 5, 2025, true}, ErrInvalid},
		{"day 30 of a 29-day month (12/2025 has 29 days)", LunarDate{30, 12, 2025, false}, ErrInvalid},
		{"day 0", LunarDate{0, 1, 2026, false}, ErrInvalid},
		{"month 13", LunarDate{1, 13, 2026, false}, ErrInvalid},
		{"year after the range", LunarDate{1, 1, 2101, false}, ErrOutOfRange},
		{"year before the range", LunarDate{1, 1, 1890, false}, ErrOutOfRange},
		{"lunar 2100 month 12 day 2 is already 2101", LunarDate{2, 12, 2100, false}, ErrOutOfRange},
	}
	for _, c := range cases {
		if _, err := FromLunar(c.l); !errors.Is(err, c.want) {
			t.Errorf("%s: FromLunar(%v) error = %v, want %v", c.name, c.l, err, c.want)
		}
	}
	if n, err := LunarMonthDays(2025, 12, false); err != nil || n != 29 {
		t.Errorf("LunarMonthDays(2025, 12) = %d, %v", n, err)
	}
}

// Every day of 1900–2100 converts to lunar and back to itself.
func TestLunarRoundTripEveryDay(t *testing.T) {
	for i := 0; i < numDays; i++ {
		d := dateAt(i)
		l, err := ToLunar(d)
		if err != nil {
			t.Fatalf("ToLunar(%v): %v", d, err)
		}
		back, err := FromLunar(l)
		if err != nil || back != d {
			t.Fatalf("FromLunar(ToLunar(%v) = %v) = %v, %v", d, l, back, err)
		}
	}
}

// The table is a well-formed calendar: months of 29 or 30 days in sequence,
// each year of 12 months or 13 with one leap month repeating the month before.
func TestLunarTableIsContinuous(t *testing.T) {
	tab := lunar()
	for i := 1; i < len(tab.months); i++ {
		prev, m := tab.months[i-1], tab.months[i]
		if n := m.start - prev.start; n != 29 && n != 30 {
			t.Fatalf("month %d/%d (leap %v) from %v has %d days", prev.month, prev.year, prev.leap, fromDays(prev.start), n)
		}
		switch {
		case m.leap:
			if m.month != prev.month || m.year != prev.year || prev.leap {
				t.Fatalf("leap month %d/%d does not follow month %d", m.month, m.year, prev.month)
			}
		case m.month == 1:
			if prev.month != 12 || m.year != prev.year+1 {
				t.Fatalf("month 1/%d follows %d/%d", m.year, prev.month, prev.year)
			}
		default:
			if m.month != prev.month+1 || m.year != prev.year {
				t.Fatalf("month %d/%d follows %d/%d", m.month, m.year, prev.month, prev.year)
			}
		}
	}
}

// From 1968 on, the table is exactly the published algorithm run for UTC+7
// (convertSolar2Lunar), on every day where the published function's own
// estimate of the lunation is consistent (it returns day 0 on a handful of
// days just before a new moon near midnight).
func TestTableMatchesPublishedAlgorithm(t *testing.T) {
	start, _ := dayIndex(Date{vnReformYear, 1, 1})
	for i := start; i < numDays; i++ {
		d := dateAt(i)
		day, month, year, leap := convertSolar2Lunar(d.Day, int(d.Month), d.Year, vnTimeZone)
		if day < 1 {
			continue
		}
		want := LunarDate{day, month, year, leap}
		if got := lunarOf(firstDay + int64(i)); got != want {
			t.Fatalf("%v: table %v, convertSolar2Lunar %v", d, got, want)
		}
	}
	// And convertLunar2Solar finds the first day of every month.
	for _, m := range lunar().months {
		if fromDays(m.start).Year < vnReformYear || m.year > MaxYear {
			continue
		}
		dd, mm, yy, ok := convertLunar2Solar(1, int(m.month), int(m.year), m.leap, vnTimeZone)
		if got := fromDays(m.start); !ok || got != (Date{yy, timeMonth(mm), dd}) {
			t.Fatalf("convertLunar2Solar(1/%d/%d leap %v) = %d-%d-%d %v; table %v", m.month, m.year, m.leap, yy, mm, dd, ok, got)
		}
	}
	if _, _, _, ok := convertLunar2Solar(1, 3, 2026, true, vnTimeZone); ok {
		t.Error("convertLunar2Solar accepted leap month 3 of 2026")
	}
}

func TestJulianDayNumbers(t *testing.T) {
	for _, s := range []string{"1900-01-01", "1968-01-29", "2000-01-01", "2026-02-17", "2100-12-31"} {
		d := mustDate(t, s)
		jd := jdFromDate(d.Day, int(d.Month), d.Year)
		if jd != int(d.days())+julianOf1970 {
			t.Errorf("jdFromDate(%s) = %d, want %d", s, jd, int(d.days())+julianOf1970)
		}
		if dd, mm, yy := jdToDate(jd); (Date{yy, timeMonth(mm), dd}) != d {
			t.Errorf("jdToDate(%d) = %d-%d-%d", jd, yy, mm, dd)
		}
	}
	if jdFromDate(4, 10, 1582) != 2299160 {
		t.Error("Julian calendar branch of jdFromDate is wrong")
	}
}

func TestCanChi(t *testing.T) {
	years := map[int]string{
		1968: "Mậu Thân", 1975: "Ất Mão", 1985: "Ất Sửu", 2000: "Canh Thìn", 2023: "Quý Mão",
		2024: "Giáp Thìn", 2025: "Ất Tỵ", 2026: "Bính Ngọ", 2030: "Canh Tuất",
	}
	for y, want := range years {
		if got := YearCanChi(y); got != want {
			t.Errorf("YearCanChi(%d) = %q, want %q", y, got, want)
		}
	}
	if got := Zodiac(2023); got != "Mèo" {
		t.Errorf("Zodiac(2023) = %q", got)
	}
	months := []struct {
		l    LunarDate
		want string
	}{
		{LunarDate{1, 1, 2024, false}, "Bính Dần"}, // a Giáp year starts with Bính Dần
		{LunarDate{1, 1, 2026, false}, "Canh Dần"}, // a Bính year starts with Canh Dần
		{LunarDate{1, 12, 2025, false}, "Kỷ Sửu"},
		{LunarDate{1, 6, 2025, true}, "Quý Mùi"}, // leap 6 keeps month 6's name
	}
	for _, c := range months {
		if got := MonthCanChi(c.l); got != c.want {
			t.Errorf("MonthCanChi(%v) = %q, want %q", c.l, got, c.want)
		}
	}
	days := map[string]string{
		"2024-02-10": "Giáp Thìn", // Tết Giáp Thìn fell on a Giáp Thìn day
		"2024-02-11": "Ất Tỵ",
		"2000-01-01": "Mậu Ngọ", // the usual anchor of the day cycle (戊午)
		"2026-02-17": "Nhâm Tuất",
	}
	for s, want := range days {
		if got := DayCanChi(mustDate(t, s)); got != want {
			t.Errorf("DayCanChi(%s) = %q, want %q", s, got, want)
		}
	}
}

func TestLunarDateString(t *testing.T) {
	if got := (LunarDate{15, 6, 2025, true}).String(); got != "15/6 nhuận/2025" {
		t.Error(got)
	}
	if got := fmt.Sprint(LunarDate{1, 1, 2026, false}); got != "1/1/2026" {
		t.Error(got)
	}
}
