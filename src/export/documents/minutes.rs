//! 会议纪要 (placeholder until the minutes are written).

use rust_xlsxwriter::XlsxError;

use super::DocData;

pub struct Minutes;

impl Minutes {
    pub fn of(_data: &DocData, _attendees: &[String]) -> Minutes {
        Minutes
    }
}

pub fn workbook(_data: &DocData, _m: &Minutes) -> Result<Vec<u8>, XlsxError> {
    rust_xlsxwriter::Workbook::new().save_to_buffer()
}

pub fn markdown(_data: &DocData, _m: &Minutes) -> String {
    String::new()
}
