package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// answersPageSize is how many published answers one page lists.
const answersPageSize = 20

// feedbackAnswersData is the public list of published answers.
type feedbackAnswersData struct {
	Query      string
	Total      int
	Items      []publicAnswer
	Prev, Next string // links to the neighbouring pages, "" when none
}

// publicAnswer is a published item with personal data removed.
type publicAnswer struct {
	Ref, Unit, Subject, Name, Published string
	Content, Answer                     []string
}

func (s *Server) feedbackAnswers(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "feedback.answers.title")
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	n = max(n, 1)
	items, total, err := s.cfg.Feedback.Answers(r.Context(), q, answersPageSize, (n-1)*answersPageSize)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := feedbackAnswersData{Query: q, Total: total}
	units := map[string]string{}
	for _, f := range items {
		name, ok := units[f.UnitCode]
		if !ok {
			name = f.UnitCode
			if u, err := s.cfg.Accounts.Store.UnitByCode(r.Context(), f.UnitCode); err == nil {
				name = u.Name
			}
			units[f.UnitCode] = name
		}
		d.Items = append(d.Items, publicAnswer{Ref: f.Ref, Unit: name, Subject: page.P.T("feedback.subject." + string(f.Subject)),
			Name: f.PublicName, Published: page.P.Date(f.PublishedAt),
			Content: strings.Split(f.PublicContent, "\n\n"), Answer: strings.Split(f.PublicAnswer, "\n\n")})
	}
	link := func(p int) string {
		v := url.Values{"page": {strconv.Itoa(p)}}
		if q != "" {
			v.Set("q", q)
		}
		return "/feedback/answers?" + v.Encode()
	}
	if n > 1 {
		d.Prev = link(n - 1)
	}
	if n*answersPageSize < total {
		d.Next = link(n + 1)
	}
	page.Data = d
	w.Header().Set("Cache-Control", "public, max-age=60")
	s.render(w, r, http.StatusOK, "feedback_answers", page)
}
