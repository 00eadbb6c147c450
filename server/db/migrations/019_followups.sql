-- 回访 (issue 16): resolving a request can schedule a follow-up call in N days.
-- One row per scheduled call; each try (reached or not) is an attempt. A call
-- stays open (closed_at null) until someone reached the resident; a call whose
-- request is no longer resolved (reopened, purged) is simply not listed.
CREATE TABLE follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
  -- the station that resolved the request (the report counts it there)
  station_id uuid NOT NULL REFERENCES stations (id),
  -- which resolution of the request it follows (help_requests.resolutions)
  resolution integer NOT NULL,
  resolved_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  scheduled_by uuid REFERENCES users (id) ON DELETE SET NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  -- set when the resident was reached: the outcome
  closed_at timestamptz,
  satisfied boolean,
  needs_more_help boolean,
  UNIQUE (request_id, resolution)
);
CREATE INDEX follow_ups_open_idx ON follow_ups (station_id, due_at) WHERE closed_at IS NULL;
CREATE INDEX follow_ups_resolved_idx ON follow_ups (resolved_at);

CREATE TABLE follow_up_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  follow_up_id uuid NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
  staff_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reached boolean NOT NULL,
  satisfied boolean,
  needs_more_help boolean,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL
);
CREATE INDEX follow_up_attempts_idx ON follow_up_attempts (follow_up_id, at);
