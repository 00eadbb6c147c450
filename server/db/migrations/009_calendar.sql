-- China's working calendar and stations' own date exceptions.
--
-- calendar_days: public holidays and 调休 working weekend days that an admin
-- adds or corrects (e.g. next year's dates once the State Council publishes
-- them). They take precedence over the dates shipped with the `chinese-days`
-- package, day by day.
CREATE TABLE calendar_days (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A station closed, or open at other hours, for a date range (春节闭站,
-- 外出培训). `hours` is a list of {open, close}; empty means closed.
CREATE TABLE station_exceptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  station_id uuid NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  from_date date NOT NULL,
  to_date date NOT NULL,
  hours jsonb NOT NULL DEFAULT '[]',
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 40),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date >= from_date)
);
CREATE INDEX station_exceptions_station_idx ON station_exceptions (station_id, to_date);
