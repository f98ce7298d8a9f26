//! Demo meetings: a deterministic generator of realistic submissions and
//! decision batches, and the files it produced as shipped in `data/`.
//!
//! * [`generate_report_meeting`]: the meeting of the 2021 report — 71
//!   departments, 1373 projects, 347740.00万元 requested; the decisions cancel
//!   224 projects, adjust the targets of 343 and cut 117186.00万元 in all.
//! * [`generate_exante`]: the ex-ante evaluation (事前绩效评估) of 5 projects,
//!   7038.70万元 requested, 3607.70 recommended.
//! * [`generate_meeting`]: a synthetic meeting of any size for benchmarks.
//!
//! The files in `data/` are the generator's output, embedded with
//! `include_str!` so the binary works from any folder. A test checks that
//! they equal the generator's output byte for byte. After changing the
//! generator, regenerate them with
//!
//! ```text
//! cargo test --lib demo::tests::regenerate -- --ignored
//! ```
//!
//! All arithmetic on money is exact (fen); the only floats pick random
//! amounts and use correctly rounded operations (`*`, `/`, `sqrt`), so the
//! output is the same on every platform.
//!
//! The rooms: `catalogue` and `departments` hold the city's vocabulary and
//! its 71 departments; `projects`, `indicators` and `decisions` draw a
//! meeting from them with `rng`, and `lastyear` what reviewers weigh
//! beside it (new or continuing, last year's figures, the reasons); `csv_text` writes it; `exante` writes the
//! ex-ante evaluation from its table made by hand; `shipped` holds the
//! files in `data/`.

mod catalogue;
mod csv_text;
mod decisions;
mod departments;
mod exante;
mod goal;
mod indicators;
mod lastyear;
mod projects;
mod rng;
mod shipped;

use crate::domain::money::Money;

use csv_text::drawn_files;
use decisions::{report_decisions, synthetic_decisions};
use departments::departments;
pub use exante::generate_exante;
use indicators::draw_all_indicators;
use lastyear::draw_last_years;
use projects::{draw_projects, settle_amounts};
use rng::Rng;
pub use shipped::{
    DECISIONS_CSV, EXANTE_DECISIONS_CSV, EXANTE_INDICATORS_CSV, EXANTE_PROJECTS_CSV,
    INDICATORS_CSV, MONITORING_DECISIONS_CSV, MONITORING_INDICATORS_CSV, MONITORING_PROJECTS_CSV,
    POSTEVAL_DECISIONS_CSV, POSTEVAL_INDICATORS_CSV, POSTEVAL_PROJECTS_CSV, PROJECTS_CSV,
    exante_files, report_files, stage_files,
};

/// The three files of a meeting: the submission (projects and their
/// performance indicators) and a decision batch. UTF-8 CSV with a header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoFiles {
    /// The meeting's title.
    pub title: &'static str,
    pub projects_csv: String,
    pub indicators_csv: String,
    pub decisions_csv: String,
}

/// Header of a projects file.
pub const PROJECTS_HEADER: [&str; 10] = [
    "项目编码",
    "部门",
    "业务股室",
    "项目名称",
    "预算类型",
    "申报金额（万元）",
    "新增/延续",
    "上年预算（万元）",
    "上年执行数（万元）",
    "年度目标",
];
/// Header of an indicators file.
pub const INDICATORS_HEADER: [&str; 6] = [
    "项目编码",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "计量单位",
];
/// Header of a decisions file.
pub const DECISIONS_HEADER: [&str; 5] = [
    "项目编码",
    "审核结果",
    "金额（万元）",
    "审核意见",
    "审减原因",
];

const YEAR: u32 = 2021;
const FEN_PER_WAN: i64 = 1_000_000;
/// The smallest step of an amount written in 万元 with two decimals.
const CENT_WAN: i64 = FEN_PER_WAN / 100;

/// The report's figures.
const REPORT_PROJECTS: usize = 1373;
const REPORT_REQUESTED_WAN: i64 = 347_740;
const REPORT_CUT_WAN: i64 = 117_186;
const REPORT_CANCELLED: usize = 224;
const REPORT_ADJUSTED: usize = 343;
const REPORT_SEED: u64 = 2021;

/// Title of the 2021 report meeting.
pub const REPORT_TITLE: &str = "2021年部门预算绩效目标会审（演示）";
/// Title of the ex-ante evaluation.
pub const EXANTE_TITLE: &str = "2021年重点项目事前绩效评估（演示）";
/// Title of a synthetic meeting.
pub const SYNTHETIC_TITLE: &str = "合成会审（性能测试）";

/// The demo meeting modelled on the 2021 report (1373 projects, 71
/// departments). Same output every call.
pub fn generate_report_meeting() -> DemoFiles {
    let depts = departments(1);
    let mut rng = Rng::new(REPORT_SEED);
    let mut projects = draw_projects(&depts, REPORT_PROJECTS, &mut rng);
    let target = Money::from_fen(REPORT_REQUESTED_WAN * FEN_PER_WAN);
    settle_amounts(&mut projects, target, true);
    let indicators = draw_all_indicators(&depts, &projects, REPORT_SEED);
    let decisions = report_decisions(&projects, &indicators, &mut rng);
    let last = draw_last_years(&projects, &decisions, REPORT_SEED);
    drawn_files(
        REPORT_TITLE,
        &depts,
        &projects,
        &indicators,
        &decisions,
        &last,
    )
}

/// A synthetic meeting of `projects` projects for benchmarks, with the same
/// vocabulary and 71 departments for every 1373 projects; deterministic per
/// (`projects`, `seed`). Every project gets a decision, in about the report's
/// proportions.
pub fn generate_meeting(projects: usize, seed: u64) -> DemoFiles {
    let replicas = projects.div_ceil(REPORT_PROJECTS).max(1);
    let depts = departments(replicas);
    let mut rng = Rng::new(seed ^ 0x6875_6973_6865_6e00);
    let mut list = draw_projects(&depts, projects, &mut rng);
    // About the report's average request, without an exact total.
    let target = Money::from_fen(
        (REPORT_REQUESTED_WAN * FEN_PER_WAN / REPORT_PROJECTS as i64) * projects as i64,
    );
    settle_amounts(&mut list, target, false);
    let indicators = draw_all_indicators(&depts, &list, seed);
    let decisions = synthetic_decisions(&list, &indicators, &mut rng);
    let last = draw_last_years(&list, &decisions, seed);
    drawn_files(
        SYNTHETIC_TITLE,
        &depts,
        &list,
        &indicators,
        &decisions,
        &last,
    )
}

#[cfg(test)]
mod tests;
