-- 预约服务 follow-through: an attended booking invites a rating, through the
-- same ratings as resolved requests and attended activities. One rating per
-- booking (UNIQUE, as one per enrollment); it goes with the booking (ON DELETE
-- CASCADE) and counts for the booking's station like the other subjects.
ALTER TABLE ratings DROP CONSTRAINT ratings_subject_check;
ALTER TABLE ratings ADD CONSTRAINT ratings_subject_check CHECK (subject IN ('request', 'enrollment', 'booking'));
ALTER TABLE ratings ADD COLUMN booking_id uuid REFERENCES bookings (id) ON DELETE CASCADE;
ALTER TABLE ratings ADD CONSTRAINT ratings_booking_check CHECK ((subject = 'booking') = (booking_id IS NOT NULL));
ALTER TABLE ratings ADD CONSTRAINT ratings_booking_id_key UNIQUE (booking_id);
