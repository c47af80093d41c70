package dossier

import (
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	due := mar(5, 9, 0) // Thursday 09:00
	tests := []struct {
		name string
		end  time.Time
		want Timeliness
	}{
		{"the evening before", mar(4, 23, 59), Early},
		{"a week before", mar(2, 9, 0), Early},
		{"just after midnight on the due day", mar(5, 0, 1), OnTime},
		{"at the due", due, OnTime},
		{"a second late", due.Add(time.Second), Late},
		{"the next day", mar(6, 8, 0), Late},
		// 17:30 UTC on Wednesday is 00:30 on Thursday in Vietnam.
		{"the due day in Vietnam, the day before in UTC", time.Date(2026, time.March, 4, 17, 30, 0, 0, time.UTC), OnTime},
		{"no end", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(due, tt.end); got != tt.want {
				t.Errorf("Classify = %q, want %q", got, tt.want)
			}
		})
	}
	if Classify(time.Time{}, due) != "" {
		t.Error("no due: not classified")
	}
	if Late.NameVI() != "Quá hạn" || OnTime.NameEN() != "On time" || Early.NameVI() != "Trước hạn" {
		t.Error("names")
	}
}

func TestOverdue(t *testing.T) {
	d := processing(t, threeDays())
	if d.Overdue(mar(5, 9, 0)) || !d.Overdue(mar(5, 9, 1)) {
		t.Error("overdue turns true just after the appointment")
	}
	r, _, _ := Reschedule(d, apology, head, cal, mar(3, 9, 0))
	if !r.Overdue(mar(6, 9, 0)) {
		t.Error("a rescheduled dossier is overdue after its original appointment")
	}
	if inStatus(t, StatusDone).Overdue(mar(20, 9, 0)) || online(t).Overdue(mar(20, 9, 0)) {
		t.Error("finished or never received dossiers are not overdue")
	}
	if left := TimeLeft(d, cal, mar(4, 9, 0)); left != 8*time.Hour {
		t.Errorf("TimeLeft = %v", left)
	}
}
