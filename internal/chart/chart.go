// Package chart draws small charts as inline SVG on the server, so that dashboards need no
// JavaScript: a line chart (one or more series over categories) and a bar chart (stacked when it has
// several series). Every chart is accessible: the <svg> is labelled by its <title> and <desc> (role
// "img", or "group" when its marks are links), each point or bar has its own <title> and may link
// somewhere (the list of dossiers behind it, the link named like the mark), the
// values are printed as text, and the viewBox lets the drawing scale down to a 360-pixel phone.
// Callers should also show the figures as a table for screen readers and printing.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Series is one named sequence of values, one per label, with an optional link per value.
type Series struct {
	Name   string
	Color  string    // a CSS colour, e.g. #1f6feb
	Values []float64 // one per label
	Links  []string  // one per label ("" for none); relative URLs built by the caller
}

// Chart is what both kinds of chart draw.
type Chart struct {
	ID     string // unique on the page; names the title and description elements
	Title  string
	Desc   string
	Labels []string // the categories, left to right
	Series []Series
	// Format writes a value (on bars and points, and the axis unless AxisFormat is set); nil writes
	// integers.
	Format func(float64) string
	// AxisFormat writes the value axis' graduations; nil means Format.
	AxisFormat func(float64) string
	// Max is the top of the value axis; 0 means the largest value (stacked total for bars), rounded up.
	Max float64
}

// The drawing's geometry, in viewBox units.
const (
	width, height       = 480.0, 300.0
	left, right         = 42.0, 6.0
	top, bottom         = 18.0, 50.0
	plotW, plotH        = width - left - right, height - top - bottom
	gridLines           = 4
	legendY             = height - 8
	fontSize, smallFont = 14, 12
	// maxLineLabels is the most points a line chart prints its values beside (more would overlap;
	// each point keeps its title and the table shows them all).
	maxLineLabels = 8
)

func (c Chart) format(v float64) string {
	if c.Format != nil {
		return c.Format(v)
	}
	return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
}

// niceMax rounds v up to 1, 2, 2.5 or 5 times a power of ten (at least 1).
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// esc escapes text for an HTML (and SVG) text node or attribute.
func esc(s string) string { return template.HTMLEscapeString(s) }

// num writes a coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// open starts the svg with its title, description, grid and value axis, up to max.
func (c Chart) open(b *strings.Builder, maxV float64) {
	// A chart whose marks link somewhere is a group of links (an image may not hold focusable
	// elements); one without links is an image.
	role := "img"
	if c.linked() {
		role = "group"
	}
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %s %s" width="100%%" preserveAspectRatio="xMidYMid meet" role="%s" aria-labelledby="%s-title %s-desc" font-family="sans-serif" font-size="%d">`,
		num(width), num(height), role, esc(c.ID), esc(c.ID), fontSize)
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
	for i := 0; i <= gridLines; i++ {
		v := maxV * float64(i) / gridLines
		y := top + plotH - plotH*float64(i)/gridLines
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#d0d7de" stroke-width="1"/>`, num(left), num(y), num(left+plotW), num(y))
		axis := c.format(v)
		if c.AxisFormat != nil {
			axis = c.AxisFormat(v)
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end" font-size="%d" fill="#57606a">%s</text>`, num(left-4), num(y+4), smallFont, esc(axis))
	}
}

// close writes the category labels, the legend and the end of the svg.
func (c Chart) close(b *strings.Builder) {
	step := plotW / float64(max(1, len(c.Labels)))
	for i, l := range c.Labels {
		x := left + step*(float64(i)+0.5)
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="%d" fill="#24292f">%s</text>`, num(x), num(top+plotH+16), smallFont, esc(l))
	}
	if len(c.Series) > 1 {
		x := left
		for _, s := range c.Series {
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="10" height="10" fill="%s"/><text x="%s" y="%s" font-size="%d" fill="#24292f">%s</text>`,
				num(x), num(legendY-9), esc(s.Color), num(x+14), num(legendY), smallFont, esc(s.Name))
			x += 26 + 7.5*float64(len([]rune(s.Name)))
		}
	}
	b.WriteString(`</svg>`)
}

// linked reports whether some drawn value links somewhere.
func (c Chart) linked() bool {
	for _, s := range c.Series {
		for i, v := range s.Values {
			if at(s.Links, i) != "" && !math.IsNaN(v) && v > 0 {
				return true
			}
		}
	}
	return false
}

// link wraps an element in <a href> named label when href is set.
func link(b *strings.Builder, href, label, inner string) {
	if href == "" {
		b.WriteString(inner)
		return
	}
	fmt.Fprintf(b, `<a href="%s" aria-label="%s">%s</a>`, esc(href), esc(label), inner)
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

// Bars draws one bar per label, its series stacked bottom to top, each segment with its value (when
// there is room), its own title and link, and the stack's total above it.
func Bars(c Chart) template.HTML {
	maxV := c.Max
	if maxV <= 0 {
		for i := range c.Labels {
			var sum float64
			for _, s := range c.Series {
				if i < len(s.Values) {
					sum += s.Values[i]
				}
			}
			maxV = math.Max(maxV, sum)
		}
		maxV = niceMax(maxV)
	}
	var b strings.Builder
	c.open(&b, maxV)
	step := plotW / float64(max(1, len(c.Labels)))
	barW := step * 0.62
	for i, l := range c.Labels {
		x := left + step*float64(i) + (step-barW)/2
		y := top0()
		var sum float64
		for _, s := range c.Series {
			if i >= len(s.Values) || s.Values[i] <= 0 {
				continue
			}
			v := s.Values[i]
			sum += v
			h := plotH * v / maxV
			y -= h
			var seg strings.Builder
			label := l + " – " + s.Name + ": " + c.format(v)
			fmt.Fprintf(&seg, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>`,
				num(x), num(y), num(barW), num(h), esc(s.Color), esc(label))
			if h >= 14 && len(c.Series) > 1 {
				fmt.Fprintf(&seg, `<text x="%s" y="%s" text-anchor="middle" font-size="%d" fill="#fff">%s</text>`, num(x+barW/2), num(y+h/2+4), smallFont, esc(c.format(v)))
			}
			link(&b, at(s.Links, i), label, seg.String())
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" font-size="%d" font-weight="bold" fill="#24292f">%s</text>`, num(x+barW/2), num(y-4), smallFont, esc(c.format(sum)))
	}
	c.close(&b)
	return template.HTML(b.String())
}

// top0 is the y of the value axis' zero.
func top0() float64 { return top + plotH }

// Line draws each series as a polyline with a marker per value; each marker has its own title and
// link and its value printed above it. A value that is NaN leaves a gap (e.g. a month without any
// finished dossier has no rate).
func Line(c Chart) template.HTML {
	maxV := c.Max
	if maxV <= 0 {
		for _, s := range c.Series {
			for _, v := range s.Values {
				if !math.IsNaN(v) {
					maxV = math.Max(maxV, v)
				}
			}
		}
		maxV = niceMax(maxV)
	}
	var b strings.Builder
	c.open(&b, maxV)
	step := plotW / float64(max(1, len(c.Labels)))
	for _, s := range c.Series {
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), esc(s.Color))
			}
			pts = pts[:0]
		}
		for i, v := range s.Values {
			if math.IsNaN(v) {
				flush()
				continue
			}
			x, y := left+step*(float64(i)+0.5), top0()-plotH*math.Min(v, maxV)/maxV
			pts = append(pts, num(x)+","+num(y))
		}
		flush()
		for i, v := range s.Values {
			if math.IsNaN(v) || i >= len(c.Labels) {
				continue
			}
			x, y := left+step*(float64(i)+0.5), top0()-plotH*math.Min(v, maxV)/maxV
			var m strings.Builder
			label := c.Labels[i] + " – " + s.Name + ": " + c.format(v)
			fmt.Fprintf(&m, `<circle cx="%s" cy="%s" r="5" fill="%s"><title>%s</title></circle>`, num(x), num(y), esc(s.Color), esc(label))
			if len(c.Labels) <= maxLineLabels {
				fmt.Fprintf(&m, `<text x="%s" y="%s" text-anchor="middle" font-size="%d" fill="#24292f">%s</text>`, num(x), num(y-9), smallFont, esc(c.format(v)))
			}
			link(&b, at(s.Links, i), label, m.String())
		}
	}
	c.close(&b)
	return template.HTML(b.String())
}
