use super::*;

#[test]
fn amounts_in_sentences_drop_trailing_zeros() {
    let wan = |s: &str| s.parse::<Money>().unwrap();
    assert_eq!(wan_trimmed(wan("347740.00")), "347740");
    assert_eq!(wan_trimmed(wan("7038.70")), "7038.7");
    assert_eq!(wan_trimmed(wan("0.05")), "0.05");
    assert_eq!(wan_trimmed(wan("0.000001")), "0.000001");
    assert_eq!(wan_trimmed(Money::ZERO), "0");
    assert_eq!(wan_trimmed(wan("100")), "100");
}

#[test]
fn formula_like_text_is_guarded() {
    assert_eq!(guard_formula("=1+1"), "'=1+1");
    assert_eq!(guard_formula("+86"), "'+86");
    assert_eq!(guard_formula("-5"), "'-5");
    assert_eq!(guard_formula("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(guard_formula("\tx"), "'\tx");
    assert_eq!(guard_formula("'-5"), "''-5");
    assert_eq!(guard_formula("'abc"), "'abc");
    assert_eq!(guard_formula("党史学习"), "党史学习");
    assert_eq!(guard_formula("2021-001-0001"), "2021-001-0001");
}

#[test]
fn default_path_sits_beside_the_database() {
    assert_eq!(
        default_path(Path::new("/m/2021会审.db"), Format::Xlsx),
        PathBuf::from("/m/2021会审-审核结果.xlsx")
    );
    assert_eq!(
        default_path(Path::new("meeting.db"), Format::Csv),
        PathBuf::from("meeting-审核结果.csv")
    );
}
