-- 0018: change offers (issue 13, item 2). Besides new bookings, an offer holds
-- changes to the customer's existing instances (upgrade, downgrade, quantity,
-- offer type at term end, replace by a successor, cancel, renew, order what was
-- planned). `changes` is the JSON array of PlannedChange, applied after the
-- plans on acceptance; `current_monthly` is what the customer's running
-- contracts cost a month when the offer was planned (NULL for offers made
-- before: they show no current / new / difference); a line that changes an
-- instance carries the JSON of ChangedInstance (its current amounts, the kind
-- of change and the date it takes effect), NULL for a new booking.
ALTER TABLE offer ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE offer ADD COLUMN current_monthly TEXT;
ALTER TABLE offer_line ADD COLUMN changed TEXT;
