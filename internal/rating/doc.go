// Package rating is the citizen's satisfaction evaluation of one dossier (Decree 118/2025 Art. 33(1),
// domain.md §9): the nine criteria (a) to (i), the scale they are scored on, and the checks of one
// rating. It is pure: no storage, no clock.
//
// Decisions, kept in one place:
//   - Scale: every criterion is scored 1 "không hài lòng" (not satisfied), 2 "hài lòng" (satisfied) or
//     3 "rất hài lòng" (very satisfied). A three-point scale is what the national evaluation forms use
//     and what a citizen answers on a phone or a desk tablet without hesitating.
//   - Every criterion may be skipped (0, stored as NULL) except the overall satisfaction, which is
//     required: it is what "the share satisfied" counts (overall ≥ 2).
//   - One rating per dossier: a second one is refused (Conflict, follow.rating.already), so that a
//     leaked receipt cannot be used to overwrite the applicant's own answer.
//   - Who may rate: a dossier whose result is ready or handed over (status 9 or 10), by its code and
//     lookup secret (portal, QR of the receipt), or at the kiosk of the receiving desk without the
//     secret when the result was handed over there in the last KioskWindow: the citizen is physically
//     at the desk, holding the receipt the officer has just taken back, so the secret adds nothing but
//     typing, and the window keeps strangers from rating old dossiers from a public tablet. Codes
//     follow a pattern, so the web layer throttles an address that keeps typing codes the kiosk does
//     not accept; a deployment may also limit /kiosk/ to the desks' network at its reverse proxy.
package rating
