package procedure

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Procedure)
		want   []Change
	}{
		{"same", func(p *Procedure) {}, nil},
		{"version and status ignored", func(p *Procedure) { p.Version, p.Status = 7, Amended }, nil},
		{"name", func(p *Procedure) { p.Name = "Tên mới" }, []Change{
			{"name", "Cấp bản sao trích lục hộ tịch", "Tên mới"}}},
		{"channel time", func(p *Procedure) { p.Channels[0].Time = 5 }, []Change{
			{"channels[in_person].time", "3 WORKING_DAY", "5 WORKING_DAY"}}},
		{"fee", func(p *Procedure) { p.Channels[0].Fees[0].AmountVND = 10000 }, []Change{
			{"channels[in_person].fees", "Phí: 8000 VND/bản", "Phí: 10000 VND/bản"}}},
		{"channel removed", func(p *Procedure) { p.Channels = p.Channels[:1] }, []Change{
			{"channels[online]", "2 WORKING_DAY", ""}}},
		{"channel added", func(p *Procedure) {
			p.Channels = append(p.Channels, Channel{Kind: Postal, Time: 4, Unit: WorkingDay})
		}, []Change{{"channels[postal]", "", "4 WORKING_DAY"}}},
		{"component count", func(p *Procedure) { p.Components[0].Copies = 2 }, []Change{
			{"components[Tờ khai]", "originals=1 certified_copies=0 copies=0 mandatory=true form=to-khai.docx",
				"originals=1 certified_copies=0 copies=2 mandatory=true form=to-khai.docx"}}},
		{"component added", func(p *Procedure) {
			p.Components = append(p.Components, Component{Name: "CCCD", Mandatory: true})
		}, []Change{{"components[CCCD]", "", "originals=0 certified_copies=0 copies=0 mandatory=true"}}},
		{"legal basis replaced", func(p *Procedure) { p.LegalBasis[0].Number = "118/2025/NĐ-CP" }, []Change{
			{"legal_basis[60/2014/QH13]", "60/2014/QH13; Luật Hộ tịch; 2014-11-20; Quốc hội", ""},
			{"legal_basis[118/2025/NĐ-CP]", "", "118/2025/NĐ-CP; Luật Hộ tịch; 2014-11-20; Quốc hội"}}},
		{"workflow", func(p *Procedure) { p.Workflow[0].Hours = 1 }, []Change{
			{"workflow", "1. Tiếp nhận (reception, 2h); 2. Xử lý (specialist, Phòng Tư pháp, 12h)",
				"1. Tiếp nhận (reception, 1h); 2. Xử lý (specialist, Phòng Tư pháp, 12h)"}}},
		{"levels and cutoff", func(p *Procedure) { p.Levels = []Level{Province, Commune}; p.CutoffHour = "" }, []Change{
			{"levels", "commune", "province; commune"},
			{"cutoff_hour", "15:00", ""}}},
		{"abolished", func(p *Procedure) { p.AbolishedFrom = p.EffectiveFrom.AddDate(1, 0, 0) }, []Change{
			{"abolished_from", "", "2026-07-01"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := validProcedure()
			new := old.Clone()
			tt.change(&new)
			if got := Diff(old, new); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
