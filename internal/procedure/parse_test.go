package procedure

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true},
		{"8000", 8000, true},
		{"8.000", 8000, true},
		{"8,000", 8000, true},
		{"1.000.000", 1000000, true},
		{"100 000", 100000, true},
		{"50.000 đồng/lần", 50000, true},
		{"8000.0", 8000, true},
		{"8000,5", 8001, true},
		{"-5000", -5000, true},
		{"Miễn phí", 0, true},
		{"Không", 0, true},
		{"tùy trường hợp", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseAmount(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseAmount(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseWholeAndBool(t *testing.T) {
	for in, want := range map[string]int{"": 0, "3": 3, " 3 ": 3, "3.0": 3, "3,0": 3, "-1": -1} {
		if got, ok := parseWhole(in); !ok || got != want {
			t.Errorf("parseWhole(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"3.5", "ba", "1e99"} {
		if _, ok := parseWhole(in); ok {
			t.Errorf("parseWhole(%q) accepted", in)
		}
	}
	for in, want := range map[string]bool{"Có": true, "x": true, "1": true, "Bắt buộc": true, "": false, "Không": false, "0": false} {
		if got, ok := parseBool(in); !ok || got != want {
			t.Errorf("parseBool(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := parseBool("có lẽ"); ok {
		t.Error("parseBool accepted an unknown word")
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		in   string
		want ChannelKind
		ok   bool
	}{
		{"in_person", InPerson, true},
		{"Trực tiếp", InPerson, true},
		{"TRUC TIEP", InPerson, true},
		{"1", InPerson, true},
		{"Nộp trực tiếp tại Bộ phận một cửa", InPerson, true},
		{"Nộp hồ sơ qua dịch vụ bưu chính công ích", Postal, true},
		{"online", Online, true},
		{"Nộp hồ sơ trực tiếp hoặc qua bưu chính", "", false},
		{"fax", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := match(channelTerms, tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("match(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	units := map[string]TimeUnit{"Ngày làm việc": WorkingDay, "ngày": Day, "Giờ": WorkingHour, "Tháng": Month,
		"DAY": Day, "Ngày làm việc kể từ ngày nhận đủ hồ sơ": WorkingDay}
	for in, want := range units {
		if got, ok := match(unitTerms, in); !ok || got != want {
			t.Errorf("match(units, %q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	// Every label reads back as its value.
	for _, tm := range statusTerms {
		if got, ok := match(statusTerms, tm.label); !ok || got != tm.value {
			t.Errorf("label %q reads as %q", tm.label, got)
		}
	}
	for _, tm := range policyTerms {
		if got, ok := match(policyTerms, tm.label); !ok || got != tm.value {
			t.Errorf("label %q reads as %q", tm.label, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2025, 7, 1, 0, 0, 0, 0, Location)
	for _, in := range []string{"2025-07-01", "01/07/2025", "1/7/2025", "01-07-2025", "01.07.2025",
		"2025-07-01T00:00:00", "2025-07-01 10:30:00", "2025-06-30T20:00:00Z", "45839"} {
		got, err := ParseDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, err)
		}
	}
	if got, err := ParseDate(" "); err != nil || !got.IsZero() {
		t.Errorf("ParseDate(blank) = %v, %v", got, err)
	}
	for _, in := range []string{"31/02/2025", "2025-13-01", "hôm qua", "0"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
	if got := FormatDate(want); got != "2025-07-01" {
		t.Errorf("FormatDate = %q", got)
	}
}

func TestCutoff(t *testing.T) {
	for in, ok := range map[string]bool{"15:00": true, "00:00": true, "23:59": true, "24:00": false, "9:00": false,
		"15:60": false, "15.00": false, "+1:00": false, "-1:00": false, "": false} {
		if _, _, got := ParseCutoff(in); got != ok {
			t.Errorf("ParseCutoff(%q) ok = %v", in, got)
		}
	}
	for in, want := range map[string]string{"0.625": "15:00", "0.375": "09:00", "15h": "15:00", "15h30": "15:30",
		"9:00": "09:00", "15:00:00": "15:00", "15:00": "15:00", "": "", "sau giờ trưa": "sau giờ trưa"} {
		if got := normalizeCutoff(in); got != want {
			t.Errorf("normalizeCutoff(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchKey(t *testing.T) {
	p := Procedure{Code: "9.990002", Name: "Đăng ký khai sinh"}
	if got := SearchKey(p); got != "9.990002 dang ky khai sinh" {
		t.Errorf("SearchKey = %q", got)
	}
	if !strings.Contains(SearchKey(p), "dang ky khai sinh") {
		t.Error("an accent-free query does not match")
	}
}

// Every message key constant is listed by MessageKeys, once.
func TestMessageKeys(t *testing.T) {
	keys := MessageKeys()
	if !slices.IsSorted(keys) || len(slices.Compact(slices.Clone(keys))) != len(keys) {
		t.Error("MessageKeys is not sorted and unique")
	}
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || !strings.HasPrefix(spec.Names[0].Name, "key") {
			return true
		}
		declared++
		lit := spec.Values[0].(*ast.BasicLit)
		key, _ := strconv.Unquote(lit.Value)
		if !slices.Contains(keys, key) {
			t.Errorf("%s = %q is missing from MessageKeys", spec.Names[0].Name, key)
		}
		return true
	})
	if declared != len(keys) {
		t.Errorf("%d key constants, %d message keys", declared, len(keys))
	}
}
