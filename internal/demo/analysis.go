package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/generate"
	"motcua/internal/procedure"
)

// analysisStore is what the demo's workflow history needs beside account.Store: the storage that
// demo.Load is given (store.DB) has both.
type analysisStore interface {
	DossierSequences(ctx context.Context, units []string) (map[string]int, error)
	BulkInsertDossiers(ctx context.Context, actor account.Principal, ds []dossier.Dossier, events [][]dossier.Event) (int, error)
}

// historyDossiers is how many dossiers with a workflow history the demo adds for the analyses (the
// history of loadReports has none).
const historyDossiers = 800

// demoOfficers complete the generated steps of each desk.
var demoOfficers = map[string]generate.Officers{
	"000.31.21.H06": {
		dossier.RoleReception:  {{Username: "tiepnhan", FullName: "Phạm Thị Hồng Nhung"}},
		dossier.RoleSpecialist: {{Username: "chuyenvien", FullName: "Đỗ Văn Chiến"}, {Username: "chuyenvien2", FullName: "Lưu Thị Thảo"}},
		dossier.RoleHead:       {{Username: "truongphong", FullName: "Vũ Thị Phương"}},
		dossier.RoleLeader:     {{Username: "lanhdao", FullName: "Ngô Quang Lãnh"}},
	},
	"000.32.21.H06": {
		dossier.RoleReception:  {{Username: "kinhbac", FullName: "Đặng Thị Bắc"}},
		dossier.RoleSpecialist: {{Username: "chuyenvienkb", FullName: "Trịnh Văn Khải"}},
		dossier.RoleHead:       {{Username: "truongphongkb", FullName: "Mạc Thị Hạnh"}},
		dossier.RoleLeader:     {{Username: "lanhdaokb", FullName: "Đào Minh Quân"}},
	},
}

// loadAnalysisHistory adds dossiers with a workflow history to the two current communes, so that
// the processing times and bottlenecks have steps to show: historyDossiers dossiers of the sample
// procedures received since 1 January of this year (generate), each finished one with the steps of
// its procedure's workflow completed by the communes' officers (generate.WithSteps). It does nothing
// when the storage cannot write in bulk.
func loadAnalysisHistory(ctx context.Context, s Services, now time.Time) error {
	st, ok := s.Store.(analysisStore)
	if !ok {
		return nil
	}
	rows, err := procedure.ParseSampleJSON(procedure.SampleCatalog)
	if err != nil {
		return err
	}
	var procs []procedure.Procedure
	workflows := map[string][]procedure.Step{}
	for _, r := range rows {
		if p, err := s.Catalog.InForce(ctx, r.Code, now); err == nil {
			procs = append(procs, p)
			workflows[p.Code] = p.Workflow
		}
	}
	desks := []string{"000.31.21.H06", "000.32.21.H06"}
	last, err := st.DossierSequences(ctx, desks)
	if err != nil {
		return err
	}
	day := now.In(calendar.Location)
	cfg := generate.Config{Dossiers: historyDossiers, FromYear: day.Year(), ToYear: day.Year(), Seed: 766,
		Now: time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, calendar.Location)}
	cal := calendar.Default()
	g, err := generate.New(cfg, desks, procs, cal, last)
	if err != nil {
		return fmt.Errorf("demo workflow history: %w", err)
	}
	r := rand.New(rand.NewPCG(766, 2022))
	for {
		ds, evs := g.Next(500)
		if len(ds) == 0 {
			return nil
		}
		for i := range ds {
			ds[i] = generate.WithSteps(ds[i], workflows[ds[i].ProcedureCode], cal, r, demoOfficers[ds[i].ReceivingUnit])
		}
		if _, err := st.BulkInsertDossiers(ctx, account.System("demo"), ds, evs); err != nil {
			return fmt.Errorf("demo workflow history: %w", err)
		}
	}
}
