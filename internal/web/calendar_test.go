package web_test

import (
	"net/url"
	"testing"
)

func TestCalendarPages(t *testing.T) {
	s := newSite(t)
	runScenarios(t, s, []scenario{
		{name: "year page with holidays and lunar dates", as: "tiepnhan", method: "GET", path: "/calendar?year=2026", status: 200,
			contains: []string{"Lịch làm việc năm 2026", "Tết Nguyên đán", "Giỗ Tổ Hùng Vương", "10/3", "13 ngày nghỉ rơi vào ngày thường, 2 thứ Bảy làm bù", `class="worksat"`},
			absent:   []string{"Thêm điều chỉnh"}},
		{name: "a year under the 2012 Labour Code", as: "tiepnhan", method: "GET", path: "/calendar?year=2019", status: 200,
			contains: []string{"Lịch làm việc năm 2019"}},
		{name: "calculator with the contract example", as: "tiepnhan", method: "GET",
			path:   "/calendar/due?received=2026-02-13T16:00&time=3&unit=WORKING_DAY",
			status: 200, contains: []string{`<span id="due-at">16:00 25/02/2026</span>`, "Tết Nguyên đán", "16/02/2026 (T2)"}},
		{name: "calculator after the cut-off", as: "tiepnhan", method: "GET",
			path:   "/calendar/due?received=2026-11-26T15:30&time=0&unit=WORKING_DAY&cutoff=15:00",
			status: 200, contains: []string{"17:00 27/11/2026", "nhận sau giờ chốt"}},
		{name: "calculator bad input keeps values", as: "tiepnhan", method: "GET",
			path:   "/calendar/due?received=2026-11-26T09:00&time=-3&unit=WORKING_DAY&cutoff=9h",
			status: 400, contains: []string{"Thời hạn không được âm.", "Giờ chốt “9h” không hợp lệ", `value="-3"`}},
		{name: "admin adds a storm closure for a commune", as: "quantrixa", method: "POST", path: "/calendar/overrides",
			form:   url.Values{"unit": {"000.31.21.H06"}, "year": {"2026"}, "date": {"2026-07-22"}, "kind": {"CLOSURE"}, "name_vi": {"Nghỉ phòng, chống bão"}},
			status: 303, location: "/calendar?year=2026&unit=000.31.21.H06"},
		{name: "the commune's calendar shows it", as: "quantrixa", method: "GET", path: "/calendar?year=2026&unit=000.31.21.H06", status: 200,
			contains: []string{"Nghỉ phòng, chống bão", "14 ngày nghỉ rơi vào ngày thường"}},
		{name: "the deadline counts it", as: "tiepnhan", method: "GET",
			path:   "/calendar/due?unit_code=000.31.01.H06&received=2026-07-21T16:00&time=1&unit=WORKING_DAY",
			status: 200, contains: []string{"16:00 23/07/2026", "Nghỉ phòng, chống bão"}},
		{name: "closure on a holiday is refused with the field named", as: "quantrixa", method: "POST", path: "/calendar/overrides",
			form:   url.Values{"unit": {"000.31.21.H06"}, "year": {"2026"}, "date": {"2026-09-02"}, "kind": {"CLOSURE"}, "name_vi": {"Thử"}},
			status: 400, contains: []string{"đã là ngày nghỉ (Ngày Quốc khánh)", `value="Thử"`}},
		{name: "commune admin cannot change the province's calendar", as: "quantrixa", method: "POST", path: "/calendar/overrides",
			form: url.Values{"unit": {""}, "year": {"2026"}, "date": {"2026-12-30"}, "kind": {"CLOSURE"}}, status: 403},
		{name: "desk hours", as: "quantrixa", method: "POST", path: "/calendar/hours",
			form: url.Values{"unit": {"000.31.21.H06"}, "year": {"2026"}, "hours": {"07:30-11:30,13:30-17:30"}}, status: 303},
		{name: "bad desk hours", as: "quantrixa", method: "POST", path: "/calendar/hours",
			form: url.Values{"unit": {"000.31.21.H06"}, "year": {"2026"}, "hours": {"sáng"}}, status: 400, contains: []string{"Giờ làm việc “sáng” không hợp lệ"}},
		{name: "remove the closure", as: "quantrixa", method: "POST", path: "/calendar/overrides/remove",
			form: url.Values{"unit": {"000.31.21.H06"}, "year": {"2026"}, "date": {"2026-07-22"}}, status: 303},
		{name: "English calendar", as: "quantri", method: "GET", path: "/lang/en?next=/calendar", status: 303},
		{name: "English names", as: "quantri", method: "GET", path: "/calendar?year=2026", status: 200,
			contains: []string{"Working calendar 2026", "Lunar New Year", "Hung Kings"}},
	})
}
