//! The pace as text, for `huishen tally` on a terminal: a spark line of
//! the projects decided per ten minutes, the times it spans, and the
//! estimate, worded as the board words it.

use crate::domain::Pace;
use crate::i18n::Lang;
use crate::time::local_clock;
use crate::words::Say;
use crate::words::board::BoardText;

/// Eighths of a cell, for a spark line.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The last `max` buckets as a spark line: an empty ten minutes as a
/// space, the busiest as a full block, any other at least the lowest.
pub fn spark(p: &Pace, max: usize) -> String {
    let first = p.buckets.len().saturating_sub(max);
    let top = p.busiest().max(1) as u128;
    p.buckets[first..]
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => SPARKS[((n as u128 * 8).div_ceil(top) as usize).clamp(1, 8) - 1],
        })
        .collect()
}

/// The pace section of `huishen tally`: the heading, then the spark line
/// between its first and last times (up to twelve hours), then the
/// estimate.
pub fn pace(p: &Pace, lang: Lang) -> String {
    const MAX: usize = 72;
    let mut s = format!("\n{}\n", BoardText::Pace.say(lang));
    if p.buckets.is_empty() {
        return s + &BoardText::NothingYet.say(lang) + "\n";
    }
    let first = p.buckets.len().saturating_sub(MAX);
    s += &format!(
        "{} {} {}  {}\n",
        local_clock(p.bucket_start(first)),
        spark(p, MAX),
        local_clock(p.bucket_start(p.buckets.len() - 1)),
        BoardText::Busiest(p.busiest()).say(lang)
    );
    s += &BoardText::PaceNow {
        recent: p.recent,
        window_minutes: (p.window / 60) as u64,
        pending: p.pending,
        minutes_left: p.minutes_left(),
    }
    .say(lang);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spark_per_ten_minutes() {
        // on a ten-minute mark
        let t0 = 1_700_000_400;
        let d = [(t0, 8), (t0 + 600, 1), (t0 + 1800, 4)];
        let p = Pace::new(&d, t0 + 1800, 3);
        assert_eq!(spark(&p, 80), "█▁ ▄");
        assert_eq!(spark(&p, 2), " ▄");
    }
}
