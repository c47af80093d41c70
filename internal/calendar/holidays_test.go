package calendar

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// daysOff returns the summary's days off as strings.
func daysOff(t *testing.T, c *Calendar, y int) (off, sat []string) {
	t.Helper()
	s, err := c.YearSummary(y)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.DaysOff {
		off = append(off, d.String())
	}
	for _, d := range s.WorkingSaturdays {
		sat = append(sat, d.String())
	}
	return off, sat
}

func TestRuleGeneratedYears(t *testing.T) {
	cases := []struct {
		name string
		year int
		off  string // the weekdays off, in order
	}{
		{"2030 (Code 2019): Tết on Saturday 2 Feb, so 2 and 3 Feb are made up on 6 and 7 Feb; 2/9 Monday takes 3/9",
			2030, "2030-01-01 2030-02-01 2030-02-04 2030-02-05 2030-02-06 2030-02-07 2030-04-12 2030-04-30 2030-05-01 2030-09-02 2030-09-03"},
		{"2027: Tết Saturday 6 Feb; 1 May a Saturday, made up Monday 3 May; 2/9 Thursday takes Friday 3/9",
			2027, "2027-01-01 2027-02-05 2027-02-08 2027-02-09 2027-02-10 2027-02-11 2027-04-16 2027-04-30 2027-05-03 2027-09-02 2027-09-03"},
		{"2010 (Code 1994): Tết 4 days from the last day of Kỷ Sửu (Sat 13 Feb), two made up; 1 May Saturday",
			2010, "2010-01-01 2010-02-15 2010-02-16 2010-02-17 2010-02-18 2010-04-23 2010-04-30 2010-05-03 2010-09-02"},
		{"2006: no Hùng Kings' day before 2007; Tết Sunday 29 Jan, its weekend days made up on 1 and 2 Feb",
			2006, "2006-01-02 2006-01-30 2006-01-31 2006-02-01 2006-02-02 2006-05-01 2006-05-02 2006-09-04"},
		{"2007: Hùng Kings' day (Thursday 26 April) becomes a holiday",
			2007, "2007-01-01 2007-02-16 2007-02-19 2007-02-20 2007-02-21 2007-04-26 2007-04-30 2007-05-01 2007-09-03"},
		{"2013: Tết 5 days under the 2012 Code",
			2013, "2013-01-01 2013-02-11 2013-02-12 2013-02-13 2013-02-14 2013-02-15 2013-04-19 2013-04-30 2013-05-01 2013-09-02"},
		{"2042: Hùng Kings on Tuesday 29 April, the day before 30/4",
			2042, "2042-01-01 2042-01-21 2042-01-22 2042-01-23 2042-01-24 2042-01-27 2042-04-29 2042-04-30 2042-05-01 2042-09-01 2042-09-02"},
	}
	c := Default()
	for _, tc := range cases {
		off, sat := daysOff(t, c, tc.year)
		if got := strings.Join(off, " "); got != tc.off {
			t.Errorf("%s:\n got  %s\n want %s", tc.name, got, tc.off)
		}
		if len(sat) != 0 {
			t.Errorf("%s: rule years have no working Saturdays, got %v", tc.name, sat)
		}
	}
}

// The adjacent day of National Day (from 2021) as the rule picks it matches
// the Government's choice in every year of the official file.
func TestNationalDayAdjacentMatchesOfficialYears(t *testing.T) {
	want := map[int]string{2021: "2021-09-03", 2022: "2022-09-01", 2023: "2023-09-01",
		2024: "2024-09-03", 2025: "2025-09-01", 2026: "2026-09-01"}
	for y, d := range want {
		if got := nationalDayAdjacent(y).String(); got != d {
			t.Errorf("nationalDayAdjacent(%d) = %s, want %s", y, got, d)
		}
	}
}

func TestReformYear2020To2021(t *testing.T) {
	c := Default()
	if !c.IsWorkingDay(mustDate(t, "2020-09-03")) || !c.IsWorkingDay(mustDate(t, "2020-09-01")) {
		t.Error("2020: only 2/9 is off (Labour Code 2012)")
	}
	if c.IsWorkingDay(mustDate(t, "2020-09-02")) {
		t.Error("2020-09-02 must be off")
	}
	if c.IsWorkingDay(mustDate(t, "2021-09-02")) || c.IsWorkingDay(mustDate(t, "2021-09-03")) {
		t.Error("2021: 2/9 and 3/9 are off (Labour Code 2019)")
	}
	// Rule-generated, to see the rules alone: 11 days from 2021, 10 before.
	for y, n := range map[int]int{2019: 10, 2020: 10, 2021: 11, 2022: 11} {
		if got := len(statutoryDays(y)); got != n {
			t.Errorf("%d: %d statutory days, want %d", y, got, n)
		}
	}
}

// For every year of the official file, the rules and the Government agree on
// what is owed: the Government's weekdays off for that holiday year, less one
// per working Saturday (each buys a swapped day), are exactly as many as the
// rules' weekdays off; and every fixed-date holiday on a weekday is off in both.
func TestRulesAgreeWithOfficialSchedule(t *testing.T) {
	var f officialFile
	if err := json.Unmarshal(officialJSON, &f); err != nil {
		t.Fatal(err)
	}
	owed := map[int]int{}
	for _, p := range f.Periods {
		owed[p.HolidayYear] += len(p.WeekdayDaysOff) - len(p.WorkSaturdays)
	}
	c := Default()
	for y := 2015; y <= 2026; y++ {
		n := 0
		for _, h := range ruleHolidays(y) {
			if h.Kind.rest() && !isWeekend(h.Date) {
				n++
			}
		}
		if owed[y] != n {
			t.Errorf("%d: official schedule gives %d days, rules %d", y, owed[y], n)
		}
		for _, s := range statutoryDays(y) {
			if s.occ == occTet || isWeekend(s.date) {
				continue
			}
			if c.IsWorkingDay(s.date) {
				t.Errorf("%d: %s (%s) is a working day in the official schedule", y, s.date, s.occ)
			}
		}
		// Tết itself (1/1 lunar) is always off.
		tet, _ := Tet(y)
		if c.IsWorkingDay(tet) {
			t.Errorf("%d: Tết %s is a working day", y, tet)
		}
	}
}

func TestOfficialYearsReplaceRules(t *testing.T) {
	c := Default()
	var f officialFile
	if err := json.Unmarshal(officialJSON, &f); err != nil {
		t.Fatal(err)
	}
	for key, yd := range f.Years {
		if key == "2014" {
			continue
		}
		var y int
		for _, d := range yd.DaysOff {
			y = d.Year
		}
		off, sat := daysOff(t, c, y)
		var wantOff, wantSat []string
		for _, d := range yd.DaysOff {
			wantOff = append(wantOff, d.String())
		}
		for _, d := range yd.WorkSaturdays {
			wantSat = append(wantSat, d.String())
		}
		if strings.Join(off, " ") != strings.Join(wantOff, " ") || strings.Join(sat, " ") != strings.Join(wantSat, " ") {
			t.Errorf("%s: calendar %v / %v, file %v / %v", key, off, sat, wantOff, wantSat)
		}
	}
	// 2014 is partial: the rules, plus the Saturday worked for 2 January 2015.
	off, sat := daysOff(t, c, 2014)
	if strings.Join(sat, " ") != "2014-12-27" {
		t.Errorf("2014 working Saturdays %v", sat)
	}
	if strings.Join(off, " ") != "2014-01-01 2014-01-30 2014-01-31 2014-02-03 2014-02-04 2014-02-05 2014-04-09 2014-04-30 2014-05-01 2014-09-02" {
		t.Errorf("2014 days off %v", off)
	}
}

func TestOfficialDayNames(t *testing.T) {
	cases := []struct {
		date   string
		kind   DayKind
		vi, en string
		forVI  string
	}{
		{"2026-01-01", KindHoliday, "Tết Dương lịch", "New Year's Day", ""},
		{"2026-01-02", KindSwapped, "Nghỉ hoán đổi", "Swapped day off", "Tết Dương lịch"},
		{"2026-01-10", KindWorkingSaturday, "Làm bù", "Make-up working Saturday", "Tết Dương lịch"},
		{"2026-02-16", KindHoliday, "Tết Nguyên đán", "Lunar New Year", ""},
		{"2026-04-26", KindHoliday, "Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration", ""}, // a Sunday
		{"2026-04-27", KindCompensatory, "Nghỉ bù", "Compensatory day off", "Giỗ Tổ Hùng Vương"},
		{"2026-04-30", KindHoliday, "Ngày Chiến thắng", "Reunification Day", ""},
		{"2026-05-01", KindHoliday, "Ngày Quốc tế Lao động", "International Labour Day", ""},
		{"2026-08-31", KindSwapped, "Nghỉ hoán đổi", "Swapped day off", "Ngày Quốc khánh"},
		{"2026-09-01", KindHoliday, "Ngày Quốc khánh", "National Day", ""},
		{"2026-09-02", KindHoliday, "Ngày Quốc khánh", "National Day", ""},
		{"2023-05-02", KindCompensatory, "Nghỉ bù", "Compensatory day off", "Giỗ Tổ Hùng Vương"},
		{"2023-05-03", KindCompensatory, "Nghỉ bù", "Compensatory day off", "Ngày Chiến thắng"},
		{"2023-09-04", KindCompensatory, "Nghỉ bù", "Compensatory day off", "Ngày Quốc khánh"},
		{"2018-12-31", KindSwapped, "Nghỉ hoán đổi", "Swapped day off", "Tết Dương lịch"}, // for 1/1/2019, worked on 5/1/2019
		{"2015-02-16", KindSwapped, "Nghỉ hoán đổi", "Swapped day off", "Tết Nguyên đán"},
		{"2015-04-29", KindSwapped, "Nghỉ hoán đổi", "Swapped day off", "Giỗ Tổ Hùng Vương, Ngày Chiến thắng, Ngày Quốc tế Lao động"},
		{"2025-05-02", KindSwapped, "Nghỉ hoán đổi", "Swapped day off", "Ngày Chiến thắng, Ngày Quốc tế Lao động"},
	}
	c := Default()
	for _, tc := range cases {
		info := c.DayInfo(mustDate(t, tc.date))
		if info.Kind != tc.kind || info.NameVI() != tc.vi || info.NameEN() != tc.en || info.Holidays[0].ForVI != tc.forVI {
			t.Errorf("%s: got %s %q/%q for %q; want %s %q/%q for %q", tc.date, info.Kind, info.NameVI(), info.NameEN(),
				info.Holidays[0].ForVI, tc.kind, tc.vi, tc.en, tc.forVI)
		}
	}
	// Every official day off is named from a period, none by the fallback.
	for y := 2015; y <= 2026; y++ {
		yr, _ := c.Year(y)
		for _, h := range yr.Holidays {
			if h.NameVI == nameOfficialOff.vi || h.NameVI == "" || h.NameEN == "" {
				t.Errorf("%s has no proper name: %+v", h.Date, h)
			}
		}
	}
}

// The embedded copy is the shared data file (when the shared folder is there).
func TestEmbeddedOfficialFileIsTheSharedOne(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "holidays-official-2015-2026.json"))
	if err != nil {
		t.Skip("shared/data not beside the repository")
	}
	if !bytes.Equal(shared, officialJSON) {
		t.Error("internal/calendar/official/holidays-official-2015-2026.json differs from shared/data: copy it again")
	}
	if !bytes.Equal(OfficialJSON(), officialJSON) {
		t.Error("OfficialJSON is not the embedded file")
	}
}

func TestInvalidOfficialDocuments(t *testing.T) {
	bad := map[string]string{
		"not JSON":                      `{`,
		"day off on a Saturday":         `{"years":{"2027":{"days_off":["2027-01-02"],"work_saturdays":[]}},"periods":[]}`,
		"working day not Saturday":      `{"years":{"2027":{"days_off":[],"work_saturdays":["2027-01-04"]}},"periods":[]}`,
		"date filed under another year": `{"years":{"2027":{"days_off":["2028-01-03"],"work_saturdays":[]}},"periods":[]}`,
		"unknown occasion": `{"years":{},"periods":[{"holiday_year":2027,"occasion":"ngay_van_hoa",
			"weekday_days_off":[],"work_saturdays":[]}]}`,
		"impossible date": `{"years":{"2027":{"days_off":["2027-02-30"],"work_saturdays":[]}},"periods":[]}`,
	}
	for name, doc := range bad {
		if _, err := New(Options{Official: []byte(doc)}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A newer schedule can be supplied: it replaces the rules for its year.
	doc := `{"years":{"2027":{"days_off":["2027-01-01","2027-11-24"],"work_saturdays":["2027-11-27"]}},"periods":[]}`
	c, err := New(Options{Official: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	off, sat := daysOff(t, c, 2027)
	if strings.Join(off, " ") != "2027-01-01 2027-11-24" || strings.Join(sat, " ") != "2027-11-27" {
		t.Errorf("supplied 2027: %v %v", off, sat)
	}
	if got := c.DayInfo(mustDate(t, "2027-11-24")).NameVI(); got != nameOfficialOff.vi {
		t.Errorf("unnamed official day: %q", got)
	}
}
