package web

import (
	"net/http"
	"strconv"
	"strings"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// splitList splits a list typed one per line or separated by commas or semicolons.
func splitList(s string) []string {
	return lines(strings.NewReplacer(",", "\n", ";", "\n").Replace(s))
}

func (s *Server) reviewCreate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.procedureAction(w, r, p, "notice.review_saved", func(code string) error {
		var f fault.Fields
		date, err := formDate("date", r.PostFormValue("date"), true)
		if err != nil {
			f.Add("date", fault.As(err).Fields["date"].Key)
		}
		savings := int64(0)
		if v := strings.NewReplacer(".", "", ",", "", " ", "", "₫", "").Replace(r.PostFormValue("estimated_savings_vnd")); v != "" {
			if savings, err = strconv.ParseInt(v, 10, 64); err != nil {
				f.Add("estimated_savings_vnd", "procedure.fee.amount.invalid", r.PostFormValue("estimated_savings_vnd"))
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		_, err = s.cfg.Catalog.CreateReview(r.Context(), p, procedure.Review{ProcedureCode: code,
			Reviewer: strings.TrimSpace(r.PostFormValue("reviewer")), Date: date, NewLegalDocs: splitList(r.PostFormValue("new_legal_docs")),
			Findings: strings.TrimSpace(r.PostFormValue("findings")), Proposal: procedure.Proposal(r.PostFormValue("proposal")),
			Reasons: strings.TrimSpace(r.PostFormValue("reasons")), EstimatedSavingsVND: savings})
		return reviewFormError(err)
	})
}

// reviewFormError names the review form's fields: "new_legal_docs[1]" is the one textarea.
func reviewFormError(err error) error {
	fe := fault.As(err)
	if err == nil || fe.Kind != fault.Invalid {
		return err
	}
	out := &fault.Error{Kind: fe.Kind, Message: fe.Message, Fields: map[string]fault.Message{}}
	for name, m := range fe.Fields {
		if i := strings.IndexByte(name, '['); i > 0 {
			name = name[:i]
		}
		out.Fields[name] = m
	}
	return out
}

func (s *Server) reviewMove(w http.ResponseWriter, r *http.Request, p account.Principal) {
	to := procedure.ReviewStatus(r.PostFormValue("to"))
	s.procedureAction(w, r, p, "notice.review_"+string(to), func(code string) error {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return fault.New(fault.NotFound, "review.not_found", r.PathValue("id"))
		}
		if !to.Valid() {
			return fault.New(fault.Invalid, "review.status.invalid", string(to))
		}
		_, err = s.cfg.Catalog.MoveReview(r.Context(), p, code, id, to, s.now())
		return err
	})
}

// reviewDueData is the list of procedures due for review, with the legal texts recorded.
type reviewDueData struct {
	Due     []catalog.Due
	Docs    []procedure.LegalDocument
	CanEdit bool
}

func (s *Server) reviewDuePage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "proc.due.title")
	page.Notice = notice(page.P, r)
	s.renderReviewDue(w, r, p, page, nil)
}

func (s *Server) renderReviewDue(w http.ResponseWriter, r *http.Request, p account.Principal, page Page, formErr error) {
	d := reviewDueData{CanEdit: p.Can(account.ManageCatalog)}
	var err error
	if d.Due, err = s.cfg.Catalog.DueForReview(r.Context()); err != nil {
		s.renderError(w, r, err)
		return
	}
	if d.Docs, err = s.cfg.Catalog.LegalDocuments(r.Context()); err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Data = d
	if formErr != nil {
		s.renderForm(w, r, "review_due", page, formErr)
		return
	}
	s.render(w, r, http.StatusOK, "review_due", page)
}

func (s *Server) legalDocumentCreate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	var f fault.Fields
	issued, err := formDate("date", r.PostFormValue("date"), false)
	if err != nil {
		f.Add("date", "field.date.invalid")
	}
	effective, err := formDate("effective_from", r.PostFormValue("effective_from"), false)
	if err != nil {
		f.Add("effective_from", "field.date.invalid")
	}
	for _, name := range []string{"number", "name"} {
		if len(f) > 0 && strings.TrimSpace(r.PostFormValue(name)) == "" {
			f.Add(name, "field.required") // shown with the dates; the service checks them otherwise
		}
	}
	err = f.Err()
	if err == nil {
		err = s.cfg.Catalog.RecordLegalDocument(r.Context(), p, procedure.LegalDocument{Number: r.PostFormValue("number"),
			Name: r.PostFormValue("name"), Date: issued, Issuer: strings.TrimSpace(r.PostFormValue("issuer")), EffectiveFrom: effective})
	}
	if err != nil {
		if errorKind(err) != "" {
			s.renderError(w, r, err)
			return
		}
		s.renderReviewDue(w, r, p, s.newPage(r, "proc.due.title"), err)
		return
	}
	redirect(w, r, "/admin/procedures/review-due", "notice.legal_document_saved")
}
