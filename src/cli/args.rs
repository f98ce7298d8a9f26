//! The command line's arguments (clap): the subcommands and their options.

use std::fmt;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::domain::{Rounding, RoundingError, Stage};
use crate::export;
use crate::i18n::Lang;
use crate::words::Say;

#[derive(Parser)]
#[command(
    name = "huishen",
    version,
    about = "会审 — budget review meetings in the terminal"
)]
pub struct Cli {
    /// Language of messages and labels (default: from the locale).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Cmd,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Create a fresh demo meeting (the 2021 report's 1373 projects) and show it.
    Demo {
        #[command(flatten)]
        demo: DemoArgs,
        #[command(flatten)]
        screen: ScreenArgs,
    },
    /// Open a meeting on the review screen.
    Open {
        db: PathBuf,
        #[command(flatten)]
        screen: ScreenArgs,
        /// Open the database read-only (at the SQLite level).
        #[arg(long)]
        read_only: bool,
    },
    /// The board for a projector or a second screen: the meeting's figures,
    /// charts and last decisions, following it live. Read-only; needs no
    /// place on the roster.
    Board {
        db: PathBuf,
        /// Key bindings file (default: $XDG_CONFIG_HOME/huishen/keymap.toml).
        #[arg(long, value_name = "FILE")]
        keymap: Option<PathBuf>,
        /// Draw with ASCII-safe glyphs, as `huishen open --ambiguous-wide`.
        #[arg(long)]
        ambiguous_wide: bool,
    },
    /// Which deployment mode a meeting is in (private, shared group,
    /// hardened) and what is exposed: owners, groups and modes of the file,
    /// its -wal and -shm and its folder, and whether you could edit it directly.
    Doctor {
        #[arg(long)]
        db: PathBuf,
        /// As root (or the owner of the file, its -wal and -shm): create a
        /// missing -wal or -shm, and give both the file's owner, group and mode.
        #[arg(long)]
        fix: bool,
    },
    /// The meeting's roster: who may decide (member), who chairs, who only reads (observer).
    Roster {
        #[command(subcommand)]
        action: RosterCmd,
    },
    /// Lock the meeting: read-only for everyone until the chair unlocks it.
    Lock {
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// Unlock the meeting.
    Unlock {
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// The budget ceiling (控制数): set it in 万元, or show how much must still be cut.
    Ceiling {
        #[arg(long)]
        db: PathBuf,
        /// The meeting's total ceiling in 万元 (`none` clears it).
        #[arg(long)]
        total: Option<String>,
        /// A budget's ceiling: TYPE=AMOUNT, e.g. general=180000 or 政府性基金预算=40000.
        #[arg(long = "budget", value_name = "TYPE=AMOUNT")]
        budgets: Vec<String>,
        /// Each department's ceiling from a table (CSV or workbook) of 部门 and
        /// 控制数（万元）: all or nothing; a cell `none` clears one.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["total", "budgets"])]
        departments: Option<PathBuf>,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// The meeting's reasons for a cut or a cancellation (审减原因): the
    /// forms and batches pick them by number or name.
    Reasons {
        #[command(subcommand)]
        action: ReasonsCmd,
    },
    /// The business sections (业务股室): each one's progress and who looks
    /// after it; the chair names a reviewer's sections and may let members
    /// decide only theirs.
    Sections {
        #[arg(long)]
        db: PathBuf,
        /// The reviewer whose sections `--set` names.
        #[arg(long, requires = "set")]
        reviewer: Option<String>,
        /// The sections they look after, comma-separated (`none` clears).
        #[arg(long, requires = "reviewer", value_name = "A,B")]
        set: Option<String>,
        /// Members may decide only their sections' projects (on), or any (off).
        #[arg(long, value_name = "on|off", value_parser = parse_on_off)]
        sections_only: Option<bool>,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// The event log: who did what, when, from which login.
    Log {
        #[arg(long)]
        db: PathBuf,
        /// Only this reviewer's events.
        #[arg(long)]
        reviewer: Option<String>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Write the meeting's results: an Excel workbook, a CSV, or the written summary.
    Export {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_enum, default_value = "xlsx")]
        format: export::Format,
        /// Where to write (default: next to the database).
        #[arg(long)]
        out: Option<PathBuf>,
        /// CSV only: GBK for older tools (default UTF-8 with BOM).
        #[arg(long, value_enum, default_value = "utf8")]
        encoding: export::Encoding,
        /// The performance targets table (项目支出绩效目标表) of the projects
        /// kept, for the People's Congress and publication.
        #[arg(long, conflicts_with = "minutes")]
        targets: bool,
        /// One document per department into the folder --out: the review
        /// opinion (审核意见书), or with --targets each department's targets.
        #[arg(long, conflicts_with = "minutes")]
        per_department: bool,
        /// The minutes (会议纪要): who attended, when, the figures, the
        /// decisions by department, the signatures.
        #[arg(long)]
        minutes: bool,
        /// The minutes' attendees as the chair sets them (default: the
        /// roster members who made or viewed anything), e.g. 张三,李四.
        #[arg(
            long,
            value_name = "NAMES",
            value_delimiter = ',',
            requires = "minutes"
        )]
        attendees: Vec<String>,
    },
    /// Check or print key bindings.
    Keymap {
        /// Validate a keymap file: every problem with file, line and entry.
        #[arg(long, value_name = "FILE", conflicts_with = "print")]
        check: Option<PathBuf>,
        /// Print the keymap in force (the default merged with yours).
        #[arg(long)]
        print: bool,
        /// Your keymap file (default: $XDG_CONFIG_HOME/huishen/keymap.toml).
        #[arg(long, value_name = "FILE")]
        keymap: Option<PathBuf>,
    },
    /// Create an empty meeting database.
    New {
        db: PathBuf,
        #[arg(long, default_value = "")]
        title: String,
        /// The stage: target_review (default), ex_ante, monitoring,
        /// post_evaluation (or 绩效目标会审, 事前绩效评估, 事中绩效监控, 事后绩效评价).
        #[arg(long, value_parser = parse_stage, default_value = "target_review")]
        stage: Stage,
        /// Reviewer name (default: the OS login); becomes the chair.
        #[arg(long = "as")]
        as_name: Option<String>,
        /// The unit amounts the program works out (a -15% cut) are rounded
        /// to, half-up: 0.01 (万元, i.e. 100 元; the default), 1元, or 1万元.
        /// Typed and imported amounts keep their exact value.
        #[arg(long, value_name = "UNIT", value_parser = parse_round, default_value = "0.01")]
        round: Rounding,
    },
    /// Import submitted projects (CSV or XLSX) into a meeting; creates it if needed.
    Import {
        file: PathBuf,
        /// Indicators file (not needed for an XLSX with sheets 项目 and 绩效指标).
        #[arg(long)]
        indicators: Option<PathBuf>,
        #[arg(long)]
        db: PathBuf,
        /// Reviewer name (default: the name bound to your login, else the login).
        #[arg(long = "as")]
        as_name: Option<String>,
        /// When it creates the meeting: the rounding unit, as for `new`
        /// (0.01 万元 by default). A meeting's unit is set when it is made.
        #[arg(long, value_name = "UNIT", value_parser = parse_round)]
        round: Option<Rounding>,
        /// FILE is the departments' revised indicators (the indicators
        /// format) for projects whose targets were sent back (退回修改):
        /// each project's rows are its whole target table as revised.
        #[arg(long, conflicts_with_all = ["indicators", "round"])]
        revised: bool,
    },
    /// Apply a batch of decisions (CSV or XLSX), all or nothing.
    Apply {
        file: PathBuf,
        #[arg(long)]
        db: PathBuf,
        /// Reviewer name (default: the name bound to your login, else the login).
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// Print the tally: totals, by budget type and by department.
    Tally {
        #[arg(long)]
        db: PathBuf,
        /// JSON with exact decimal strings in 万元.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum RosterCmd {
    /// Add a reviewer who is not on the roster yet (a change is `roster set`).
    Add {
        name: String,
        /// chair, member or observer.
        #[arg(long, default_value = "member")]
        role: String,
        /// Only this OS login may act under the name.
        #[arg(long)]
        os_user: Option<String>,
        #[arg(long)]
        db: PathBuf,
        /// Who does this (must be the chair; default: the name bound to your login).
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// Change a reviewer's role or login, keeping what is not given.
    #[command(group(
        clap::ArgGroup::new("change")
            .required(true)
            .multiple(true)
            .args(["role", "os_user", "unbind"])
    ))]
    Set {
        name: String,
        /// chair, member or observer.
        #[arg(long)]
        role: Option<String>,
        /// The business sections (业务股室) they look after, comma-separated
        /// (`none` clears): their screen opens on them.
        #[arg(long, value_name = "A,B")]
        sections: Option<String>,
        /// Only this OS login may act under the name.
        #[arg(long, conflicts_with = "unbind")]
        os_user: Option<String>,
        /// Any login may act under the name.
        #[arg(long)]
        unbind: bool,
        #[arg(long)]
        db: PathBuf,
        /// Who does this (must be the chair; default: the name bound to your login).
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// List the roster.
    List {
        #[arg(long)]
        db: PathBuf,
    },
    /// Remove a reviewer.
    Remove {
        name: String,
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ReasonsCmd {
    /// The reasons, numbered, with how many decisions give each.
    List {
        #[arg(long)]
        db: PathBuf,
    },
    /// Add a reason at the end of the list (chair).
    Add {
        name: String,
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// Rename a reason, given by number or name (chair).
    Rename {
        reason: String,
        name: String,
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// Remove a reason no decision gives, by number or name (chair).
    Remove {
        reason: String,
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "as")]
        as_name: Option<String>,
    },
}

/// `on` or `off` (also 开, 关, true, false, yes, no).
fn parse_on_off(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "on" | "true" | "yes" | "1" | "开" | "开启" | "是" => Ok(true),
        "off" | "false" | "no" | "0" | "关" | "关闭" | "否" => Ok(false),
        _ => Err(match Lang::of_run() {
            Lang::Zh => format!("{text:?}：请写 on 或 off"),
            Lang::En => format!("{text:?}: write on or off"),
        }),
    }
}

/// What `huishen demo` creates.
#[derive(clap::Args)]
pub struct DemoArgs {
    /// Where to create it (default: a new file in the temp folder).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Also apply the panel's decisions from the report (224 cancelled, 117186万元 cut).
    #[arg(long)]
    pub decided: bool,
    /// The ex-ante evaluation demo (5 projects) instead: `--stage ex_ante`.
    #[arg(long, conflicts_with_all = ["projects", "stage"])]
    pub exante: bool,
    /// The demo of a stage: target_review (default), ex_ante, monitoring,
    /// post_evaluation (or 绩效目标会审, 事前绩效评估, 事中绩效监控, 事后绩效评价).
    #[arg(long, conflicts_with = "projects", value_parser = parse_stage)]
    pub stage: Option<Stage>,
    /// A synthetic meeting of N projects instead (for trying the speed).
    #[arg(long, value_name = "N")]
    pub projects: Option<usize>,
    /// Create it and print the tally, without opening the screen.
    #[arg(long)]
    pub no_open: bool,
    /// The rounding unit of derived amounts, as for `new`: 0.01 (万元, the
    /// default), 1元 or 1万元.
    #[arg(long, value_name = "UNIT", value_parser = parse_round, default_value = "0.01")]
    pub round: Rounding,
}

/// Options of the review screen.
#[derive(clap::Args)]
pub struct ScreenArgs {
    /// Reviewer name (default: the name bound to your login, else the login).
    #[arg(long = "as")]
    pub as_name: Option<String>,
    /// Key bindings file (default: $XDG_CONFIG_HOME/huishen/keymap.toml).
    #[arg(long, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
    /// Draw with ASCII-safe glyphs, for a terminal that draws East Asian
    /// ambiguous-width characters (box lines, “”, …, →, ·) two cells wide.
    /// Also HUISHEN_AMBIGUOUS_WIDE=1, or ambiguous_wide = true in
    /// keymap.toml's [options].
    #[arg(long)]
    pub ambiguous_wide: bool,
}

/// A stage's name, as `--stage` takes it.
fn parse_stage(text: &str) -> Result<Stage, UnknownStage> {
    Stage::parse(text).ok_or_else(|| UnknownStage(text.to_string()))
}

/// A `--round` unit.
fn parse_round(text: &str) -> Result<Rounding, BadRound> {
    Rounding::parse(text).map_err(BadRound)
}

/// A `--round` that is none of the units, said in the run's language as
/// clap reads the command line (words/cli.rs).
#[derive(Debug)]
pub struct BadRound(pub RoundingError);

impl fmt::Display for BadRound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::of_run()))
    }
}

impl std::error::Error for BadRound {}

/// A `--stage` that names no stage. Clap says it while it reads the
/// command line, in the run's language (`Lang::of_run`; words/cli.rs).
#[derive(Debug)]
pub struct UnknownStage(pub String);

impl fmt::Display for UnknownStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::of_run()))
    }
}

impl std::error::Error for UnknownStage {}
