//! The limits of what an import reads (issue 19, items 1, 4 and 6), through
//! the binary: a hostile workbook is refused within bounded memory, naming
//! the file and the limit; a 合计 line is read up to a meeting's limit, not
//! one project's; a file or meeting past that limit is refused in words,
//! and a refused import leaves no file it created behind.
//!
//! The hostile workbooks are made here, never committed: a deflate block of
//! blanks written once and repeated, so a gibibyte of XML takes a megabyte
//! and no time to write.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use flate2::{Compress, Compression, FlushCompress};

const NS: &str = "http://schemas.openxmlformats.org";

/// A zip of `parts` (name, raw deflate data, unpacked size, CRC), written
/// by hand. A huge part's CRC is left 0: computing it would take longer
/// than the rest of the test, and it is refused before it is read to its
/// end, where the CRC is checked.
fn zip(path: &Path, parts: &[(&str, Vec<u8>, u64, u32)]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, size, crc) in parts {
        let offset = out.len() as u32;
        let size = u32::try_from(*size).unwrap_or(u32::MAX);
        let head = |o: &mut Vec<u8>| {
            for v in [20u16, 0, 8, 0, 0] {
                o.extend(v.to_le_bytes());
            }
            for v in [*crc, data.len() as u32, size] {
                o.extend(v.to_le_bytes());
            }
            o.extend((name.len() as u16).to_le_bytes());
            o.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        head(&mut out);
        out.extend(name.as_bytes());
        out.extend(data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        head(&mut central);
        for v in [0u16, 0, 0] {
            central.extend(v.to_le_bytes());
        }
        central.extend(0u32.to_le_bytes());
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, parts.len() as u16, parts.len() as u16] {
        out.extend(v.to_le_bytes());
    }
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// Raw deflate of `head`, then `chunk` `times` over, then `tail`: the
/// chunk is compressed once, flushed to a byte boundary, and its bytes
/// repeated (they refer back only within themselves).
fn deflate(head: &[u8], chunk: &[u8], times: usize, tail: &[u8]) -> (Vec<u8>, u64) {
    let block = |data: &[u8]| {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(data.len() / 100 + 1024);
        c.compress_vec(data, &mut out, FlushCompress::Sync).unwrap();
        while c.total_in() < data.len() as u64 {
            out.reserve(1 << 16);
            let done = c.total_in() as usize;
            c.compress_vec(&data[done..], &mut out, FlushCompress::Sync)
                .unwrap();
        }
        out
    };
    let mut out = block(head);
    let once = block(chunk);
    for _ in 0..times {
        out.extend(&once);
    }
    out.extend(block(tail));
    // An empty final block.
    out.extend([0x03, 0x00]);
    let size = (head.len() + chunk.len() * times + tail.len()) as u64;
    (out, size)
}

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

/// A small part, packed, with its CRC.
fn packed(name: &'static str, text: &str) -> (&'static str, Vec<u8>, u64, u32) {
    let (data, size) = deflate(text.as_bytes(), b"", 0, b"");
    (name, data, size, crc32(text.as_bytes()))
}

/// A workbook of one sheet whose XML is `head`, `chunk` × `times`, `tail`.
fn workbook(
    path: &Path,
    head: &str,
    chunk: &[u8],
    times: usize,
    tail: &str,
    more: Vec<(&'static str, Vec<u8>, u64, u32)>,
) {
    let types = format!(
        "<Types xmlns=\"{NS}/package/2006/content-types\"><Default Extension=\"rels\" \
         ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default \
         Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
    );
    let rels = format!(
        "<Relationships xmlns=\"{NS}/package/2006/relationships\"><Relationship Id=\"rId1\" \
         Type=\"{NS}/officeDocument/2006/relationships/officeDocument\" \
         Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let book = format!(
        "<workbook xmlns=\"{NS}/spreadsheetml/2006/main\" xmlns:r=\"{NS}/officeDocument/2006/\
         relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>\
         </workbook>"
    );
    let book_rels = format!(
        "<Relationships xmlns=\"{NS}/package/2006/relationships\"><Relationship Id=\"rId1\" \
         Type=\"{NS}/officeDocument/2006/relationships/worksheet\" \
         Target=\"worksheets/sheet1.xml\"/></Relationships>"
    );
    let (sheet, size) = deflate(head.as_bytes(), chunk, times, tail.as_bytes());
    let crc = if size < 1 << 20 {
        let mut all = head.as_bytes().to_vec();
        for _ in 0..times {
            all.extend(chunk);
        }
        all.extend(tail.as_bytes());
        crc32(&all)
    } else {
        0
    };
    let mut all = vec![
        packed("[Content_Types].xml", &types),
        packed("_rels/.rels", &rels),
        packed("xl/workbook.xml", &book),
        packed("xl/_rels/workbook.xml.rels", &book_rels),
        ("xl/worksheets/sheet1.xml", sheet, size, crc),
    ];
    all.extend(more);
    zip(path, &all);
}

fn sheet_head() -> String {
    format!(
        "<worksheet xmlns=\"{NS}/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" \
         t=\"inlineStr\"><is><t>项目编码</t></is></c></row>"
    )
}

const SHEET_TAIL: &str = "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>P1</t></is></c></row>\
                          </sheetData></worksheet>";

/// `huishen import FILE --db DB` in `lang`, its address space capped at
/// `cap` bytes when `prlimit` is there to cap it: a reader that collected
/// the blanks would be stopped by the cap.
fn import_capped(file: &Path, db: &Path, lang: &str, cap: u64) -> std::process::Output {
    let prlimit = Path::new("/usr/bin/prlimit");
    let mut cmd = if prlimit.exists() {
        let mut c = Command::new(prlimit);
        c.arg(format!("--as={cap}")).arg(bin());
        c
    } else {
        Command::new(bin())
    };
    cmd.args(["import", s(file), "--db", s(db)])
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("USER", "tester")
        .output()
        .unwrap()
}

/// The file: a megabyte that unpacks to a gibibyte of blanks
/// between two rows (one text node to a reader). Refused, naming the file,
/// the part and the limit, in both languages, within 512 MB of address
/// space — the reader that collected the blanks needed a gigabyte.
#[test]
fn a_workbook_of_blanks_is_refused_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("blanks.xlsx");
    workbook(
        &book,
        &sheet_head(),
        &vec![b' '; 1 << 20],
        1024,
        SHEET_TAIL,
        Vec::new(),
    );
    assert!(std::fs::metadata(&book).unwrap().len() < 8 << 20);
    let db = dir.path().join("m.db");
    for (lang, want) in [
        (
            "C.UTF-8",
            "blanks.xlsx: the workbook's xl/worksheets/sheet1.xml holds a run of more than 1024 KiB",
        ),
        (
            "zh_CN.UTF-8",
            "blanks.xlsx：工作簿的 xl/worksheets/sheet1.xml 中有一段超过 1024 KiB 的连续内容",
        ),
    ] {
        let out = import_capped(&book, &db, lang, 512 << 20);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(want), "{err}");
        assert!(!db.exists(), "no meeting file is left behind");
    }
}

/// The shared strings are held whole by the reader: past 64 MiB unpacked
/// the workbook is refused before it is read.
#[test]
fn shared_strings_past_their_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("strings.xlsx");
    // A shared strings part of 65 MiB of short strings.
    let (sst, size) = deflate(
        format!("<sst xmlns=\"{NS}/spreadsheetml/2006/main\">").as_bytes(),
        &b"<si><t>x</t></si>".repeat(1 << 12),
        65 * 1024 * 1024 / (17 << 12) + 1,
        b"</sst>",
    );
    workbook(
        &book,
        &sheet_head(),
        b"",
        0,
        SHEET_TAIL,
        vec![("xl/sharedStrings.xml", sst, size, 0)],
    );
    let err = fails(&["import", s(&book), "--db", s(&dir.path().join("m.db"))]);
    assert!(
        err.contains(
            "strings.xlsx: the workbook unpacks to more than 64 MiB (passed in xl/sharedStrings.xml)"
        ),
        "{err}"
    );
}

/// More cells than a sheet may hold, in a CSV: refused naming the file,
/// the row it stopped at and the limit.
#[test]
fn a_file_of_millions_of_cells_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = std::fs::File::create(dir.path().join("cells.csv")).unwrap();
    writeln!(f, "{PROJECTS_HEADER}").unwrap();
    let line = format!("{}\n", vec!["1"; 100].join(","));
    for _ in 0..30_001 {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);
    let file = dir.path().join("cells.csv");
    let err = fails(&["import", s(&file), "--db", s(&dir.path().join("m.db"))]);
    assert!(
        err.contains("cells.csv: row 30001: more than 3,000,000 cells"),
        "{err}"
    );
}

fn projects(amounts: &[&str], total: Option<&str>) -> String {
    let mut text = format!("{PROJECTS_HEADER}\n");
    for (i, a) in amounts.iter().enumerate() {
        text += &format!("P{i},市财政局,项目{i},一般公共预算,{a}\n");
    }
    if let Some(t) = total {
        text += &format!("合计,,,,{t}\n");
    }
    text
}

/// Two projects of 600,000,000 万元 with their correct total import; the
/// meeting's own workbook imports again; a project past the limit of one is
/// refused saying the limit, in both languages.
#[test]
fn a_total_line_is_held_to_a_meetings_limit_not_a_projects() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = write(
        d,
        "big.csv",
        projects(&["600000000", "600000000"], Some("1200000000")),
    );
    let db = d.join("m.db");
    ok(&["import", s(&file), "--db", s(&db)]);
    assert_eq!(tally_json(&db)["requested"], "1200000000.00");
    let book = d.join("m.xlsx");
    ok(&["export", "--db", s(&db), "--out", s(&book)]);
    ok(&["import", s(&book), "--db", s(&d.join("again.db"))]);

    let over = write(d, "over.csv", projects(&["1000000001"], None));
    let err = fails(&["import", s(&over), "--db", s(&d.join("x.db"))]);
    assert!(
        err.contains(
            "bad amount \"1000000001\": the amount is too large: at most 1,000,000,000 万元 \
             (the limit of one project's amount)"
        ),
        "{err}"
    );
    let out = command(&["import", s(&over), "--db", s(&d.join("x.db"))])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("金额过大：最多 1,000,000,000 万元（单个项目金额的上限）"),
        "{err}"
    );
}

/// 9,300 projects at the limit of one: more than a meeting may hold. The
/// refusal names the file and the limit, in words (not SQLite's "integer
/// overflow"), and the meeting file the import would have made is not
/// there. A second file that would take a meeting past it is refused too.
#[test]
fn overflow_is_a_refusal_in_words_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let amounts = vec!["1000000000"; 9_300];
    let file = write(d, "many.csv", projects(&amounts, None));
    let db = d.join("m.db");
    for (lang, want) in [
        (
            "C.UTF-8",
            "many.csv, column 申报金额（万元） (E): the 9300 projects of this file request \
             9,300,000,000,000 万元 in all, more than a meeting may hold (100,000,000,000 万元)",
        ),
        (
            "zh_CN.UTF-8",
            "many.csv 申报金额（万元） (E) 列：本文件 9300 个项目的申报金额合计 9,300,000,000,000 万元，\
             超过一次会审的上限 100,000,000,000 万元",
        ),
    ] {
        let out = command(&["import", s(&file), "--db", s(&db)])
            .env("LANG", lang)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains(want), "{err}");
        assert!(!err.contains("overflow"), "{err}");
        assert!(!db.exists());
    }

    // Two files each within the limit, together past it: the second is
    // refused by the meeting, which keeps what it had.
    let half = vec!["1000000000"; 60];
    ok(&[
        "import",
        s(&write(d, "a.csv", projects(&half, None))),
        "--db",
        s(&db),
    ]);
    let more: Vec<String> = (0..60).map(|_| "1000000000".to_string()).collect();
    let text =
        projects(&more.iter().map(String::as_str).collect::<Vec<_>>(), None).replace("P", "Q");
    let err = fails(&["import", s(&write(d, "b.csv", text)), "--db", s(&db)]);
    assert!(
        err.contains(
            "b.csv: the meeting's projects request 60,000,000,000.00 万元 already; this file's \
             60,000,000,000.00 万元 more would pass the limit of a meeting, 100,000,000,000 万元"
        ),
        "{err}"
    );
    assert_eq!(tally_json(&db)["projects"], 60);
}

/// A refused import removes the meeting file it created, with its -wal
/// and -shm, and nothing else: a meeting that was there stays as it was.
#[test]
fn a_refused_import_removes_only_what_it_created() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("m.db");
    let file = write(d, "p.csv", projects(&["10"], None));
    ok(&["import", s(&file), "--db", s(&db)]);
    // Refused by the meeting (the project is there already): the meeting
    // this command did not create stays.
    let before = common::db::dump(&db);
    fails(&["import", s(&file), "--db", s(&db)]);
    assert_eq!(common::db::dump(&db), before);

    // A new meeting whose bulk insert fails after the file was made (a
    // folder stands where SQLite writes its journal): nothing of it stays.
    let fresh = d.join("fresh.db");
    let side = |suffix: &str| -> PathBuf {
        let mut p = fresh.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    std::fs::create_dir(side("-journal")).unwrap();
    fails(&["import", s(&file), "--db", s(&fresh)]);
    for gone in [fresh.clone(), side("-wal"), side("-shm")] {
        assert!(!gone.exists(), "{} is left behind", gone.display());
    }
    assert!(side("-journal").is_dir(), "what was there stays");
}
