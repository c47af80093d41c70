// Package dossier is a dossier's life (hồ sơ, domain.md §4–§6): the national
// statuses, the allowed transitions and who may take them, deadlines,
// waiting intervals, workflow steps, classification, codes and lookup
// secrets, and the events to record. It is pure: no database, no HTTP, no
// clock (every action takes now), no randomness but the io.Reader given to
// NewSecret. It imports only the standard library and the calendar,
// procedure and fault packages.
//
// # Shape of an action
//
// Every action is a function
//
//	func Action(d Dossier, in ActionInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error)
//
// (Submit and DeskGuidance create and take no d; Submit, Resubmit, Receive
// and RefuseAtReception also take the procedure version to pin). It returns
// a changed deep copy of d and exactly the events to record with it, or an
// error and the zero Dossier; d itself is never changed. A nil cal means
// calendar.Default(). The store runs it inside the transaction that read d,
// writes the new state and events, and uses Dossier.Version for optimistic
// concurrency: of two officers acting at once, the second write fails and
// is reported as a conflict; this package only carries Version.
//
// Errors are *fault.Error values with message keys (MessageKeys lists them;
// keys.go documents their arguments): Forbidden (dossier.role.forbidden)
// when none of the actor's roles may take the action, checked first;
// Conflict (dossier.transition.invalid) when the action is not allowed in the
// current status, and for other refusals that depend on the dossier's state
// (a second reschedule, too late to reschedule, too early to close, a step
// still pending); Invalid with one message per field for bad input, every
// problem at once. Conflict rather than Invalid for a wrong status because
// the request may have been right a moment ago: the dossier moved on under
// the officer, as with a lost optimistic-concurrency race.
//
// The table of transitions (rules.go) is data: Allowed, RolesFor and
// Permitted expose it so that pages show only the actions a viewer may take.
// The domain checks roles only; the caller checks that the dossier lies in
// the actor's units and that an assignee exists.
//
// # Decisions on ambiguous rules
//
//   - Status None (0) is the zero Dossier: Submit, Receive (desk) and
//     RefuseAtReception (walk-in) start from it. A walk-in refused at
//     reception is recorded in status 3, possibly without a code. A walk-in
//     whose papers are incomplete gets a Guidance value (DeskGuidance) and no
//     dossier.
//   - Online dossiers: CorrectionDueAt is 8 working hours from arrival
//     (AddWorkingHours starts a night or weekend arrival at the next working
//     period: Saturday 22:00 → Monday 17:00). GuideSupplementAtDesk keeps the
//     dossier in status 1 with its code and marks it awaiting the applicant;
//     Resubmit restarts the desk's 8 hours. A desk answer after the deadline
//     sets CorrectionLate. Completeness is checked at Receive, not Submit.
//   - Receipt: the appointment uses the pinned version's time for the
//     dossier's channel and its cut-off (calendar.Due). Components listed in
//     the input are the ones provided; components of a procedure case apply
//     only when that case is chosen. A citizen's identity number (9 digits
//     CMND or 12 digits CCCD) is required at receipt, optional online and on
//     refusal; other applicants' numbers are free text. Phones are stored
//     normalised (no spaces or dots).
//   - Workflow: the procedure's steps are copied at receipt and the first
//     starts then (its budget counted from the legal clock's start). A step's
//     due is its budget of working hours from its start; a 0-hour step is not
//     timed. Transfer finishes the desk's reception step; CompleteStep moves
//     on; the trailing steps of role reception are the desk's return steps:
//     ResultReady and RefuseAfterAppraisal finish the running office step and
//     start them, Return finishes them. ResultReady needs every office step
//     done; a refusal skips the steps not reached. "Forward for signature" is
//     the step of role leader, reached by CompleteStep: no separate action.
//     Only the assignee of the running step, or an officer of its role, may
//     complete it.
//   - Waits and the clock: under policy restart a complete supplement makes
//     a new appointment computed from its arrival as at receipt (cut-off
//     included), which becomes DueAt and OriginalDueAt, and restarts the
//     running step's budget; under pause, and after fees, both appointments
//     and the running step's due move by the working time waited. Every wait
//     is kept with its working time. A dossier that ends while waiting
//     (withdrawn, stopped or closed in status 5 or 6) has its wait closed and
//     its appointments moved likewise, so waiting never counts against the
//     office.
//   - OriginalDueAt is the appointment lateness is judged against: it
//     follows the clock rules above but never a reschedule (Mẫu 04 decision),
//     so a rescheduled dossier finishing after its original appointment is
//     late while DueAt shows the new date.
//   - A supplement request is late after 3 working days of working time from
//     the receipt (SupplementRequestLimit: Monday 09:00 → Thursday 09:00
//     still in time); from the second request RepeatedSupplementRequest is
//     set. The classification itself follows §6 only; reports apply the
//     national scoring's extra rules with these flags.
//   - Closing an unsupplemented dossier: the applicant's SupplementDays
//     (default 15) calendar days are counted as the Civil Code counts a
//     period: from the day after the request, ending at 24:00 of the last day
//     (or of the next working day if it is a rest day); the desk may close
//     from then (SupplementExpiresAt).
//   - Reschedule: only in status 4, only once, and at the latest at the
//     closing time of the last working day before the appointment's day
//     (RescheduleDeadline: an appointment on Thursday 09:00 may be moved until
//     Wednesday 17:00; one on Monday until Friday 17:00).
//   - Withdrawal: the applicant (or the desk on their behalf) may ask from
//     receipt until the result or refusal is decided (statuses 2, 4, 5, 6).
//     The request is the end of processing (§6: "withdrawn"), classified
//     then; Stop (7 → 8) issues the notice. Stop from 2, 4, 5 or 6 is the
//     competent body's own stop with a reason (outcome stopped).
//   - End and classification: End is FinishedAt, set by the first of result
//     ready, refusal after appraisal, withdrawal request, stop and close; the
//     class is Classify(OriginalDueAt, End) and is stored in Timeliness.
//     Early means an earlier calendar day in Vietnam time. A dossier refused
//     at reception was never received: no appointment, outcome or class.
//   - Events of internal work (assignment, steps, consultations) are Private;
//     status changes are public, their note being what the applicant may
//     read (reasons).
//   - Codes: Code fills a format setting (DefaultCodeFormat
//     "{unit}-{yymmdd}-{seq4}"; {seq4} grows beyond 9999); the store
//     allocates the day's sequence in the receiving transaction. Lookup
//     secrets are 6 symbols of a 31-symbol alphabet without 0, O, 1, I, L.
package dossier
