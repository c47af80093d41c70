package calendar

import (
	"errors"
	"testing"
	"time"
)

func TestParseHours(t *testing.T) {
	good := []struct {
		in, out string
		daily   time.Duration
	}{
		{"07:00-11:30,13:30-17:00", "07:00-11:30,13:30-17:00", 8 * time.Hour},
		{" 7:30-11:30 , 13:00-16:30 ", "07:30-11:30,13:00-16:30", 7*time.Hour + 30*time.Minute},
		{"08:00-17:00", "08:00-17:00", 9 * time.Hour},
		{"00:00-23:59", "00:00-23:59", 23*time.Hour + 59*time.Minute},
	}
	for _, c := range good {
		h, err := ParseHours(c.in)
		if err != nil || h.String() != c.out || h.Daily() != c.daily {
			t.Errorf("ParseHours(%q) = %q (%v), %v", c.in, h, h.Daily(), err)
		}
	}
	bad := map[string]string{
		"empty":             "",
		"no dash":           "07:00",
		"reversed":          "11:30-07:00",
		"empty period":      "07:00-07:00",
		"overlapping":       "07:00-12:00,11:30-17:00",
		"touching":          "07:00-11:30,11:30-17:00",
		"out of order":      "13:30-17:00,07:00-11:30",
		"hour 24":           "07:00-24:00",
		"minute 60":         "07:60-11:00",
		"letters":           "7h-11h",
		"one-digit minutes": "07:0-11:30",
	}
	for name, in := range bad {
		if _, err := ParseHours(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: ParseHours(%q) error = %v", name, in, err)
		}
	}
}

func TestDefaultHours(t *testing.T) {
	var zero Hours
	for _, h := range []Hours{DefaultHours(), zero} {
		if h.String() != "07:00-11:30,13:30-17:00" || h.Daily() != 8*time.Hour || h.Opening() != (Clock{7, 0}) || h.Closing() != (Clock{17, 0}) {
			t.Errorf("default hours: %s %v", h, h.Daily())
		}
		if len(h.Periods()) != 2 {
			t.Error("two periods expected")
		}
	}
	var h Hours
	if err := h.UnmarshalText([]byte("08:00-12:00")); err != nil || h.String() != "08:00-12:00" {
		t.Errorf("UnmarshalText: %v %v", h, err)
	}
	if b, _ := h.MarshalText(); string(b) != "08:00-12:00" {
		t.Errorf("MarshalText: %s", b)
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]Clock{"15:00": {15, 0}, "7:05": {7, 5}, "00:00": {0, 0}, "23:59": {23, 59}} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"24:00", "15", "15:0", "15:000", "-1:00", "ab:cd", "15.00", ""} {
		if _, err := ParseClock(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseClock(%q) error = %v", in, err)
		}
	}
	if (Clock{9, 5}).String() != "09:05" {
		t.Error("Clock.String")
	}
}
