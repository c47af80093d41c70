package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// separators returns the thousands and decimal separators of the printer's language.
func (p Printer) separators() (thousands, decimal string) {
	if p.Lang == EN {
		return ",", "."
	}
	return ".", ","
}

// Int writes an integer with thousands separators: 12.450 (vi), 12,450 (en).
func (p Printer) Int(n int64) string {
	th, _ := p.separators()
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var groups []string
	for len(s) > 3 {
		groups = append([]string{s[len(s)-3:]}, groups...)
		s = s[:len(s)-3]
	}
	groups = append([]string{s}, groups...)
	return sign + strings.Join(groups, th)
}

// Decimal writes x rounded half away from zero to the given number of decimals: 97,99 (vi), 97.99 (en).
func (p Printer) Decimal(x float64, decimals int) string {
	_, dec := p.separators()
	scale := math.Pow(10, float64(decimals))
	r := math.Round(x*scale) / scale
	s := strconv.FormatFloat(math.Abs(r), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(intPart, 10, 64)
	out := p.Int(n)
	if r < 0 {
		out = "-" + out
	}
	if decimals > 0 {
		out += dec + frac
	}
	return out
}

// Percent writes a percentage (already ×100) with two decimals: 97,99% (vi), 97.99% (en).
func (p Printer) Percent(x float64) string {
	return p.Decimal(x, 2) + "%"
}

// Money writes an amount in đồng: 1.250.000 ₫ (vi), 1,250,000 VND (en).
func (p Printer) Money(vnd int64) string {
	if p.Lang == EN {
		return p.Int(vnd) + " VND"
	}
	return p.Int(vnd) + " ₫"
}

// zone is business time, Asia/Ho_Chi_Minh.
var zone = time.FixedZone("ICT", 7*3600)

// Date writes the business day of t: 26/11/2026 (vi) or 26 Nov 2026 (en). The zero time is "".
func (p Printer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(zone)
	if p.Lang == EN {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

// DateTime writes the business time of t: 14:05 26/11/2026 (vi) or 26 Nov 2026 14:05 (en).
func (p Printer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(zone)
	if p.Lang == EN {
		return t.Format("2 Jan 2006 15:04")
	}
	return t.Format("15:04 02/01/2006")
}

// Day writes a YYYY-MM-DD day in the language's date style; other text is returned unchanged.
func (p Printer) Day(day string) string {
	t, err := time.ParseInLocation("2006-01-02", day, zone)
	if err != nil {
		return day
	}
	return p.Date(t)
}
