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
    /// its English code, ignoring case, blanks, `-` and `_`. A Chinese name
    /// may end in 资金 or 拨款, as a department's budget tables say the money
    /// of a budget (一般公共预算拨款, 政府性基金预算资金). Nothing looser:
    /// 基金 alone could be either fund budget, and 专项资金 or 财政拨款 name a
    /// kind of money, not one of the four budgets.
    pub fn parse(text: &str) -> Option<BudgetType> {
        // Every name below is already in the form the text is reduced to,
        // so a cell holding one exactly needs no reducing (and no copy).
        Self::by_name(text).or_else(|| {
            let t: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
                .collect::<String>()
                .to_lowercase();
            Self::by_name(&t).or_else(|| {
                let name = t.strip_suffix("资金").or_else(|| t.strip_suffix("拨款"))?;
                // Only a Chinese name takes the suffix.
                Self::by_name(name).filter(|_| !name.is_ascii())
            })
        })
    }

    /// A name as [`BudgetType::parse`] reduces it: lowercase, no blanks, `-` or `_`.
    fn by_name(t: &str) -> Option<BudgetType> {
        Some(match t {
            "一般公共预算"
            | "一般公共"
            | "一般预算"
            // Its name before the 2014 Budget Law.
            | "公共财政预算"
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

    #[test]
    fn a_budget_named_for_its_money_is_that_budget_and_nothing_looser_is() {
        for (text, b) in [
            ("一般公共预算资金", BudgetType::General),
            ("一般公共预算拨款", BudgetType::General),
            ("公共财政预算", BudgetType::General),
            ("一般预算", BudgetType::General),
            ("政府性基金", BudgetType::Fund),
            ("政府性基金预算拨款", BudgetType::Fund),
            ("国有资本经营预算资金", BudgetType::StateCapital),
            ("社会保险基金预算资金", BudgetType::SocialInsurance),
            (" 一般公共预算\u{3000}", BudgetType::General),
        ] {
            assert_eq!(BudgetType::parse(text), Some(b), "{text}");
        }
        for text in [
            "基金",
            "基金资金",
            "资金",
            "拨款",
            "专项资金",
            "财政拨款",
            "一般公共预算（本级）",
            "一般",
            "fund资金",
            "一般公共预算资金资金",
            "政府性基金/一般公共预算",
        ] {
            assert_eq!(BudgetType::parse(text), None, "{text}");
        }
    }
}
