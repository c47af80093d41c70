package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// "report indicators" and "report bottlenecks" print the analyses of a district with its commune in
// Vietnamese, or as JSON, and name the field of a bad argument.
func TestReportAnalysisCommand(t *testing.T) {
	path := reportDB(t)
	args := func(kind string, extra ...string) []string {
		return append([]string{"report", kind, "--db", path, "--unit", "000.00.11.H27", "--from", "2015-01-01", "--to", "2015-12-31", "--subtree"}, extra...)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"indicators", args("indicators"), 0, []string{"Chỉ số chất lượng phục vụ", "Huyện Tiên Du", "[(8) + (9)] / (7) = 5 / 6 = 83,33%", "10,00 / 12", "chưa có dữ liệu"}},
		{"bottlenecks", args("bottlenecks"), 0, []string{"Điểm nghẽn trong quy trình xử lý", "6 hồ sơ kết thúc xử lý trong kỳ, trong đó 1 hồ sơ quá hạn."}},
		{"bad date", []string{"report", "indicators", "--db", path, "--unit", "000.00.11.H27", "--from", "2015-13-01", "--to", "2015-12-31"}, 1, []string{"--from"}},
		{"unknown unit", []string{"report", "bottlenecks", "--db", path, "--unit", "000.99.99.H27", "--from", "2015-01-01", "--to", "2015-12-31"}, 1, []string{"--unit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(t, "", tt.args...)
			if (code == 0) != (tt.code == 0) {
				t.Fatalf("exit %d, want %d: %s%s", code, tt.code, out, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out+errs, w) {
					t.Errorf("output lacks %q:\n%s%s", w, out, errs)
				}
			}
		})
	}
	code, out, errs := runCmd(t, "", args("indicators", "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Earned     float64 `json:"earned"`
		Indicators []struct {
			Key         string   `json:"key"`
			Numerator   *float64 `json:"numerator"`
			Denominator *float64 `json:"denominator"`
			Rate        *float64 `json:"rate"`
			Score       *float64 `json:"score"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, ind := range got.Indicators {
		switch ind.Key {
		case "on_time":
			if ind.Numerator == nil || *ind.Numerator != 5 || *ind.Denominator != 6 || *ind.Rate != 83.33 || *ind.Score != 10 {
				t.Errorf("on_time = %+v", ind)
			}
		case "satisfaction_rate":
			if ind.Rate != nil || ind.Score != nil {
				t.Errorf("satisfaction without data = %+v", ind)
			}
		}
	}
}
