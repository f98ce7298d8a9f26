//! Money read, written and summed exactly: amounts as typed, units, limits.

use super::*;

fn wan(s: &str) -> Result<Money, AmountError> {
    parse_amount(s, Unit::Wan)
}

#[test]
fn accepts_the_written_forms() {
    assert_eq!(wan("1234.5").unwrap().fen(), 1_234_500_000);
    assert_eq!(wan("1,234.50").unwrap().fen(), 1_234_500_000);
    assert_eq!(wan("１２３４．５").unwrap().fen(), 1_234_500_000);
    assert_eq!(wan("１，２３４．５０").unwrap().fen(), 1_234_500_000);
    assert_eq!(wan("  12 ").unwrap().fen(), 12_000_000);
    assert_eq!(wan("\u{3000}7038.7\u{3000}").unwrap().fen(), 7_038_700_000);
    assert_eq!(wan("0").unwrap(), Money::ZERO);
    assert_eq!(wan("-0").unwrap(), Money::ZERO);
    assert_eq!(wan("-0.00").unwrap(), Money::ZERO);
    assert_eq!(wan("－０").unwrap(), Money::ZERO);
    assert_eq!(wan(".5").unwrap().fen(), 500_000);
    assert_eq!(wan("0.000001").unwrap().fen(), 1);
    assert_eq!(parse_amount("12.34", Unit::Yuan).unwrap().fen(), 1234);
}

#[test]
fn refuses_what_is_not_an_amount() {
    assert_eq!(wan(""), Err(AmountError::Empty));
    assert_eq!(wan("  "), Err(AmountError::Empty));
    assert_eq!(wan("-5"), Err(AmountError::Negative));
    assert_eq!(wan("-0.01"), Err(AmountError::Negative));
    assert_eq!(wan("--0"), Err(AmountError::Negative));
    assert_eq!(wan("－5"), Err(AmountError::Negative));
    assert_eq!(wan("12a"), Err(AmountError::NotANumber));
    assert_eq!(wan("NaN"), Err(AmountError::NotANumber));
    assert_eq!(wan("inf"), Err(AmountError::NotANumber));
    assert_eq!(wan("1e5"), Err(AmountError::Exponent));
    assert_eq!(wan("1.5E+3"), Err(AmountError::Exponent));
    assert_eq!(wan("1.2.3"), Err(AmountError::NotANumber));
    assert_eq!(wan("12,34"), Err(AmountError::Separator));
    assert_eq!(wan("1,2345.00"), Err(AmountError::Separator));
    assert_eq!(wan("1.234,5"), Err(AmountError::Separator));
    assert_eq!(
        wan("0.0000001"),
        Err(AmountError::TooPrecise { unit: Unit::Wan })
    );
    assert_eq!(
        parse_amount("1.001", Unit::Yuan),
        Err(AmountError::TooPrecise { unit: Unit::Yuan })
    );
    assert_eq!(
        wan("99999999999999999999"),
        Err(AmountError::TooLarge {
            most: Money::MAX_AMOUNT
        })
    );
    assert_eq!(
        wan("1000000001"),
        Err(AmountError::TooLarge {
            most: Money::MAX_AMOUNT
        })
    );
    assert_eq!(wan("1000000000").unwrap(), Money::MAX_AMOUNT);
    assert_eq!(
        parse_amount_at_most("1200000000", Unit::Wan, Money::MAX_MEETING).unwrap(),
        Money::from_fen(1_200_000_000_000_000)
    );
    assert_eq!(wan("."), Err(AmountError::NotANumber));
}

/// Text for the comparison: digits, signs, separators, points, blanks,
/// letters and their full-width forms, in any order.
fn noise(rng: &mut u64, len: usize) -> String {
    const PARTS: &[&str] = &[
        "0", "1", "5", "9", "0", "7", ".", ".", ",", "+", "-", " ", "e", "E", "a", "０", "９",
        "．", "，", "－", "\u{3000}", "\u{a0}", "%", "１",
    ];
    (0..len)
        .map(|_| PARTS[(next(rng) % PARTS.len() as u64) as usize])
        .collect()
}

fn next(rng: &mut u64) -> u64 {
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    *rng
}

fn digits(rng: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + (next(rng) % 10) as u8))
        .collect()
}

/// The fast path answers exactly as the general one, value or error
/// (and so the message), and answers on the plain forms it is for.
#[test]
fn the_plain_path_agrees_with_the_decimal_path() {
    let mut cases: Vec<String> = [
        "",
        " ",
        "0",
        "00",
        "+0",
        "-0",
        "+",
        "-",
        ".",
        "+.",
        "5.",
        ".5",
        "+.5",
        "0.5",
        "12.34",
        "12.345",
        "1.000001",
        "1.0000001",
        "1.0000000",
        "1.000000",
        "1.10",
        "007",
        "0001.5",
        "1,234",
        "1,234.5",
        "12,34",
        "１２３",
        "１２．５",
        " 12",
        "12 ",
        "1 2",
        "1e5",
        "1E5",
        "+-1",
        "++1",
        "-1",
        "1-",
        "1..2",
        "1.2.3",
        "abc",
        "NaN",
        "inf",
        "12a",
        "1_000",
        "1000000000",
        "1000000000.000001",
        "999999999.999999",
        "10000000000000",
        "10000000000000.01",
        "9999999999999.99",
        "100000000000000000",
        "999999999999999999",
        "9223372036854775807",
        "9223372036854775808",
        "99999999999999999999",
        "000000000000000000000000001",
        "0.00000000000000000000001",
        "٣",
        "1.5%",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..20_000 {
        let n = (next(&mut rng) % 12) as usize;
        cases.push(noise(&mut rng, n));
    }
    for _ in 0..20_000 {
        let int = (next(&mut rng) % 21) as usize;
        let frac = (next(&mut rng) % 10) as usize;
        let mut s = digits(&mut rng, int);
        if !next(&mut rng).is_multiple_of(4) {
            s.push('.');
            s.push_str(&digits(&mut rng, frac));
        }
        if next(&mut rng).is_multiple_of(8) {
            s.insert(0, '+');
        }
        cases.push(s);
    }
    let mut fast = 0;
    for s in &cases {
        for unit in [Unit::Wan, Unit::Yuan] {
            let general = parse_amount_decimal(s, unit, Money::MAX_AMOUNT);
            assert_eq!(parse_amount(s, unit), general, "{s:?} in {unit:?}");
            if let Some(m) = parse_plain(s.as_bytes(), unit, Money::MAX_AMOUNT) {
                assert_eq!(Ok(m), general, "{s:?} in {unit:?}");
                fast += 1;
            }
            if let (Err(a), Err(b)) = (parse_amount(s, unit), &general) {
                assert_eq!(a, *b);
            }
        }
    }
    // The generated plain numbers mostly take the fast path.
    assert!(fast > 10_000, "{fast}");
    assert!(parse_plain(b"1234.5", Unit::Wan, Money::MAX_AMOUNT).is_some());
    assert!(parse_plain(b"12.34", Unit::Yuan, Money::MAX_AMOUNT).is_some());
    assert!(parse_plain(b"1,234", Unit::Wan, Money::MAX_AMOUNT).is_none());
}

#[test]
fn shows_wan_exactly() {
    assert_eq!(Money::from_fen(347_740_000_000).wan_string(), "347740.00");
    assert_eq!(Money::from_fen(347_740_000_000).wan_display(), "347,740.00");
    assert_eq!(Money::from_fen(1_234_567).wan_string(), "1.234567");
    assert_eq!(Money::from_fen(7_038_700_000).wan_string(), "7038.70");
    assert_eq!(Money::ZERO.wan_string(), "0.00");
    assert_eq!(
        Money::from_fen(123_456_789_000_000).wan_display(),
        "123,456,789.00"
    );
}

#[test]
fn percent_rounds_half_up_to_the_fen() {
    // 15% of 0.03 yuan = 0.45 fen -> 0 fen; of 0.10 yuan = 1.5 fen -> 2 fen.
    assert_eq!(Money::from_fen(3).percent(Decimal::from(15)).fen(), 0);
    assert_eq!(Money::from_fen(10).percent(Decimal::from(15)).fen(), 2);
    assert_eq!(
        Money::from_fen(100_000_000)
            .percent(Decimal::new(125, 1))
            .fen(),
        12_500_000
    );
}

#[test]
fn a_huge_share_saturates_instead_of_overflowing() {
    let huge: Decimal = "99999999999999999999999999".parse().unwrap();
    assert_eq!(Money::from_fen(2_700_000_000).percent(huge).fen(), i64::MAX);
}

#[test]
fn units_come_from_labels() {
    assert_eq!(Unit::from_label("万元"), Some(Unit::Wan));
    assert_eq!(Unit::from_label("wan"), Some(Unit::Wan));
    assert_eq!(Unit::from_label("Yuan"), Some(Unit::Yuan));
    assert_eq!(Unit::from_label("元"), Some(Unit::Yuan));
    assert_eq!(Unit::from_label("美元"), None);
}
