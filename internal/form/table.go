package form

import "strings"

// column is one column of a table: its header, relative width and alignment.
type column struct {
	Head  string
	Width float64 // relative
	Align string  // "L", "C", "R"
}

// table prints a table with a bold shaded header row that repeats on each new
// page; cells wrap.
func (d *doc) table(cols []column, rows [][]string, delta float64) {
	p := d.pdf
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	ws := make([]float64, len(cols))
	for i, c := range cols {
		ws[i] = d.w * c.Width / total
	}
	lh := d.lineH(delta) * 0.95
	row := func(cells []string, style string, fill bool, align func(int) string) {
		d.font(style, delta)
		lines := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			lines[i] = p.SplitText(nfc(c), ws[i])
			n = max(n, len(lines[i]))
		}
		h := float64(n)*lh + 1.2
		if p.GetY()+h > d.ph-d.m {
			p.AddPage()
			if style == "" {
				d.tableHead(cols, ws, delta, lh)
				d.font(style, delta)
			}
		}
		y := p.GetY()
		x := d.m
		if fill {
			p.SetFillColor(235, 235, 235)
		}
		for i := range cells {
			st := "D"
			if fill {
				st = "FD"
			}
			p.SetLineWidth(0.2)
			p.Rect(x, y, ws[i], h, st)
			p.SetXY(x, y+0.6)
			p.MultiCell(ws[i], lh, strings.Join(lines[i], "\n"), "", align(i), false)
			x += ws[i]
		}
		p.SetXY(d.m, y+h)
	}
	d.tableHead(cols, ws, delta, lh)
	for _, r := range rows {
		row(r, "", false, func(i int) string { return cols[i].Align })
	}
}

// tableHead prints a table's header row.
func (d *doc) tableHead(cols []column, ws []float64, delta, lh float64) {
	p := d.pdf
	d.font("B", delta)
	n := 1
	lines := make([][]string, len(cols))
	for i, c := range cols {
		lines[i] = p.SplitText(nfc(c.Head), ws[i])
		n = max(n, len(lines[i]))
	}
	h := float64(n)*lh + 1.2
	if p.GetY()+h+lh > d.ph-d.m {
		p.AddPage()
	}
	y, x := p.GetY(), d.m
	p.SetFillColor(235, 235, 235)
	p.SetLineWidth(0.2)
	for i := range cols {
		p.Rect(x, y, ws[i], h, "FD")
		off := (float64(n-len(lines[i])) * lh) / 2
		p.SetXY(x, y+0.6+off)
		p.MultiCell(ws[i], lh, strings.Join(lines[i], "\n"), "", "C", false)
		x += ws[i]
	}
	p.SetXY(d.m, y+h)
}
