//! Pinyin for finding a project by typing Latin letters: each name and
//! department is also searchable by its pinyin initials (`dsxx` for 党史学习)
//! and its full pinyin without tones or spaces (`dangshi`). A character
//! with several readings gets its most common one (the `pinyin` crate's
//! first). Letters and digits stay as they are (lowercased); punctuation
//! and spaces are left out, so `dsxxjy` finds 党史学习教育 across a
//! bracket too.

use pinyin::ToPinyin;

/// The pinyin initials and the full pinyin of `s`, lowercase; `None` where
/// `s` has no Chinese character (nothing to add to what it says itself).
pub fn forms(s: &str) -> Option<(String, String)> {
    let mut initials = String::new();
    let mut full = String::new();
    let mut any = false;
    for (c, p) in s.chars().zip(s.to_pinyin()) {
        match p {
            Some(p) => {
                any = true;
                let plain = p.plain();
                full.push_str(plain);
                initials.push_str(&plain[..1]);
            }
            None if c.is_ascii_alphanumeric() => {
                let c = c.to_ascii_lowercase();
                initials.push(c);
                full.push(c);
            }
            None => {}
        }
    }
    any.then_some((initials, full))
}

#[cfg(test)]
mod tests {
    use super::forms;

    #[test]
    fn a_name_reads_as_its_initials_and_its_full_pinyin() {
        assert_eq!(
            forms("党史学习教育专项经费"),
            Some((
                "dsxxjyzxjf".to_string(),
                "dangshixuexijiaoyuzhuanxiangjingfei".to_string()
            ))
        );
        assert_eq!(
            forms("市委办公室"),
            Some(("swbgs".to_string(), "shiweibangongshi".to_string()))
        );
    }

    #[test]
    fn letters_and_digits_stay_and_punctuation_goes() {
        assert_eq!(
            forms("2021年（5G）基站"),
            Some(("2021n5gjz".to_string(), "2021nian5gjizhan".to_string()))
        );
        assert_eq!(forms("School fees"), None);
        assert_eq!(forms(""), None);
    }
}
