//! The meeting's workbook as a bureau prints and files it: converted to PDF
//! by LibreOffice as a printer would take it, its pages read back with
//! poppler's `pdftotext` and `pdfinfo`; and the totals rows' cut rates,
//! formulas whose cached results are what they give.
//!
//! The PDF test is skipped, saying why, where `soffice`, `pdftotext` or
//! `pdfinfo` is missing (`.ci/run` installs them).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use common::{ok, s, tally_json};

/// `huishen export --format xlsx` of the meeting `db` into `out`.
fn export_workbook(db: &Path, out: &Path) {
    ok(&["export", "--db", s(db), "--format", "xlsx", "--out", s(out)]);
}

fn dec(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("a decimal string")).unwrap()
}

/// The 审减率 of the 合计 row of `sheet`: its formula and its cached value.
fn total_rate(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> (String, Data) {
    let range = wb.worksheet_range(sheet).unwrap();
    let header = range.rows().next().unwrap();
    let col = header
        .iter()
        .position(|c| *c == Data::String("审减率".into()))
        .unwrap_or_else(|| panic!("{sheet}: no 审减率"));
    let row = range
        .rows()
        .position(|r| r[0] == Data::String("合计".into()))
        .unwrap_or_else(|| panic!("{sheet}: no 合计 row"));
    let cached = range.get((row, col)).cloned().unwrap_or(Data::Empty);
    let start = range.start().unwrap();
    let formulas = wb.worksheet_formula(sheet).unwrap();
    let formula = formulas
        .get_value((start.0 + row as u32, start.1 + col as u32))
        .cloned()
        .unwrap_or_default();
    (formula, cached)
}

const TOTALLED: [&str; 3] = ["审核结果", "部门汇总", "预算类型汇总"];

/// Issue 19, item 8: every 合计 审减率 is a formula, and what a reader
/// that does not recalculate shows (the cached result) is what the formula
/// gives: cut ÷ what the decided projects requested, or "" before anything
/// is decided (not 0).
#[test]
fn the_total_cut_rates_are_formulas_caching_what_they_give() {
    let dir = tempfile::tempdir().unwrap();

    let decided = dir.path().join("decided.db");
    ok(&["demo", "--decided", "--no-open", "--db", s(&decided)]);
    let tally = tally_json(&decided);
    let exact = (dec(&tally["cut"]) / dec(&tally["decided_requested"]))
        .to_f64()
        .unwrap();
    let out = dir.path().join("decided.xlsx");
    export_workbook(&decided, &out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    for sheet in TOTALLED {
        let (formula, cached) = total_rate(&mut wb, sheet);
        assert!(formula.starts_with("IF(SUMIF("), "{sheet}: {formula}");
        match cached {
            Data::Float(v) => assert!((v - exact).abs() < 1e-12, "{sheet}: {v} ≠ {exact}"),
            other => panic!("{sheet}: cached {other:?}, not the rate {exact}"),
        }
    }

    let undecided = dir.path().join("undecided.db");
    ok(&["demo", "--no-open", "--db", s(&undecided)]);
    assert_eq!(tally_json(&undecided)["cut_rate"], serde_json::Value::Null);
    let out = dir.path().join("undecided.xlsx");
    export_workbook(&undecided, &out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    for sheet in TOTALLED {
        let (formula, cached) = total_rate(&mut wb, sheet);
        assert!(formula.starts_with("IF(SUMIF("), "{sheet}: {formula}");
        assert!(
            matches!(&cached, Data::Empty) || matches!(&cached, Data::String(s) if s.is_empty()),
            "{sheet}: the formula gives \"\", the cell caches {cached:?}"
        );
    }
}

/// Why the PDF test cannot run here, if it cannot.
fn missing_tools() -> Option<String> {
    let missing: Vec<&str> = [
        ("soffice", "--version"),
        ("pdftotext", "-v"),
        ("pdfinfo", "-v"),
    ]
    .into_iter()
    .filter(|(tool, flag)| {
        Command::new(tool)
            .arg(flag)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_err()
    })
    .map(|(tool, _)| tool)
    .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "{} not installed (apt-get install libreoffice-calc-nogui poppler-utils)",
            missing.join(", ")
        )
    })
}

/// Runs `cmd`, killing it after `limit`; its standard output.
fn run_with_limit(cmd: Command, limit: Duration) -> Vec<u8> {
    run_with_limit_both(cmd, limit).0
}

/// Runs `cmd`, killing it after `limit`; its standard output and error.
fn run_with_limit_both(mut cmd: Command, limit: Duration) -> (Vec<u8>, Vec<u8>) {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    // Read the pipes on threads, so a full pipe never stalls the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).map(|_| v)
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).map(|_| v)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (out, err) = (out.join().unwrap().unwrap(), err.join().unwrap().unwrap());
    assert!(
        status.success(),
        "{what} failed: {status}\n{}",
        String::from_utf8_lossy(&err)
    );
    (out, err)
}

/// `xlsx` printed to PDF by LibreOffice, with a profile of its own in
/// `dir` (so that parallel runs do not share one) and a time limit.
fn to_pdf(xlsx: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
    ])
    .arg(dir)
    .arg(xlsx)
    .stdin(Stdio::null());
    let (_, err) = run_with_limit_both(cmd, Duration::from_secs(600));
    // What LibreOffice says of a file it has to repair or cannot read
    // (a chart's XML it does not take, a broken part) goes to stderr.
    let err = String::from_utf8_lossy(&err);
    let complaints: Vec<&str> = err
        .lines()
        .filter(|l| {
            let l = l.to_lowercase();
            ["repair", "error", "corrupt", "invalid"]
                .iter()
                .any(|w| l.contains(w))
        })
        .collect();
    assert!(
        complaints.is_empty(),
        "LibreOffice complained about {}:\n{err}",
        xlsx.display()
    );
    let pdf = dir.join(xlsx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.exists(), "soffice wrote no {}", pdf.display());
    pdf
}

/// The PDF's pages as `pdftotext` reads them: `-layout` keeps each printed
/// line a line; `-raw` keeps the text of a cell together, even wrapped.
fn pdf_pages(pdf: &Path, mode: &str) -> Vec<String> {
    let mut cmd = Command::new("pdftotext");
    cmd.args([mode, "-enc", "UTF-8"]).arg(pdf).arg("-");
    let text = String::from_utf8(run_with_limit(cmd, Duration::from_secs(120))).unwrap();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn pdf_page_count(pdf: &Path) -> usize {
    let mut cmd = Command::new("pdfinfo");
    cmd.arg(pdf);
    let info = String::from_utf8(run_with_limit(cmd, Duration::from_secs(60))).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo says no page count:\n{info}"))
}

/// The sheet a printed page belongs to: the page header's right part.
fn sheet_of(page: &str) -> &str {
    let header = page.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    header.split_whitespace().last().unwrap_or("")
}

/// Lines of a `-layout` page that are a project's row: they begin with its code.
fn project_rows(page: &str) -> usize {
    page.lines()
        .filter(|l| {
            let code: Vec<&str> = l
                .trim_start()
                .split(' ')
                .next()
                .unwrap_or("")
                .split('-')
                .collect();
            code.len() == 3
                && code[0] == "2021"
                && [3, 4]
                    .iter()
                    .zip(&code[1..])
                    .all(|(n, part)| part.len() == *n && part.bytes().all(|b| b.is_ascii_digit()))
        })
        .count()
}

/// Issue 20: the demo meeting's workbook, printed (converted to PDF by
/// LibreOffice), reads as a bureau files it — summaries first, each on one
/// page, 部门汇总 signed at its foot; 审核结果 one page wide, every column
/// and the header row on every page, tens of pages for 1,373 projects
/// (590 pages before), each page numbered "第 N 页 共 M 页".
#[test]
fn the_printed_workbook_reads_as_a_bureau_files_it() {
    if let Some(why) = missing_tools() {
        eprintln!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    ok(&["demo", "--decided", "--no-open", "--db", s(&db)]);
    let xlsx = dir.path().join("会审.xlsx");
    export_workbook(&db, &xlsx);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let results = wb.worksheet_range("审核结果").unwrap();
    let headers: Vec<String> = results
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let projects = results.height() - 2;
    assert_eq!(projects, 1373);

    let pdf = to_pdf(&xlsx, dir.path());
    let layout = pdf_pages(&pdf, "-layout");
    let raw = pdf_pages(&pdf, "-raw");
    let total = pdf_page_count(&pdf);
    assert_eq!(layout.len(), total);
    assert_eq!(raw.len(), total);

    // Each page: the meeting in its header, its number in the footer.
    for (i, page) in layout.iter().enumerate() {
        assert!(
            page.contains("2021年部门预算绩效目标会审（演示）"),
            "page {}: no meeting title\n{page}",
            i + 1
        );
        let footer = format!("第 {} 页 共 {total} 页", i + 1);
        assert!(
            page.contains(&footer),
            "page {}: no “{footer}”\n{page}",
            i + 1
        );
        assert!(
            page.contains("导出时间："),
            "page {}: no export time",
            i + 1
        );
    }

    // The sheets in order, each a run of pages.
    let mut runs: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, page) in layout.iter().enumerate() {
        match runs.last_mut() {
            Some((sheet, pages)) if *sheet == sheet_of(page) => pages.push(i),
            _ => runs.push((sheet_of(page), vec![i])),
        }
    }
    let order: Vec<&str> = runs.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        order,
        [
            "部门汇总",
            "预算类型汇总",
            "审减原因汇总",
            "股室汇总",
            "新增延续汇总",
            "图表",
            "审核结果",
            "审核意见",
            "审核日志"
        ]
    );
    let pages_of = |sheet: &str| &runs.iter().find(|(s, _)| *s == sheet).unwrap().1;
    let counts: Vec<String> = runs
        .iter()
        .map(|(s, p)| format!("{s} {}", p.len()))
        .collect();
    eprintln!("{total} pages: {}", counts.join(", "));

    // The summaries: one page each; 部门汇总 signed below its 合计 row.
    assert_eq!(pages_of("部门汇总").len(), 1, "{counts:?}");
    assert_eq!(pages_of("预算类型汇总").len(), 1, "{counts:?}");
    for sheet in ["审减原因汇总", "股室汇总", "新增延续汇总"] {
        assert_eq!(pages_of(sheet).len(), 1, "{sheet} {counts:?}");
    }
    // Issue 15: their charts on one page, drawn by LibreOffice from the
    // summaries' cells: titles, groups and amounts.
    assert_eq!(pages_of("图表").len(), 1, "{counts:?}");
    let charts = &layout[pages_of("图表")[0]];
    for text in [
        "各预算类型审减金额（万元）",
        "各部门审减金额（万元）",
        "一般公共预算",
        "85,144.55",
        "住房和城乡建设局",
        "20,790.96",
        "南轩街道办事处",
    ] {
        assert!(
            charts.contains(text),
            "the chart page lacks {text}\n{charts}"
        );
    }
    let summary = &layout[pages_of("部门汇总")[0]];
    let total_at = summary.find("合计").expect("a 合计 row");
    for label in ["评审人：", "主持人：", "日期："] {
        let at = summary
            .find(label)
            .unwrap_or_else(|| panic!("no {label}\n{summary}"));
        assert!(at > total_at, "{label} is above the 合计 row");
    }

    // 审核结果: one page wide — every column's header on every page (the
    // header row repeats), and every page holds projects' rows — every
    // project once, pages about projects ÷ rows a page holds.
    let pages = pages_of("审核结果");
    for &i in pages {
        let text: String = raw[i].split_whitespace().collect();
        for h in &headers {
            assert!(
                text.contains(h.as_str()),
                "page {} of 审核结果 lacks the column {h}\n{}",
                i + 1,
                layout[i]
            );
        }
    }
    let rows: Vec<usize> = pages.iter().map(|&i| project_rows(&layout[i])).collect();
    assert_eq!(rows.iter().sum::<usize>(), projects, "{rows:?}");
    let fullest = *rows.iter().max().unwrap();
    assert!(
        rows[..rows.len() - 1].iter().all(|&n| 2 * n >= fullest),
        "a page far emptier than the fullest: {rows:?}"
    );
    // Rows differ in height (a long comment wraps), so pages hold a few
    // rows more or less than the fullest; none is left half empty.
    let least = projects.div_ceil(fullest);
    assert!(
        (least..=least + least / 4 + 1).contains(&pages.len()),
        "{} pages for {projects} rows of at most {fullest} a page: {rows:?}",
        pages.len()
    );
    assert!(
        (10..100).contains(&pages.len()),
        "审核结果 is {} pages: tens, not hundreds",
        pages.len()
    );
}

/// The page size `pdfinfo` gives: A4 upright or on its side.
fn is_a4(pdf: &Path) -> bool {
    let mut cmd = Command::new("pdfinfo");
    cmd.arg(pdf);
    let info = String::from_utf8(run_with_limit(cmd, Duration::from_secs(60))).unwrap();
    info.lines()
        .any(|l| l.starts_with("Page size:") && l.contains("(A4)"))
}

/// Issue 17 with issue 20's care: the documents a meeting sends out print
/// on A4 as the workbook does — the meeting in each page's header, each
/// page numbered; a department's opinion ends with the chair's signature,
/// the minutes list every department and are signed, the targets table
/// prints every project kept with every column on each page.
#[test]
fn the_documents_a_meeting_sends_out_print_on_a4() {
    if let Some(why) = missing_tools() {
        eprintln!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    ok(&[
        "demo",
        "--decided",
        "--no-open",
        "--db",
        s(&db),
        "--as",
        "评审甲",
    ]);
    let opinions = dir.path().join("意见书");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--per-department",
        "--out",
        s(&opinions),
    ]);
    let opinion = opinions.join("教育局-审核意见书.xlsx");
    let minutes = dir.path().join("纪要.xlsx");
    ok(&["export", "--db", s(&db), "--minutes", "--out", s(&minutes)]);
    let targets = dir.path().join("目标表.xlsx");
    ok(&["export", "--db", s(&db), "--targets", "--out", s(&targets)]);

    let pages_of = |xlsx: &Path| {
        let pdf = to_pdf(xlsx, dir.path());
        assert!(is_a4(&pdf), "{} is not A4", pdf.display());
        let layout = pdf_pages(&pdf, "-layout");
        let total = pdf_page_count(&pdf);
        assert_eq!(layout.len(), total);
        for (i, page) in layout.iter().enumerate() {
            assert!(
                page.contains("2021年部门预算绩效目标会审（演示）"),
                "{}: page {} has no meeting title\n{page}",
                xlsx.display(),
                i + 1
            );
            // (pdftotext spaces the footer as the font's metrics fall.)
            let footer = format!("第{}页共{total}页", i + 1);
            let flat: String = page.split_whitespace().collect();
            assert!(flat.contains(&footer), "{}: no “{footer}”", xlsx.display());
        }
        (layout, pdf_pages(&pdf, "-raw"))
    };

    // The opinion: addressed on its first page, signed on its last; every
    // one of the department's 130 projects printed once.
    let (layout, raw) = pages_of(&opinion);
    eprintln!("教育局's opinion: {} pages", layout.len());
    assert!(layout[0].contains("关于教育局项目预算及绩效目标的审核意见"));
    let last = layout.last().unwrap();
    for line in ["主持人（签字）", "财政局（盖章）", "主持人：评审甲"] {
        assert!(last.contains(line), "the last page lacks {line}\n{last}");
    }
    let text = layout.concat();
    assert!(text.find("合计").unwrap() < text.find("主持人（签字）").unwrap());
    let all: String = raw.concat().split_whitespace().collect();
    let codes = (1..=130)
        .filter(|n| all.contains(&format!("2021-013-{n:04}")))
        .count();
    assert_eq!(codes, 130);

    // The minutes: every department, the signatures after the total.
    let (layout, _) = pages_of(&minutes);
    eprintln!("minutes: {} pages", layout.len());
    let text = layout.concat();
    for dept in ["市委办公室", "教育局", "南轩街道办事处"] {
        assert!(text.contains(dept), "no {dept}");
    }
    let total_at = text.find("合计").unwrap();
    for label in [
        "主持人（签字）",
        "记录人（签字）",
        "出席人员（签字）",
        "评审甲：",
    ] {
        let at = text.find(label).unwrap_or_else(|| panic!("no {label}"));
        assert!(at > total_at, "{label} above the total");
    }

    // The targets table: one page wide, its header on every page, every
    // one of the 1149 projects kept.
    let (layout, raw) = pages_of(&targets);
    eprintln!("targets table: {} pages", layout.len());
    assert!((20..300).contains(&layout.len()), "{}", layout.len());
    for (i, page) in raw.iter().enumerate() {
        let text: String = page.split_whitespace().collect();
        for h in ["项目名称", "年度目标", "一级指标", "三级指标", "计量单位"] {
            assert!(text.contains(h), "page {} lacks the column {h}", i + 1);
        }
    }
    let printed: std::collections::HashSet<String> = raw
        .concat()
        .split_whitespace()
        .filter(|w| w.len() == 13 && w.starts_with("2021-"))
        .map(str::to_string)
        .collect();
    assert_eq!(printed.len(), 1149);
}

/// The documents as Word writes them (`--format docx`): LibreOffice opens
/// each (a headless conversion to PDF), A4, every page numbered; the
/// opinion is addressed, totalled and signed, the minutes signed, the
/// targets table holds every project kept.
#[test]
fn the_word_documents_open_in_libreoffice() {
    if let Some(why) = missing_tools() {
        eprintln!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    ok(&[
        "demo",
        "--decided",
        "--no-open",
        "--db",
        s(&db),
        "--as",
        "评审甲",
    ]);
    let opinions = dir.path().join("意见书");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--per-department",
        "--format",
        "docx",
        "--out",
        s(&opinions),
    ]);
    assert_eq!(std::fs::read_dir(&opinions).unwrap().count(), 71);
    let minutes = dir.path().join("纪要.docx");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--minutes",
        "--format",
        "docx",
        "--out",
        s(&minutes),
    ]);
    let targets = dir.path().join("目标表.docx");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--targets",
        "--format",
        "docx",
        "--out",
        s(&targets),
    ]);

    let text_of = |doc: &Path| {
        let pdf = to_pdf(doc, dir.path());
        assert!(is_a4(&pdf), "{} is not A4", pdf.display());
        let pages = pdf_pages(&pdf, "-raw");
        let total = pdf_page_count(&pdf);
        assert_eq!(pages.len(), total);
        for (i, page) in pages.iter().enumerate() {
            let flat: String = page.split_whitespace().collect();
            assert!(
                flat.contains("2021年部门预算绩效目标会审（演示）"),
                "page {}",
                i + 1
            );
            let footer = format!("第{}页共{total}页", i + 1);
            assert!(flat.contains(&footer), "{}: no “{footer}”", doc.display());
        }
        // The text without the pages' headers and footers, so that a cell
        // that goes on over a page break reads whole.
        pages
            .iter()
            .flat_map(|p| p.lines())
            .filter(|l| {
                let l: String = l.split_whitespace().collect();
                l != "2021年部门预算绩效目标会审（演示）" && !l.starts_with("导出时间")
            })
            .flat_map(str::split_whitespace)
            .collect::<String>()
    };

    let opinion = text_of(&opinions.join("九龙镇人民政府-审核意见书.docx"));
    for text in [
        "关于九龙镇人民政府项目预算及绩效目标的审核意见",
        "九龙镇人民政府：",
        "合计",
        "15个项目",
        "700.78",
        "619.78",
        "需调整的绩效目标",
        "主持人：评审甲",
        "财政局（盖章）",
    ] {
        assert!(
            opinion.contains(text),
            "the opinion lacks {text}\n{opinion}"
        );
    }
    let minutes = text_of(&minutes);
    for text in [
        "会议纪要",
        "出席人员：评审甲",
        "南轩街道办事处",
        "347,740.00",
        "主持人（签字）",
    ] {
        assert!(minutes.contains(text), "the minutes lack {text}\n{minutes}");
    }
    let targets = text_of(&targets);
    // Every project code (2021-001-0001) once at least, wherever its cell's
    // text fell.
    let b = targets.as_bytes();
    let codes: std::collections::HashSet<&[u8]> = (0..b.len().saturating_sub(13))
        .map(|i| &b[i..i + 13])
        .filter(|w| {
            w.starts_with(b"2021-")
                && w[8] == b'-'
                && w[5..8].iter().chain(&w[9..]).all(u8::is_ascii_digit)
        })
        .collect();
    assert_eq!(codes.len(), 1149);
}

/// The ranges each chart of sheet 图表 draws from, read from the chart's
/// XML in the xlsx file: (series name, categories, values) per chart, in
/// the charts' order.
fn chart_ranges(xlsx: &Path) -> Vec<[String; 3]> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut names: Vec<String> = zip
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .filter(|n| n.starts_with("xl/charts/chart") && n.ends_with(".xml"))
        .collect();
    names.sort_by_key(|n| {
        n.trim_start_matches("xl/charts/chart")
            .trim_end_matches(".xml")
            .parse::<u32>()
            .unwrap()
    });
    names
        .iter()
        .map(|n| {
            let mut xml = String::new();
            zip.by_name(n).unwrap().read_to_string(&mut xml).unwrap();
            let refs: Vec<String> = xml
                .split("<c:f>")
                .skip(1)
                .map(|p| p.split("</c:f>").next().unwrap().to_string())
                .collect();
            assert_eq!(refs.len(), 3, "{n}: {refs:?}");
            [refs[0].clone(), refs[1].clone(), refs[2].clone()]
        })
        .collect()
}

/// A1-style range `$E$2:$E$72` as (first row, last row, column), zero-based.
fn cells(range: &str) -> (u32, u32, u32) {
    let parts: Vec<&str> = range.split(':').collect();
    let cell = |c: &str| {
        let c = c.replace('$', "");
        let col = c.chars().next().unwrap() as u32 - 'A' as u32;
        let row: u32 = c[1..].parse().unwrap();
        (row - 1, col)
    };
    let (r0, c0) = cell(parts[0]);
    let (r1, c1) = cell(parts.last().unwrap());
    assert_eq!(c0, c1, "{range}");
    (r0, r1, c0)
}

/// Issue 15: the workbook's charts draw the cut by budget type and by
/// department (and at a later stage the money per kind) from the summary
/// sheets' own cells: each chart's ranges are the groups' names and their
/// 审减金额 (or 金额), every group and nothing else, and those cells hold
/// what `huishen tally --json` says.
#[test]
fn the_charts_draw_from_the_summaries_cells() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    ok(&["demo", "--decided", "--no-open", "--db", s(&db)]);
    let json = tally_json(&db);
    let xlsx = dir.path().join("m.xlsx");
    export_workbook(&db, &xlsx);
    let ranges = chart_ranges(&xlsx);
    let budgets = json["by_budget_type"].as_array().unwrap();
    let depts = json["by_department"].as_array().unwrap();
    let b_end = budgets.len() + 1;
    let d_end = depts.len() + 1;
    assert_eq!(
        ranges,
        [
            [
                "预算类型汇总!$E$1".to_string(),
                format!("预算类型汇总!$A$2:$A${b_end}"),
                format!("预算类型汇总!$E$2:$E${b_end}"),
            ],
            [
                "部门汇总!$E$1".to_string(),
                format!("部门汇总!$A$2:$A${d_end}"),
                format!("部门汇总!$E$2:$E${d_end}"),
            ],
        ]
    );
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names: std::collections::HashMap<&str, &str> = huishen::domain::BudgetType::ALL
        .iter()
        .map(|b| (b.code(), b.zh()))
        .collect();
    for ([name, cats, vals], (sheet, groups, key)) in ranges.iter().zip([
        ("预算类型汇总", budgets, "budget_type"),
        ("部门汇总", depts, "department"),
    ]) {
        let range = wb.worksheet_range(sheet).unwrap();
        let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        let (_, _, name_col) = cells(name.split('!').nth(1).unwrap());
        assert_eq!(
            at(0, name_col),
            Data::String("审减金额（万元）".into()),
            "{sheet}"
        );
        let (c0, c1, cc) = cells(cats.split('!').nth(1).unwrap());
        let (v0, v1, vc) = cells(vals.split('!').nth(1).unwrap());
        assert_eq!((c0, c1), (v0, v1));
        assert_eq!((c1 - c0 + 1) as usize, groups.len(), "{sheet}");
        for (i, g) in groups.iter().enumerate() {
            let row = c0 + i as u32;
            let label = g[key].as_str().unwrap();
            let label = names.get(label).copied().unwrap_or(label);
            assert_eq!(at(row, cc), Data::String(label.into()), "{sheet} row {row}");
            let cut = dec(&g["cut"]).to_f64().unwrap();
            match at(row, vc) {
                Data::Float(v) => assert!((v - cut).abs() < 1e-9, "{sheet} {label}: {v} ≠ {cut}"),
                other => panic!("{sheet} {label}: {other:?}"),
            }
        }
        // the row after the groups is the total, which no chart draws
        assert_eq!(at(c1 + 1, cc), Data::String("合计".into()), "{sheet}");
    }

    // At a later stage, a third chart first: each kind's money.
    let mon = dir.path().join("mon.db");
    ok(&[
        "demo",
        "--stage",
        "monitoring",
        "--decided",
        "--no-open",
        "--db",
        s(&mon),
    ]);
    let kinds = tally_json(&mon)["kinds"].as_object().unwrap().len();
    let xlsx = dir.path().join("mon.xlsx");
    export_workbook(&mon, &xlsx);
    let ranges = chart_ranges(&xlsx);
    assert_eq!(ranges.len(), 3);
    assert_eq!(
        ranges[0],
        [
            "调整汇总!$C$1".to_string(),
            format!("调整汇总!$A$2:$A${}", kinds + 1),
            format!("调整汇总!$C$2:$C${}", kinds + 1),
        ]
    );
}
