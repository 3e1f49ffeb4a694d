-- Scheduled prompts and the record of every slot they ran (exactly once per slot).
CREATE TABLE schedules (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    channel_ref INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    spec TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    status_reason TEXT,
    next_run TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    manage_channel TEXT,
    notice TEXT,
    UNIQUE (club_id, number)
);
CREATE INDEX schedules_due ON schedules (status, next_run);

CREATE TABLE schedule_runs (
    schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    status TEXT NOT NULL,
    prompt_id INTEGER REFERENCES prompts (id) ON DELETE SET NULL,
    message_id TEXT,
    detail TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    nonce TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    missed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (schedule_id, slot)
);
CREATE INDEX schedule_runs_open ON schedule_runs (status);
CREATE INDEX schedule_runs_prompt ON schedule_runs (prompt_id);

ALTER TABLE prompts ADD COLUMN schedule_id INTEGER REFERENCES schedules (id) ON DELETE SET NULL;
CREATE INDEX prompts_schedule ON prompts (schedule_id);
