package web

import (
	"net/http"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/feedback"
)

// feedbackReportData is the staff page of the on-time figures of feedback.
type feedbackReportData struct {
	reportScope
	Shown    bool
	Report   feedback.Report
	Steps    []feedbackStepRow
	Received string
	Pending  [3]string // total, within, overdue
	Rate     string
}

// feedbackStepRow is one kind of step with its figures formatted.
type feedbackStepRow struct {
	Label, Total, OnTime, Late string
}

func (s *Server) feedbackReport(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ViewReports) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "feedback.report.title")
	scope, from, to, err := s.scopeOf(r, p)
	d := feedbackReportData{reportScope: scope}
	if err == nil {
		d.Report, err = s.cfg.Feedback.Figures(r.Context(), p, d.Unit, from, to, d.Subtree)
	}
	status := http.StatusOK
	if err != nil {
		if fault.As(err).Kind != fault.Invalid {
			s.renderError(w, r, err)
			return
		}
		page.Form = page.Form.withError(page.P, err)
		status = http.StatusBadRequest
	} else {
		d.Shown = true
		c, pr := d.Report.Counts, page.P
		for _, st := range []struct {
			key  string
			step feedback.Step
		}{{"feedback.action.reject", c.Rejected}, {"feedback.action.request_info", c.InfoRequested},
			{"feedback.action.answer", c.Answered}, {"feedback.action.publish", c.Published}} {
			d.Steps = append(d.Steps, feedbackStepRow{Label: pr.T(st.key), Total: pr.Int(st.step.Total),
				OnTime: pr.Int(st.step.OnTime), Late: pr.Int(st.step.Late)})
		}
		d.Received = pr.Int(c.Received)
		d.Pending = [3]string{pr.Int(c.Pending), pr.Int(c.PendingWithin), pr.Int(c.PendingOverdue)}
		d.Rate = pr.Percent(c.OnTimeRate)
	}
	page.Data = d
	s.render(w, r, status, "feedback_report", page)
}
