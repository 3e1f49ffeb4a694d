-- Moderator curation (item status, edits kept with the original), the settings log, suggestions.
ALTER TABLE items ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE items ADD COLUMN original TEXT;
ALTER TABLE items ADD COLUMN origin TEXT NOT NULL DEFAULT 'document';

CREATE TABLE config_log (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT '',
    key TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX config_log_club ON config_log (club_id, id);

CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    channel_ref INTEGER REFERENCES channels (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    suggested_by TEXT NOT NULL,
    suggested_by_name TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    duplicate_of TEXT,
    decided_by TEXT,
    decided_at TEXT,
    item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    UNIQUE (club_id, number)
);
