package calendar

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"
)

// The JSON of `motcua calendar year 2026 --json`, exactly.
func TestYearSummaryJSONContract(t *testing.T) {
	y, err := Default().Year(2026)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(y.Summary())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"year":2026,"days_off":["2026-01-01","2026-01-02","2026-02-16","2026-02-17","2026-02-18",` +
		`"2026-02-19","2026-02-20","2026-04-27","2026-04-30","2026-05-01","2026-08-31","2026-09-01","2026-09-02"],` +
		`"working_saturdays":["2026-01-10","2026-08-22"]}`
	if string(raw) != want {
		t.Errorf("got  %s\nwant %s", raw, want)
	}
	// A year without working Saturdays shows [], not null.
	s, _ := Default().YearSummary(2030)
	raw, _ = json.Marshal(s)
	var back map[string]any
	_ = json.Unmarshal(raw, &back)
	if ws, ok := back["working_saturdays"].([]any); !ok || len(ws) != 0 {
		t.Errorf("2030 working_saturdays: %s", raw)
	}
}

// The lunar contract: {"day":1,"month":1,"year":1985,"leap":false}.
func TestLunarJSONContract(t *testing.T) {
	l, _ := ToLunar(Date{1985, 1, 21})
	raw, _ := json.Marshal(l)
	if string(raw) != `{"day":1,"month":1,"year":1985,"leap":false}` {
		t.Errorf("got %s", raw)
	}
}

func TestYearView(t *testing.T) {
	c := Default()
	y, err := c.Year(2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(y.Days) != 366 || y.Days[0].Date != (Date{2024, 1, 1}) || y.Days[365].Date != (Date{2024, 12, 31}) {
		t.Fatalf("2024 has %d days from %v", len(y.Days), y.Days[0].Date)
	}
	tet := y.Days[40] // 10 February 2024
	if tet.Date != (Date{2024, 2, 10}) || tet.Lunar != (LunarDate{1, 1, 2024, false}) || tet.Working || tet.Kind != KindHoliday || tet.NameEN() != "Lunar New Year" {
		t.Errorf("Tết 2024 view: %+v", tet)
	}
	if sat := y.Days[124]; sat.Date != (Date{2024, 5, 4}) || !sat.Working || sat.Kind != KindWorkingSaturday {
		t.Errorf("working Saturday 4 May 2024: %+v", sat)
	}
	if wd := y.Days[2]; wd.Kind != KindWorkday || !wd.Working || wd.NameVI() != "" {
		t.Errorf("3 January 2024: %+v", wd)
	}
	if we := y.Days[5]; we.Kind != KindWeekend || we.Working {
		t.Errorf("6 January 2024: %+v", we)
	}
	for _, h := range y.Holidays {
		if h.Date.Year != 2024 {
			t.Errorf("holiday of another year: %+v", h)
		}
	}
	if _, err := c.Year(1899); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("Year(1899): %v", err)
	}
	if _, err := c.YearSummary(2101); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("YearSummary(2101): %v", err)
	}
	if info := c.DayInfo(Date{2101, 1, 1}); info.Working || info.Kind != "" {
		t.Errorf("DayInfo out of range: %+v", info)
	}
	if c.IsWorkingDay(Date{1899, 12, 29}) {
		t.Error("out of range is not a working day")
	}
}

// YearSummary and Year agree for every year, and every year looks sane: 8 to
// 16 weekdays off, no working Saturday that is not a Saturday.
func TestEveryYear(t *testing.T) {
	c := Default()
	for y := MinYear; y <= MaxYear; y++ {
		full, err := c.Year(y)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := c.YearSummary(y)
		a, _ := json.Marshal(full.Summary())
		b, _ := json.Marshal(s)
		if string(a) != string(b) {
			t.Fatalf("%d: Year and YearSummary differ", y)
		}
		if n := len(s.DaysOff); n < 8 || n > 16 {
			t.Errorf("%d: %d weekdays off", y, n)
		}
		for _, d := range s.WorkingSaturdays {
			if d.Weekday() != time.Saturday {
				t.Errorf("%d: working Saturday %v is a %v", y, d, d.Weekday())
			}
		}
	}
}

// Calendars are immutable: many goroutines may use the shared default and
// build their own at once (run with -race).
func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			c := Default()
			if g%2 == 0 {
				var err error
				c, err = New(Options{Overrides: []Override{{Date: Date{2026, 3, 9}, Kind: Closure}}})
				if err != nil {
					t.Error(err)
					return
				}
			}
			for i := 0; i < 200; i++ {
				r := Date{2026, 3, 2}.AddDays(i).At(9, 0)
				if _, err := c.Due(DueRequest{Received: r, Amount: 3, Unit: WorkingDay}); err != nil {
					t.Error(err)
				}
				c.DayInfo(DateOf(r))
			}
			if _, err := c.Year(2025 + g%2); err != nil {
				t.Error(err)
			}
		}(g)
	}
	wg.Wait()
}
