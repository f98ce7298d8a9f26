//! The import's tests, by area: reading files into rows (`files`), finding
//! the table and its columns (`headers`), reading cells (`cells`), a
//! submission's projects and indicators (`submission`), and decision
//! batches (`batch`). The helpers they share are here.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook};
use tempfile::TempDir;

use super::cell::is_scientific;
use super::indicators::{INDICATOR_SPECS, PARALLEL_ROWS, read_indicator_rows, read_indicators};
use super::locate::{Mapped, read_header};
use super::problems::MAX_PROBLEMS;
use super::projects::Codes;
use super::table::{self, Cell};
use super::*;
use crate::domain::budget::BudgetType;
use crate::domain::decision::{CommandWord, CutInput};
use crate::domain::money::{Money, Unit, parse_amount};
use crate::words::{Lang, Say};

mod batch;
mod cells;
mod files;
mod headers;
mod submission;

const PROJECTS: &str = "\
项目编码,部门,项目名称,预算类型,申报金额（万元）,业务股室
P001,教育局,校舍改造,一般公共预算,1234.5,教科文股
1001,卫健委,\"疫苗接种, 二期\",政府性基金预算,80,社保股
P003,交通局,道路养护,国有资本经营预算,0.25,
";

const INDICATORS: &str = "\
项目编码,一级指标,二级指标,三级指标,指标值,计量单位
P001,产出指标,数量指标,改造校舍面积,≥3000,平方米
1001,效益指标,社会效益,接种率,≥95%,%
P001,满意度指标,服务对象满意度,师生满意度,≥90%,
";

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (rows, problems) = table::parse_delimited(text, "t");
    assert!(problems.is_empty(), "{problems:?}");
    // Back to a dense grid, for writing workbooks.
    rows.iter()
        .map(|r| {
            let width = r.cells.last().map_or(0, |(c, _)| c + 1);
            (0..width)
                .map(|c| match r.get(c) {
                    Some(Cell::Text(t)) => t.to_string(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

/// Writes sheets to an xlsx; numeric-looking cells become numbers.
fn xlsx(path: &Path, sheets: &[(&str, &str)], first_row: u32) {
    let mut wb = Workbook::new();
    for (name, text) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in csv_rows(text).iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (first_row + r as u32, c as u16);
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<f64>() {
                    Ok(f) => ws.write_number(r, c, f).unwrap(),
                    Err(_) => ws.write_string(r, c, cell).unwrap(),
                };
            }
        }
    }
    wb.save(path).unwrap();
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

fn wan(s: &str) -> Money {
    parse_amount(s, Unit::Wan).unwrap()
}

fn has(problems: &[Problem], file: &str, row: Option<usize>, col: Option<&str>, text: &str) {
    assert!(
        problems.iter().any(|p| p.file == file
            && p.row == row
            && p.column.as_deref() == col
            && p.kind.say(Lang::En).contains(text)),
        "no problem {file} {row:?} {col:?} {text:?} in:\n{}",
        problems
            .iter()
            .map(|p| format!("  {} [{:?}]", p.say(Lang::En), p.column))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// A sheet of delimited rows, numeric-looking cells as numbers.
fn csv_sheet(wb: &mut Workbook, name: &str, text: &str) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in csv_rows(text).iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(f) => ws.write_number(r as u32, c as u16, f).unwrap(),
                Err(_) => ws.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
}

/// A workbook of one sheet, `Sheet1`, holding `rows` (the XML inside
/// `<sheetData>`), zipped without compression: for what no library writes.
fn raw_xlsx(dir: &TempDir, name: &str, rows: &str) -> PathBuf {
    raw_xlsx_with(dir, name, rows, "")
}

/// The same, with `after` (such as `<mergeCells>`) after the sheet's data.
fn raw_xlsx_with(dir: &TempDir, name: &str, rows: &str, after: &str) -> PathBuf {
    const NS: &str = "http://schemas.openxmlformats.org";
    let files = [
        (
            "[Content_Types].xml",
            format!(
                "<Types xmlns=\"{NS}/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
                 </Types>"
            ),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"{NS}/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{NS}/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
                 </Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"{NS}/spreadsheetml/2006/main\" xmlns:r=\"{NS}/officeDocument/2006/relationships\">\
                 <sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<Relationships xmlns=\"{NS}/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{NS}/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
                 </Relationships>"
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<worksheet xmlns=\"{NS}/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData>{after}</worksheet>"
            ),
        ),
    ];
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut zip = Vec::new();
    let mut central = Vec::new();
    for (name, text) in &files {
        let (crc, len, offset) = (crc32(text.as_bytes()), text.len() as u32, zip.len() as u32);
        // version 20, no flags, stored, no time: then crc and sizes.
        let common = |out: &mut Vec<u8>| {
            for v in [20u16, 0, 0, 0, 0] {
                out.extend(v.to_le_bytes());
            }
            for v in [crc, len, len] {
                out.extend(v.to_le_bytes());
            }
            out.extend((name.len() as u16).to_le_bytes());
            out.extend(0u16.to_le_bytes());
        };
        zip.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut zip);
        zip.extend(name.as_bytes());
        zip.extend(text.as_bytes());
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        for v in [0u16, 0, 0] {
            central.extend(v.to_le_bytes());
        }
        central.extend(0u32.to_le_bytes());
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let at = zip.len() as u32;
    zip.extend(&central);
    zip.extend(0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, files.len() as u16, files.len() as u16] {
        zip.extend(v.to_le_bytes());
    }
    zip.extend((central.len() as u32).to_le_bytes());
    zip.extend(at.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    write(dir, name, zip)
}
