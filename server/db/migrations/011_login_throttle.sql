-- Staff login throttling, per username AND client address, plus a slower limit
-- per username over every address (address '*'). Attempts are counted before
-- the password is checked, atomically (INSERT … ON CONFLICT DO UPDATE …
-- RETURNING), so guesses sent at once cannot overwrite each other's count.
-- Usernames are counted whether or not an account has them, so a refusal
-- tells nothing about which usernames exist.
CREATE TABLE staff_login_attempts (
  username text NOT NULL,
  address text NOT NULL,
  -- attempts without a success in the current window
  attempts integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  -- the last successful login from this address (the worker's usual place keeps working during an attack)
  succeeded_at timestamptz,
  PRIMARY KEY (username, address)
);
CREATE INDEX staff_login_attempts_stale ON staff_login_attempts (window_started_at);
