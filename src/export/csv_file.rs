//! The results table as CSV: the 审核结果 sheet's columns, one row per
//! project, no totals row (a sum belongs to whoever opens it), amounts as
//! exact 万元 decimals. UTF-8 with a byte order mark so Excel reads the
//! Chinese, or GBK for older Excel. Reads back into `huishen import` as a
//! submission: the first six headers are the importer's, the rest it ignores.
//! A cell that starts like a formula is guarded with `'` (the import takes
//! it off again); invisible format characters are left out and look-alike
//! spaces written as spaces, as the import reads them (a comment typed or
//! pasted on the screen may hold one, and GBK has none of them), so a
//! table goes back in as it came out, in GBK as in UTF-8. A character GBK has not (an emoji, a rare character) refuses a
//! GBK export, naming the project, the column and the character.

use encoding_rs::GBK;

use crate::import::plain;

use super::{Cell, Encoding, Error, MeetingData, guard_formula, result_headers};

const BOM: &str = "\u{feff}";

pub(super) fn table(data: &MeetingData, encoding: Encoding) -> Result<Vec<u8>, Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let headers = result_headers(data.stage);
    w.write_record(&headers).map_err(Error::Csv)?;
    for line in &data.projects {
        let cells: Vec<String> = line
            .cells(data.stage)
            .into_iter()
            .map(|c| match c {
                Cell::Text(s) => guard_formula(&plain(&s)).into_owned(),
                Cell::Money(m) => m.wan_string(),
                Cell::Rate(r) => format!("{r}%"),
                Cell::Blank => String::new(),
            })
            .collect();
        if encoding == Encoding::Gbk {
            check_gbk(&line.row.code, &cells, &headers)?;
        }
        w.write_record(&cells).map_err(Error::Csv)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| Error::Csv(e.into_error().into()))?;
    // Written from strings, so always UTF-8; said as the CSV writer's error
    // all the same.
    let text = String::from_utf8(body)
        .map_err(|e| Error::Csv(std::io::Error::new(std::io::ErrorKind::InvalidData, e).into()))?;
    Ok(match encoding {
        Encoding::Utf8 => format!("{BOM}{text}").into_bytes(),
        Encoding::Gbk => {
            let (bytes, _, unmappable) = GBK.encode(&text);
            if unmappable {
                // The cells were checked one by one; only the headers remain.
                return Err(Error::HeaderNotGbk);
            }
            bytes.into_owned()
        }
    })
}

/// Names the project, column and character GBK cannot represent.
fn check_gbk(code: &str, cells: &[String], headers: &[&'static str]) -> Result<(), Error> {
    for (cell, header) in cells.iter().zip(headers) {
        if !GBK.encode(cell).2 {
            continue;
        }
        let mut buf = [0u8; 4];
        let bad = cell
            .chars()
            .find(|c| GBK.encode(c.encode_utf8(&mut buf)).2)
            .unwrap_or('\u{fffd}');
        return Err(Error::NotGbk {
            code: code.to_string(),
            column: header,
            found: bad,
        });
    }
    Ok(())
}
