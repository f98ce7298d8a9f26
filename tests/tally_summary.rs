//! The tally read from the trigger-kept summary table equals a full
//! recompute over every project, after random sequences of decisions.

mod common;

use huishen::domain::{Adjust, Command, Money, State};
use huishen::store::{Actor, Store, StoreError};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: small, deterministic, good enough to pick moves
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn summary_equals_recompute_after_random_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let me = Actor {
        name: "评审".into(),
        os_user: "t".into(),
    };
    let projects = std::fs::read_to_string(common::data("demo-projects.csv")).unwrap();
    let sub = huishen::import::submission_from_csv_text("p.csv", &projects, None).unwrap();
    let mut st = Store::open_or_create(&db, &me).unwrap();
    st.import_submission(&sub, &me).unwrap();
    assert_eq!(st.tally().unwrap(), st.tally_recomputed().unwrap());

    let mut steps = 0;
    for seed in 1..=12u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let rows = st.project_rows().unwrap();
        for _ in 0..60 {
            let r = &rows[rng.below(rows.len() as u64) as usize];
            let fresh = st.project_rows_by_id(&[r.id]).unwrap().remove(0);
            let cmd = match rng.below(6) {
                0 => Command::Approve,
                1 => Command::Cut(Money::from_fen(
                    1 + rng.below(fresh.requested.fen().max(2) as u64 - 1) as i64,
                )),
                2 => Command::Cancel,
                3 => Command::Adjust(Adjust {
                    indicators: vec![],
                    reason: "指标不量化".into(),
                }),
                4 => Command::Reset,
                _ => {
                    let _ = st.undo_last(&me);
                    continue;
                }
            };
            match st.decide(fresh.id, fresh.version, &cmd, None, &me) {
                Ok(_) | Err(StoreError::Decision(_)) => {}
                Err(e) => panic!("{e}"),
            }
            steps += 1;
        }
        let t = st.tally().unwrap();
        let full = st.tally_recomputed().unwrap();
        assert_eq!(t, full, "seed {seed}");
        let o = st.tally_overview().unwrap();
        assert_eq!(
            (o.total, &o.by_budget_type),
            (full.total, &full.by_budget_type),
            "seed {seed}"
        );
        assert!(t.total.counts.pending < t.total.projects || seed == 0);
    }
    assert!(steps > 500);
    // Some of every state was reached.
    let t = st.tally().unwrap();
    for s in [State::Approved, State::Cut, State::Cancelled] {
        let n = match s {
            State::Approved => t.total.counts.approved,
            State::Cut => t.total.counts.cut,
            _ => t.total.counts.cancelled,
        };
        assert!(n > 0, "{s:?}");
    }
}
