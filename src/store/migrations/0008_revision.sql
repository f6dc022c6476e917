-- A counter every write transaction advances. A booking plan remembers the
-- revision it was made at; applying it at another revision is refused, so a
-- stale preview never books (without planning everything a second time).
CREATE TABLE store_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO store_revision (id, revision) VALUES (1, 0);
