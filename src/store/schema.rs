//! The schema, as forward migrations. `PRAGMA user_version` counts how many
//! have been applied; a file with a higher number came from a newer huishen.

/// Migration `i` takes a database from version `i` to `i + 1`.
pub const MIGRATIONS: &[&[&str]] = &[
    // 1: the review ledger. (The project/department index was created
    // between the project and indicator tables; where it is created makes no
    // difference to the database.)
    &[
        r#"
CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    title       TEXT NOT NULL DEFAULT '',
    stage       TEXT NOT NULL DEFAULT 'target_review',
    locked      INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE TABLE department (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE project (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    department_id  INTEGER NOT NULL REFERENCES department(id),
    name           TEXT NOT NULL,
    budget_type    TEXT NOT NULL
                   CHECK (budget_type IN ('general', 'fund', 'state_capital', 'social_insurance')),
    section        TEXT,
    -- fen
    requested      INTEGER NOT NULL CHECK (requested >= 0)
);

CREATE TABLE indicator (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES project(id),
    -- 1-based number within the project; adjust names indicators by it
    seq         INTEGER NOT NULL,
    level1      TEXT NOT NULL,
    level2      TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    target      TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, seq)
);

-- The current decision of each project; the event log says how it got there.
CREATE TABLE decision (
    project_id         INTEGER PRIMARY KEY REFERENCES project(id),
    state              TEXT NOT NULL DEFAULT 'pending'
                       CHECK (state IN ('pending', 'approved', 'cut', 'cancelled')),
    -- fen; 0 while pending or cancelled
    approved           INTEGER NOT NULL DEFAULT 0 CHECK (approved >= 0),
    adjust             INTEGER NOT NULL DEFAULT 0 CHECK (adjust IN (0, 1)),
    adjust_indicators  TEXT NOT NULL DEFAULT '',
    adjust_reason      TEXT NOT NULL DEFAULT '',
    updated_by         TEXT,
    updated_os_user    TEXT,
    updated_at         TEXT,
    version            INTEGER NOT NULL DEFAULT 0,
    CHECK (state IN ('approved', 'cut') OR approved = 0)
);

-- Comments are never changed or deleted: a correction is a new comment.
CREATE TABLE comment (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES project(id),
    author      TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    at          TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX comment_project ON comment(project_id);
CREATE TRIGGER comment_no_update BEFORE UPDATE ON comment
BEGIN SELECT RAISE(ABORT, 'comments are never changed; add a new comment'); END;
CREATE TRIGGER comment_no_delete BEFORE DELETE ON comment
BEGIN SELECT RAISE(ABORT, 'comments are never deleted; add a new comment'); END;

-- The append-only record of who did what.
CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    project_id  INTEGER REFERENCES project(id),
    old_state   TEXT,
    new_state   TEXT,
    detail      TEXT
);
CREATE INDEX event_project ON event(project_id);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
"#,
        PROJECT_DEPARTMENT_INDEX,
    ],
    // 2: the roster. Existing meetings keep their creator as chair.
    &[r#"
CREATE TABLE roster (
    name      TEXT PRIMARY KEY,
    role      TEXT NOT NULL CHECK (role IN ('chair', 'member', 'observer')),
    -- when set, only this OS login may act under the name
    os_user   TEXT,
    added_at  TEXT NOT NULL,
    added_by  TEXT NOT NULL
);
INSERT INTO roster (name, role, added_at, added_by)
    SELECT created_by, 'chair', created_at, created_by FROM meeting;
"#],
    // 3: the tally summary, kept by triggers so the tally after a commit
    // reads a few hundred rows instead of every project.
    &[
        TALLY_TABLES,
        TALLY_FILL_V3,
        TALLY_INSERT_TRIGGER_V3,
        TALLY_UPDATE_TRIGGER_V3,
    ],
    // 4: the budget ceiling (控制数), and what the later stages decide: an
    // adjustment's kind and amount, and the project a merge goes into.
    &[r#"
CREATE TABLE ceiling (
    -- a budget type's code, or '' for the meeting's total
    budget_type  TEXT PRIMARY KEY,
    -- fen
    amount       INTEGER NOT NULL CHECK (amount >= 0)
);
ALTER TABLE decision ADD COLUMN kind TEXT;
ALTER TABLE decision ADD COLUMN amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decision ADD COLUMN merged_into TEXT;
"#],
    // 5: indicators keyed by (project, number) alone. Nothing refers to
    // `indicator.id`, and with it every indicator was written twice: to the
    // rowid table and to the index behind UNIQUE (project_id, seq). Rebuilt
    // as a WITHOUT ROWID table, rows and every other column, default and
    // foreign key as they were; nothing refers to the table, so dropping the
    // old one with foreign keys on is safe. (SQLite keeps the renamed table's
    // text as `CREATE TABLE "indicator"`.)
    &[r#"
CREATE TABLE indicator_v5 (
    project_id  INTEGER NOT NULL REFERENCES project(id),
    -- 1-based number within the project; adjust names indicators by it
    seq         INTEGER NOT NULL,
    level1      TEXT NOT NULL,
    level2      TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    target      TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (project_id, seq)
) WITHOUT ROWID;
INSERT INTO indicator_v5 (project_id, seq, level1, level2, indicator, target, unit)
    SELECT project_id, seq, level1, level2, indicator, target, unit FROM indicator
    ORDER BY project_id, seq;
DROP TABLE indicator;
ALTER TABLE indicator_v5 RENAME TO indicator;
"#],
    // 6: the unit, in fen, the meeting rounds the amounts it derives to (a
    // share's cut), chosen when it is created: 0.01 万元 (10,000 fen) unless
    // said otherwise; a meeting from before keeps the default.
    &[
        "ALTER TABLE meeting ADD COLUMN rounding INTEGER NOT NULL DEFAULT 10000 CHECK (rounding > 0);",
    ],
    // 7: what reviewers weigh (issue 16): last year's figures and whether a
    // project is new or continues; the meeting's reasons for a cut and the
    // reasons each decision carries; each department's ceiling; the
    // sections a reviewer looks after, and whether members may decide only
    // those. A meeting from before gets the default reasons.
    &[
        r#"
-- fen; NULL where the file gave none
ALTER TABLE project ADD COLUMN last_budget INTEGER CHECK (last_budget >= 0);
ALTER TABLE project ADD COLUMN last_spent INTEGER CHECK (last_spent >= 0);
-- hundredths of a percent, as the file gave it
ALTER TABLE project ADD COLUMN last_rate INTEGER CHECK (last_rate >= 0);
ALTER TABLE project ADD COLUMN novelty TEXT CHECK (novelty IN ('new', 'continuing'));
ALTER TABLE meeting ADD COLUMN sections_only INTEGER NOT NULL DEFAULT 0 CHECK (sections_only IN (0, 1));

-- The meeting's reasons, numbered by `seq` in the forms and batches.
CREATE TABLE reason (
    id    INTEGER PRIMARY KEY,
    seq   INTEGER NOT NULL UNIQUE,
    name  TEXT NOT NULL UNIQUE
);
-- The reasons of each project's current decision (a cut or a cancel).
CREATE TABLE decision_reason (
    project_id  INTEGER NOT NULL REFERENCES project(id),
    reason_id   INTEGER NOT NULL REFERENCES reason(id),
    PRIMARY KEY (project_id, reason_id)
) WITHOUT ROWID;
CREATE INDEX decision_reason_reason ON decision_reason(reason_id);

CREATE TABLE department_ceiling (
    department_id  INTEGER PRIMARY KEY REFERENCES department(id),
    -- fen
    amount         INTEGER NOT NULL CHECK (amount >= 0)
);

-- The business sections (业务股室) a reviewer looks after.
CREATE TABLE roster_section (
    name     TEXT NOT NULL,
    section  TEXT NOT NULL,
    PRIMARY KEY (name, section)
) WITHOUT ROWID;
"#,
        DEFAULT_REASONS_FILL,
    ],
    // 8: what the meeting sends back. The revision of adjusted targets
    // (退回修改 → 已修改 → 已确认) on the decision, the departments'
    // revisions kept beside the indicators as submitted (append-only, as
    // comments are), a project's annual goal (年度目标), a comment kept
    // inside the bureau, and a later stage's further outcomes (another
    // kind's money, 改进管理 / 完善制度). The tally's summaries count
    // adjusted projects by where their revision stands: their `adjust`
    // becomes 0 (not adjusted), 1 (sent back), 2 (revised), 3 (confirmed).
    &[
        r#"
ALTER TABLE decision ADD COLUMN revision TEXT NOT NULL DEFAULT 'waiting'
    CHECK (revision IN ('waiting', 'revised', 'confirmed'));
-- the latest revision received, and the one confirmed (revision.id)
ALTER TABLE decision ADD COLUMN revision_got INTEGER;
ALTER TABLE decision ADD COLUMN targets_in INTEGER;
-- a later stage's further money outcomes: `kind=fen` separated by `;`
ALTER TABLE decision ADD COLUMN also TEXT NOT NULL DEFAULT '';
-- a later stage's measures: 1 改进管理, 2 完善制度
ALTER TABLE decision ADD COLUMN measures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE project ADD COLUMN goal TEXT NOT NULL DEFAULT '';
ALTER TABLE comment ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;

CREATE TABLE revision (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES project(id),
    at          TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    file        TEXT NOT NULL
);
CREATE INDEX revision_project ON revision(project_id);
CREATE TABLE revised_indicator (
    revision_id  INTEGER NOT NULL REFERENCES revision(id),
    seq          INTEGER NOT NULL,
    level1       TEXT NOT NULL,
    level2       TEXT NOT NULL,
    indicator    TEXT NOT NULL,
    target       TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (revision_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision
BEGIN SELECT RAISE(ABORT, 'a revision is never changed; import another'); END;
CREATE TRIGGER revision_no_delete BEFORE DELETE ON revision
BEGIN SELECT RAISE(ABORT, 'a revision is never deleted'); END;
CREATE TRIGGER revised_indicator_no_update BEFORE UPDATE ON revised_indicator
BEGIN SELECT RAISE(ABORT, 'a revision is never changed; import another'); END;
CREATE TRIGGER revised_indicator_no_delete BEFORE DELETE ON revised_indicator
BEGIN SELECT RAISE(ABORT, 'a revision is never deleted'); END;

DROP TRIGGER tally_decision_insert;
DROP TRIGGER tally_decision_update;
"#,
        TALLY_FILL,
        TALLY_INSERT_TRIGGER,
        TALLY_UPDATE_TRIGGER,
    ],
];

/// The default reasons (migration 7), in their order.
const DEFAULT_REASONS_FILL: &str = "INSERT INTO reason (seq, name) VALUES
    (1, '测算依据不充分'), (2, '不符合支出标准'), (3, '上年执行率低'),
    (4, '与部门职能关联不紧密'), (5, '可整合或已有渠道保障'), (6, '绩效目标不明确'),
    (7, '前期工作不成熟'), (8, '属于基本支出范围');";

pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Projects by department (migration 1).
const PROJECT_DEPARTMENT_INDEX: &str = "CREATE INDEX project_department ON project(department_id);";

/// The secondary indexes on the tables an import fills. Into an empty
/// meeting, an import drops them before its bulk insert and builds them
/// again after it (`BULK_CREATE_INDEXES`): one sort instead of an index
/// update per row. Indexes that enforce a constraint (`UNIQUE`) stay.
/// Both run inside the import's transaction, so no other session sees the
/// index missing; an index added to these tables later belongs in both lists.
pub const BULK_DROP_INDEXES: &[&str] = &["DROP INDEX project_department;"];

/// Builds again what `BULK_DROP_INDEXES` dropped, with the schema's own text.
pub const BULK_CREATE_INDEXES: &[&str] = &[PROJECT_DEPARTMENT_INDEX];

/// The summary of decisions per department, budget, state and adjustment,
/// and the same per budget alone (at most 32 rows: the tally bar's source).
const TALLY_TABLES: &str = r#"
CREATE TABLE tally_summary (
    department_id  INTEGER NOT NULL,
    budget_type    TEXT NOT NULL,
    state          TEXT NOT NULL,
    adjust         INTEGER NOT NULL,
    projects       INTEGER NOT NULL,
    -- fen, summed
    requested      INTEGER NOT NULL,
    approved       INTEGER NOT NULL,
    PRIMARY KEY (department_id, budget_type, state, adjust)
) WITHOUT ROWID;

CREATE TABLE tally_budget (
    budget_type    TEXT NOT NULL,
    state          TEXT NOT NULL,
    adjust         INTEGER NOT NULL,
    projects       INTEGER NOT NULL,
    requested      INTEGER NOT NULL,
    approved       INTEGER NOT NULL,
    PRIMARY KEY (budget_type, state, adjust)
) WITHOUT ROWID;
"#;

/// Migration 3's summaries (adjust 0 or 1), as it made them.
const TALLY_FILL_V3: &str = r#"
DELETE FROM tally_summary;
INSERT INTO tally_summary
    SELECT p.department_id, p.budget_type, d.state, d.adjust, count(*), sum(p.requested), sum(d.approved)
    FROM project p JOIN decision d ON d.project_id = p.id
    GROUP BY 1, 2, 3, 4;
DELETE FROM tally_budget;
INSERT INTO tally_budget
    SELECT budget_type, state, adjust, sum(projects), sum(requested), sum(approved)
    FROM tally_summary GROUP BY 1, 2, 3;
"#;

const TALLY_INSERT_TRIGGER_V3: &str = r#"
CREATE TRIGGER tally_decision_insert AFTER INSERT ON decision
BEGIN
    INSERT INTO tally_summary
        SELECT p.department_id, p.budget_type, NEW.state, NEW.adjust, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (department_id, budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
    INSERT INTO tally_budget
        SELECT p.budget_type, NEW.state, NEW.adjust, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
END;
"#;

const TALLY_UPDATE_TRIGGER_V3: &str = r#"
CREATE TRIGGER tally_decision_update AFTER UPDATE OF state, approved, adjust ON decision
BEGIN
    UPDATE tally_summary SET
        projects = projects - 1,
        requested = requested - (SELECT requested FROM project WHERE id = OLD.project_id),
        approved = approved - OLD.approved
    WHERE (department_id, budget_type, state, adjust) =
          (SELECT department_id, budget_type, OLD.state, OLD.adjust FROM project WHERE id = OLD.project_id);
    UPDATE tally_budget SET
        projects = projects - 1,
        requested = requested - (SELECT requested FROM project WHERE id = OLD.project_id),
        approved = approved - OLD.approved
    WHERE (budget_type, state, adjust) =
          (SELECT budget_type, OLD.state, OLD.adjust FROM project WHERE id = OLD.project_id);
    INSERT INTO tally_summary
        SELECT p.department_id, p.budget_type, NEW.state, NEW.adjust, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (department_id, budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
    INSERT INTO tally_budget
        SELECT p.budget_type, NEW.state, NEW.adjust, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
    DELETE FROM tally_summary WHERE projects = 0;
    DELETE FROM tally_budget WHERE projects = 0;
END;
"#;

/// Rebuilds both summaries' rows from every project in one pass; an
/// adjusted project counts by where its revision stands (migration 8).
const TALLY_FILL: &str = r#"
DELETE FROM tally_summary;
INSERT INTO tally_summary
    SELECT p.department_id, p.budget_type, d.state, CASE WHEN d.adjust = 0 THEN 0 WHEN d.revision = 'revised' THEN 2 WHEN d.revision = 'confirmed' THEN 3 ELSE 1 END, count(*), sum(p.requested), sum(d.approved)
    FROM project p JOIN decision d ON d.project_id = p.id
    GROUP BY 1, 2, 3, 4;
DELETE FROM tally_budget;
INSERT INTO tally_budget
    SELECT budget_type, state, adjust, sum(projects), sum(requested), sum(approved)
    FROM tally_summary GROUP BY 1, 2, 3;
"#;

pub const TALLY_INSERT_TRIGGER: &str = r#"
CREATE TRIGGER tally_decision_insert AFTER INSERT ON decision
BEGIN
    INSERT INTO tally_summary
        SELECT p.department_id, p.budget_type, NEW.state, CASE WHEN NEW.adjust = 0 THEN 0 WHEN NEW.revision = 'revised' THEN 2 WHEN NEW.revision = 'confirmed' THEN 3 ELSE 1 END, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (department_id, budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
    INSERT INTO tally_budget
        SELECT p.budget_type, NEW.state, CASE WHEN NEW.adjust = 0 THEN 0 WHEN NEW.revision = 'revised' THEN 2 WHEN NEW.revision = 'confirmed' THEN 3 ELSE 1 END, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
END;
"#;

const TALLY_UPDATE_TRIGGER: &str = r#"
CREATE TRIGGER tally_decision_update AFTER UPDATE OF state, approved, adjust, revision ON decision
BEGIN
    UPDATE tally_summary SET
        projects = projects - 1,
        requested = requested - (SELECT requested FROM project WHERE id = OLD.project_id),
        approved = approved - OLD.approved
    WHERE (department_id, budget_type, state, adjust) =
          (SELECT department_id, budget_type, OLD.state, CASE WHEN OLD.adjust = 0 THEN 0 WHEN OLD.revision = 'revised' THEN 2 WHEN OLD.revision = 'confirmed' THEN 3 ELSE 1 END FROM project WHERE id = OLD.project_id);
    UPDATE tally_budget SET
        projects = projects - 1,
        requested = requested - (SELECT requested FROM project WHERE id = OLD.project_id),
        approved = approved - OLD.approved
    WHERE (budget_type, state, adjust) =
          (SELECT budget_type, OLD.state, CASE WHEN OLD.adjust = 0 THEN 0 WHEN OLD.revision = 'revised' THEN 2 WHEN OLD.revision = 'confirmed' THEN 3 ELSE 1 END FROM project WHERE id = OLD.project_id);
    INSERT INTO tally_summary
        SELECT p.department_id, p.budget_type, NEW.state, CASE WHEN NEW.adjust = 0 THEN 0 WHEN NEW.revision = 'revised' THEN 2 WHEN NEW.revision = 'confirmed' THEN 3 ELSE 1 END, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (department_id, budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
    INSERT INTO tally_budget
        SELECT p.budget_type, NEW.state, CASE WHEN NEW.adjust = 0 THEN 0 WHEN NEW.revision = 'revised' THEN 2 WHEN NEW.revision = 'confirmed' THEN 3 ELSE 1 END, 1, p.requested, NEW.approved
        FROM project p WHERE p.id = NEW.project_id
    ON CONFLICT (budget_type, state, adjust) DO UPDATE SET
        projects = projects + 1,
        requested = requested + excluded.requested,
        approved = approved + excluded.approved;
    DELETE FROM tally_summary WHERE projects = 0;
    DELETE FROM tally_budget WHERE projects = 0;
END;
"#;

/// Before a bulk insert of projects, inside its transaction: the per-row
/// trigger goes; after it the import adds the new projects to the
/// summaries, a row per department and budget type (`TALLY_ADD_SUMMARY`,
/// `TALLY_ADD_BUDGET`), and `TALLY_INSERT_TRIGGER` comes back. DDL is transactional in SQLite, so no
/// other session ever sees the trigger missing.
pub const BULK_BEGIN: &str = "DROP TRIGGER tally_decision_insert;";

/// The pending decisions of a bulk insert's projects, ids ?1 to ?2, each
/// left to its defaults. Read from the ids' range of `project`, in id
/// order (28-31 ms of CPU at 100,000 rows; counting the ids out in a
/// recursive CTE took 42-44).
pub const BULK_DECISIONS: &str =
    "INSERT INTO decision (project_id) SELECT id FROM project WHERE id BETWEEN ?1 AND ?2";

/// Adds ?3 new pending projects requesting ?4 fen in all to department
/// ?1's summary row of budget type ?2, as `TALLY_INSERT_TRIGGER` adds one.
pub const TALLY_ADD_SUMMARY: &str =
    "INSERT INTO tally_summary VALUES (?1, ?2, 'pending', 0, ?3, ?4, 0)
    ON CONFLICT (department_id, budget_type, state, adjust) DO UPDATE SET
        projects = projects + excluded.projects,
        requested = requested + excluded.requested";

/// The same for budget type ?1's row of the summary by budget alone.
pub const TALLY_ADD_BUDGET: &str = "INSERT INTO tally_budget VALUES (?1, 'pending', 0, ?2, ?3, 0)
    ON CONFLICT (budget_type, state, adjust) DO UPDATE SET
        projects = projects + excluded.projects,
        requested = requested + excluded.requested";
