-- Screenings: the film night, its slots (announcement, reminders, arc prompts, recap), RSVPs
-- and the replies its arc drew (counted, never read).
CREATE TABLE screenings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    channel_ref INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    film TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    place TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    status_reason TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    manage_channel TEXT,
    announce_channel TEXT,
    announce_message_id TEXT,
    event_id TEXT,
    arc_thread_id TEXT,
    arc_thread_channel TEXT,
    UNIQUE (club_id, number)
);

CREATE TABLE screening_slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    prompt_id INTEGER REFERENCES prompts (id) ON DELETE SET NULL,
    message_id TEXT,
    detail TEXT,
    started_at TEXT,
    finished_at TEXT,
    nonce TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before TEXT,
    UNIQUE (screening_id, kind, seq)
);
CREATE INDEX screening_slots_due ON screening_slots (status, due_at);
CREATE INDEX screening_slots_prompt ON screening_slots (prompt_id);

CREATE TABLE screening_rsvps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    UNIQUE (screening_id, user_id)
);

CREATE TABLE screening_replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    screening_id INTEGER NOT NULL REFERENCES screenings (id) ON DELETE CASCADE,
    prompt_id INTEGER REFERENCES prompts (id) ON DELETE SET NULL,
    message_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    replied_at TEXT NOT NULL,
    UNIQUE (screening_id, message_id)
);
CREATE INDEX screening_replies_prompt ON screening_replies (prompt_id);
