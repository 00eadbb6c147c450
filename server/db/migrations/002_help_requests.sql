-- "有问题找社工": help requests routed to station queues, their timeline,
-- staff accounts, idempotent submission, uploaded photos and the
-- notification outbox.

-- Staff are users too: a station account (username + scrypt hash) bound to a station.
ALTER TABLE users ADD COLUMN station_id uuid REFERENCES stations (id);
ALTER TABLE users ADD COLUMN username text UNIQUE;
ALTER TABLE users ADD COLUMN password_hash text;
ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until timestamptz;
ALTER TABLE users ADD CONSTRAINT users_staff_station CHECK (role = 'resident' OR station_id IS NOT NULL);

CREATE SEQUENCE help_request_number_seq;

CREATE TABLE help_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What residents and workers say on the phone: e.g. QZ-20261123-000042.
  number text NOT NULL UNIQUE,
  user_id uuid REFERENCES users (id),
  channel text NOT NULL DEFAULT 'miniprogram' CHECK (channel IN ('miniprogram', 'phone', 'counter')),
  station_id uuid NOT NULL REFERENCES stations (id),
  chosen_station_id uuid REFERENCES stations (id),
  routing_rule text NOT NULL,
  routing_reason text NOT NULL,
  category text NOT NULL,
  attributes jsonb NOT NULL DEFAULT '{}',
  description text NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('normal', 'urgent')),
  emergency text[] NOT NULL DEFAULT '{}',
  requester text NOT NULL CHECK (requester IN ('self', 'family')),
  contact_name text NOT NULL,
  contact_phone text NOT NULL,
  preferred_time text NOT NULL DEFAULT '',
  helped_name text,
  helped_relationship text,
  helped_phone text,
  helped_address text,
  helped_consent boolean NOT NULL DEFAULT false,
  province text, city text, district text, street text, community text,
  address text NOT NULL DEFAULT '',
  lat double precision,
  lng double precision,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'in_progress', 'resolved', 'cancelled')),
  assignee_id uuid REFERENCES users (id),
  due_at timestamptz NOT NULL,
  escalations integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  resolved_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (requester = 'self' OR (helped_name IS NOT NULL AND helped_consent))
);
CREATE INDEX help_requests_user_idx ON help_requests (user_id, created_at DESC);
-- The queue: a station's unaccepted requests, most urgent then oldest first.
CREATE INDEX help_requests_queue_idx ON help_requests (station_id, status, urgency, created_at);
-- The escalation job: what is overdue.
CREATE INDEX help_requests_due_idx ON help_requests (due_at) WHERE status = 'submitted';

CREATE TABLE request_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
  type text NOT NULL,
  actor_id uuid REFERENCES users (id),
  station_id uuid REFERENCES stations (id),
  to_station_id uuid REFERENCES stations (id),
  body text NOT NULL DEFAULT '',
  -- Internal notes are for staff only.
  internal boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

-- Idempotent submission: the first result per (user, Idempotency-Key) is kept and replayed.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key text NOT NULL,
  body_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('in_flight', 'done')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

-- Photos attached to requests, kept in the database (never under the web root)
-- so that every API instance can serve them to those allowed to see them.
CREATE TABLE uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  request_id uuid REFERENCES help_requests (id) ON DELETE CASCADE,
  mime text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_request_idx ON uploads (request_id);

-- Notifications are written in the same transaction as the change they announce.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  delivery text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
