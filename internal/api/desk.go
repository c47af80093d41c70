package api

import (
	"net/http"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/processing"
)

// GuidanceRequest is the body of POST /api/v1/guidances: the papers of a walk-in are incomplete and
// the desk guides the applicant to complete them (Mẫu 02), with no dossier recorded.
type GuidanceRequest struct {
	ReceiveRequest
	Items   []dossier.GuidanceItem `json:"items"`
	Contact string                 `json:"contact"`
}

// GuidanceOut is a stored desk guidance.
type GuidanceOut struct {
	ID int64 `json:"id"`
	dossier.Guidance
}

// RefusalRequest is the body of POST /api/v1/refusals: the desk refuses papers handed in (Mẫu 03).
type RefusalRequest struct {
	ReceiveRequest
	Reasons []string `json:"reasons"`
}

// input is the processing input of a desk request.
func (in ReceiveRequest) input() processing.ReceiveInput {
	return processing.ReceiveInput{ProcedureCode: in.Procedure, UnitCode: in.Unit, CompetentUnit: in.CompetentUnit,
		Channel: in.Channel, Applicant: in.Applicant, Components: in.Components, Sets: in.Sets,
		ReturnMethod: in.ReturnMethod, ReturnAddress: in.ReturnAddress, Note: in.Note}
}

func (s *Server) guideAtDesk(w http.ResponseWriter, r *http.Request, p account.Principal) {
	var in GuidanceRequest
	if err := decode(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	g, id, err := s.cfg.Dossiers.GuideAtDesk(r.Context(), p, in.input(), dossier.GuidanceInput{Items: in.Items, Contact: in.Contact}, s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, GuidanceOut{ID: id, Guidance: g})
}

func (s *Server) refuseAtDesk(w http.ResponseWriter, r *http.Request, p account.Principal) {
	var in RefusalRequest
	if err := decode(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.cfg.Dossiers.RefuseAtDesk(r.Context(), p, in.input(), in.Reasons, s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/dossiers/"+d.Code)
	writeJSON(w, http.StatusCreated, dossierOut(r, d, nil))
}
