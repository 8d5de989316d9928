-- A vendor liveness session (likeness.liveness.verifier naming a session verifier) answers the
-- challenge instead of an uploaded capture; the enrolment remembers which session is its own.
ALTER TABLE enrolment ADD COLUMN vendor_session_id text UNIQUE;
