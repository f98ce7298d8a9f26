//! The four budgets (四本预算): every project belongs to one.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BudgetType {
    General,
    Fund,
    StateCapital,
    SocialInsurance,
}

impl BudgetType {
    pub const ALL: [BudgetType; 4] = [
        BudgetType::General,
        BudgetType::Fund,
        BudgetType::StateCapital,
        BudgetType::SocialInsurance,
    ];

    /// The code stored in the database and written in English files.
    pub fn code(self) -> &'static str {
        match self {
            BudgetType::General => "general",
            BudgetType::Fund => "fund",
            BudgetType::StateCapital => "state_capital",
            BudgetType::SocialInsurance => "social_insurance",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            BudgetType::General => "一般公共预算",
            BudgetType::Fund => "政府性基金预算",
            BudgetType::StateCapital => "国有资本经营预算",
            BudgetType::SocialInsurance => "社会保险基金预算",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            BudgetType::General => "general public",
            BudgetType::Fund => "government fund",
            BudgetType::StateCapital => "state capital",
            BudgetType::SocialInsurance => "social insurance",
        }
    }

    /// Short Chinese name for narrow columns.
    pub fn zh_short(self) -> &'static str {
        match self {
            BudgetType::General => "一般公共",
            BudgetType::Fund => "政府基金",
            BudgetType::StateCapital => "国有资本",
            BudgetType::SocialInsurance => "社保基金",
        }
    }

    /// Reads a budget type by its Chinese name (full or common short form) or
    /// its English code, ignoring case, blanks, `-` and `_`.
    pub fn parse(text: &str) -> Option<BudgetType> {
        // Every name below is already in the form the text is reduced to,
        // so a cell holding one exactly needs no reducing (and no copy).
        Self::by_name(text).or_else(|| {
            let t: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
                .collect::<String>()
                .to_lowercase();
            Self::by_name(&t)
        })
    }

    /// A name as [`BudgetType::parse`] reduces it: lowercase, no blanks, `-` or `_`.
    fn by_name(t: &str) -> Option<BudgetType> {
        Some(match t {
            "一般公共预算"
            | "一般公共"
            | "一般预算"
            | "general"
            | "generalpublic"
            | "generalpublicbudget" => BudgetType::General,
            "政府性基金预算"
            | "政府性基金"
            | "政府基金"
            | "基金预算"
            | "fund"
            | "governmentfund"
            | "governmentfundbudget" => BudgetType::Fund,
            "国有资本经营预算"
            | "国有资本经营"
            | "国有资本"
            | "国资预算"
            | "statecapital"
            | "statecapitaloperation"
            | "statecapitalbudget" => BudgetType::StateCapital,
            "社会保险基金预算"
            | "社会保险基金"
            | "社保基金"
            | "社保基金预算"
            | "社会保险"
            | "socialinsurance"
            | "socialinsurancefund"
            | "socialinsurancefundbudget" => BudgetType::SocialInsurance,
            _ => return None,
        })
    }

    pub fn accepted_names() -> &'static str {
        "一般公共预算, 政府性基金预算, 国有资本经营预算, 社会保险基金预算, or general, fund, state_capital, social_insurance"
    }

    /// The same, for a Chinese message.
    pub fn accepted_names_zh() -> &'static str {
        "一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算之一（也可写 general、fund、state_capital、social_insurance）"
    }
}

impl fmt::Display for BudgetType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_chinese_and_english_names() {
        for b in BudgetType::ALL {
            assert_eq!(BudgetType::parse(b.zh()), Some(b));
            assert_eq!(BudgetType::parse(b.code()), Some(b));
            assert_eq!(BudgetType::parse(&b.code().to_uppercase()), Some(b));
            assert_eq!(BudgetType::parse(b.zh_short()), Some(b));
        }
        assert_eq!(
            BudgetType::parse(" 政府性基金预算 "),
            Some(BudgetType::Fund)
        );
        assert_eq!(
            BudgetType::parse("State Capital"),
            Some(BudgetType::StateCapital)
        );
        assert_eq!(BudgetType::parse("专项"), None);
        assert_eq!(BudgetType::parse(""), None);
    }
}
