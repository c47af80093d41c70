package analysis

import (
	"fmt"
	"testing"

	"motcua/internal/account"
	"motcua/internal/indicator"
)

func TestPercentile(t *testing.T) {
	tests := []struct {
		values  []float64
		p, want float64
	}{
		{nil, 50, 0},
		{[]float64{7}, 90, 7},
		{[]float64{1, 2, 3.5, 8, 16}, 50, 3.5},
		{[]float64{1, 2, 3.5, 8, 16}, 90, 16},
		{[]float64{1, 2, 3, 4}, 50, 2}, // nearest rank: the lower middle
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9},
		{[]float64{0.333333}, 50, 0.33},
	}
	for _, tt := range tests {
		if got := percentile(tt.values, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.values, tt.p, got, tt.want)
		}
	}
}

// Units are ranked by rate, then by more resolved dossiers, then by name in Vietnamese order, then
// by code; units without resolved dossiers come last.
func TestRankUnits(t *testing.T) {
	row := func(code, name string, onTime, resolved int64) Ranked {
		return Ranked{Unit: account.Unit{Code: code, Name: name}, OnTime: onTime, Resolved: resolved, Rate: indicator.Ratio(onTime, resolved)}
	}
	rows := []Ranked{
		row("E", "Xã Yên Bắc", 0, 0),
		row("A", "Xã Đinh Xá", 9, 10),
		row("B", "Xã Châu Giang", 18, 20),
		row("C", "Xã An Ninh", 9, 10),
		row("D", "Xã An Ninh", 9, 10),
		row("F", "Phường Lam Hạ", 10, 10),
	}
	rankUnits(rows)
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%d%s", r.Rank, r.Unit.Code))
	}
	if want := "[1F 2B 3C 4D 5A 6E]"; fmt.Sprint(got) != want {
		t.Errorf("ranking %v, want %s", got, want)
	}
}
