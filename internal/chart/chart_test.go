package chart_test

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"motcua/internal/chart"
)

// wellFormed fails unless s parses as XML.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
	}
}

func TestBars(t *testing.T) {
	svg := string(chart.Bars(chart.Chart{ID: "recv", Title: "Hồ sơ tiếp nhận theo kênh", Desc: "Số hồ sơ <mỗi tháng>",
		Labels: []string{"T10", "T11"},
		Series: []chart.Series{
			{Name: "Trực tuyến", Color: "#1f6feb", Values: []float64{3, 0}, Links: []string{"/dossiers?a=1&b=2", "/x"}},
			{Name: "Trực tiếp", Color: "#2da44e", Values: []float64{5, 7}},
		}}))
	wellFormed(t, svg)
	for _, want := range []string{`viewBox="0 0 480 300"`, `aria-labelledby="recv-title recv-desc"`,
		`<title id="recv-title">Hồ sơ tiếp nhận theo kênh</title>`, `<desc id="recv-desc">Số hồ sơ &lt;mỗi tháng&gt;</desc>`, `role="group"`,
		`<a href="/dossiers?a=1&amp;b=2" aria-label="T10 – Trực tuyến: 3">`, `<title>T10 – Trực tuyến: 3</title>`, `<title>T11 – Trực tiếp: 7</title>`,
		`font-weight="bold" fill="#24292f">8</text>`, `>Trực tiếp</text>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q:\n%s", want, svg)
		}
	}
	// A zero value draws nothing and links nowhere; stacks total 8 and 7 on an axis up to 10.
	if strings.Contains(svg, `href="/x"`) || strings.Count(svg, "<rect ") != 3+2 { // 3 segments + 2 legend keys
		t.Errorf("segments: %d rects, /x linked: %v", strings.Count(svg, "<rect "), strings.Contains(svg, `href="/x"`))
	}
	if !strings.Contains(svg, `>10</text>`) {
		t.Errorf("the axis does not reach 10:\n%s", svg)
	}
}

func TestLine(t *testing.T) {
	svg := string(chart.Line(chart.Chart{ID: "rate", Title: "Tỷ lệ đúng hạn", Desc: "12 tháng", Max: 100,
		Labels: []string{"T1", "T2", "T3", "T4"},
		Format: func(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) + "%" },
		Series: []chart.Series{{Name: "Đúng hạn", Color: "#2da44e", Values: []float64{97.99, math.NaN(), 100, 50},
			Links: []string{"/l1", "/l2", "/l3", "/l4"}}}}))
	wellFormed(t, svg)
	for _, want := range []string{`<title id="rate-title">Tỷ lệ đúng hạn</title>`, `<a href="/l1" aria-label="T1 – Đúng hạn: 97,99%">`, `<title>T1 – Đúng hạn: 97,99%</title>`,
		`<a href="/l4" aria-label="T4 – Đúng hạn: 50%">`, `>100%</text>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q:\n%s", want, svg)
		}
	}
	// The month without a rate is a gap: no marker, no link, and the line is split in two.
	if strings.Contains(svg, `href="/l2"`) || strings.Count(svg, "<circle") != 3 || strings.Count(svg, "<polyline") != 1 {
		t.Errorf("gap: %d markers, %d lines:\n%s", strings.Count(svg, "<circle"), strings.Count(svg, "<polyline"), svg)
	}
}

func TestChartWithoutLinksIsAnImage(t *testing.T) {
	svg := string(chart.Bars(chart.Chart{ID: "x", Title: "T", Desc: "D", Labels: []string{"a"}, Series: []chart.Series{{Name: "n", Color: "#000", Values: []float64{2}}}}))
	if !strings.Contains(svg, `role="img"`) || strings.Contains(svg, "<a ") {
		t.Errorf("svg = %s", svg)
	}
}
