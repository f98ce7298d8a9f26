//! The meeting's pace: how many projects were decided in each ten
//! minutes, and how long the pending projects take at the pace of the last
//! half hour, so the chair sees whether the meeting will finish. Pure
//! arithmetic over the decisions' times (seconds since the epoch, UTC) that
//! the store reads from the event log.

use super::decision::State;

/// The length of a bucket: ten minutes.
pub const BUCKET_SECS: i64 = 600;
/// The estimate's pace: the decisions of the last half hour.
pub const RECENT_SECS: i64 = 1800;
/// At most a day of buckets; decisions before it count as `earlier`.
pub const MAX_BUCKETS: usize = 144;

/// Whether an event that took a project's decision from `old` to `new`
/// (state codes) decided it, as the pace counts: the project left pending.
/// A decision changed, an adjustment of targets added, a comment do not
/// count (the pending projects are what the estimate is about); a project
/// reset and decided again counts again.
pub fn decided(old: &str, new: &str) -> bool {
    let pending = State::Pending.code();
    old == pending && new != pending && State::from_code(new).is_some()
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pace {
    /// The first bucket's start, seconds since the epoch, on a ten-minute
    /// mark.
    pub start: i64,
    /// Decisions taken in each ten minutes from `start`; the last bucket is
    /// the one under way at `now`. Empty before the first decision.
    pub buckets: Vec<u64>,
    /// Decisions taken before `start` (more than a day ago).
    pub earlier: u64,
    /// When the pace was taken.
    pub now: i64,
    /// Decisions in the window the estimate reads (`window` seconds up to
    /// `now`).
    pub recent: u64,
    /// The estimate's window: the last half hour, or since the first
    /// decision if that is sooner (at least a minute).
    pub window: i64,
    /// Projects still pending.
    pub pending: u64,
}

impl Pace {
    /// The pace of `decisions` — (time, how many decisions then), in any
    /// order — at `now`, with `pending` projects left.
    pub fn new(decisions: &[(i64, u64)], now: i64, pending: u64) -> Pace {
        let mut pace = Pace {
            now,
            pending,
            ..Pace::default()
        };
        let Some(first) = decisions.iter().map(|&(t, _)| t).min() else {
            return pace;
        };
        // A clock a little ahead in another session files its decisions
        // under the bucket they claim.
        let last = decisions.iter().map(|&(t, _)| t).max().unwrap_or(now);
        let end = bucket_of(now.max(last));
        let span = ((end - bucket_of(first)) / BUCKET_SECS) as usize + 1;
        let kept = span.min(MAX_BUCKETS);
        pace.start = end - (kept as i64 - 1) * BUCKET_SECS;
        pace.buckets = vec![0; kept];
        pace.window = (now - first).clamp(60, RECENT_SECS);
        for &(t, n) in decisions {
            if t < pace.start {
                pace.earlier += n;
            } else {
                pace.buckets[((bucket_of(t) - pace.start) / BUCKET_SECS) as usize] += n;
            }
            if t >= now - pace.window {
                pace.recent += n;
            }
        }
        pace
    }

    /// Every decision counted.
    pub fn total(&self) -> u64 {
        self.earlier + self.buckets.iter().sum::<u64>()
    }

    /// The most decisions in one bucket.
    pub fn busiest(&self) -> u64 {
        self.buckets.iter().copied().max().unwrap_or(0)
    }

    /// Each bucket's start, seconds since the epoch.
    pub fn bucket_start(&self, i: usize) -> i64 {
        self.start + i as i64 * BUCKET_SECS
    }

    /// Minutes the pending projects take at the recent pace, rounded up:
    /// `Some(0)` with nothing pending, `None` without a recent decision.
    pub fn minutes_left(&self) -> Option<u64> {
        if self.pending == 0 {
            return Some(0);
        }
        if self.recent == 0 {
            return None;
        }
        let secs = u128::from(self.pending) * self.window as u128;
        let per = u128::from(self.recent) * 60;
        Some(secs.div_ceil(per) as u64)
    }
}

/// The start of the ten minutes `t` falls in.
fn bucket_of(t: i64) -> i64 {
    t.div_euclid(BUCKET_SECS) * BUCKET_SECS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 09:00 UTC on some day, on a ten-minute mark.
    const NINE: i64 = 1_700_000_400 - 1_700_000_400 % 3600;

    #[test]
    fn decisions_fall_into_their_ten_minutes() {
        let d = [
            (NINE + 5, 1),
            (NINE + 599, 2),
            (NINE + 600, 1),
            (NINE + 1805, 4),
        ];
        let p = Pace::new(&d, NINE + 1810, 10);
        assert_eq!(p.start, NINE);
        assert_eq!(p.buckets, [3, 1, 0, 4]);
        assert_eq!(p.total(), 8);
        assert_eq!(p.busiest(), 4);
        assert_eq!(p.bucket_start(3), NINE + 1800);
        // the last half hour: [09:00:10, 09:30:10]
        assert_eq!((p.window, p.recent), (1800, 7));
        // 10 pending at 7 per half hour: 42.9 minutes, rounded up
        assert_eq!(p.minutes_left(), Some(43));
    }

    #[test]
    fn the_window_starts_at_the_first_decision() {
        let p = Pace::new(&[(NINE, 3)], NINE + 300, 7);
        assert_eq!((p.window, p.recent), (300, 3));
        // 7 × 300 s ÷ 3 = 700 s: 12 minutes, rounded up
        assert_eq!(p.minutes_left(), Some(12));
        // a batch a moment ago: a minute's window
        let p = Pace::new(&[(NINE, 100)], NINE + 1, 50);
        assert_eq!(p.window, 60);
        assert_eq!(p.minutes_left(), Some(1));
    }

    #[test]
    fn no_decisions_no_buckets_no_estimate() {
        let p = Pace::new(&[], NINE, 5);
        assert!(p.buckets.is_empty());
        assert_eq!(p.minutes_left(), None);
        assert_eq!(Pace::new(&[], NINE, 0).minutes_left(), Some(0));
        // an hour idle: the pace has no recent decision to go by
        let p = Pace::new(&[(NINE, 5)], NINE + 3600, 5);
        assert_eq!(p.buckets, [5, 0, 0, 0, 0, 0, 0]);
        assert_eq!((p.recent, p.minutes_left()), (0, None));
    }

    #[test]
    fn more_than_a_day_back_counts_as_earlier() {
        let day = 86_400;
        let p = Pace::new(&[(NINE - 2 * day, 9), (NINE, 1)], NINE + 60, 0);
        assert_eq!(p.buckets.len(), MAX_BUCKETS);
        assert_eq!(p.earlier, 9);
        assert_eq!(p.total(), 10);
        assert_eq!(*p.buckets.last().unwrap(), 1);
    }

    #[test]
    fn a_clock_ahead_is_filed_where_it_says() {
        let p = Pace::new(&[(NINE + 700, 2)], NINE + 10, 1);
        assert_eq!(p.start, NINE + 600);
        assert_eq!(p.buckets, [2]);
    }

    #[test]
    fn a_project_is_decided_when_it_leaves_pending() {
        for new in ["approved", "cut", "cancelled"] {
            assert!(decided("pending", new), "{new}");
            assert!(!decided("cut", new), "cut → {new}");
        }
        assert!(!decided("pending", "pending"));
        assert!(!decided("approved", "pending"));
        assert!(!decided("pending", "unknown"));
    }
}
