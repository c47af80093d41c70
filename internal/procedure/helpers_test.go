package procedure

import (
	"errors"
	"testing"
	"time"
)

// validProcedure returns a procedure that passes validation, for tests to spoil.
func validProcedure() Procedure {
	return Procedure{
		Code:         "2.000635",
		Name:         "Cấp bản sao trích lục hộ tịch",
		Field:        Field{Code: "H56-HT", Name: "Hộ tịch"},
		Levels:       []Level{Commune},
		Competent:    []string{"Ủy ban nhân dân cấp xã"},
		Subjects:     []Subject{Citizen},
		Steps:        "Bước 1\nBước 2",
		Requirements: "Không",
		Channels: []Channel{
			{Kind: InPerson, Time: 3, Unit: WorkingDay, Fees: []Fee{{Name: "Phí", AmountVND: 8000, Per: "bản"}}},
			{Kind: Online, Time: 2, Unit: WorkingDay},
		},
		Components: []Component{{Name: "Tờ khai", Originals: 1, Mandatory: true, FormTemplate: "to-khai.docx"}},
		LegalBasis: []LegalRef{{Number: "60/2014/QH13", Name: "Luật Hộ tịch",
			Date: time.Date(2014, 11, 20, 0, 0, 0, 0, Location), Issuer: "Quốc hội"}},
		Results:          []Result{{Code: "KQ1", Name: "Bản sao trích lục", Paper: true}},
		OnlineLevel:      OnlineFull,
		PublishDecision:  "1872/QĐ-BTP",
		PublishEffective: time.Date(2025, 7, 1, 0, 0, 0, 0, Location),
		CutoffHour:       "15:00",
		SupplementPolicy: Restart,
		SupplementDays:   15,
		Workflow: []Step{
			{Name: "Tiếp nhận", Role: "reception", Hours: 2},
			{Name: "Xử lý", Role: "specialist", Office: "Phòng Tư pháp", Hours: 12},
		},
		Status:        Published,
		Version:       1,
		EffectiveFrom: time.Date(2025, 7, 1, 0, 0, 0, 0, Location),
	}
}

// fieldErrors returns err as FieldErrors, failing the test if it is another kind.
func fieldErrors(t *testing.T, err error) FieldErrors {
	t.Helper()
	if err == nil {
		return nil
	}
	var fes FieldErrors
	if !errors.As(err, &fes) {
		t.Fatalf("error %v (%T) is not FieldErrors", err, err)
	}
	return fes
}

// rowsByCode indexes import rows by code.
func rowsByCode(rows []ImportRow) map[string]ImportRow {
	m := map[string]ImportRow{}
	for _, r := range rows {
		m[r.Code] = r
	}
	return m
}

// hasImportError reports whether a row has a problem on field with key.
func hasImportError(errs []ImportError, field, key string) bool {
	for _, e := range errs {
		if e.Field == field && e.Key == key {
			return true
		}
	}
	return false
}
