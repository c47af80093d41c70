// Package api serves motcua's JSON API under /api/v1 over the same services as the pages. Clients
// authenticate with "Authorization: Bearer <token>" (tokens from `motcua token create`) or, from the
// browser, with the session cookie plus the X-CSRF-Token header on unsafe requests. Every error has
// one shape: {"error":{"code","message","fields"}}, code being one of invalid, not_found, conflict,
// forbidden, unauthorized, internal, with the matching HTTP status. Messages follow Accept-Language
// (Vietnamese by default). The routes are described by the OpenAPI 3 document at /api/v1/openapi.json.
package api
