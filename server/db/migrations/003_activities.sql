-- Activities (classes such as 东山小学堂, lectures, talks), their sessions,
-- the family members residents manage, enrollments with capacity and a
-- waitlist, attendance, reminders, and consents recorded per purpose.

-- Secrets shared by every API instance (e.g. the key that signs check-in codes).
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What a resident agreed to, per purpose and version of the text, with time.
CREATE TABLE consents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL,
  version text NOT NULL,
  -- The family member it concerns (a child's data), when any.
  subject_id uuid,
  granted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consents_user_idx ON consents (user_id, purpose);

CREATE TABLE family_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  birth_date date NOT NULL,
  relationship text NOT NULL,
  notes text NOT NULL DEFAULT '',
  child_notice_version text,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX family_members_user_idx ON family_members (user_id) WHERE deleted_at IS NULL;

CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stable code of demo activities (the seed upserts on it); null for those staff create.
  code text UNIQUE,
  station_id uuid NOT NULL REFERENCES stations (id),
  title text NOT NULL,
  project text,
  category text NOT NULL,
  audience text NOT NULL CHECK (audience IN ('children', 'youth', 'elderly', 'all')),
  min_age integer,
  max_age integer,
  description text NOT NULL,
  bring text NOT NULL DEFAULT '',
  place text NOT NULL,
  lat double precision,
  lng double precision,
  capacity integer NOT NULL CHECK (capacity > 0),
  -- Seats held (confirmed + offered). The one counter every enrollment moves, under the row lock.
  taken integer NOT NULL DEFAULT 0,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  cancel_deadline timestamptz NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  photo_consent_required boolean NOT NULL DEFAULT false,
  confirm_within_hours integer,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (taken >= 0 AND taken <= capacity),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age),
  CHECK (opens_at < closes_at AND starts_at < ends_at)
);
CREATE INDEX activities_station_idx ON activities (station_id, starts_at);
CREATE INDEX activities_upcoming_idx ON activities (ends_at) WHERE status <> 'cancelled';

CREATE TABLE activity_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  UNIQUE (activity_id, seq),
  CHECK (starts_at < ends_at)
);
CREATE INDEX activity_sessions_start_idx ON activity_sessions (starts_at);

CREATE TABLE enrollments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Arrival order: drawn under the activity's row lock, so it is the order seats were decided in.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_member_id uuid REFERENCES family_members (id),
  -- 'self' or the family member's id: one active enrollment per participant per activity.
  participant_key text NOT NULL,
  participant_name text NOT NULL,
  participant_birth_date date,
  contact_phone text NOT NULL,
  photo_consent boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled', 'expired')),
  offer_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
);
CREATE UNIQUE INDEX enrollments_one_per_participant ON enrollments (activity_id, user_id, participant_key)
  WHERE status IN ('confirmed', 'waitlisted', 'offered');
CREATE INDEX enrollments_waitlist_idx ON enrollments (activity_id, seq) WHERE status = 'waitlisted';
CREATE INDEX enrollments_user_idx ON enrollments (user_id, created_at DESC);
CREATE INDEX enrollments_offer_idx ON enrollments (offer_expires_at) WHERE status = 'offered';

CREATE TABLE attendance (
  enrollment_id uuid NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES activity_sessions (id) ON DELETE CASCADE,
  checked_in_at timestamptz NOT NULL,
  checked_in_by uuid REFERENCES users (id),
  PRIMARY KEY (enrollment_id, session_id)
);

-- One reminder per enrollment and session, the day before.
CREATE TABLE reminders_sent (
  enrollment_id uuid NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES activity_sessions (id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (enrollment_id, session_id)
);
