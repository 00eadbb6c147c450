-- 预约服务, after the review.
--
-- The station may cancel a booking with a reason the resident reads in 我的预约
-- (NULL: not cancelled, or cancelled by the resident). Station text, as
-- reschedule_reason.
ALTER TABLE bookings ADD COLUMN cancel_reason text;

-- A timeline entry seen by staff only at this station (the resident who made
-- the request sees it as ever): a help request's booking proposed or chosen in
-- a sensitive category (心理疏导, 婚姻家庭, 儿童关爱保护) is seen only by the
-- station holding the booking, not by a supervisor above, who sees the
-- request itself when its own category is not sensitive. NULL: whoever sees
-- the request.
ALTER TABLE request_events ADD COLUMN only_station_id uuid;

-- The entries written before: every booking entry of a request with a
-- sensitive proposal (a request with proposals of both kinds keeps all its
-- booking entries to the station).
UPDATE request_events e SET only_station_id = p.station_id
  FROM booking_proposals p JOIN bookable_services b ON b.id = p.service_id
 WHERE e.request_id = p.request_id
   AND e.type IN ('booking_proposed', 'booking_chosen')
   AND b.category IN ('psychological', 'marriage_family', 'child_protection');
