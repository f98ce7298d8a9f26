//! The demo meetings as shipped in `data/`, embedded with `include_str!` so
//! the binary works from any folder: the report meeting and the ex-ante
//! evaluation are the generator's output; the later stages' are hand-written.

use super::{DemoFiles, EXANTE_TITLE, REPORT_TITLE};

/// `data/demo-projects.csv`: the projects of the 2021 report meeting.
pub const PROJECTS_CSV: &str = include_str!("../../data/demo-projects.csv");
/// `data/demo-indicators.csv`: their performance indicators.
pub const INDICATORS_CSV: &str = include_str!("../../data/demo-indicators.csv");
/// `data/demo-decisions.csv`: the panel's decisions.
pub const DECISIONS_CSV: &str = include_str!("../../data/demo-decisions.csv");
/// `data/exante-projects.csv`: the 5 projects of the ex-ante evaluation.
pub const EXANTE_PROJECTS_CSV: &str = include_str!("../../data/exante-projects.csv");
/// `data/exante-indicators.csv`: their performance indicators.
pub const EXANTE_INDICATORS_CSV: &str = include_str!("../../data/exante-indicators.csv");
/// `data/exante-decisions.csv`: the evaluation's recommendations.
pub const EXANTE_DECISIONS_CSV: &str = include_str!("../../data/exante-decisions.csv");

/// `data/monitoring-*.csv`: mid-year monitoring (事中绩效监控), 11 projects.
pub const MONITORING_PROJECTS_CSV: &str = include_str!("../../data/monitoring-projects.csv");
pub const MONITORING_INDICATORS_CSV: &str = include_str!("../../data/monitoring-indicators.csv");
pub const MONITORING_DECISIONS_CSV: &str = include_str!("../../data/monitoring-decisions.csv");
/// `data/posteval-*.csv`: post-evaluation (事后绩效评价), 38 projects.
pub const POSTEVAL_PROJECTS_CSV: &str = include_str!("../../data/posteval-projects.csv");
pub const POSTEVAL_INDICATORS_CSV: &str = include_str!("../../data/posteval-indicators.csv");
pub const POSTEVAL_DECISIONS_CSV: &str = include_str!("../../data/posteval-decisions.csv");

/// The 2021 report meeting as shipped in `data/` (no generation).
pub fn report_files() -> DemoFiles {
    shipped(REPORT_TITLE, PROJECTS_CSV, INDICATORS_CSV, DECISIONS_CSV)
}

/// The demo meeting of a stage, as shipped in `data/` (hand-written for the
/// later stages, reproducing the report's figures).
pub fn stage_files(stage: crate::domain::Stage) -> DemoFiles {
    use crate::domain::Stage;
    match stage {
        Stage::TargetReview => report_files(),
        Stage::ExAnte => exante_files(),
        Stage::Monitoring => shipped(
            "2021年财政重点绩效监控（演示）",
            MONITORING_PROJECTS_CSV,
            MONITORING_INDICATORS_CSV,
            MONITORING_DECISIONS_CSV,
        ),
        Stage::PostEvaluation => shipped(
            "2021年财政重点绩效评价结果应用（演示）",
            POSTEVAL_PROJECTS_CSV,
            POSTEVAL_INDICATORS_CSV,
            POSTEVAL_DECISIONS_CSV,
        ),
    }
}

/// The ex-ante evaluation as shipped in `data/` (no generation).
pub fn exante_files() -> DemoFiles {
    shipped(
        EXANTE_TITLE,
        EXANTE_PROJECTS_CSV,
        EXANTE_INDICATORS_CSV,
        EXANTE_DECISIONS_CSV,
    )
}

/// A meeting of embedded files.
fn shipped(title: &'static str, projects: &str, indicators: &str, decisions: &str) -> DemoFiles {
    DemoFiles {
        title,
        projects_csv: projects.to_string(),
        indicators_csv: indicators.to_string(),
        decisions_csv: decisions.to_string(),
    }
}
