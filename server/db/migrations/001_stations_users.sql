-- Stations of the four-level network and the special stations, residents and
-- their sessions. PostgreSQL dialect; runs on PGlite and PostgreSQL alike.

CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

CREATE TABLE stations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('city', 'district', 'street', 'community', 'enterprise', 'school', 'special')),
  parent_id uuid REFERENCES stations (id),
  province text NOT NULL,
  city text NOT NULL,
  district text NOT NULL,
  street text,
  community text,
  address text NOT NULL,
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  phone text NOT NULL,
  opening_hours jsonb NOT NULL DEFAULT '[]',
  hours_note text NOT NULL DEFAULT '',
  services text[] NOT NULL DEFAULT '{}',
  brand_projects jsonb NOT NULL DEFAULT '[]',
  intro text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Nearest-station search: KNN over a GiST index on the station's point on the
-- earth (ORDER BY ll_to_earth(lat, lng) <-> ll_to_earth($lat, $lng)). The chord
-- distance the index orders by grows with the great-circle distance, so the
-- order is exact, and no query scans the table.
CREATE INDEX stations_earth_idx ON stations USING gist (ll_to_earth(lat, lng));
CREATE INDEX stations_parent_idx ON stations (parent_id);
CREATE INDEX stations_area_idx ON stations (province, city, district, street);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- WeChat openid for residents who log in from the mini-program; dev logins use 'dev:…'.
  openid text UNIQUE,
  nickname text NOT NULL,
  role text NOT NULL DEFAULT 'resident' CHECK (role IN ('resident', 'staff', 'supervisor')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Opaque session tokens: only their SHA-256 is stored, so a database dump
-- holds no usable token.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
