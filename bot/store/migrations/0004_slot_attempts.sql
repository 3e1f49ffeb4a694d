-- Exactly once, for real: when each slot's platform call began, and the moderators' notices
-- about slots whose outcome is unknown (one per club and restart, sent at most once).

CREATE TABLE schedule_notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    channel_id TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at TEXT NOT NULL,
    attempted_at TEXT,
    finished_at TEXT,
    message_id TEXT
);
ALTER TABLE schedule_runs ADD COLUMN attempted_at TEXT;
ALTER TABLE schedule_runs ADD COLUMN notice_id INTEGER REFERENCES schedule_notices (id) ON DELETE SET NULL;
CREATE INDEX schedule_notices_open ON schedule_notices (status);
CREATE INDEX schedule_runs_notice ON schedule_runs (notice_id);
