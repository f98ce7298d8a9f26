//! An amount as written in a cell (`money::parse_amount`, 万元 and 元) and
//! as typed into the cut input (`CutInput::parse`: `80`, `-20`, `-15%`).
//! Nothing panics; an amount read is never negative and reads back to the
//! fen; a cut the rules accept leaves approved + cut = requested, neither
//! negative nor zero.
#![no_main]

use huishen::domain::{Command, CutInput, Decision, Money, Unit, decide, parse_amount};
use libfuzzer_sys::fuzz_target;

/// Requests the cut is tried against: a fen, an ordinary one, the largest.
const REQUESTS: [i64; 4] = [1, 100, 26_000_000, 1_000_000_000_000_000];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for unit in [Unit::Wan, Unit::Yuan] {
        if let Ok(m) = parse_amount(&text, unit) {
            assert!(m.fen() >= 0, "{text:?} read as {m:?}");
            assert_eq!(parse_amount(&m.wan_string(), Unit::Wan), Ok(m), "{text:?}");
        }
    }
    let Ok(input) = CutInput::parse(&text, Unit::Wan) else {
        return;
    };
    for requested in REQUESTS.map(Money::from_fen) {
        let approved = input.approved_for(requested);
        if let Ok(d) = decide(&Decision::pending(), requested, &Command::Cut(approved)) {
            let cut = d.cut(requested);
            assert_eq!(d.approved + cut, requested, "{text:?}");
            assert!(d.approved.fen() > 0 && cut.fen() > 0, "{text:?}");
        }
    }
});
