-- Consents per purpose (privacy_policy, location, help_requests, children,
-- photos) and version of the text, with time. A withdrawal is recorded as a
-- row too, so the table is the history of every decision; the latest row of a
-- purpose is where the resident stands (contract/consents.ts, domain/consents.ts).

ALTER TABLE consents ADD COLUMN granted boolean NOT NULL DEFAULT true;

-- Photo consents were first recorded with the activity as their "version".
-- What residents agreed to then is the first version of the photo consent text
-- (PHOTO_CONSENT_VERSION); the enrollment itself still says which activity.
UPDATE consents SET version = '2026-11-01' WHERE purpose = 'photos' AND version LIKE 'activity:%';
