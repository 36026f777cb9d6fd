-- vmguard fleet results store (SQLite)
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    inventory_key TEXT NOT NULL,
    profile       TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    fleet_report  TEXT
);
-- at most one open run per inventory: scans of the same inventory join it
CREATE UNIQUE INDEX runs_open ON runs (inventory_key) WHERE finished_at IS NULL;

CREATE TABLE run_hosts (
    run_id               INTEGER NOT NULL REFERENCES runs (id),
    host                 TEXT NOT NULL,
    address              TEXT NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'done')),
    claimed_by           TEXT,
    claimed_at           TEXT,
    audited_at           TEXT,
    reachable            INTEGER,
    reason               TEXT,
    report               TEXT,
    host_key_type        TEXT,
    host_key_fingerprint TEXT,
    unprotected_keys     TEXT,
    keys_error           TEXT,
    PRIMARY KEY (run_id, host)
);
CREATE INDEX run_hosts_pending ON run_hosts (run_id, state);

CREATE TABLE results (
    run_id   INTEGER NOT NULL REFERENCES runs (id),
    host     TEXT NOT NULL,
    check_id TEXT NOT NULL,
    status   TEXT NOT NULL,
    severity TEXT NOT NULL,
    reason   TEXT,
    PRIMARY KEY (run_id, host, check_id)
);
