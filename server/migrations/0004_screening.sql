-- Sanctions and PEP screening: imported list versions, their entries, monitored subjects.

-- One row per imported version of one list. At most one version per source is active; an import
-- inserts the new version and its entries and flips `active` in a single transaction, so a
-- failed import never leaves a partial list behind and readers see either version whole.
CREATE TABLE screening_list_versions (
    id            TEXT PRIMARY KEY,
    source        TEXT NOT NULL,
    published     TEXT,
    -- SHA-256 (hex) of the input files, in the order the importer read them.
    checksum      TEXT NOT NULL,
    files         TEXT NOT NULL,
    counts        TEXT NOT NULL,
    entry_count   BIGINT NOT NULL,
    imported_at   BIGINT NOT NULL,
    active        BIGINT NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    -- The version this one replaced: monitoring screens the difference between the two.
    previous_id   TEXT,
    -- Set once monitored subjects were re-screened against this version's changes. An import
    -- interrupted after its commit leaves it NULL, and the next import of the same files
    -- resumes the monitoring instead of skipping it.
    monitored_at  BIGINT
);
CREATE INDEX screening_list_versions_source ON screening_list_versions (source, active);

-- Entries of a version, as JSON (`kyra_checks::screening::ListEntry`). `content_hash` lets an
-- import tell added/changed entries from unchanged ones, so monitoring re-screens only those.
CREATE TABLE screening_entries (
    version_id    TEXT NOT NULL REFERENCES screening_list_versions(id),
    entry_id      TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (version_id, entry_id)
);

-- Subjects under ongoing monitoring. Name, birth date and country are personal data: `subject`
-- is sealed (bound to the row id).
CREATE TABLE screening_monitored (
    id               TEXT PRIMARY KEY,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    mode             TEXT NOT NULL CHECK (mode IN ('test', 'live')),
    verification_id  TEXT,
    reference_id     TEXT,
    subject          TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX screening_monitored_tenant ON screening_monitored (tenant_id, mode, created_at);

-- Hits already reported for a monitored subject, so a re-import never repeats an event.
CREATE TABLE screening_monitor_hits (
    monitored_id   TEXT NOT NULL REFERENCES screening_monitored(id),
    source         TEXT NOT NULL,
    entry_id       TEXT NOT NULL,
    version_id     TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (monitored_id, source, entry_id, content_hash)
);
