package workcal

import (
	"context"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// DueInput asks for an appointment: the unit whose calendar counts, the receipt instant, the legal
// time and its unit, and an optional cut-off hour ("15:00").
type DueInput struct {
	UnitCode string
	Received time.Time
	Amount   int
	TimeUnit string
	Cutoff   string
}

// Due computes the appointment on the unit's calendar, with the rest days skipped. Errors are
// Invalid naming the field: "time" (negative), "unit" (unknown time unit), "cutoff", "received"
// (outside the calendar's years).
func (s *Service) Due(ctx context.Context, in DueInput) (calendar.Due, error) {
	var f fault.Fields
	unit, err := calendar.ParseTimeUnit(in.TimeUnit)
	if err != nil {
		f.Add("unit", "calendar.time_unit.invalid", in.TimeUnit)
	}
	if in.Amount < 0 {
		f.Add("time", "calendar.time.negative")
	} else if in.Amount > 10000 {
		f.Add("time", "calendar.time.too_large", 10000)
	}
	var cutoff *calendar.Clock
	if c := strings.TrimSpace(in.Cutoff); c != "" {
		clk, err := calendar.ParseClock(c)
		if err != nil {
			f.Add("cutoff", "calendar.cutoff.invalid", c)
		}
		cutoff = &clk
	}
	if in.Received.IsZero() {
		f.Add("received", "field.required")
	} else if y := in.Received.In(calendar.Location).Year(); y < calendar.MinYear || y > calendar.MaxYear {
		f.Add("received", "calendar.out_of_range", calendar.MinYear, calendar.MaxYear)
	}
	if err := f.Err(); err != nil {
		return calendar.Due{}, err
	}
	c, err := s.For(ctx, strings.ToUpper(strings.TrimSpace(in.UnitCode)))
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			f.Add("unit_code", "unit.not_found", in.UnitCode)
			return calendar.Due{}, f.Err()
		}
		return calendar.Due{}, err
	}
	due, err := c.Due(calendar.DueRequest{Received: in.Received, Amount: in.Amount, Unit: unit, Cutoff: cutoff})
	if err != nil {
		return due, calendarErr("time", err)
	}
	return due, nil
}
