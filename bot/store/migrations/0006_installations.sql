-- Slack installations (one row per installing user, one bot per workspace) and OAuth states.
CREATE TABLE installations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    client_id TEXT NOT NULL,
    enterprise_id TEXT NOT NULL DEFAULT '',
    team_id TEXT NOT NULL DEFAULT '',
    user_id TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    UNIQUE (platform, client_id, enterprise_id, team_id, user_id)
);
CREATE INDEX installations_team ON installations (platform, client_id, enterprise_id, team_id);

CREATE TABLE installation_bots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    client_id TEXT NOT NULL,
    enterprise_id TEXT NOT NULL DEFAULT '',
    team_id TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    UNIQUE (platform, client_id, enterprise_id, team_id)
);

CREATE TABLE oauth_states (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    state TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL
);
CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);
