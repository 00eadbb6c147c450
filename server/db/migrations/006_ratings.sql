-- Ratings ("服务评价") and the figures supervisors evaluate stations by.

-- Which resolution a rating rates: a request reopened as 未解决 and resolved
-- again can be rated again (one rating per resolution).
ALTER TABLE help_requests ADD COLUMN resolutions integer NOT NULL DEFAULT 0;
UPDATE help_requests SET resolutions = (SELECT count(*) FROM request_events e WHERE e.request_id = help_requests.id AND e.type = 'resolved');
-- When the request last arrived in its station's queue (submitted, transferred, escalated or reopened).
ALTER TABLE help_requests ADD COLUMN queued_at timestamptz;
UPDATE help_requests SET queued_at = COALESCE(
  (SELECT max(e.created_at) FROM request_events e WHERE e.request_id = help_requests.id AND e.type IN ('submitted', 'transferred', 'escalated', 'reopened')),
  created_at);
ALTER TABLE help_requests ALTER COLUMN queued_at SET NOT NULL;
ALTER TABLE help_requests ALTER COLUMN queued_at SET DEFAULT now();

-- Performance is recorded on the event when it happens: for 'accepted' and
-- 'resolved', the seconds since the request arrived in the station's queue;
-- for 'accepted', whether that was within the response target.
ALTER TABLE request_events ADD COLUMN elapsed_seconds integer;
ALTER TABLE request_events ADD COLUMN on_time boolean;
UPDATE request_events a SET elapsed_seconds = (
  SELECT extract(epoch FROM a.created_at - max(p.created_at))::integer FROM request_events p
   WHERE p.request_id = a.request_id AND p.id < a.id AND p.type IN ('submitted', 'transferred', 'escalated', 'reopened'))
 WHERE a.type IN ('accepted', 'resolved');
-- The station report reads a period of events: an index-only range scan.
CREATE INDEX request_events_report_idx ON request_events (created_at)
  INCLUDE (type, station_id, to_station_id, actor_id, elapsed_seconds, on_time);

CREATE TABLE ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject text NOT NULL CHECK (subject IN ('request', 'enrollment')),
  request_id uuid REFERENCES help_requests (id) ON DELETE CASCADE,
  resolution integer,
  enrollment_id uuid REFERENCES enrollments (id) ON DELETE CASCADE,
  -- The station rated: the one that resolved the request, or held the activity.
  station_id uuid NOT NULL REFERENCES stations (id),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  outcome text CHECK (outcome IN ('resolved', 'partly', 'unresolved')),
  stars integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
  tags text[] NOT NULL DEFAULT '{}',
  comment text NOT NULL DEFAULT '',
  -- Anonymous to the station: the workers see the words, not the name.
  anonymous boolean NOT NULL DEFAULT false,
  -- The resident allows the comment on the station's public page (never with a name).
  comment_public boolean NOT NULL DEFAULT false,
  comment_review text NOT NULL DEFAULT 'pass' CHECK (comment_review IN ('pass', 'review', 'rejected')),
  reply text,
  reply_by uuid REFERENCES users (id),
  replied_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((subject = 'request') = (request_id IS NOT NULL)),
  CHECK (subject <> 'request' OR (resolution IS NOT NULL AND outcome IS NOT NULL)),
  CHECK ((subject = 'enrollment') = (enrollment_id IS NOT NULL)),
  CHECK ((reply IS NULL) = (replied_at IS NULL)),
  UNIQUE (request_id, resolution),
  UNIQUE (enrollment_id)
);
CREATE INDEX ratings_station_idx ON ratings (station_id, created_at DESC);
CREATE INDEX ratings_user_idx ON ratings (user_id);
CREATE INDEX ratings_report_idx ON ratings (created_at) INCLUDE (station_id, stars, outcome, subject);

-- Attendance per session for the report (sessions in a period, then their check-ins).
CREATE INDEX attendance_session_idx ON attendance (session_id);
