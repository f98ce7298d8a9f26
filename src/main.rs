//! The `huishen` command line: thin dispatch to the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use huishen::app::App;
use huishen::domain::Stage;
use huishen::domain::tally::TallyJson;
use huishen::event_words::EventWords;
use huishen::i18n::Lang;
use huishen::keymap::Keymap;
use huishen::store::{Actor, OpenMode, Role, Store, StoreError};
use huishen::text::clean;
use huishen::words::Say;
use huishen::{demo, export, import, report, tui};
use std::io::IsTerminal;

#[derive(Parser)]
#[command(
    name = "huishen",
    version,
    about = "会审 — budget review meetings in the terminal"
)]
struct Cli {
    /// Language of messages and labels (default: from the locale).
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Create a fresh demo meeting (the 2021 report's 1373 projects) and show it.
    Demo {
        /// Where to create it (default: a new file in the temp folder).
        #[arg(long)]
        db: Option<PathBuf>,
        /// Also apply the panel's decisions from the report (224 cancelled, 117186万元 cut).
        #[arg(long)]
        decided: bool,
        /// The ex-ante evaluation demo (5 projects) instead: `--stage ex_ante`.
        #[arg(long, conflicts_with_all = ["projects", "stage"])]
        exante: bool,
        /// The demo of a stage: target_review (default), ex_ante, monitoring,
        /// post_evaluation (or 绩效目标会审, 事前绩效评估, 事中绩效监控, 事后绩效评价).
        #[arg(long, conflicts_with = "projects", value_parser = parse_stage)]
        stage: Option<Stage>,
        /// A synthetic meeting of N projects instead (for trying the speed).
        #[arg(long, value_name = "N")]
        projects: Option<usize>,
        /// Create it and print the tally, without opening the screen.
        #[arg(long)]
        no_open: bool,
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
    },
    /// Import submitted projects (CSV or XLSX) into a meeting; creates it if needed.
    Import {
        file: PathBuf,
        /// Indicators file (not needed for an XLSX with sheets 项目 and 绩效指标).
        #[arg(long)]
        indicators: Option<PathBuf>,
        #[arg(long)]
        db: PathBuf,
        /// Reviewer name (default: the OS login).
        #[arg(long = "as")]
        as_name: Option<String>,
    },
    /// Apply a batch of decisions (CSV or XLSX), all or nothing.
    Apply {
        file: PathBuf,
        #[arg(long)]
        db: PathBuf,
        /// Reviewer name (default: the OS login).
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
enum RosterCmd {
    /// Add a reviewer, or change their role or login.
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
        /// Who does this (must be the chair; default: the OS login).
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

/// Options of the review screen.
#[derive(clap::Args)]
struct ScreenArgs {
    /// Reviewer name (default: the OS login).
    #[arg(long = "as")]
    as_name: Option<String>,
    /// Key bindings file (default: $XDG_CONFIG_HOME/huishen/keymap.toml).
    #[arg(long, value_name = "FILE")]
    keymap: Option<PathBuf>,
}

/// Writes a line to stdout; a closed pipe (`huishen log | head`) ends the
/// program quietly instead of panicking.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

macro_rules! out_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::detect(cli.lang);
    match run(cli.command, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            // Messages quote file names and cells: never let them drive the terminal.
            let msg: Vec<String> = msg.lines().map(|l| clean(l).into_owned()).collect();
            eprintln!("huishen: {}", msg.join("\n"));
            ExitCode::FAILURE
        }
    }
}

type CliResult = Result<(), String>;

fn problems(ps: Vec<huishen::domain::Problem>, lang: Lang) -> String {
    let mut s = format!(
        "{} {}",
        ps.len(),
        lang.t(
            "处问题，未写入任何数据：",
            "problem(s); nothing was written:"
        )
    );
    for p in ps {
        s += &format!("\n  {}", lang.reason(&p));
    }
    s
}

/// A store's refusal: its problems under the same header as the reader's.
fn store_problems(e: StoreError, lang: Lang) -> String {
    match e {
        StoreError::Problems(ps) => problems(ps, lang),
        other => lang.reason(&other),
    }
}

fn run(cmd: Cmd, lang: Lang) -> CliResult {
    match cmd {
        Cmd::New {
            db,
            title,
            stage,
            as_name,
        } => {
            if db.exists() {
                return Err(match lang {
                    Lang::Zh => format!("{} 已存在", db.display()),
                    Lang::En => format!("{} already exists", db.display()),
                });
            }
            let actor = Actor::from_env(as_name.as_deref());
            let mut store =
                Store::open_or_create(&db, &actor).map_err(|e| store_problems(e, lang))?;
            store
                .set_title(&title, &actor)
                .map_err(|e| store_problems(e, lang))?;
            store
                .set_stage(stage)
                .map_err(|e| store_problems(e, lang))?;
            out!(
                "{}{}",
                lang.t("已创建会审：", "created meeting: "),
                db.display()
            );
            Ok(())
        }
        Cmd::Import {
            file,
            indicators,
            db,
            as_name,
        } => {
            let sub = import::read_submission(&file, indicators.as_deref())
                .map_err(|ps| problems(ps, lang))?;
            let actor = Actor::from_env(as_name.as_deref());
            let mut store =
                Store::open_or_create(&db, &actor).map_err(|e| store_problems(e, lang))?;
            let s = store
                .import_submission(&sub, &actor)
                .map_err(|e| store_problems(e, lang))?;
            match lang {
                Lang::Zh => out!(
                    "已导入 {} 个项目、{} 条绩效指标 → {}",
                    s.projects,
                    s.indicators,
                    db.display()
                ),
                Lang::En => out!(
                    "imported {} projects, {} indicators → {}",
                    s.projects,
                    s.indicators,
                    db.display()
                ),
            }
            Ok(())
        }
        Cmd::Apply { file, db, as_name } => {
            let mut store =
                Store::open(&db, OpenMode::Existing).map_err(|e| store_problems(e, lang))?;
            let stage = store.stage().map_err(|e| store_problems(e, lang))?;
            let batch = import::read_batch_file(&file, stage).map_err(|ps| problems(ps, lang))?;
            let actor = Actor::from_env(as_name.as_deref());
            let s = store
                .apply_batch(&clean(&file.display().to_string()), &batch.rows, &actor)
                .map_err(|e| store_problems(e, lang))?;
            // An exported table's row may give a decision and an adjustment:
            // count the file's rows, the 待审 ones left out included.
            let file_rows = batch
                .rows
                .iter()
                .map(|r| r.source_row)
                .collect::<std::collections::HashSet<_>>()
                .len()
                + batch.skipped_pending;
            out!(
                "{}: {} {}, {} {}, {} {}, {} {}",
                clean(&file.display().to_string()),
                file_rows,
                lang.t("行", "rows"),
                s.changed,
                lang.t("项决定已保存", "decisions saved"),
                s.unchanged,
                lang.t("项无变化", "unchanged"),
                s.comments,
                lang.t("条意见", "comments")
            );
            if batch.skipped_pending > 0 {
                out!(
                    "{} {} {}",
                    lang.t("跳过待审行", "skipped"),
                    batch.skipped_pending,
                    lang.t(
                        "行（导出表中尚未审核的项目）",
                        "待审 rows (projects not yet decided in the exported table)"
                    )
                );
            }
            Ok(())
        }
        Cmd::Tally { db, json } => {
            let store =
                Store::open(&db, OpenMode::ReadOnly).map_err(|e| store_problems(e, lang))?;
            print_tally(&store, json, lang)
        }
        Cmd::Demo {
            db,
            decided,
            exante,
            stage,
            projects,
            no_open,
            screen,
        } => {
            let db = db.unwrap_or_else(default_demo_path);
            let stage = if exante {
                Stage::ExAnte
            } else {
                stage.unwrap_or_default()
            };
            let files = match projects {
                Some(n) => demo::generate_meeting(n, 1),
                None => demo::stage_files(stage),
            };
            let actor = Actor::from_env(screen.as_name.as_deref());
            create_demo(&db, &files, decided, stage, &actor, lang)
                .map_err(|e| format!("demo: {e}"))?;
            out!("{}{}", lang.t("演示会审：", "demo meeting: "), db.display());
            if no_open || !std::io::stdout().is_terminal() {
                let store =
                    Store::open(&db, OpenMode::ReadOnly).map_err(|e| store_problems(e, lang))?;
                return print_tally(&store, false, lang);
            }
            open_screen(&db, &screen, false, lang)
        }
        Cmd::Open {
            db,
            screen,
            read_only,
        } => open_screen(&db, &screen, read_only, lang),
        Cmd::Roster { action } => roster(action, lang),
        Cmd::Export {
            db,
            format,
            out,
            encoding,
        } => {
            let store =
                Store::open(&db, OpenMode::ReadOnly).map_err(|e| store_problems(e, lang))?;
            let out = out.unwrap_or_else(|| export::default_path(&db, format));
            let written =
                export::export(&store, format, &out, encoding, lang).map_err(|e| e.say(lang))?;
            out!("{}", written.say(lang));
            Ok(())
        }
        Cmd::Ceiling {
            db,
            total,
            budgets,
            as_name,
        } => set_ceilings(&db, total, budgets, as_name, lang),
        Cmd::Lock { db, as_name } => set_lock(&db, as_name, true, lang),
        Cmd::Unlock { db, as_name } => set_lock(&db, as_name, false, lang),
        Cmd::Log { db, reviewer, json } => {
            let store =
                Store::open(&db, OpenMode::ReadOnly).map_err(|e| store_problems(e, lang))?;
            let stage = store.stage().map_err(|e| store_problems(e, lang))?;
            let events = store
                .events(reviewer.as_deref())
                .map_err(|e| store_problems(e, lang))?;
            for e in &events {
                // The screen's words, and the decision each one replaced.
                let text = EventWords::of(e, None, stage, lang).line();
                if json {
                    let line = LogLine { event: e, text };
                    out!(
                        "{}",
                        serde_json::to_string(&line).map_err(|e| e.to_string())?
                    );
                } else {
                    out!(
                        "{}  {} ({})  {}",
                        clean(&e.at),
                        clean(&e.reviewer),
                        clean(&e.os_user),
                        text
                    );
                }
            }
            Ok(())
        }
        Cmd::Keymap {
            check,
            print,
            keymap,
        } => {
            if let Some(file) = check {
                return match Keymap::check_file(&file) {
                    Ok(()) => {
                        out!("{}: ok", clean(&file.display().to_string()));
                        Ok(())
                    }
                    Err(errors) => Err(errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")),
                };
            }
            let (km, errors) = Keymap::load(keymap.as_deref());
            for e in &errors {
                eprintln!("huishen: {e}");
            }
            if print || errors.is_empty() {
                out_raw!("{}", km.to_toml());
            }
            if errors.is_empty() {
                Ok(())
            } else {
                Err(lang
                    .t(
                        "按键配置有误，已使用默认按键",
                        "the keymap has errors; the defaults are in force",
                    )
                    .into())
            }
        }
    }
}

/// A line of `huishen log --json`: the event as recorded, and `text`, the
/// words the text log and the screen give it.
#[derive(serde::Serialize)]
struct LogLine<'a> {
    #[serde(flatten)]
    event: &'a huishen::store::EventRow,
    text: String,
}

fn set_lock(db: &Path, as_name: Option<String>, locked: bool, lang: Lang) -> CliResult {
    let mut store = Store::open(db, OpenMode::Existing).map_err(|e| store_problems(e, lang))?;
    let actor = Actor::from_env(as_name.as_deref());
    store
        .set_locked(locked, &actor)
        .map_err(|e| store_problems(e, lang))?;
    out!(
        "{}",
        if locked {
            lang.t(
                "会审已锁定：所有人只读",
                "meeting locked: read-only for everyone",
            )
        } else {
            lang.t("会审已解锁", "meeting unlocked")
        }
    );
    Ok(())
}

fn roster(action: RosterCmd, lang: Lang) -> CliResult {
    match action {
        RosterCmd::Add {
            name,
            role,
            os_user,
            db,
            as_name,
        } => {
            let role = Role::parse(&role).ok_or_else(|| match lang {
                Lang::Zh => format!(
                    "无法识别的角色 {role:?}；请写 主持人、评审 或 列席（chair、member、observer）"
                ),
                Lang::En => format!("unknown role {role:?}; use chair, member or observer"),
            })?;
            let mut store =
                Store::open(&db, OpenMode::Existing).map_err(|e| store_problems(e, lang))?;
            let actor = Actor::from_env(as_name.as_deref());
            store
                .roster_add(name.trim(), role, os_user.as_deref(), &actor)
                .map_err(|e| store_problems(e, lang))?;
            out!(
                "{}{}（{}）",
                lang.t("已加入名单：", "on the roster: "),
                name.trim(),
                lang.t(role.zh(), role.code())
            );
            Ok(())
        }
        RosterCmd::List { db } => {
            let store =
                Store::open(&db, OpenMode::ReadOnly).map_err(|e| store_problems(e, lang))?;
            out!(
                "{}",
                lang.t("名字\t角色\t绑定登录账号", "name\trole\tbound to login")
            );
            for r in store.roster().map_err(|e| store_problems(e, lang))? {
                out!(
                    "{}\t{}\t{}",
                    clean(&r.name),
                    lang.t(r.role.zh(), r.role.code()),
                    clean(r.os_user.as_deref().unwrap_or("-"))
                );
            }
            Ok(())
        }
        RosterCmd::Remove { name, db, as_name } => {
            let mut store =
                Store::open(&db, OpenMode::Existing).map_err(|e| store_problems(e, lang))?;
            let actor = Actor::from_env(as_name.as_deref());
            if store
                .roster_remove(&name, &actor)
                .map_err(|e| store_problems(e, lang))?
            {
                out!(
                    "{}{name}",
                    lang.t("已移出名单：", "removed from the roster: ")
                );
                Ok(())
            } else {
                Err(match lang {
                    Lang::Zh => format!("{name} 不在名单上"),
                    Lang::En => format!("{name} is not on the roster"),
                })
            }
        }
    }
}

/// Rows read before the first frame: more than any terminal shows.
const FIRST_ROWS: usize = 300;

fn open_screen(db: &Path, screen: &ScreenArgs, read_only: bool, lang: Lang) -> CliResult {
    let mode = if read_only {
        OpenMode::ReadOnly
    } else {
        OpenMode::Existing
    };
    let store = Store::open(db, mode).map_err(|e| store_problems(e, lang))?;
    let (keymap, errors) = Keymap::load(screen.keymap.as_deref());
    let actor = Actor::from_env(screen.as_name.as_deref());
    // The first screenful now, the rest in the background.
    let mut app = App::new_partial(store, actor, lang, keymap, FIRST_ROWS)
        .map_err(|e| store_problems(e, lang))?;
    if let Some(first) = errors.first() {
        app.report_startup_problem(format!(
            "{}{first}",
            lang.t(
                "按键配置有误，已使用默认按键：",
                "keymap error, defaults in force: "
            )
        ));
    }
    tui::run(app, db)
}

fn print_tally(store: &Store, json: bool, lang: Lang) -> CliResult {
    let t = store.tally().map_err(|e| store_problems(e, lang))?;
    let ceiling = store.ceiling().map_err(|e| store_problems(e, lang))?;
    let stage = store.stage().map_err(|e| store_problems(e, lang))?;
    if json {
        let mut j = TallyJson::from(&t);
        if !ceiling.is_empty() {
            j.ceiling = Some(report::ceiling_json(&ceiling, &t));
        }
        // A target review's JSON stays as it always was.
        if stage != huishen::domain::stage::Stage::TargetReview {
            j.stage = Some(stage.code());
        }
        if stage.adjusts() {
            let st = store.stage_tally().map_err(|e| store_problems(e, lang))?;
            j.kinds = Some(report::stage_kinds_json(&st));
            j.adjusted_total = Some(st.adjusted_total().wan_string());
        }
        let j = serde_json::to_string_pretty(&j).map_err(|e| e.to_string())?;
        out!("{j}");
    } else {
        if stage.adjusts() {
            let st = store.stage_tally().map_err(|e| store_problems(e, lang))?;
            out_raw!("{}", report::stage(&st, lang));
        }
        out_raw!("{}", report::full(&t, lang));
        out_raw!("{}", report::ceiling(&ceiling, &t, lang));
    }
    Ok(())
}

fn parse_stage(text: &str) -> Result<Stage, String> {
    Stage::parse(text).ok_or_else(|| {
        format!(
            "unknown stage {text:?}; write target_review, ex_ante, monitoring or post_evaluation \
             (or 绩效目标会审, 事前绩效评估, 事中绩效监控, 事后绩效评价)"
        )
    })
}

/// `--total 230000` or `--budget general=180000`; `none` clears.
fn ceiling_amount(text: &str) -> Result<Option<huishen::domain::Money>, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    huishen::domain::parse_amount(text, huishen::domain::Unit::Wan)
        .map(Some)
        .map_err(|e| format!("ceiling {text:?}: {e}"))
}

fn set_ceilings(
    db: &Path,
    total: Option<String>,
    budgets: Vec<String>,
    as_name: Option<String>,
    lang: Lang,
) -> CliResult {
    let actor = Actor::from_env(as_name.as_deref());
    if total.is_some() || !budgets.is_empty() {
        // Every value is checked before anything is written.
        let mut changes = Vec::new();
        if let Some(t) = &total {
            changes.push((None, ceiling_amount(t)?));
        }
        for b in &budgets {
            let (name, amount) = b
                .split_once('=')
                .ok_or_else(|| format!("--budget {b:?}: write TYPE=AMOUNT, e.g. general=180000"))?;
            let budget = huishen::domain::BudgetType::parse(name).ok_or_else(|| {
                format!(
                    "--budget {b:?}: unknown budget type {name:?}; write one of {}",
                    huishen::domain::BudgetType::accepted_names()
                )
            })?;
            changes.push((Some(budget), ceiling_amount(amount)?));
        }
        let mut store = Store::open(db, OpenMode::Existing).map_err(|e| store_problems(e, lang))?;
        for (budget, amount) in changes {
            store
                .set_ceiling(budget, amount, &actor)
                .map_err(|e| store_problems(e, lang))?;
        }
    }
    let store = Store::open(db, OpenMode::ReadOnly).map_err(|e| store_problems(e, lang))?;
    let t = store.tally().map_err(|e| store_problems(e, lang))?;
    let c = store.ceiling().map_err(|e| store_problems(e, lang))?;
    if c.is_empty() {
        out!("{}", lang.t("未设控制数", "no ceiling set"));
    } else {
        out_raw!("{}", report::ceiling(&c, &t, lang));
    }
    Ok(())
}

fn default_demo_path() -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    std::env::temp_dir().join(format!("huishen-demo-{secs}-{}.db", std::process::id()))
}

/// Builds a demo meeting from embedded files, through the same import and
/// batch code a user's files go through.
fn create_demo(
    db: &Path,
    files: &demo::DemoFiles,
    decided: bool,
    stage: Stage,
    actor: &Actor,
    lang: Lang,
) -> Result<(), String> {
    if db.exists() {
        return Err(match lang {
            Lang::Zh => format!("{} 已存在；请换一个 --db", db.display()),
            Lang::En => format!("{} already exists; choose another --db", db.display()),
        });
    }
    let sub = import::submission_from_csv_text(
        "demo-projects.csv",
        &files.projects_csv,
        Some(("demo-indicators.csv", &files.indicators_csv)),
    )
    .map_err(|ps| problems(ps, Lang::En))?;
    let mut store = Store::open_or_create(db, actor).map_err(|e| store_problems(e, lang))?;
    store
        .set_title(files.title, actor)
        .map_err(|e| store_problems(e, lang))?;
    store
        .set_stage(stage)
        .map_err(|e| store_problems(e, lang))?;
    store
        .import_submission(&sub, actor)
        .map_err(|e| store_problems(e, lang))?;
    if decided {
        let rows =
            import::batch_from_csv_text_for("demo-decisions.csv", &files.decisions_csv, stage)
                .map_err(|ps| problems(ps, Lang::En))?;
        store
            .apply_batch("demo-decisions.csv", &rows, actor)
            .map_err(|e| store_problems(e, lang))?;
    }
    Ok(())
}
