// Package fault holds the handful of error kinds motcua speaks in (invalid, not found, conflict,
// forbidden, unauthorized, internal). Domain and storage code return *fault.Error values carrying a
// message key from the i18n catalogs and, for invalid input, one message key per offending field, so
// that the web and CLI layers can show a translated message naming the field and map the kind to an
// HTTP status in one table.
package fault

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error for callers: each kind maps to one HTTP status and one API error code.
type Kind string

// The kinds of error motcua reports.
const (
	Invalid      Kind = "invalid"
	NotFound     Kind = "not_found"
	Conflict     Kind = "conflict"
	Forbidden    Kind = "forbidden"
	Unauthorized Kind = "unauthorized"
	Internal     Kind = "internal"
)

// Message is a translatable message: a catalog key and the arguments its template needs.
type Message struct {
	Key  string
	Args []any
}

// Error is a classified error with a translatable message and, for invalid input, per-field messages.
type Error struct {
	Kind    Kind
	Message Message
	// Fields maps a field name (as the form or API names it) to its translatable message.
	Fields map[string]Message
	// Err is the underlying cause, kept for logs; it is never shown to users.
	Err error
}

// Error returns a log-friendly text: the kind, the key, the field keys and the cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Kind))
	b.WriteString(": ")
	b.WriteString(e.Message.Key)
	if len(e.Message.Args) > 0 {
		fmt.Fprintf(&b, " %v", e.Message.Args)
	}
	if len(e.Fields) > 0 {
		names := make([]string, 0, len(e.Fields))
		for n := range e.Fields {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(&b, "; %s: %s", n, e.Fields[n].Key)
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause, or nil.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the given kind with a message key and its arguments.
func New(kind Kind, key string, args ...any) *Error {
	return &Error{Kind: kind, Message: Message{Key: key, Args: args}}
}

// Wrap returns an internal error that keeps err as its cause; users see only the generic message.
func Wrap(err error, context string) *Error {
	return &Error{Kind: Internal, Message: Message{Key: "error.internal"}, Err: fmt.Errorf("%s: %w", context, err)}
}

// Fields collects per-field validation messages; its zero value is ready to use.
type Fields map[string]Message

// Add records a message for a field; the first message given for a field is kept.
func (f *Fields) Add(field, key string, args ...any) {
	if *f == nil {
		*f = Fields{}
	}
	if _, ok := (*f)[field]; !ok {
		(*f)[field] = Message{Key: key, Args: args}
	}
}

// Err returns nil when no field was added, otherwise an Invalid error listing every field.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: Message{Key: "error.invalid"}, Fields: map[string]Message(f)}
}

// KindOf returns the kind of err: the kind of the first *Error in its chain, Internal otherwise.
func KindOf(err error) Kind {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return Internal
}

// As returns the first *Error in err's chain, or wraps err as an internal error.
func As(err error) *Error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	return &Error{Kind: Internal, Message: Message{Key: "error.internal"}, Err: err}
}

// Is reports whether err is a motcua error of the given kind.
func Is(err error, kind Kind) bool {
	var fe *Error
	return errors.As(err, &fe) && fe.Kind == kind
}

// HTTPStatus is the one table from error kind to HTTP status, shared by the pages and the API.
func (k Kind) HTTPStatus() int {
	switch k {
	case Invalid:
		return 400
	case NotFound:
		return 404
	case Conflict:
		return 409
	case Forbidden:
		return 403
	case Unauthorized:
		return 401
	default:
		return 500
	}
}
