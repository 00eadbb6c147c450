-- 预约服务 from a help request: the station proposes 1–3 times (slots of one of
-- its bookable services, or free times for a home visit); the resident picks one
-- on the request's page, which makes the booking (under the service's row lock,
-- as every booking) for the person the request is about. A newer proposal
-- withdraws the open one; an open one expires at expires_at. No personal data:
-- the booking holds it, and is erased with it.
CREATE TABLE booking_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
  service_id uuid NOT NULL REFERENCES bookable_services (id),
  station_id uuid NOT NULL REFERENCES stations (id),
  times timestamptz[] NOT NULL CHECK (cardinality(times) BETWEEN 1 AND 3),
  note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'chosen', 'withdrawn')),
  proposed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  -- Orders proposals made at the same instant (the clock a test injects): the later one is newer.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  expires_at timestamptz NOT NULL,
  booking_id uuid REFERENCES bookings (id) ON DELETE SET NULL,
  chosen_at timestamptz,
  CHECK ((status = 'chosen') = (chosen_at IS NOT NULL))
);
CREATE INDEX booking_proposals_request_idx ON booking_proposals (request_id, created_at);
