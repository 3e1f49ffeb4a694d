-- Clubs, channels, documents, items, prompts, threads and settings.
CREATE TABLE clubs (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    name TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (platform, workspace_id)
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT,
    film TEXT,
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    loaded_by TEXT,
    loaded_at TEXT NOT NULL,
    UNIQUE (club_id, content_hash),
    UNIQUE (club_id, number)
);

CREATE TABLE channels (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    channel_id TEXT NOT NULL,
    name TEXT,
    active_document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    UNIQUE (club_id, channel_id)
);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    number INTEGER NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (document_id, kind, number)
);

CREATE TABLE prompts (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    channel_ref INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL DEFAULT 0,
    message_id TEXT,
    posted_by TEXT,
    posted_at TEXT NOT NULL
);
CREATE INDEX prompts_rotation ON prompts (channel_ref, item_id, cycle);
CREATE INDEX prompts_recent ON prompts (club_id, id);

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    prompt_id INTEGER NOT NULL UNIQUE REFERENCES prompts (id) ON DELETE CASCADE,
    platform_thread_id TEXT NOT NULL,
    platform_channel_id TEXT NOT NULL,
    title TEXT NOT NULL,
    replies INTEGER NOT NULL DEFAULT 0,
    participants INTEGER NOT NULL DEFAULT 0,
    last_activity TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    UNIQUE (club_id, platform_thread_id)
);

CREATE TABLE thread_messages (
    thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (thread_id, message_id)
);
CREATE INDEX thread_messages_user ON thread_messages (thread_id, user_id);

CREATE TABLE rotations (
    channel_ref INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    cycle INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_ref, document_id, kind)
);

CREATE TABLE settings (
    club_id INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT '',
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (club_id, scope, key)
);
