-- 预约服务 per worker, and who can book a service: a service's weekly windows (availability jsonb) may each
-- name the colleague who receives in them ({ …, "workerId": "<users.id>" }).
-- A booking records the worker of the slot it took, so a slot's places are
-- counted per start and worker; a block (leave) or an opening may be one
-- worker's own, and then removes or adds only that worker's slots.

ALTER TABLE bookings ADD COLUMN worker_id uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE booking_blocks ADD COLUMN worker_id uuid REFERENCES users (id) ON DELETE CASCADE;

-- The places of a slot are counted per (service, start, worker).
DROP INDEX bookings_slot_idx;
CREATE INDEX bookings_slot_idx ON bookings (service_id, starts_at, worker_id) WHERE status <> 'cancelled';
-- The staff's day and week views group by worker.
CREATE INDEX bookings_worker_idx ON bookings (worker_id, starts_at) WHERE worker_id IS NOT NULL;

-- Who can book a service: an age range (周岁 on the slot's day; either end open)
-- besides its audience. The person's birth date is checked, never stored.
ALTER TABLE bookable_services ADD COLUMN min_age integer CHECK (min_age BETWEEN 0 AND 120);
ALTER TABLE bookable_services ADD COLUMN max_age integer CHECK (max_age BETWEEN 0 AND 120);
ALTER TABLE bookable_services ADD CONSTRAINT bookable_services_age_range CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age);
