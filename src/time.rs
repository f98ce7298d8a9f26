//! Times as people read them. The store keeps every moment as SQLite's UTC
//! text (`2024-03-05T06:30:00.000Z`); the screen, the exports and the
//! detail pane show it in local time (`TZ`, else the system's zone) with
//! [`local`] or [`local_minutes`].
//!
//! The text is read as SQLite's date functions read it, so a time shows as
//! `strftime(…, at, 'localtime')` showed it when the store formatted times:
//! the same for every time the program writes, and the same for odd text in
//! a hand-edited file (a day 30 of February is 1 March; text that is no time
//! at all is shown as written).

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, civil};

/// `at` in local time to the second, `2024-03-05 14:30:00`.
pub fn local(at: &str) -> String {
    match read(at).and_then(local_time) {
        Some([y, mo, d, h, mi, s]) => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
        None => at.to_string(),
    }
}

/// `at` in local time to the minute, `2024-03-05 14:30`, as a meeting
/// record prints it.
pub fn local_minutes(at: &str) -> String {
    match read(at).and_then(local_time) {
        Some([y, mo, d, h, mi, _]) => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}"),
        None => at.to_string(),
    }
}

/// A moment in seconds since the epoch as the local time of day, `14:30`:
/// the board's pace chart.
pub fn local_clock(secs: i64) -> String {
    let v = Value {
        julian_ms: secs
            .saturating_mul(1000)
            .saturating_add(UNIX_EPOCH_JULIAN_MS),
        written: None,
    };
    match local_time(v) {
        Some([_, _, _, h, mi, _]) => format!("{h:02}:{mi:02}"),
        None => "--:--".to_string(),
    }
}

/// The local zone, read once: from the zone file `TZ` names or
/// `/etc/localtime`, directly. `TimeZone::system()` would first list the
/// whole zone database (a walk of /usr/share/zoneinfo, 1–2 ms) to match
/// names without regard to case; a first frame cannot wait for that. A
/// `TZ` that is no zone file's name (a POSIX rule, `:name`) goes to jiff.
fn zone() -> &'static TimeZone {
    static ZONE: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        let file = match std::env::var_os("TZ") {
            None => Some(std::path::PathBuf::from("/etc/localtime")),
            Some(tz) => {
                let name = tz.to_string_lossy().into_owned();
                let plain = !name.is_empty()
                    && !name.starts_with(['/', ':', '.'])
                    && !name.contains("..")
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c));
                plain.then(|| std::path::Path::new("/usr/share/zoneinfo").join(&name))
            }
        };
        file.and_then(|f| std::fs::read(f).ok())
            .and_then(|data| TimeZone::tzif("Local", &data).ok())
            .unwrap_or_else(TimeZone::system)
    })
}

/// A time value as SQLite holds it once read: the moment, as a Julian day
/// in ms, and the date and time of day as written (year, month, day, ms into
/// the day) unless an offset moved them. SQLite keeps those as they are: a
/// 29 February 1900 stays one.
struct Value {
    julian_ms: i64,
    written: Option<(i64, i64, i64, i64)>,
}

/// The local date and time, to the second, as SQLite's `localtime` finds
/// it: a moment outside 1970–2037 takes the offset of the same day in a
/// year like its own (2000 to 2003), as the C library it asks can only
/// answer for those years. `None` outside SQLite's range of days.
fn local_time(v: Value) -> Option<[i64; 6]> {
    let ms = v.julian_ms - UNIX_EPOCH_JULIAN_MS;
    let (ms, shift) = if (0..=2_147_385_600_000).contains(&ms) {
        (ms, 0)
    } else {
        let (y, m, d, t) = match v.written {
            Some(w) => w,
            None => {
                // Past 9999-12-30 for a timestamp; a civil time reaches
                // the end of the year.
                let utc = civil::date(1970, 1, 1)
                    .at(0, 0, 0, 0)
                    .checked_add(SignedDuration::from_millis(ms))
                    .ok()?;
                let into_day = utc.time().duration_since(civil::Time::midnight());
                let [y, m, d] = [utc.year(), utc.month().into(), utc.day().into()].map(i64::from);
                (y, m, d, into_day.as_millis() as i64)
            }
        };
        let shift = 2000 + y % 4 - y;
        let like = julian_day_ms(y + shift, m, d) + t - UNIX_EPOCH_JULIAN_MS;
        (like, shift)
    };
    let local = Timestamp::from_millisecond(ms)
        .ok()?
        .to_zoned_datetime(zone().clone())
        .datetime();
    let y = i64::from(local.year()) - shift;
    let [mo, d, h, mi, s] = [
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second(),
    ]
    .map(i64::from);
    let julian_ms = julian_day_ms(y, mo, d) + ((h * 60 + mi) * 60 + s) * 1000;
    ((-4713..=9999).contains(&y) && (0..=MAX_JULIAN_MS).contains(&julian_ms))
        .then_some([y, mo, d, h, mi, s])
}

/// `at` read as SQLite reads a time value (sqlite.org/lang_datefunc.html):
/// `YYYY-MM-DD`, then after spaces or `T` optionally `HH:MM`, `:SS`,
/// `.fff…` and a zone (`Z`, `±HH:MM`); a bare `HH:MM…` (on 2000-01-01); or
/// a Julian day number. Without a zone it is UTC. A number or year SQLite
/// reads but cannot place is, as there, 2000-01-01 00:00. `None` for
/// anything else, and for `now`, which is no stored moment.
fn read(at: &str) -> Option<Value> {
    const DAY: i64 = 86_400_000;
    let y2k = Value {
        julian_ms: julian_day_ms(2000, 1, 1),
        written: None,
    };
    if let Some((sign, mut y, mut m, mut d, mut s)) = date(at.as_bytes()) {
        skip(&mut s, |c| space(c) || c == b'T');
        let (mut t, zone) = if s.is_empty() { (0, 0) } else { time(&mut s)? };
        if t == DAY {
            // 24:00, the next day's midnight, moves the date on (a year
            // before 0 away from 0, as SQLite moves it).
            t = 0;
            d += 1;
            let last = days_in_month(y, m);
            if d > last {
                (d, m) = (d - last, m + 1);
                if m > 12 {
                    (m, y) = (1, y + 1);
                }
            }
        }
        let y = sign * y;
        let julian_ms = julian_day_ms(y, m, d) + t - zone * 60_000;
        return Some(if !(-4713..=9999).contains(&y) {
            y2k
        } else if zone == 0 {
            Value {
                julian_ms,
                written: Some((y, m, d, t)),
            }
        } else if (0..=MAX_JULIAN_MS).contains(&julian_ms) {
            Value {
                julian_ms,
                written: None,
            }
        } else {
            // An offset that takes the moment out of range: SQLite has by
            // then only the moment, which it cannot place, and reads the
            // start of year 0.
            Value {
                julian_ms: julian_day_ms(0, 1, 1),
                written: None,
            }
        });
    }
    if let Some((t, zone)) = time(&mut at.as_bytes()) {
        return Some(Value {
            julian_ms: y2k.julian_ms + t - zone * 60_000,
            written: None,
        });
    }
    Some(match number(at)? {
        r if (0.0..5_373_484.5).contains(&r) => Value {
            julian_ms: (r * 86_400_000.0 + 0.5) as i64,
            written: None,
        },
        _ => y2k,
    })
}

/// 9999-12-31 23:59:59.999 as a Julian day in ms.
const MAX_JULIAN_MS: i64 = 464_269_060_799_999;

/// 1970-01-01 00:00 UTC as a Julian day in ms.
const UNIX_EPOCH_JULIAN_MS: i64 = 210_866_760_000_000;

/// A number as SQLite reads one: spaces around, `[+-]digits[.digits][e[+-]digits]`
/// or `[+-].digits…`.
fn number(at: &str) -> Option<f64> {
    let t = at.trim_matches(|c: char| c.is_ascii() && space(c as u8));
    let mut s = t.as_bytes();
    let _ = eat(&mut s, b'+') || eat(&mut s, b'-');
    let whole = s.iter().take_while(|c| c.is_ascii_digit()).count();
    s = &s[whole..];
    let mut fraction = 0;
    if eat(&mut s, b'.') {
        fraction = s.iter().take_while(|c| c.is_ascii_digit()).count();
        s = &s[fraction..];
    }
    if whole + fraction == 0 {
        return None;
    }
    if eat(&mut s, b'e') || eat(&mut s, b'E') {
        let _ = eat(&mut s, b'+') || eat(&mut s, b'-');
        let exponent = s.iter().take_while(|c| c.is_ascii_digit()).count();
        if exponent == 0 {
            return None;
        }
        s = &s[exponent..];
    }
    if !s.is_empty() {
        return None;
    }
    t.parse().ok()
}

/// `[-]YYYY-MM-DD`, each part in SQLite's range (a day up to 31 in any
/// month): the year's sign and the year, month and day; and the text after
/// it.
fn date(mut s: &[u8]) -> Option<(i64, i64, i64, i64, &[u8])> {
    let sign = if eat(&mut s, b'-') { -1 } else { 1 };
    let y = digits(&mut s, 4, 0, 9999)?;
    eat(&mut s, b'-').then_some(())?;
    let m = digits(&mut s, 2, 1, 12)?;
    eat(&mut s, b'-').then_some(())?;
    let d = digits(&mut s, 2, 1, 31)?;
    Some((sign, y, m, d, s))
}

/// `HH:MM[:SS[.fff…]]` and an optional zone, to the end of the text: the
/// milliseconds from midnight, and the zone's offset in minutes.
fn time(s: &mut &[u8]) -> Option<(i64, i64)> {
    let h = digits(s, 2, 0, 24)?;
    eat(s, b':').then_some(())?;
    let m = digits(s, 2, 0, 59)?;
    let mut sec = 0.0;
    if eat(s, b':') {
        sec = digits(s, 2, 0, 59)? as f64;
        if s.first() == Some(&b'.') && s.get(1).is_some_and(u8::is_ascii_digit) {
            *s = &s[1..];
            let (mut frac, mut scale) = (0.0, 1.0);
            while let Some(&c @ b'0'..=b'9') = s.first() {
                frac = frac * 10.0 + f64::from(c - b'0');
                scale *= 10.0;
                *s = &s[1..];
            }
            sec += (frac / scale).min(0.999);
        }
    }
    // 24:00 is the next day's midnight; no later.
    if h == 24 && (m != 0 || sec != 0.0) {
        return None;
    }
    skip(s, space);
    let mut zone = 0;
    if !eat(s, b'Z') && !eat(s, b'z') {
        let sign = match s.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => 0,
        };
        if sign != 0 {
            *s = &s[1..];
            let zh = digits(s, 2, 0, 14)?;
            eat(s, b':').then_some(())?;
            zone = sign * (zh * 60 + digits(s, 2, 0, 59)?);
        }
    }
    skip(s, space);
    let ms = h * 3_600_000 + m * 60_000 + (sec * 1000.0 + 0.5) as i64;
    s.is_empty().then_some((ms, zone))
}

/// The Julian day of a date in ms, by SQLite's arithmetic (which carries a
/// day past the month's end into the next).
fn julian_day_ms(y: i64, m: i64, d: i64) -> i64 {
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    let a = (y + 4800) / 100;
    let b = 38 - a + a / 4;
    let x1 = 36525 * (y + 4716) / 100;
    let x2 = 306_001 * (m + 1) / 10_000;
    (((x1 + x2 + d + b) as f64 - 1524.5) * 86_400_000.0) as i64
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(s: &mut &[u8], n: usize, min: i64, max: i64) -> Option<i64> {
    let d = s.get(..n).filter(|d| d.iter().all(u8::is_ascii_digit))?;
    let v = d.iter().fold(0, |v, c| v * 10 + i64::from(c - b'0'));
    *s = &s[n..];
    (min..=max).contains(&v).then_some(v)
}

fn eat(s: &mut &[u8], c: u8) -> bool {
    let here = s.first() == Some(&c);
    if here {
        *s = &s[1..];
    }
    here
}

fn skip(s: &mut &[u8], f: impl Fn(u8) -> bool) {
    while s.first().is_some_and(|&c| f(c)) {
        *s = &s[1..];
    }
}

/// A space as SQLite's date functions skip one.
fn space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What SQLite's `strftime(format, at, 'localtime')` says, the way the
    /// store said it before: the same text in every case, whatever this
    /// machine's zone (the suite is also run with `TZ` set).
    fn sqlite(format: &str, at: &str) -> String {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.query_row(
            "SELECT coalesce(strftime(?1, ?2, 'localtime'), ?2)",
            [format, at],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn local_time_as_sqlite_says_it() {
        for at in [
            // What the program writes.
            "2024-01-01T00:00:00.000Z",
            "2026-07-15T23:59:59.999Z",
            "2021-12-31T16:00:00.000Z",
            // What a hand-edited file may hold.
            "2021-03-05T06:30:00Z",
            "2021-03-05 06:30:00",
            "2021-03-05T06:30",
            "2021-03-05",
            "2021-03-05T06:30:00+08:00",
            "2021-03-05T06:30:00 -05:30 ",
            "2024-01-01 10:00:00 Z",
            "2024-01-01T10:00:59.9999Z",
            "2024-01-01T10:00:00.123456789Z",
            "2024-02-30T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "12:30",
            "2460000.5",
            " 2460000.5 ",
            "2024-01-01t10:00Z",
            "2024-01-01T10:00:00+0800",
            "2024-01-01T10",
            "+002024-01-01T10:00Z",
            "2024-01-01T10:00:00[Asia/Shanghai]",
            "2024\u{1b}]0;x\u{7}-05-01T08:00:00.000Z",
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59-05:00",
            "0000-01-01T00:00+05:00",
            "1969-12-31T23:59:59.999Z",
            "2038-01-19T03:14:08Z",
            "2100-06-01T12:00:00Z",
            "2000-02-29",
            "0000-01-01",
            "1e3",
            "-1.5e3",
            " .5 ",
            "1e",
            "inf",
            "24:00",
            "2024-01-31T24:00:00",
            "2024-01-01T24:00:01",
            "-0044-03-15T12:00Z",
            "-4713-11-24T11:00Z",
            "-4714-01-01",
            "not a time",
            "",
        ] {
            assert_eq!(local(at), sqlite("%Y-%m-%d %H:%M:%S", at), "{at:?}");
            assert_eq!(local_minutes(at), sqlite("%Y-%m-%d %H:%M", at), "{at:?}");
        }
    }
}
