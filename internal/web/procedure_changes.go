package web

import (
	"regexp"
	"strings"

	"motcua/internal/i18n"
)

// changeValue shows a value of the catalog's change history (procedure.Diff) in the reader's
// language: the codes it stores (levels, subjects, the online level, the supplement policy, time
// units, workflow roles) become their names, and the "key=value" summaries of components and results
// become labelled figures ("Bản chính: 1; Bắt buộc: Có"). Free text, such as names and legal
// references, is left as it is.
func changeValue(p i18n.Printer, field, v string) string {
	root, _, _ := changePath(field)
	named := func(prefix string) func(string) string {
		return func(code string) string {
			if i18n.Has(p.Lang, prefix+code) {
				return p.T(prefix + code)
			}
			return code
		}
	}
	switch root {
	case "levels":
		return mapParts(v, "; ", named("proc.level."))
	case "subjects":
		return mapParts(v, "; ", named("proc.subject."))
	case "online_level":
		return named("proc.online.")(v)
	case "supplement_policy":
		return named("proc.policy.")(v)
	case "components", "results":
		return pairLabels(p, v)
	case "channels", "workflow":
		unit, role := named("proc.unit."), named("role.")
		return changeCodes.ReplaceAllStringFunc(v, func(code string) string {
			if strings.ToUpper(code) == code {
				return unit(code)
			}
			return role(code)
		})
	}
	return v
}

// changeCodes matches the codes a channel's time ("3 WORKING_DAY") or a workflow step ("(reception, 2h)")
// carries.
var changeCodes = regexp.MustCompile(`\b(WORKING_DAY|WORKING_HOUR|DAY|MONTH|reception|specialist|head|leader|clerk|controller)\b`)

// changePairs matches the key=value pairs of a component's or a result's summary.
var changePairs = regexp.MustCompile(`\b([a-z_]+)=(\S*)`)

// pairLabels turns "originals=1 certified_copies=0 mandatory=true" into labelled figures.
func pairLabels(p i18n.Printer, v string) string {
	labels := map[string]string{"originals": "proc.col.originals", "certified_copies": "proc.col.certified_copies",
		"copies": "proc.col.copies", "mandatory": "proc.col.mandatory", "form": "proc.col.form_template", "code": "proc.change.code"}
	var parts []string
	for _, m := range changePairs.FindAllStringSubmatch(v, -1) {
		key, val := m[1], m[2]
		switch {
		case key == "paper" && val == "true":
			parts = append(parts, p.T("proc.result.paper"))
			continue
		case key == "paper":
			parts = append(parts, p.T("proc.result.electronic"))
			continue
		case val == "true":
			val = p.T("proc.yes")
		case val == "false":
			val = p.T("proc.no")
		case val == "":
			continue
		}
		label := key
		if k, ok := labels[key]; ok && i18n.Has(p.Lang, k) {
			label = p.T(k)
		}
		parts = append(parts, label+": "+val)
	}
	if len(parts) == 0 {
		return v
	}
	return strings.Join(parts, "; ")
}

// mapParts applies f to each part of s split by sep.
func mapParts(s, sep string, f func(string) string) string {
	parts := strings.Split(s, sep)
	for i, x := range parts {
		parts[i] = f(strings.TrimSpace(x))
	}
	return strings.Join(parts, sep)
}
