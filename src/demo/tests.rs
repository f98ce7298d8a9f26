use std::collections::{HashMap, HashSet};

use super::*;
use crate::domain::budget::BudgetType;
use crate::domain::money::{Unit, parse_amount};

fn wan(text: &str) -> Money {
    parse_amount(text, Unit::Wan).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

fn records(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

fn header(text: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    r.headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect()
}

/// What a meeting's files add up to.
#[derive(Debug, Default)]
struct Outcome {
    projects: usize,
    departments: usize,
    requested: Money,
    approved: Money,
    cut: Money,
    cancelled: usize,
    adjusted: usize,
    cut_rows: usize,
    budgets: HashSet<String>,
}

/// Parses the files and applies the decisions as the rules say:
/// 通过 → requested; 审减 → the amount (0 < amount < requested);
/// 取消 → 0; a lone 调整 → requested.
fn simulate(files: &DemoFiles) -> Outcome {
    assert_eq!(header(&files.projects_csv), PROJECTS_HEADER);
    assert_eq!(header(&files.indicators_csv), INDICATORS_HEADER);
    assert_eq!(header(&files.decisions_csv), DECISIONS_HEADER);
    let mut out = Outcome::default();
    let mut requested: HashMap<String, Money> = HashMap::new();
    let mut order = Vec::new();
    let mut depts = HashSet::new();
    let mut sections: HashMap<String, String> = HashMap::new();
    let mut last: HashMap<String, (Money, Money)> = HashMap::new();
    let mut names = HashSet::new();
    for rec in records(&files.projects_csv) {
        assert_eq!(rec.len(), 10);
        assert!(rec[9].starts_with("通过项目实施，"), "a goal: {}", rec[9]);
        // New or continuing, said; last year's figures for continuing only,
        // spending within the budget.
        match rec[6].as_str() {
            "新增" => assert!(rec[7].is_empty() && rec[8].is_empty(), "{}", rec[0]),
            "延续" => {
                let (b, s) = (wan(&rec[7]), wan(&rec[8]));
                assert!(b > Money::ZERO && s > Money::ZERO && s <= b, "{}", rec[0]);
                last.insert(rec[0].clone(), (b, s));
            }
            other => panic!("{}: novelty {other:?}", rec[0]),
        }
        assert!(
            !rec[3].is_empty() && rec[3].chars().count() <= 40,
            "{}",
            rec[3]
        );
        assert!(BudgetType::parse(&rec[4]).is_some(), "{}", rec[4]);
        let section = sections.entry(rec[1].clone()).or_insert(rec[2].clone());
        assert_eq!(*section, rec[2], "one section per department");
        let amount = wan(&rec[5]);
        assert!(amount > Money::ZERO);
        assert_eq!(amount.fen() % CENT_WAN, 0, "two decimals in 万元");
        assert_eq!(rec[5], amount.wan_string());
        assert!(
            requested.insert(rec[0].clone(), amount).is_none(),
            "duplicate {}",
            rec[0]
        );
        assert!(
            names.insert((rec[1].clone(), rec[3].clone())),
            "{} twice",
            rec[3]
        );
        order.push(rec[0].clone());
        depts.insert(rec[1].clone());
        out.budgets.insert(rec[4].clone());
        out.requested += amount;
    }
    out.projects = order.len();
    out.departments = depts.len();

    let mut indicators: HashMap<String, usize> = HashMap::new();
    for rec in records(&files.indicators_csv) {
        assert!(
            requested.contains_key(&rec[0]),
            "indicator of unknown {}",
            rec[0]
        );
        assert!(
            ["产出指标", "效益指标", "满意度指标"].contains(&rec[1].as_str()),
            "{}",
            rec[1]
        );
        assert!(!rec[3].is_empty() && !rec[4].is_empty());
        *indicators.entry(rec[0].clone()).or_default() += 1;
    }
    for code in &order {
        let k = indicators.get(code).copied().unwrap_or(0);
        assert!((2..=5).contains(&k), "{code} has {k} indicators");
    }

    let mut approved: HashMap<String, Money> = HashMap::new();
    let mut cancelled: HashSet<String> = HashSet::new();
    let mut adjusted: HashSet<String> = HashSet::new();
    for rec in records(&files.decisions_csv) {
        let code = &rec[0];
        let req = requested[code];
        assert!(!rec[3].is_empty(), "every decision carries a comment");
        assert_eq!(rec.len(), 5);
        // Reasons: default numbers, on cuts and cancellations only; a
        // project cut for its low rate last year spent under 60 % of it.
        if !rec[4].is_empty() {
            assert!(["审减", "取消"].contains(&rec[1].as_str()), "{code}");
            for n in rec[4].split('、') {
                assert!(matches!(n.parse::<u8>(), Ok(1..=8)), "{code}: {n}");
            }
        }
        if rec[3].contains("上年预算执行率偏低") {
            assert!(rec[4].split('、').any(|n| n == "3"), "{code}");
            let (b, s) = last.get(code).unwrap_or_else(|| panic!("{code} is new"));
            assert!(s.fen() * 10 < b.fen() * 6, "{code}: {s} of {b}");
        }
        match rec[1].as_str() {
            "通过" => {
                assert!(approved.insert(code.clone(), req).is_none());
            }
            "审减" => {
                let a = wan(&rec[2]);
                assert!(a > Money::ZERO && a < req, "{code}: {a} of {req}");
                assert!(approved.insert(code.clone(), a).is_none());
                out.cut_rows += 1;
            }
            "取消" => {
                assert!(approved.insert(code.clone(), Money::ZERO).is_none());
                cancelled.insert(code.clone());
            }
            "调整" => {
                assert!(!cancelled.contains(code), "adjusted {code} is cancelled");
                assert!(adjusted.insert(code.clone()), "adjusted twice");
                approved.entry(code.clone()).or_insert(req);
            }
            other => panic!("unknown decision {other}"),
        }
    }
    for code in &order {
        let a = *approved
            .get(code)
            .unwrap_or_else(|| panic!("{code} undecided"));
        out.approved += a;
        out.cut += requested[code] - a;
    }
    out.cancelled = cancelled.len();
    out.adjusted = adjusted.len();
    out
}

#[test]
fn report_meeting_has_the_report_figures() {
    let o = simulate(&generate_report_meeting());
    assert_eq!(o.projects, 1373);
    assert_eq!(o.departments, 71);
    assert_eq!(o.requested, wan("347740.00"));
    assert_eq!(o.budgets.len(), 4, "{:?}", o.budgets);
    assert_eq!(o.cancelled, 224);
    assert_eq!(o.adjusted, 343);
    assert_eq!(o.cut, wan("117186.00"));
    assert_eq!(o.approved, wan("230554.00"));
    assert_eq!(o.projects - o.cancelled, 1149);
    assert!((200..=600).contains(&o.cut_rows), "{} 审减", o.cut_rows);
}

#[test]
fn cancelled_projects_are_mostly_small() {
    let files = generate_report_meeting();
    let req: HashMap<String, Money> = records(&files.projects_csv)
        .into_iter()
        .map(|r| (r[0].clone(), wan(&r[5])))
        .collect();
    let cancelled: Money = records(&files.decisions_csv)
        .iter()
        .filter(|r| r[1] == "取消")
        .map(|r| req[&r[0]])
        .sum();
    assert!(cancelled < wan("58593"), "cancelled {cancelled}");
}

#[test]
fn adjust_rows_follow_their_projects_decision() {
    let files = generate_report_meeting();
    let rows = records(&files.decisions_csv);
    for (k, r) in rows.iter().enumerate() {
        if r[1] == "调整" && k > 0 && rows[k - 1][0] == r[0] {
            assert!(["通过", "审减"].contains(&rows[k - 1][1].as_str()));
        }
        if r[1] != "调整" && k + 1 < rows.len() && rows[k + 1][0] == r[0] {
            assert_eq!(rows[k + 1][1], "调整");
        }
    }
}

#[test]
fn exante_has_the_report_figures() {
    let o = simulate(&generate_exante());
    assert_eq!(o.projects, 5);
    assert_eq!(o.requested, wan("7038.70"));
    assert_eq!(o.approved, wan("3607.70"));
    assert_eq!(o.cut, wan("3431.00"));
    // 3431 ÷ 7038.7 = 48.74%.
    assert_eq!(o.cut.fen() * 10_000 / o.requested.fen(), 4874);
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate_report_meeting(), generate_report_meeting());
    assert_eq!(generate_exante(), generate_exante());
    assert_eq!(generate_meeting(3000, 7), generate_meeting(3000, 7));
    assert_ne!(generate_meeting(3000, 7), generate_meeting(3000, 8));
}

#[test]
fn synthetic_meeting_has_the_asked_size() {
    let files = generate_meeting(5000, 42);
    let o = simulate(&files);
    assert_eq!(o.projects, 5000);
    assert_eq!(o.departments, 71 * 4);
    assert_eq!(o.budgets.len(), 4);
    let small = simulate(&generate_meeting(10, 1));
    assert_eq!(small.projects, 10);
    assert_eq!(simulate(&generate_meeting(0, 1)).projects, 0);
}

#[test]
fn shipped_files_are_the_generator_output() {
    let report = generate_report_meeting();
    assert_eq!(report_files(), report, "data/ is stale: regenerate it");
    assert_eq!(
        exante_files(),
        generate_exante(),
        "data/ is stale: regenerate it"
    );
    assert!(
        PROJECTS_CSV == report.projects_csv,
        "data/demo-projects.csv is stale"
    );
    assert!(
        INDICATORS_CSV == report.indicators_csv,
        "data/demo-indicators.csv is stale"
    );
    assert!(
        DECISIONS_CSV == report.decisions_csv,
        "data/demo-decisions.csv is stale"
    );
    let exante = generate_exante();
    assert!(
        EXANTE_PROJECTS_CSV == exante.projects_csv,
        "data/exante-projects.csv is stale"
    );
    assert!(
        EXANTE_INDICATORS_CSV == exante.indicators_csv,
        "data/exante-indicators.csv is stale"
    );
    assert!(
        EXANTE_DECISIONS_CSV == exante.decisions_csv,
        "data/exante-decisions.csv is stale"
    );
    assert!(report_files() == report && exante_files() == exante);
}

/// Writes the generator's output to `data/`:
/// `cargo test --lib demo::tests::regenerate -- --ignored`.
#[test]
#[ignore]
fn regenerate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::create_dir_all(&dir).expect("create data/");
    let report = generate_report_meeting();
    let exante = generate_exante();
    for (name, text) in [
        ("demo-projects.csv", &report.projects_csv),
        ("demo-indicators.csv", &report.indicators_csv),
        ("demo-decisions.csv", &report.decisions_csv),
        ("exante-projects.csv", &exante.projects_csv),
        ("exante-indicators.csv", &exante.indicators_csv),
        ("exante-decisions.csv", &exante.decisions_csv),
    ] {
        std::fs::write(dir.join(name), text).expect("write data file");
    }
}
