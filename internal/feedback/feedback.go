package feedback

import "time"

// Status is where a piece of feedback stands.
type Status string

// The statuses: received → (rejected | more_info_requested → received | answered → published).
const (
	Received          Status = "received"
	Rejected          Status = "rejected"
	MoreInfoRequested Status = "more_info_requested"
	Answered          Status = "answered"
	Published         Status = "published"
)

// Statuses lists every status in the order of the life of an item.
var Statuses = []Status{Received, MoreInfoRequested, Rejected, Answered, Published}

// Open reports whether the unit still owes an action: receipt, a wait for the sender, or an answer
// not yet published.
func (s Status) Open() bool { return s == Received || s == MoreInfoRequested || s == Answered }

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Subject is what the feedback is about.
type Subject string

// The subjects: a procedure (its rules or how it is published), a dossier, an officer's conduct.
const (
	SubjectProcedure Subject = "procedure"
	SubjectDossier   Subject = "dossier"
	SubjectConduct   Subject = "conduct"
)

// Subjects lists the subjects in display order.
var Subjects = []Subject{SubjectProcedure, SubjectDossier, SubjectConduct}

// Action is a change of status, recorded as an event.
type Action string

// The actions: the sender submits and supplements; the unit rejects, requests information,
// answers and publishes.
const (
	ActSubmit      Action = "submit"
	ActReject      Action = "reject"
	ActRequestInfo Action = "request_info"
	ActSupplement  Action = "supplement"
	ActAnswer      Action = "answer"
	ActPublish     Action = "publish"
)

// StaffActions are the actions an officer may take, in display order.
var StaffActions = []Action{ActReject, ActRequestInfo, ActAnswer, ActPublish}

// Feedback is one item of feedback or complaint.
type Feedback struct {
	ID int64
	// Ref is the public reference code (e.g. PA-261126-7K3QX9); Key the secret that opens the follow page.
	Ref string
	Key string
	// UnitCode is the unit the feedback is addressed to.
	UnitCode      string
	Subject       Subject
	ProcedureCode string
	DossierCode   string
	// DossierLinked is set when the sender proved the dossier with its lookup secret.
	DossierLinked bool
	Name          string
	Phone         string
	Email         string
	Content       string
	Status        Status

	// ReceivedAt is the first receipt; the deadlines count from it, in working days of the unit.
	ReceivedAt time.Time
	RejectDue  time.Time // ReceivedAt + 2 working days
	InfoDue    time.Time // ReceivedAt + 5 working days (first request for more information)
	AnswerDue  time.Time // ReceivedAt + 15 working days, moved later by the time spent waiting for the sender
	PublishDue time.Time // AnsweredAt + 2 working days, set at the answer

	RejectedAt      time.Time
	InfoRequestedAt time.Time // the first request
	PausedAt        time.Time // the start of the current wait for the sender
	AnsweredAt      time.Time
	PublishedAt     time.Time

	Reason      string // of a rejection
	InfoRequest string // the latest request for more information
	Answer      string

	// The masked copies shown on the public list of answers, set at publication.
	PublicName    string
	PublicContent string
	PublicAnswer  string

	// Handler is the username of the officer who acted last.
	Handler   string
	Version   int
	UpdatedAt time.Time
}

// ClosedAt is when the unit settled the item: rejected or answered; zero while open.
func (f Feedback) ClosedAt() time.Time {
	if !f.RejectedAt.IsZero() {
		return f.RejectedAt
	}
	return f.AnsweredAt
}

// Event is one change of status with its actor and time.
type Event struct {
	At     time.Time
	Actor  string // an officer's username, or "" for the sender
	Action Action
	From   Status
	To     Status
	Note   string
}
