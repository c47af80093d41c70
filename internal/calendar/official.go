package calendar

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// officialJSON is the Government's published rest schedules for civil servants,
// 2015–2026 (a copy of shared/data/holidays-official-2015-2026.json).
//
//go:embed official/holidays-official-2015-2026.json
var officialJSON []byte

// OfficialJSON returns a copy of the embedded official schedule file, for
// export (`motcua calendar export`) and documentation. It never fails.
func OfficialJSON() []byte { return append([]byte(nil), officialJSON...) }

// officialFile is the shape of the official schedule file.
type officialFile struct {
	PartialYears []string `json:"partial_years"`
	Years        map[string]struct {
		DaysOff       []Date `json:"days_off"`
		WorkSaturdays []Date `json:"work_saturdays"`
	} `json:"years"`
	Periods []officialPeriod `json:"periods"`
}

type officialPeriod struct {
	HolidayYear    int    `json:"holiday_year"`
	Occasion       string `json:"occasion"`
	RestFrom       Date   `json:"rest_from"`
	RestTo         Date   `json:"rest_to"`
	WeekdayDaysOff []Date `json:"weekday_days_off"`
	WorkSaturdays  []Date `json:"work_saturdays"`
}

// officialYear is one year of the schedule. A full year replaces the rules'
// days off and working Saturdays; a partial one only adds working Saturdays.
type officialYear struct {
	full          bool
	daysOff       []Holiday // Monday–Friday days off, named
	workSaturdays []Holiday
}

// parseOfficial decodes and checks an official schedule file and names each of
// its days from the periods. It returns an error wrapping ErrInvalid for a
// malformed file, a day off that is not Monday–Friday, a working day that is
// not a Saturday, a date filed under the wrong year, or an unknown occasion.
func parseOfficial(data []byte) (map[int]*officialYear, error) {
	var f officialFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: official schedule: %v", ErrInvalid, err)
	}
	partial := map[int]bool{}
	for _, s := range f.PartialYears {
		y, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("%w: official schedule: partial year %q", ErrInvalid, s)
		}
		partial[y] = true
	}
	named, err := namePeriods(f.Periods)
	if err != nil {
		return nil, err
	}
	out := map[int]*officialYear{}
	for key, yd := range f.Years {
		y, err := strconv.Atoi(key)
		if err != nil || y < MinYear || y > MaxYear {
			return nil, fmt.Errorf("%w: official schedule: year %q", ErrInvalid, key)
		}
		oy := &officialYear{full: !partial[y]}
		seen := map[Date]bool{}
		for _, d := range yd.DaysOff {
			if d.Year != y || isWeekend(d) || seen[d] {
				return nil, fmt.Errorf("%w: official schedule %d: day off %s is not a distinct weekday of that year", ErrInvalid, y, d)
			}
			seen[d] = true
			h, ok := named[d]
			if !ok || h.Kind == KindWorkingSaturday {
				h = Holiday{Date: d, Kind: KindHoliday, NameVI: nameOfficialOff.vi, NameEN: nameOfficialOff.en, Source: SourceOfficial}
			}
			oy.daysOff = append(oy.daysOff, h)
		}
		for _, d := range yd.WorkSaturdays {
			if d.Year != y || d.Weekday() != time.Saturday || seen[d] {
				return nil, fmt.Errorf("%w: official schedule %d: working day %s is not a distinct Saturday of that year", ErrInvalid, y, d)
			}
			seen[d] = true
			h, ok := named[d]
			if !ok || h.Kind != KindWorkingSaturday {
				h = Holiday{Date: d, Kind: KindWorkingSaturday, NameVI: nameMakeUp.vi, NameEN: nameMakeUp.en, Source: SourceOfficial}
			}
			oy.workSaturdays = append(oy.workSaturdays, h)
		}
		sortHolidays(oy.daysOff)
		sortHolidays(oy.workSaturdays)
		out[y] = oy
	}
	return out, nil
}

// namePeriods names every day of the periods (see namePeriod).
func namePeriods(periods []officialPeriod) (map[Date]Holiday, error) {
	named := map[Date]Holiday{}
	for _, p := range periods {
		hs, err := namePeriod(p)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			named[h.Date] = h
		}
	}
	return named, nil
}

// namePeriod names the weekdays off and working Saturdays of one holiday
// period of the official file:
//  1. a day that is the date of one of the period's fixed holidays (1/1, Hùng
//     Kings' day, 30/4, 1/5, 2/9 and, from 2021, the adjacent day taken —
//     1 September if off, else 3 September) gets that holiday's name;
//  2. each working Saturday swaps one day: the remaining day off nearest to it
//     (the earlier on a tie) is a swapped day (nghỉ hoán đổi);
//  3. the remaining days are Tết in a Tết period (the file does not say which
//     five the Prime Minister counted as Tết and which compensate), otherwise
//     compensatory days, each for the next weekend holiday of the period in
//     date order.
func namePeriod(p officialPeriod) ([]Holiday, error) {
	var occs []occasion
	for _, key := range strings.Split(p.Occasion, "+") {
		o := occasion(key)
		if _, ok := occasionNames[o]; !ok {
			return nil, fmt.Errorf("%w: official schedule: unknown occasion %q", ErrInvalid, key)
		}
		occs = append(occs, o)
	}
	label := periodNames(occs)
	y := p.HolidayYear
	off := append([]Date(nil), p.WeekdayDaysOff...)
	sort.Slice(off, func(i, j int) bool { return off[i].Before(off[j]) })
	inOff := map[Date]bool{}
	for _, d := range off {
		inOff[d] = true
	}

	// The fixed dates of the period's holidays, in date order.
	var fixed []statutoryDay
	hasTet := false
	for _, o := range occs {
		switch o {
		case occTet:
			hasTet = true
		case occNewYear:
			fixed = append(fixed, statutoryDay{Date{y, time.January, 1}, o})
		case occHungKings:
			if d, err := FromLunar(LunarDate{Day: 10, Month: 3, Year: y}); err == nil {
				fixed = append(fixed, statutoryDay{d, o})
			}
		case occVictory:
			fixed = append(fixed, statutoryDay{Date{y, time.April, 30}, o})
		case occLabour:
			fixed = append(fixed, statutoryDay{Date{y, time.May, 1}, o})
		case occNationalDay:
			fixed = append(fixed, statutoryDay{Date{y, time.September, 2}, o})
			if y >= code2019From {
				adj := Date{y, time.September, 1}
				if !inOff[adj] && inOff[Date{y, time.September, 3}] {
					adj = Date{y, time.September, 3}
				}
				fixed = append(fixed, statutoryDay{adj, o})
			}
		}
	}
	sort.Slice(fixed, func(i, j int) bool { return fixed[i].date.Before(fixed[j].date) })

	done := map[Date]Holiday{}
	for _, f := range fixed {
		if inOff[f.date] {
			n := occasionNames[f.occ]
			done[f.date] = Holiday{Date: f.date, Kind: KindHoliday, NameVI: n.vi, NameEN: n.en, Source: SourceOfficial}
		}
	}
	var out []Holiday
	for _, s := range p.WorkSaturdays {
		best := Date{}
		for _, d := range off {
			if _, taken := done[d]; taken {
				continue
			}
			if best.IsZero() || abs(d.Sub(s)) < abs(best.Sub(s)) {
				best = d
			}
		}
		if !best.IsZero() {
			done[best] = Holiday{Date: best, Kind: KindSwapped, NameVI: nameSwapped.vi, NameEN: nameSwapped.en,
				ForVI: label.vi, ForEN: label.en, Source: SourceOfficial}
		}
		out = append(out, Holiday{Date: s, Kind: KindWorkingSaturday, NameVI: nameMakeUp.vi, NameEN: nameMakeUp.en,
			ForVI: label.vi, ForEN: label.en, Source: SourceOfficial})
	}
	// Weekend holidays owed a compensatory day, in date order.
	var owed []occasion
	for _, f := range fixed {
		if isWeekend(f.date) {
			owed = append(owed, f.occ)
		}
	}
	for _, d := range off {
		if _, taken := done[d]; taken {
			continue
		}
		switch {
		case hasTet:
			n := occasionNames[occTet]
			done[d] = Holiday{Date: d, Kind: KindHoliday, NameVI: n.vi, NameEN: n.en, Source: SourceOfficial}
		default:
			forN := label
			if len(owed) > 0 {
				forN = occasionNames[owed[0]]
				owed = owed[1:]
			}
			done[d] = Holiday{Date: d, Kind: KindCompensatory, NameVI: nameCompensatory.vi, NameEN: nameCompensatory.en,
				ForVI: forN.vi, ForEN: forN.en, Source: SourceOfficial}
		}
	}
	for _, d := range off {
		out = append(out, done[d])
	}
	sortHolidays(out)
	return out, nil
}

// periodNames joins the names of a period's occasions ("Giỗ Tổ Hùng Vương,
// Ngày Chiến thắng, Ngày Quốc tế Lao động").
func periodNames(occs []occasion) names {
	var vi, en []string
	for _, o := range occs {
		vi = append(vi, occasionNames[o].vi)
		en = append(en, occasionNames[o].en)
	}
	return names{strings.Join(vi, ", "), strings.Join(en, ", ")}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
