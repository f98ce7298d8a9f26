//! What the store's reads give back (a project's row, its detail, an event)
//! and the column readers that build them from SQL rows.

use serde::{Deserialize, Serialize};

use crate::domain::stage::{Kind, Measures};
use crate::domain::{
    Adjust, Adjustment, BudgetType, CutReason, Decision, LastYear, Money, Novelty, Percent,
    Revision, Rounding, State, TallyRow,
};

use super::Role;
use std::collections::HashSet;
use std::sync::Arc;

/// A decision as stored, with who made it and the version it is at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDecision {
    pub decision: Decision,
    pub version: i64,
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
}

/// A decision as the event log records it (JSON in `old_state`/`new_state`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub state: String,
    /// 万元, exact.
    pub approved: String,
    /// The same in fen, so a decision can be restored exactly.
    pub approved_fen: i64,
    pub adjust: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjust_indicators: Vec<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub adjust_reason: String,
    /// A later stage's kind (`increase`, `merge`, …); absent before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The later stage's amount in fen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Where the revision of adjusted targets stands (`waiting`,
    /// `revised`, `confirmed`); absent before there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// The latest revision received and the one in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_received: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_in_force: Option<i64>,
    /// A later stage's further money outcomes, `kind=fen;…`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub also: String,
    /// A later stage's measures: 1 改进管理, 2 完善制度.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub measures: i64,
    /// The reasons for a cut or a cancellation, by name as they were then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// The same by id, so undo restores them whatever they are called now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reason_ids: Vec<i64>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

impl Snapshot {
    /// The decision this snapshot records.
    pub fn decision(&self) -> Option<Decision> {
        Some(Decision {
            state: State::from_code(&self.state)?,
            approved: Money::from_fen(self.approved_fen),
            adjust: self.adjust.then(|| {
                Box::new(Adjust {
                    indicators: self.adjust_indicators.clone(),
                    reason: self.adjust_reason.clone(),
                    revision: self
                        .revision
                        .as_deref()
                        .and_then(Revision::from_code)
                        .unwrap_or_default(),
                    received: self.revision_received,
                    in_force: self.revision_in_force,
                })
            }),
            stage: match &self.kind {
                Some(k) => Some(Box::new(Adjustment {
                    kind: Kind::from_code(k)?,
                    amount: Money::from_fen(self.amount_fen.unwrap_or(0)),
                    merged_into: self.merged_into.clone(),
                    also: parse_also(&self.also),
                    measures: Measures::from_bits(self.measures),
                })),
                None => None,
            },
        })
    }

    pub fn of(d: &Decision) -> Snapshot {
        Snapshot {
            state: d.state.code().to_string(),
            approved: d.approved.wan_string(),
            approved_fen: d.approved.fen(),
            adjust: d.adjust.is_some(),
            adjust_indicators: d
                .adjust
                .as_ref()
                .map(|a| a.indicators.clone())
                .unwrap_or_default(),
            adjust_reason: d
                .adjust
                .as_ref()
                .map(|a| a.reason.clone())
                .unwrap_or_default(),
            kind: d.stage.as_ref().map(|a| a.kind.code().to_string()),
            amount_fen: d.stage.as_ref().map(|a| a.amount.fen()),
            merged_into: d.stage.as_ref().and_then(|a| a.merged_into.clone()),
            revision: d.adjust.as_ref().map(|a| a.revision.code().to_string()),
            revision_received: d.adjust.as_ref().and_then(|a| a.received),
            revision_in_force: d.adjust.as_ref().and_then(|a| a.in_force),
            also: d
                .stage
                .as_ref()
                .map(|a| also_text(&a.also))
                .unwrap_or_default(),
            measures: d.stage.as_ref().map_or(0, |a| a.measures.bits()),
            reasons: Vec::new(),
            reason_ids: Vec::new(),
        }
    }

    /// The snapshot with the decision's reasons.
    pub fn with_reasons(mut self, reasons: &[CutReason]) -> Snapshot {
        self.reasons = reasons.iter().map(|r| r.name.clone()).collect();
        self.reason_ids = reasons.iter().map(|r| r.id).collect();
        self
    }
}

/// A later stage's further outcomes as stored: `recover=205000;…`.
pub(super) fn also_text(also: &[(Kind, Money)]) -> String {
    also.iter()
        .map(|(k, m)| format!("{}={}", k.code(), m.fen()))
        .collect::<Vec<_>>()
        .join(";")
}

fn parse_also(s: &str) -> Vec<(Kind, Money)> {
    s.split(';')
        .filter_map(|part| {
            let (k, fen) = part.split_once('=')?;
            Some((Kind::from_code(k)?, Money::from_fen(fen.parse().ok()?)))
        })
        .collect()
}

/// A text many rows share, kept once (a department, a section, a name):
/// one pointer in each row, read as a `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedText(Arc<Box<str>>);

impl std::ops::Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl SharedText {
    /// Whether `a` and `b` are the same shared text, not just equal.
    pub fn same(a: &SharedText, b: &SharedText) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self.0, f)
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&**self.0, f)
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> SharedText {
        SharedText(Arc::new(s.into()))
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> SharedText {
        SharedText(Arc::new(s.into_boxed_str()))
    }
}

/// A row of the project list. A meeting of 1,000,000 projects keeps every
/// row in memory: the texts many rows have in common (a department, a
/// section, a name that many departments use) are each kept once and
/// shared (`project_rows` reads each once), the rarely used parts boxed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: i64,
    /// Kept inline (up to 24 bytes: every code a submission gives).
    pub code: compact_str::CompactString,
    pub department: SharedText,
    pub name: SharedText,
    pub budget_type: BudgetType,
    pub section: Option<SharedText>,
    pub requested: Money,
    pub decision: Decision,
    pub version: i64,
    /// How many review comments the project has.
    pub comments: u32,
    /// Last year's figures, when the submission gave any (boxed: most
    /// meetings' rows have none).
    pub last: Option<Box<LastYear>>,
    /// New or continuing, when the submission said (or its last year's
    /// budget did).
    pub novelty: Option<Novelty>,
}

impl ProjectRow {
    /// Where project `id` is in `rows`, which are in id order (submission
    /// order), as `Store::project_rows` gives them: a binary search, so a
    /// meeting of 1,000,000 rows needs no index beside them.
    pub fn position(rows: &[ProjectRow], id: i64) -> Option<usize> {
        rows.binary_search_by_key(&id, |r| r.id).ok()
    }

    /// Takes the texts `old` shares with other rows where they are the
    /// same, so a row read again (after a decision) does not keep copies
    /// of its department's, section's and name's text.
    pub fn share_with(&mut self, old: &ProjectRow) {
        fn take(new: &mut SharedText, old: &SharedText) {
            if **new == **old {
                *new = old.clone();
            }
        }
        take(&mut self.department, &old.department);
        take(&mut self.name, &old.name);
        if let (Some(new), Some(old)) = (&mut self.section, &old.section) {
            take(new, old);
        }
    }

    /// The project as one row of a tally.
    pub fn tally_row(&self) -> TallyRow<'_> {
        TallyRow {
            projects: 1,
            department: &self.department,
            budget_type: self.budget_type,
            requested: self.requested,
            state: self.decision.state,
            approved: self.decision.approved,
            adjust: self.decision.adjust.as_ref().map(|a| a.revision),
        }
    }

    /// 上年执行率: as given, else last year's spent ÷ budget.
    pub fn last_rate(&self) -> Option<Percent> {
        self.last.as_ref().and_then(|l| l.rate())
    }

    /// 增幅: the request against last year's budget.
    pub fn growth(&self) -> Option<Percent> {
        self.last.as_ref().and_then(|l| l.growth(self.requested))
    }
}

/// One performance indicator of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub seq: u32,
    pub level1: String,
    pub level2: String,
    pub indicator: String,
    pub target: String,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentRow {
    pub author: String,
    pub os_user: String,
    /// When, as stored (UTC); `crate::time` words it in local time.
    pub at: String,
    /// Kept inside the bureau (内部意见): never in what goes to the
    /// department or out of the bureau.
    pub internal: bool,
    pub body: String,
}

/// What other sessions' commits changed, from the event log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// The projects touched.
    pub projects: Vec<i64>,
    /// Something not of one project: a ceiling, a reason, the roster, the
    /// meeting's settings.
    pub meeting: bool,
}

/// One entry of the event log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub at: String,
    pub reviewer: String,
    pub os_user: String,
    pub kind: String,
    pub project: Option<String>,
    pub old: Option<Snapshot>,
    pub new: Option<Snapshot>,
    /// What a comment or roster event said. Filled by
    /// [`Store::events`](super::Store::events) (the meeting history); the
    /// other event queries leave it `None`.
    #[serde(skip)]
    pub note: Option<EventNote>,
}

/// What a comment or roster event said beyond its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventNote {
    /// The comment's text, as written.
    Comment(String),
    /// A comment kept inside the bureau, as written.
    InternalComment(String),
    /// A roster entry added, changed (`roster_add` with `was` set) or
    /// removed (`roster_remove`): `role` is the role given (`None` for a
    /// removal or an unknown code), `was` the role held just before (`None`
    /// if the name was not on the roster), `os_user` the login given.
    Roster {
        name: String,
        role: Option<Role>,
        was: Option<Role>,
        os_user: Option<String>,
    },
    /// A roster entry changed by `roster set`: each property that changed,
    /// from → to (a role this version does not know leaves its part out).
    RosterSet {
        name: String,
        role: Option<(Role, Role)>,
        os_user: Option<(Option<String>, Option<String>)>,
    },
    /// A budget ceiling (控制数) set, or cleared (`amount` `None`): of one
    /// budget, or of the total (`budget` `None`).
    Ceiling {
        budget: Option<BudgetType>,
        amount: Option<Money>,
    },
    /// A change to the meeting's reasons, a department's ceiling, a
    /// reviewer's sections or the sections-only rule.
    Weigh(super::WeighNote),
    /// A decision made outside the sections the reviewer looks after: the
    /// project's section (`None`: it names none).
    Outside(Option<String>),
}

impl EventNote {
    /// What an event's `detail` says beyond its kind, if anything the log
    /// words: a ceiling, a change of the meeting's lists, a decision outside
    /// the reviewer's sections.
    pub(super) fn of_detail(kind: &str, detail: &str) -> Option<EventNote> {
        if kind == "ceiling" {
            return EventNote::ceiling(detail);
        }
        if let Some(n) = super::WeighNote::of(kind, detail) {
            return Some(EventNote::Weigh(n));
        }
        // Only parsed when it can be there: a batch's detail is its file.
        if !detail.contains("outside_section") {
            return None;
        }
        let d: serde_json::Value = serde_json::from_str(detail).ok()?;
        let s = d.get("outside_section")?;
        Some(EventNote::Outside(s.as_str().map(String::from)))
    }

    /// A ceiling event's note from its `detail`
    /// (`{"budget_type": "general" | "", "amount": "180000.00" | null}`);
    /// `None` for a detail that does not read as one.
    pub(super) fn ceiling(detail: &str) -> Option<EventNote> {
        let d: serde_json::Value = serde_json::from_str(detail).ok()?;
        let budget = match d.get("budget_type")?.as_str()? {
            "" => None,
            code => Some(BudgetType::ALL.into_iter().find(|b| b.code() == code)?),
        };
        let amount = match d.get("amount")? {
            serde_json::Value::Null => None,
            a => Some(a.as_str()?.parse().ok()?),
        };
        Some(EventNote::Ceiling { budget, amount })
    }
}

pub(super) fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    let snap = |i: usize| -> rusqlite::Result<Option<Snapshot>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| serde_json::from_str(&s).ok()))
    };
    Ok(EventRow {
        id: r.get(0)?,
        at: r.get(1)?,
        reviewer: r.get(2)?,
        os_user: r.get(3)?,
        kind: r.get(4)?,
        project: r.get(5)?,
        old: snap(6)?,
        new: snap(7)?,
        note: None,
    })
}

/// What the detail pane shows beyond the list row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectDetail {
    /// The indicators in force: a confirmed revision's, else as submitted.
    pub indicators: Vec<Indicator>,
    /// The department's revision, while it waits for a reviewer (已修改).
    pub revised: Option<Vec<Indicator>>,
    /// Newest first.
    pub comments: Vec<CommentRow>,
    /// Newest first.
    pub history: Vec<EventRow>,
    /// The reasons the current decision carries, in the list's order.
    pub reasons: Vec<CutReason>,
}

/// The columns of a project row, as [`project_row`] reads them.
pub(super) const PROJECT_ROW_COLUMNS: &str =
    "p.id, p.code, dep.name, p.name, p.budget_type, p.section, p.requested,
            d.state, d.approved, d.adjust, d.adjust_indicators, d.adjust_reason, d.version,
            (SELECT count(*) FROM comment c WHERE c.project_id = p.id),
            d.kind, d.amount, d.merged_into, d.revision, d.revision_got, d.targets_in,
            d.also, d.measures,
            p.last_budget, p.last_spent, p.last_rate, p.novelty";

/// How many columns [`PROJECT_ROW_COLUMNS`] has.
pub(super) const PROJECT_ROW_LEN: usize = 26;

/// Where a project row comes from.
pub(super) const PROJECT_ROW_FROM: &str = "FROM project p
     JOIN department dep ON dep.id = p.department_id
     JOIN decision d ON d.project_id = p.id";

/// `SELECT` [`PROJECT_ROW_COLUMNS`] [`PROJECT_ROW_FROM`], spelled out.
pub(super) const PROJECT_ROW_SELECT: &str =
    "SELECT p.id, p.code, dep.name, p.name, p.budget_type, p.section, p.requested,
            d.state, d.approved, d.adjust, d.adjust_indicators, d.adjust_reason, d.version,
            (SELECT count(*) FROM comment c WHERE c.project_id = p.id),
            d.kind, d.amount, d.merged_into, d.revision, d.revision_got, d.targets_in,
            d.also, d.measures,
            p.last_budget, p.last_spent, p.last_rate, p.novelty
     FROM project p
     JOIN department dep ON dep.id = p.department_id
     JOIN decision d ON d.project_id = p.id";

pub(super) fn project_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProjectRow> {
    project_row_in(r, &mut Shared::default())
}

/// The texts read so far that rows share (departments, sections, names),
/// each kept once.
#[derive(Default)]
pub(super) struct Shared(HashSet<SharedText>);

impl Shared {
    fn get(&mut self, text: &str) -> SharedText {
        if let Some(t) = self.0.get(text) {
            return t.clone();
        }
        let t = SharedText::from(text);
        self.0.insert(t.clone());
        t
    }

    fn get_at(&mut self, r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<SharedText> {
        Ok(self.get(text_at(r, i)?))
    }
}

/// A project row, its department's, section's and name's text shared with
/// the rows before it.
pub(super) fn project_row_in(
    r: &rusqlite::Row<'_>,
    shared: &mut Shared,
) -> rusqlite::Result<ProjectRow> {
    Ok(ProjectRow {
        id: r.get(0)?,
        code: text_at(r, 1)?.into(),
        department: shared.get_at(r, 2)?,
        name: shared.get_at(r, 3)?,
        budget_type: budget_at(r, 4)?,
        section: match r.get_ref(5)?.as_str_or_null() {
            Ok(Some(s)) => Some(shared.get(s)),
            Ok(None) => None,
            Err(e) => {
                return Err(rusqlite::Error::FromSqlConversionFailure(
                    5,
                    rusqlite::types::Type::Text,
                    e.into(),
                ));
            }
        },
        requested: Money::from_fen(r.get(6)?),
        decision: decision_at(r, 7, 14)?,
        version: r.get(12)?,
        comments: r.get(13)?,
        last: last_year_at(r, 22)?.map(Box::new),
        novelty: r
            .get_ref(25)?
            .as_str_or_null()
            .ok()
            .flatten()
            .and_then(Novelty::from_code),
    })
}

/// Last year's figures from the columns last_budget, last_spent, last_rate
/// starting at `i`; `None` when all three are NULL.
pub(super) fn last_year_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<LastYear>> {
    let budget: Option<i64> = r.get(i)?;
    let spent: Option<i64> = r.get(i + 1)?;
    let rate: Option<i64> = r.get(i + 2)?;
    let y = LastYear {
        budget: budget.map(Money::from_fen),
        spent: spent.map(Money::from_fen),
        rate: rate.map(Percent::from_hundredths),
    };
    Ok((!y.is_empty()).then_some(y))
}

/// The meeting record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub title: String,
    pub stage: String,
    pub locked: bool,
    pub created_at: String,
    pub created_by: String,
    /// The unit the meeting rounds what it derives to.
    pub rounding: Rounding,
}

pub(super) fn indicators_text(v: &[u32]) -> String {
    v.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

fn parse_indicators(s: &str) -> Vec<u32> {
    s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

/// A text column read in place, without allocating.
fn text_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

fn bad_code(i: usize, what: &str, s: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        format!("unknown {what} {s:?}").into(),
    )
}

pub(super) fn budget_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<BudgetType> {
    let s = text_at(r, i)?;
    BudgetType::ALL
        .into_iter()
        .find(|b| b.code() == s)
        .ok_or_else(|| bad_code(i, "budget type", s))
}

pub(super) fn state_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<State> {
    let s = text_at(r, i)?;
    State::from_code(s).ok_or_else(|| bad_code(i, "state", s))
}

/// The decision's columns [`decision_at`] reads from `j` on, after state,
/// approved, adjust, adjust_indicators, adjust_reason: a later stage's and
/// the revision's.
pub(super) const DECISION_MORE: &str =
    "d.kind, d.amount, d.merged_into, d.revision, d.revision_got, d.targets_in, d.also, d.measures";

/// How many columns [`DECISION_MORE`] has.
pub(super) const DECISION_MORE_LEN: usize = 8;

/// Builds a `Decision` from the columns state, approved, adjust,
/// adjust_indicators, adjust_reason starting at `i`, and those of
/// [`DECISION_MORE`] (kind, amount, merged_into, revision, revision_got,
/// targets_in, also, measures) starting at `j`.
pub(super) fn decision_at(r: &rusqlite::Row<'_>, i: usize, j: usize) -> rusqlite::Result<Decision> {
    let state = state_at(r, i)?;
    let adjust: bool = r.get(i + 2)?;
    let stage = match r.get::<_, Option<String>>(j)? {
        Some(k) => Some(Box::new(Adjustment {
            kind: Kind::from_code(&k).ok_or_else(|| bad_code(j, "decision kind", &k))?,
            amount: Money::from_fen(r.get(j + 1)?),
            merged_into: r.get(j + 2)?,
            also: parse_also(text_at(r, j + 6)?),
            measures: Measures::from_bits(r.get(j + 7)?),
        })),
        None => None,
    };
    Ok(Decision {
        stage,
        state,
        approved: Money::from_fen(r.get(i + 1)?),
        adjust: adjust.then(|| {
            Box::new(Adjust {
                indicators: parse_indicators(&r.get::<_, String>(i + 3).unwrap_or_default()),
                reason: r.get(i + 4).unwrap_or_default(),
                revision: Revision::from_code(text_at(r, j + 3).unwrap_or("")).unwrap_or_default(),
                received: r.get(j + 4).unwrap_or_default(),
                in_force: r.get(j + 5).unwrap_or_default(),
            })
        }),
    })
}

/// Where an adjusted project's revision stands, from the level the tally
/// summary and the breakdowns group by: 0 not adjusted, 1 sent back,
/// 2 revised, 3 confirmed (see [`REVISION_LEVEL`]).
pub(super) fn revision_level(level: i64) -> Option<Revision> {
    match level {
        0 => None,
        2 => Some(Revision::Revised),
        3 => Some(Revision::Confirmed),
        _ => Some(Revision::Waiting),
    }
}

/// The level [`revision_level`] reads, of a decision `d`.
pub(super) const REVISION_LEVEL: &str = "CASE WHEN d.adjust = 0 THEN 0 WHEN d.revision = 'revised' THEN 2 \
     WHEN d.revision = 'confirmed' THEN 3 ELSE 1 END";
