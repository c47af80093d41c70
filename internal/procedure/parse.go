package procedure

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"motcua/internal/fold"
)

// parseWhole reads a whole number as people type it: "3", " 3 ", "3.0",
// "3,0". An empty string is 0. ok is false for anything else.
func parseWhole(s string) (n int, ok bool) {
	f, ok := parseDecimal(s)
	if !ok || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// parseDecimal reads a decimal number with a point or a comma: "0.5", "0,5".
// An empty string is 0.
func parseDecimal(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// amountPattern is a sum of money: digits with optional thousands separators
// (point, comma or space) and an optional fraction of one or two digits.
var amountPattern = regexp.MustCompile(`-?\d+(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?`)

// parseAmount reads an amount of VND as it appears in feeds and sheets:
// 8000, "8000", "8.000" or "8,000" (thousands), "100 000", "50.000 đồng/lần",
// "8000.0", and words for free ("Miễn phí", "Không") as 0. An empty string is
// 0. The first number in the text is taken; fractions are rounded. ok is
// false when there is no number and no word for free.
func parseAmount(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	m := amountPattern.FindString(s)
	if m == "" {
		f := fold.String(s)
		if strings.Contains(f, "mien") || strings.HasPrefix(f, "khong") {
			return 0, true
		}
		return 0, false
	}
	neg := strings.HasPrefix(m, "-")
	m = strings.TrimPrefix(m, "-")
	whole, frac := m, ""
	if i := strings.LastIndexAny(m, ".,"); i >= 0 && len(m)-i-1 < 3 {
		whole, frac = m[:i], m[i+1:]
	}
	digits := strings.Map(func(r rune) rune {
		if '0' <= r && r <= '9' {
			return r
		}
		return -1
	}, whole)
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, false
	}
	if frac != "" && frac[0] >= '5' {
		n++
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseBool reads yes or no: "Có", "x", "1", "true", "yes", "bắt buộc" are
// yes; "", "Không", "0", "false", "no" are no. ok is false otherwise.
func parseBool(s string) (v, ok bool) {
	switch fold.String(s) {
	case "co", "x", "1", "true", "yes", "y", "bat buoc", "v":
		return true, true
	case "", "khong", "0", "false", "no", "n", "khong bat buoc":
		return false, true
	}
	return false, false
}

// splitList splits a cell or feed value holding several items separated by
// semicolons or new lines, trimming each and dropping empty ones.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
