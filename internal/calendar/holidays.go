package calendar

import (
	"sort"
	"time"
)

// DayKind says what a day is in the calendar, or what a Holiday entry is.
type DayKind string

// Kinds of days. A day's kind is the strongest reason that applies to it.
const (
	KindWorkday         DayKind = "WORKDAY"          // Monday–Friday, worked
	KindWeekend         DayKind = "WEEKEND"          // Saturday or Sunday, weekly rest
	KindHoliday         DayKind = "HOLIDAY"          // public holiday (ngày lễ, tết), possibly on a weekend
	KindCompensatory    DayKind = "COMPENSATORY"     // nghỉ bù: a holiday fell on a weekly rest day
	KindSwapped         DayKind = "SWAPPED"          // nghỉ hoán đổi: off in exchange for a working Saturday
	KindClosure         DayKind = "CLOSURE"          // an administrator's extra day off
	KindWorkingSaturday DayKind = "WORKING_SATURDAY" // a Saturday that is worked (làm bù)
)

// rest reports whether a day of this kind is a day off when it is a weekday.
func (k DayKind) rest() bool {
	switch k {
	case KindHoliday, KindCompensatory, KindSwapped, KindClosure:
		return true
	}
	return false
}

// Source says where a Holiday entry comes from.
type Source string

// Sources of holiday entries.
const (
	SourceRule     Source = "RULE"     // generated from the Labour Code
	SourceOfficial Source = "OFFICIAL" // the Government's published schedule (embedded file)
	SourceOverride Source = "OVERRIDE" // an administrator's closure or working Saturday
)

// Holiday is one named entry of the calendar: a public holiday, a
// compensatory or swapped day off, a closure, or a working Saturday. ForVI and
// ForEN name the occasion that a compensatory, swapped or working day belongs to.
type Holiday struct {
	Date   Date    `json:"date"`
	Kind   DayKind `json:"kind"`
	NameVI string  `json:"name_vi"`
	NameEN string  `json:"name_en"`
	ForVI  string  `json:"for_vi,omitempty"`
	ForEN  string  `json:"for_en,omitempty"`
	Source Source  `json:"source"`
}

// occasion is a public holiday of the Labour Code, keyed as in the official file.
type occasion string

const (
	occNewYear     occasion = "tet_duong_lich"
	occTet         occasion = "tet_nguyen_dan"
	occHungKings   occasion = "hung_kings"
	occVictory     occasion = "30_4"
	occLabour      occasion = "1_5"
	occNationalDay occasion = "quoc_khanh"
)

type names struct{ vi, en string }

var occasionNames = map[occasion]names{
	occNewYear:     {"Tết Dương lịch", "New Year's Day"},
	occTet:         {"Tết Nguyên đán", "Lunar New Year"},
	occHungKings:   {"Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration"},
	occVictory:     {"Ngày Chiến thắng", "Reunification Day"},
	occLabour:      {"Ngày Quốc tế Lao động", "International Labour Day"},
	occNationalDay: {"Ngày Quốc khánh", "National Day"},
}

var (
	nameCompensatory = names{"Nghỉ bù", "Compensatory day off"}
	nameSwapped      = names{"Nghỉ hoán đổi", "Swapped day off"}
	nameMakeUp       = names{"Làm bù", "Make-up working Saturday"}
	nameClosure      = names{"Nghỉ theo quyết định của cơ quan", "Office closure"}
	nameWorkingSat   = names{"Làm việc thứ Bảy", "Working Saturday"}
	nameOfficialOff  = names{"Ngày nghỉ theo lịch của Chính phủ", "Day off by Government schedule"}
)

// Years in which the Labour Codes' holiday rules start to apply.
const (
	hungKingsFrom = 2007 // Giỗ Tổ Hùng Vương became a paid holiday (Labour Code 1994 as amended in 2007)
	code2012From  = 2013 // Labour Code 2012 Art. 115: Tết 5 days (applied from Tết 2013 by Resolution 51/2012/QH13)
	code2019From  = 2021 // Labour Code 2019 Art. 112: 2 September plus one adjacent day
)

// statutoryDay is one day of a public holiday, before any compensation.
type statutoryDay struct {
	date Date
	occ  occasion
}

// statutoryDays returns the public holidays of year y as the Labour Code
// applying to y lists them, in date order, before compensation.
func statutoryDays(y int) []statutoryDay {
	var out []statutoryDay
	add := func(d Date, o occasion) { out = append(out, statutoryDay{d, o}) }
	add(Date{y, time.January, 1}, occNewYear)
	if tet, err := Tet(y); err == nil {
		// The last day of the old lunar year and the first days of the new one:
		// 4 days under the 1994 Code, 5 from 2013.
		n := 4
		if y >= code2012From {
			n = 5
		}
		for i := -1; i < n-1; i++ {
			add(tet.AddDays(i), occTet)
		}
	}
	if y >= hungKingsFrom {
		if d, err := FromLunar(LunarDate{Day: 10, Month: 3, Year: y}); err == nil {
			add(d, occHungKings)
		}
	}
	add(Date{y, time.April, 30}, occVictory)
	add(Date{y, time.May, 1}, occLabour)
	national := Date{y, time.September, 2}
	add(national, occNationalDay)
	if y >= code2019From {
		add(nationalDayAdjacent(y), occNationalDay)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].date.Before(out[j].date) })
	return out
}

// nationalDayAdjacent returns the day joined to 2 September from 2021: the
// adjacent day that bridges the holiday to a weekend, as the Government chose
// in 2021–2026 (3 September when 2 September is a Monday, Thursday or Sunday;
// 1 September otherwise, including a Wednesday, where neither bridges).
func nationalDayAdjacent(y int) Date {
	switch (Date{y, time.September, 2}).Weekday() {
	case time.Monday, time.Thursday, time.Sunday:
		return Date{y, time.September, 3}
	}
	return Date{y, time.September, 1}
}

// ruleHolidays returns the holiday entries the rules give year y: every
// statutory day (also those on a weekend, for display) and a compensatory day
// for each that falls on a Saturday or Sunday or on another holiday, on the
// next weekday that is not already off.
func ruleHolidays(y int) []Holiday {
	days := statutoryDays(y)
	off := make(map[Date]bool, len(days))
	var out []Holiday
	for _, s := range days {
		if !off[s.date] {
			n := occasionNames[s.occ]
			out = append(out, Holiday{Date: s.date, Kind: KindHoliday, NameVI: n.vi, NameEN: n.en, Source: SourceRule})
		}
		off[s.date] = true
	}
	// Compensate in date order, each on the first free weekday after its holiday.
	for i, s := range days {
		if !isWeekend(s.date) && !duplicateBefore(days, i) {
			continue
		}
		d := s.date.AddDays(1)
		for isWeekend(d) || off[d] {
			d = d.AddDays(1)
		}
		off[d] = true
		n := occasionNames[s.occ]
		out = append(out, Holiday{Date: d, Kind: KindCompensatory, NameVI: nameCompensatory.vi, NameEN: nameCompensatory.en,
			ForVI: n.vi, ForEN: n.en, Source: SourceRule})
	}
	sortHolidays(out)
	return out
}

// duplicateBefore reports whether days[i] falls on the date of an earlier entry.
func duplicateBefore(days []statutoryDay, i int) bool {
	for j := 0; j < i; j++ {
		if days[j].date == days[i].date {
			return true
		}
	}
	return false
}

func isWeekend(d Date) bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

func sortHolidays(hs []Holiday) {
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Date.Before(hs[j].Date) })
}
