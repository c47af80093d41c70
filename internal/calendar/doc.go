// Package calendar is motcua's working-time calendar: the Vietnamese lunar
// calendar, public holidays, desk hours, and the deadlines (hẹn trả) of
// dossiers, as docs/domain.md §6 specifies. It is pure: no database, no clock
// (callers pass every instant), only the standard library. Everything is
// immutable after construction and safe for concurrent use.
//
// # Time and range
//
// Business time is Location, a fixed UTC+7 (Asia/Ho_Chi_Minh). Dates are civil
// Dates; the supported range is 1 January 1900 to 31 December 2100. Functions
// that can fail return errors wrapping ErrOutOfRange or ErrInvalid; the
// instant arithmetic, which has no error result, returns the zero time.Time.
//
// # Lunar calendar
//
// The conversion follows Hồ Ngọc Đức's published algorithm (lunar.go keeps
// his function names: jdFromDate, getNewMoonDay, getSunLongitude,
// getLunarMonth11, getLeapMonthOffset, convertSolar2Lunar,
// convertLunar2Solar). It is run once to build a table of month starts, so a
// conversion is a binary search. The meridian follows Vietnam's history, as
// his published tables do: UTC+7 from 1968 (Tết Mậu Thân 1968 fell on 29
// January in Vietnam, 30 January in China); UTC+8, as China, from 1929 to
// 1967; before 1929 the Chinese reckoning at Beijing local mean time, which
// moves four month starts by a day (1906-04-23, 1914-11-17, 1916-02-03,
// 1920-11-10). Against his published tables the result differs on four
// month starts of 1900–2100: 1925 (Tết Ất Sửu: 24 January here, astronomy's
// and China's date; his table has the 25th) and three new moons within about
// a minute of midnight (months starting 2054-05-08, 2072-12-10, 2077-11-16
// here, a day earlier in his tables), where the published algorithm, which we
// follow, and his tables disagree and the true answer depends on the future
// value of ΔT.
//
// # Holidays
//
// Each year gets the public holidays of the Labour Code in force:
//   - to 2012, Labour Code 1994 Art. 73: 1 January; Tết 4 days; 30 April;
//     1 May; 2 September; Giỗ Tổ Hùng Vương (10/3 lunar) from 2007. The
//     six-day week before October 1999 is not modelled: weekends are always
//     Saturday and Sunday.
//   - 2013–2020, Labour Code 2012 Art. 115 (its Tết of 5 days applied from
//     Tết 2013): Tết 5 days.
//   - from 2021, Labour Code 2019 Art. 112: 2 September plus one adjacent
//     day. Decision: the adjacent day that joins the holiday to a weekend
//     (3 September when the 2nd is a Monday, Thursday or Sunday, else
//     1 September, also on a Wednesday where neither joins); this reproduces
//     the Government's choice in every year 2021–2026.
//
// Decision: the Tết days are the last day of the old lunar year and the first
// days of the new one (the Prime Minister chooses each year; this is the most
// common choice). A holiday falling on Saturday or Sunday, or on another
// holiday, is compensated (nghỉ bù) on the next weekday not already off, in
// date order. Statutory holidays on a weekend stay listed (for the calendar
// page) but change nothing else.
//
// The Government's published schedules for civil servants
// (official/holidays-official-2015-2026.json, embedded; Options.Official can
// supply a newer one) take precedence: for a year in its "years" its days off
// and working Saturdays replace the rules'; a "partial" year only adds its
// working Saturdays to the rules. Official days are named from the file's
// periods: a day on a fixed holiday date takes that holiday's name; each
// working Saturday swaps the nearest remaining day off (nghỉ hoán đổi); the
// rest are Tết in a Tết period (the file does not say which five days the
// Prime Minister counted as Tết) and compensatory days otherwise. Every entry
// has a Vietnamese and an English name.
//
// Administrators add Overrides (the caller picks those for all units and for
// the unit): a Closure on a weekday that is otherwise worked, or a
// WorkingSaturday on a Saturday that is not worked and not a holiday. Anything
// else is refused with an error naming the date; repeating the same override
// is harmless.
//
// # Working time and deadlines
//
// Desk Hours are ordered periods, [start, end), the same Monday–Friday and on
// working Saturdays; DefaultHours is 07:00–11:30 and 13:30–17:00 (8 hours). A
// working day of a procedure's time is the day's working length (×8h by
// default). Working time is added along the periods; when it runs out exactly
// at the end of a period the result is that end (17:00 the same day, not 07:00
// the next). Calendar.Due documents the deadline rules, including cut-off
// hours, receipt outside hours, same-day procedures ("0" → today's closing)
// and calendar DAY/MONTH times (Civil Code 2015 Arts. 147–148: the due is the
// closing time of the last day, moved to the next working day's closing if
// that is a rest day; months clamp to the month's end).
//
// # Cost
//
// The holidays of all years are generated once (sync.Once) into per-day
// flags, prefix counts of working days and the list of working days, so
// AddWorkingHours, AddWorkingDays and WorkingTimeBetween are O(1) (about
// 30 ns) whatever the amount. A Calendar with overrides copies those arrays
// (about 0.6 MB, under a millisecond): callers should cache one per unit.
package calendar
