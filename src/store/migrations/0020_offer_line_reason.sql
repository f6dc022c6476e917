-- 0020: why an offer line is there, as data (issue 14, item 5): the plan's
-- `LineReason` as JSON, so the offer view says "verpflichtend mit …" in the
-- UI's language instead of the English `explanation` kept for logs. NULL for a
-- change line (it says what it changes) and for an explanation no plan wrote.
ALTER TABLE offer_line ADD COLUMN reason TEXT;

-- Lines frozen before: their reason read back from the words the plan wrote
-- (booking/plan: "requested", "mandatory with X", "optional with X, included",
-- "required by X (customer-wide)", "required by X (in PLACE)").
UPDATE offer_line SET reason = CASE
    WHEN explanation = 'requested' THEN json_object('why', 'requested')
    WHEN explanation LIKE 'mandatory with _%' THEN
        json_object('why', 'mandatory', 'with', substr(explanation, 16))
    WHEN explanation LIKE 'optional with _%, included' THEN
        json_object('why', 'optional', 'with', substr(explanation, 15, length(explanation) - 24))
    WHEN explanation LIKE 'required by _% (customer-wide)' THEN
        json_object('why', 'prerequisite', 'of', substr(explanation, 13, length(explanation) - 28),
                    'scope', 'customer')
    WHEN explanation LIKE 'required by _% (in _%)' THEN
        json_object('why', 'prerequisite', 'of', substr(explanation, 13, instr(explanation, ' (in ') - 13),
                    'scope', 'same_context')
END
WHERE changed IS NULL;
