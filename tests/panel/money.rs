//! Money as a finance reviewer reads it: a share's cut rounded to the
//! meeting's unit, on the screen and in a batch alike (1); amounts and
//! codes never cut, amounts aligned at the point (2); a tally bar that
//! says what its figures are over (3).

use huishen::domain::Rounding;

use super::*;

// 1.

/// `-33.3%` on 50.54 is 16.82982 万元: the meeting rounds it to its unit,
/// half-up, and the preview says so before Enter — 0.01 万元 by default,
/// 1 元 in a meeting created so.
#[test]
fn a_share_is_rounded_to_the_meetings_unit_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    select(&mut app, "2021-003-0003");
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-33.3%");
    let s = screen(&app);
    assert!(
        s.contains("→ 审减 16.83，审定 33.71（按 0.01 万元取整）"),
        "{s}"
    );
    key(&mut app, KeyCode::Enter);
    let row = app.selected_row().unwrap();
    assert_eq!(row.decision.approved.wan_string(), "33.71");
    assert!(screen(&app).contains("已保存 2021-003-0003 → 审减 16.83 万元，审定 33.71 万元"));

    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    store.set_rounding(Rounding::YUAN).unwrap();
    let mut app = open(store, Lang::En, 100, 30);
    select(&mut app, "2021-003-0003");
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-33.3%");
    let s = screen(&app);
    assert!(
        s.contains("→ cut 16.8298, approved 33.7102 (rounded to 1 元)"),
        "{s}"
    );
    // A typed amount is exact, and says nothing of rounding.
    for _ in 0..6 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "-1.23456");
    let s = screen(&app);
    assert!(
        s.contains("→ cut 1.23456 (2.44%), approved 49.30544"),
        "{s}"
    );
}

/// A batch's `-15%` derives what the screen would: the meeting's unit,
/// through `huishen apply`; the exports and the written summary then hold
/// no amount finer than it (before: 审减财政资金1310.29012万元).
#[test]
fn a_batch_and_the_exports_round_as_the_screen_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    common::demo(&db, &["--as", "tester"]);
    let batch = "项目编码,审核结果,金额（万元）,审核意见\n\
                 2021-003-0003,审减,-33.3%,压减\n\
                 2021-001-0002,审减,-15%,压减\n\
                 2021-001-0003,审减,-12.5%,压减\n";
    common::apply_text(&db, "b.csv", batch, &["--as", "tester"]);
    let v = common::tally_json(&db);
    // 50.54 − 16.83, 23.00 − 3.45, 47.00 − 5.88 (5.875 half-up).
    assert_eq!(
        (v["approved"].as_str(), v["cut"].as_str()),
        (Some("94.38"), Some("26.16")),
        "{v}"
    );
    let md = dir.path().join("m.md");
    common::ok(&[
        "export",
        "--db",
        common::s(&db),
        "--format",
        "md",
        "--out",
        common::s(&md),
    ]);
    let csv = dir.path().join("m.csv");
    common::ok(&[
        "export",
        "--db",
        common::s(&db),
        "--format",
        "csv",
        "--out",
        common::s(&csv),
    ]);
    for file in [&md, &csv] {
        let text = std::fs::read_to_string(file).unwrap();
        for word in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, frac)) = word.split_once('.') {
                assert!(frac.len() <= 2, "{word} in {}", file.display());
            }
        }
    }
    // 1 万元: the report's demo, decided, still comes to its figures.
    let db = dir.path().join("wan.db");
    let out = common::ok(&[
        "demo",
        "--db",
        common::s(&db),
        "--round",
        "1万元",
        "--decided",
        "--no-open",
    ]);
    assert!(
        out.contains("230,554.00 万元") && out.contains("117,186.00 万元"),
        "{out}"
    );
}

// 2.

/// A meeting whose codes are long and whose amounts have up to six
/// decimals (imported exactly): at 80 and at 120 columns with the detail
/// pane, in the `b` panel and in `huishen tally`, no code and no amount is
/// cut, and amounts line up at the point.
#[test]
fn no_amount_and_no_code_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let projects = format!(
        "{}\n\
         2021-52-000001,发展和改革局,重点项目前期工作经费及专家评审论证费用,一般公共预算,2803.977512\n\
         2021-52-000002,发展和改革局,价格监测,一般公共预算,26\n\
         2021-52-000003,住房和城乡建设局,老旧小区改造,政府性基金预算,123456.5\n",
        common::PROJECTS_HEADER
    );
    let db = common::import_meeting(dir.path(), &projects, &["--as", "王审"]);
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let mut app = open(store, Lang::Zh, 80, 24);
    let amounts = ["2,803.977512", "26.00", "123,456.50"];
    let codes = ["2021-52-000001", "2021-52-000002", "2021-52-000003"];
    let point = |line: &str, amount: &str| {
        let at = line
            .find(amount)
            .unwrap_or_else(|| panic!("{amount} in {line:?}"));
        let dot = at + amount.find('.').unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..dot])
    };
    for (w, h) in [(80, 24), (120, 40), (60, 15)] {
        app.update(Action::Resize(w, h));
        let s = screen(&app);
        let rows: Vec<&str> = codes
            .iter()
            .map(|c| {
                s.lines()
                    .find(|l| l.starts_with(c))
                    .unwrap_or_else(|| panic!("{c} cut:\n{s}"))
            })
            .collect();
        let points: Vec<usize> = rows.iter().zip(amounts).map(|(l, a)| point(l, a)).collect();
        assert!(
            points.windows(2).all(|p| p[0] == p[1]),
            "{w}: {points:?}\n{s}"
        );
    }
    app.update(Action::Resize(80, 30));
    key(&mut app, KeyCode::Char('b'));
    let s = screen(&app);
    // The name gives way to the figures: the budget's name is cut, its
    // request and its pending count are whole.
    let budget = s
        .lines()
        .find(|l| l.starts_with("一般"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(budget.contains(" 2,829.977512 "), "{s}");
    assert!(budget.ends_with(" 2"), "{s}");
    let tally = common::ok(&["tally", "--db", common::s(&db)]);
    let dept = tally
        .lines()
        .find(|l| l.starts_with("发展和改革局"))
        .unwrap();
    let fund = tally
        .lines()
        .find(|l| l.starts_with("住房和城乡建设局"))
        .unwrap();
    assert!(dept.contains(" 2,829.977512 "), "{tally}");
    assert_eq!(
        point(dept, "2,829.977512"),
        point(fund, "123,456.50"),
        "{tally}"
    );
}

// 3.

/// The tally bar shows what the decided projects asked for, so 审减 ÷
/// 已审申报 = 审减率 can be checked by eye; under a filter, a second line
/// gives the same figures for what is shown.
#[test]
fn the_tally_bar_says_what_its_figures_are_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 120, 40);
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains(
            "已审 1/1373  申报 347,740.00  已审申报 26.00  审定 22.10  审减 3.90  审减率 15.00%"
        ),
        "{s}"
    );
    assert!(!s.contains("筛选中"), "{s}");
    // The department 市委办公室 (8 projects, 253.00 requested).
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    typ(&mut app, "市委办");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains(
            "筛选中 已审 1/8  申报 253.00  已审申报 26.00  审定 22.10  审减 3.90  审减率 15.00%"
        ),
        "{s}"
    );
    app.lang = Lang::En;
    let s = screen(&app);
    assert!(
        s.contains("shown: decided 1/8  requested 253.00  requested (decided) 26.00"),
        "{s}"
    );
}
