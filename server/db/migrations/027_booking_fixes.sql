-- 预约服务, three fixes.
--
-- A proposal from a help request is one worker's when the service's windows
-- name workers (the proposing worker, or the one named): its times are that
-- worker's free slots, and the pick books that worker's place. NULL: any
-- worker with a place at that time (a service without workers, or the head
-- proposing for the station).
ALTER TABLE booking_proposals ADD COLUMN worker_id uuid REFERENCES users (id) ON DELETE SET NULL;

-- The birth date of the person booked for, sealed like the phone, so that a
-- move re-checks the service's age rule on the new day (a child's age limit
-- crossing a birthday). Erased with the booking's other personal fields
-- (account deletion, retention); NULL when no birth date was given.
ALTER TABLE bookings ADD COLUMN person_birth_date text;
