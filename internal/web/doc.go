// Package web serves motcua's server-rendered pages: html/template views embedded in the binary,
// one small file per resource, every route listed in routes.go. Pages speak Vietnamese by default
// and English on switch; every unsafe request is checked against cross-origin forgery (Go's
// CrossOriginProtection) and, for signed-in users, against the session's CSRF token.
package web
