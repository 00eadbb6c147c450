-- 预约服务: the services a station lets residents book, the staff's blocked
-- and extra time, and bookings. A slot's places are counted from bookings
-- under the service's row lock (SELECT … FOR UPDATE), so concurrent bookings
-- never exceed its capacity, whichever API instance takes them.

CREATE TABLE bookable_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stable code of demo services (the seed upserts on it); null for those staff create.
  code text UNIQUE,
  station_id uuid NOT NULL REFERENCES stations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  description text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('talk', 'call', 'home_visit', 'room')),
  category text NOT NULL,
  audience text NOT NULL DEFAULT 'all' CHECK (audience IN ('children', 'youth', 'elderly', 'all')),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 10 AND 480),
  capacity integer NOT NULL CHECK (capacity > 0),
  horizon_days integer NOT NULL DEFAULT 14 CHECK (horizon_days BETWEEN 1 AND 90),
  cutoff_minutes integer NOT NULL DEFAULT 120 CHECK (cutoff_minutes BETWEEN 0 AND 10080),
  per_person_per_day integer NOT NULL DEFAULT 1 CHECK (per_person_per_day >= 1),
  -- Its own weekly windows [{ weekdays, open, close }]; empty: the station's hours.
  availability jsonb NOT NULL DEFAULT '[]',
  -- Who takes these bookings (one worker's 谈心, a room's keeper), when it is one person.
  worker_name text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bookable_services_station_idx ON bookable_services (station_id) WHERE active;

-- Time staff take out of the calendar (leave, an outing) or add to it (extra slots of one service).
CREATE TABLE booking_blocks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  station_id uuid NOT NULL REFERENCES stations (id),
  service_id uuid REFERENCES bookable_services (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('block', 'open')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 40),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_at < ends_at),
  CHECK (kind = 'block' OR service_id IS NOT NULL)
);
CREATE INDEX booking_blocks_station_idx ON booking_blocks (station_id, ends_at);

CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id uuid NOT NULL REFERENCES bookable_services (id),
  station_id uuid NOT NULL REFERENCES stations (id),
  -- The resident who booked; null for a walk-in or phone booking the station entered.
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  channel text NOT NULL DEFAULT 'miniprogram' CHECK (channel IN ('miniprogram', 'counter', 'phone')),
  for_whom text NOT NULL CHECK (for_whom IN ('self', 'family', 'proxy')),
  -- Who comes (本人, or the family member / elderly parent); null once purged.
  person_name text,
  relationship text,
  -- The person as the one-per-day rule knows them (the user and the name, or the phone at the counter).
  person_key text NOT NULL,
  contact_name text,
  -- Sealed at rest (server/services/fieldCrypto.ts).
  contact_phone text,
  note text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'attended', 'no_show', 'cancelled')),
  -- The staff's note on the outcome (attended / no-show).
  staff_note text NOT NULL DEFAULT '',
  -- The reason the station gave when it moved the booking (the resident sees it).
  reschedule_reason text,
  rescheduled_at timestamptz,
  reminded_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  CHECK (starts_at < ends_at)
);
CREATE INDEX bookings_slot_idx ON bookings (service_id, starts_at) WHERE status <> 'cancelled';
CREATE INDEX bookings_user_idx ON bookings (user_id, starts_at DESC);
CREATE INDEX bookings_station_idx ON bookings (station_id, starts_at);
CREATE INDEX bookings_reminder_idx ON bookings (starts_at) WHERE status = 'booked' AND reminded_at IS NULL;
