//! Why a project was cut or cancelled, in the categories the bureau reports
//! (审减原因): each meeting keeps its own list, a default drawn from
//! practice, numbered in its order so a reviewer picks them by number.

/// The list a new meeting starts with.
pub const DEFAULT_REASONS: [&str; 8] = [
    "测算依据不充分",
    "不符合支出标准",
    "上年执行率低",
    "与部门职能关联不紧密",
    "可整合或已有渠道保障",
    "绩效目标不明确",
    "前期工作不成熟",
    "属于基本支出范围",
];

/// The longest name a reason may have, in characters.
pub const MAX_REASON_CHARS: usize = 30;

/// What separates reasons in a batch's cell: `1、3`, `测算依据不充分；上年执行率低`.
pub const SEPARATORS: [char; 7] = ['、', ',', '，', ';', '；', '/', '\n'];

/// One reason of a meeting's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutReason {
    pub id: i64,
    /// Its number in the list (1-based): the key that picks it.
    pub number: u32,
    pub name: String,
}

/// A reason as a batch or a command names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReasonRef {
    Number(u32),
    Name(String),
}

impl ReasonRef {
    /// `3` (or `３`) is a number, anything else a name.
    pub fn parse(text: &str) -> ReasonRef {
        let t = super::money::normalize_number_text(text);
        match t.parse::<u32>() {
            Ok(n) if t.chars().all(|c| c.is_ascii_digit()) => ReasonRef::Number(n),
            _ => ReasonRef::Name(text.trim().to_string()),
        }
    }

    /// The reasons of a cell, in its order, none twice: `1、3`, `测算依据不充分；3`.
    pub fn parse_list(text: &str) -> Vec<ReasonRef> {
        let mut out: Vec<ReasonRef> = Vec::new();
        for part in text.split(SEPARATORS) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let r = ReasonRef::parse(part);
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }

    /// The reason of `list` it names, if any.
    pub fn find<'a>(&self, list: &'a [CutReason]) -> Option<&'a CutReason> {
        match self {
            ReasonRef::Number(n) => list.iter().find(|r| r.number == *n),
            ReasonRef::Name(name) => list.iter().find(|r| r.name == *name),
        }
    }
}

/// Why a reason's name or a change to the list is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReasonError {
    Empty,
    /// The name holds a character that separates reasons in a batch.
    Separator(char),
    /// Longer than [`MAX_REASON_CHARS`].
    TooLong,
    /// A number as a name would read as a number.
    Number(String),
    /// The list already has it.
    Duplicate(String),
    /// No reason of this name or number.
    Unknown(String),
    /// Decisions carry it: rename it instead.
    InUse {
        name: String,
        decisions: u64,
    },
}

/// Checks a new reason's name: not empty, no separator, not a bare number,
/// not too long. Returns it trimmed.
pub fn check_name(name: &str) -> Result<String, ReasonError> {
    let n = name.trim();
    if n.is_empty() {
        return Err(ReasonError::Empty);
    }
    if let Some(c) = n.chars().find(|c| SEPARATORS.contains(c)) {
        return Err(ReasonError::Separator(c));
    }
    if n.chars().count() > MAX_REASON_CHARS {
        return Err(ReasonError::TooLong);
    }
    if matches!(ReasonRef::parse(n), ReasonRef::Number(_)) {
        return Err(ReasonError::Number(n.to_string()));
    }
    Ok(n.to_string())
}

/// A batch row's reason that the meeting's list does not have: where, and
/// what the cell said, with the list's reasons to choose from.
pub fn unknown_in_batch(
    file: &str,
    row: usize,
    column: &str,
    said: &ReasonRef,
    list: &[CutReason],
) -> super::Problem {
    let said = match said {
        ReasonRef::Number(n) => n.to_string(),
        ReasonRef::Name(n) => n.clone(),
    };
    let list = list
        .iter()
        .map(|r| format!("{} {}", r.number, r.name))
        .collect();
    super::Problem::new(
        file,
        Some(row),
        Some(column.to_string()),
        super::problem::WeighProblem::UnknownReason { said, list },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<CutReason> {
        DEFAULT_REASONS
            .iter()
            .enumerate()
            .map(|(i, n)| CutReason {
                id: i as i64 + 10,
                number: i as u32 + 1,
                name: n.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_cell_names_reasons_by_number_or_name() {
        let refs = ReasonRef::parse_list("1、３；上年执行率低, 1");
        assert_eq!(
            refs,
            vec![
                ReasonRef::Number(1),
                ReasonRef::Number(3),
                ReasonRef::Name("上年执行率低".into())
            ]
        );
        let l = list();
        assert_eq!(refs[1].find(&l).map(|r| r.id), Some(12));
        assert_eq!(refs[2].find(&l).map(|r| r.id), Some(12));
        assert_eq!(ReasonRef::Number(9).find(&l), None);
    }

    #[test]
    fn names_that_would_not_read_back_are_refused() {
        assert_eq!(check_name(" 超标准 "), Ok("超标准".into()));
        assert_eq!(check_name("a、b"), Err(ReasonError::Separator('、')));
        assert_eq!(check_name("12"), Err(ReasonError::Number("12".into())));
        assert_eq!(check_name(" "), Err(ReasonError::Empty));
        assert_eq!(check_name(&"长".repeat(31)), Err(ReasonError::TooLong));
    }
}
