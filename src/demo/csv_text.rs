//! A meeting's three files as CSV text (UTF-8, `\n` line ends).

use super::decisions::{Outcome, Verdict};
use super::departments::Dept;
use super::indicators::IndRow;
use super::lastyear::{LastYear, reasons_of};
use super::projects::Project;
use super::{DECISIONS_HEADER, DemoFiles, INDICATORS_HEADER, PROJECTS_HEADER};

pub(super) fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv_writer_sized(0)
}

/// A writer into memory; `rows` sizes the buffer.
fn csv_writer_sized(rows: usize) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_writer(Vec::with_capacity(rows * 96))
}

pub(super) fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("flush to memory");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

fn projects_csv(
    depts: &[Dept],
    projects: &[Project],
    inds: &[Vec<IndRow>],
    last: &[LastYear],
) -> String {
    let mut w = csv_writer_sized(projects.len() * 2);
    w.write_record(PROJECTS_HEADER).expect("write to memory");
    for ((p, rows), y) in projects.iter().zip(inds).zip(last) {
        let d = &depts[p.dept];
        let goal = super::goal::annual_goal(
            rows.iter()
                .map(|r| (r.level1, r.name, r.target.as_ref(), r.unit)),
        );
        let (budget, spent) = y.figures.map_or((String::new(), String::new()), |(b, s)| {
            (b.wan_string(), s.wan_string())
        });
        w.write_record([
            p.code.as_str(),
            d.name.as_str(),
            d.section,
            p.name.as_str(),
            p.tpl.budget.zh(),
            &p.requested.wan_string(),
            y.novelty.zh(),
            &budget,
            &spent,
            &goal,
        ])
        .expect("write to memory");
    }
    finish(w)
}

fn indicators_csv(projects: &[Project], inds: &[Vec<IndRow>]) -> String {
    let mut w = csv_writer_sized(projects.len() * 4);
    w.write_record(INDICATORS_HEADER).expect("write to memory");
    for (p, rows) in projects.iter().zip(inds) {
        for r in rows {
            w.write_record([
                p.code.as_str(),
                r.level1,
                r.level2,
                r.name,
                &r.target,
                r.unit,
            ])
            .expect("write to memory");
        }
    }
    finish(w)
}

fn decisions_csv(projects: &[Project], verdicts: &[Verdict]) -> String {
    let mut w = csv_writer_sized(projects.len() * 2);
    w.write_record(DECISIONS_HEADER).expect("write to memory");
    for (p, v) in projects.iter().zip(verdicts) {
        let code = p.code.as_str();
        let reasons = reasons_of(v);
        match v.outcome {
            Outcome::Approve => w.write_record([code, "通过", "", &v.comment, ""]),
            Outcome::Cut(a) => {
                w.write_record([code, "审减", &a.wan_string(), &v.comment, &reasons])
            }
            Outcome::Cancel => w.write_record([code, "取消", "", &v.comment, &reasons]),
            Outcome::None => Ok(()),
        }
        .expect("write to memory");
        if let Some(reason) = &v.adjust {
            w.write_record([code, "调整", "", reason.as_str(), ""])
                .expect("write to memory");
        }
    }
    finish(w)
}

/// The files of a drawn meeting.
pub(super) fn drawn_files(
    title: &'static str,
    depts: &[Dept],
    projects: &[Project],
    inds: &[Vec<IndRow>],
    verdicts: &[Verdict],
    last: &[LastYear],
) -> DemoFiles {
    DemoFiles {
        title,
        projects_csv: projects_csv(depts, projects, inds, last),
        indicators_csv: indicators_csv(projects, inds),
        decisions_csv: decisions_csv(projects, verdicts),
    }
}
