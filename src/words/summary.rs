//! The written summary's words (会审纪要): its headings and its opening
//! paragraph, in the bureau's report's phrasing. Amounts in a sentence are
//! 万元 without separators or trailing zeros ([`wan_trimmed`]).

use super::{Lang, Say};
use crate::domain::{Kind, Stage, StageTally};
use crate::export::{Column, DecidedPart, Heading, Opening, Standing, wan_trimmed};
use crate::report::rate_text;

impl Say for Heading {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Heading::Results(Stage::TargetReview), Lang::Zh) => "绩效目标会审结果".into(),
            (Heading::Results(Stage::TargetReview), Lang::En) => {
                "Performance target review: results".into()
            }
            (Heading::Results(stage), Lang::Zh) => format!("{}结果", stage.zh()),
            (Heading::Results(stage), Lang::En) => format!("{}: results", stage.en()),
            (Heading::Meeting(title), Lang::Zh) => format!("会审：{title}"),
            (Heading::Meeting(title), Lang::En) => format!("Meeting: {title}"),
            (Heading::ByBudgetType, Lang::Zh) => "按预算类型（万元）".into(),
            (Heading::ByBudgetType, Lang::En) => "By budget type (万元)".into(),
            (Heading::ByDepartment, Lang::Zh) => "按部门（万元）".into(),
            (Heading::ByDepartment, Lang::En) => "By department (万元)".into(),
            (Heading::LargestCuts(n), Lang::Zh) => format!("审减金额最大的{n}个项目（万元）"),
            (Heading::LargestCuts(n), Lang::En) => format!("The {n} largest cuts (万元)"),
            (Heading::LargestAdjustments(n), Lang::Zh) => {
                format!("调整金额最大的{n}个项目（万元）")
            }
            (Heading::LargestAdjustments(n), Lang::En) => {
                format!("The {n} largest adjustments (万元)")
            }
            (Heading::NoCutYet, Lang::Zh) => "（尚无审减项目）".into(),
            (Heading::NoCutYet, Lang::En) => "(no project has been cut yet)".into(),
            (Heading::NoAdjustmentYet, Lang::Zh) => "（尚无调整项目）".into(),
            (Heading::NoAdjustmentYet, Lang::En) => "(no project has been adjusted yet)".into(),
        }
    }
}

impl Say for Column {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Column::KindCount(stage, kind), Lang::Zh) => format!("{}（个）", stage.kind_zh(*kind)),
            (Column::KindCount(_, kind), Lang::En) => format!("{} (n)", capitalized(kind.en())),
            (Column::KindAmount(stage, kind), Lang::Zh) => {
                format!("{}（万元）", stage.kind_zh(*kind))
            }
            (Column::KindAmount(_, kind), Lang::En) => {
                format!("{} (万元)", capitalized(kind.en()))
            }
            (Column::Adjusted(stage), lang) => {
                let keeps = stage.kinds().contains(&Kind::Keep);
                match (keeps, lang) {
                    (true, Lang::Zh) => "调整合计（不含维持）",
                    (false, Lang::Zh) => "调整合计",
                    (true, Lang::En) => "Adjusted (without keep)",
                    (false, Lang::En) => "Adjusted",
                }
                .to_string()
            }
        }
    }
}

/// `next-year cut` → `Next-year cut`, for a header.
fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Say for Opening<'_> {
    fn say(&self, lang: Lang) -> String {
        match self {
            Opening::TargetReview {
                projects,
                requested,
                cancelled,
                adjusted,
                cut,
                standing,
            } => {
                let (requested, cut) = (wan_trimmed(*requested), wan_trimmed(*cut));
                let opening = match lang {
                    Lang::Zh => format!(
                        "经统计，部门申报项目{projects}个，涉及资金{requested}万元。通过绩效目标审核，取消项目立项{cancelled}个，进一步调整、完善、优化项目绩效目标{adjusted}个，审减财政资金{cut}万元。"
                    ),
                    Lang::En => format!(
                        "Departments submitted {projects} projects requesting {requested} 万元. In the performance target review, {cancelled} projects were cancelled, the performance targets of {adjusted} projects were sent back to be adjusted, completed and improved, and {cut} 万元 of fiscal funds was cut."
                    ),
                };
                opening + &standing.say(lang)
            }
            Opening::ExAnte {
                evaluated,
                requested,
                recommended,
                cut,
                rate,
                pending,
            } => {
                let (requested, recommended, cut, rate) = (
                    wan_trimmed(*requested),
                    wan_trimmed(*recommended),
                    wan_trimmed(*cut),
                    rate_text(*rate),
                );
                match lang {
                    Lang::Zh => format!(
                        "经统计，开展评估的{evaluated}个项目单位申报总金额为{requested}万元，评估建议安排{recommended}万元，审减资金{cut}万元，审减率达{rate}。{}",
                        pending
                            .map(|n| format!("尚有{n}个项目待评估。"))
                            .unwrap_or_default()
                    ),
                    Lang::En => format!(
                        "The {evaluated} evaluated projects requested {requested} 万元 in all; the evaluation recommends {recommended} 万元, cutting {cut} 万元, a cut rate of {rate}.{}",
                        pending
                            .map(|n| format!(" {n} projects are still to be evaluated."))
                            .unwrap_or_default()
                    ),
                }
            }
            Opening::Stage(t) => stage_sentences(t, lang),
        }
    }
}

/// How a target review stands: said after the opening sentence, so the
/// English begins with a space.
impl Say for Standing {
    fn say(&self, lang: Lang) -> String {
        match self {
            Standing::Decided {
                remaining,
                approved,
                rate,
            } => {
                let (approved, rate) = (wan_trimmed(*approved), rate_text(*rate));
                match lang {
                    Lang::Zh => format!(
                        "审核后保留项目{remaining}个，审定安排资金{approved}万元，审减率{rate}。"
                    ),
                    Lang::En => format!(
                        " {remaining} projects remain, with {approved} 万元 approved; the cut rate is {rate}."
                    ),
                }
            }
            Standing::Pending {
                pending,
                requested,
                decided,
            } => {
                let requested = wan_trimmed(*requested);
                let pending = match lang {
                    Lang::Zh => {
                        format!(
                            "尚有{pending}个项目待审，涉及资金{requested}万元，未计入以上审核数据。"
                        )
                    }
                    Lang::En => format!(
                        " {pending} projects requesting {requested} 万元 are still pending and not counted above."
                    ),
                };
                pending + &decided.as_ref().map(|d| d.say(lang)).unwrap_or_default()
            }
        }
    }
}

/// Said after the pending projects, so the English begins with a space.
impl Say for DecidedPart {
    fn say(&self, lang: Lang) -> String {
        let (n, requested, approved) = (
            self.projects,
            wan_trimmed(self.requested),
            wan_trimmed(self.approved),
        );
        let rate = rate_text(self.rate);
        match lang {
            Lang::Zh => format!(
                "已审项目{n}个，申报资金{requested}万元，审定安排资金{approved}万元，审减率{rate}。"
            ),
            Lang::En => format!(
                " Of the {n} decided projects, which requested {requested} 万元, {approved} 万元 is approved; the cut rate is {rate}."
            ),
        }
    }
}

/// The opening of mid-year monitoring or post-evaluation: each kind counted
/// with its amount, in the report's words (in English, kind by kind).
fn stage_sentences(t: &StageTally, lang: Lang) -> String {
    let clauses = |kinds: &[Kind]| {
        kinds
            .iter()
            .map(|&kind| {
                let f = t.get(kind);
                kind_clause_zh(t.stage, kind, f.count, &wan_trimmed(f.amount))
            })
            .collect::<Vec<_>>()
            .join("；")
    };
    let m = t.measures;
    match (t.stage, lang) {
        (Stage::Monitoring, Lang::Zh) => format!(
            "经统计，{}{}调整项目资金{}万元（其中{}）。",
            if m.management > 0 {
                format!("用于改进项目管理{}个，", m.management)
            } else {
                String::new()
            },
            if m.rules > 0 {
                format!("完善工作制度、办法{}个，", m.rules)
            } else {
                String::new()
            },
            wan_trimmed(t.adjusted_total()),
            clauses(&[
                Kind::Increase,
                Kind::Decrease,
                Kind::Cancel,
                Kind::Recall,
                Kind::NextYearCut
            ])
        ),
        (Stage::PostEvaluation, Lang::Zh) => format!(
            "经统计，评价结果用于收回结余资金{}万元；{}{}{}。",
            wan_trimmed(t.get(Kind::Recover).amount),
            if m.management > 0 {
                format!("改进项目（政策）管理{}个；", m.management)
            } else {
                String::new()
            },
            if m.rules > 0 {
                format!("完善项目（政策）管理制度{}个；", m.rules)
            } else {
                String::new()
            },
            clauses(&[
                Kind::Keep,
                Kind::Increase,
                Kind::Reduce,
                Kind::Merge,
                Kind::Cancel
            ])
        ),
        (_, _) => {
            let parts: Vec<String> = t
                .kinds
                .iter()
                .filter(|f| f.kind != Kind::Unchanged)
                .map(|f| {
                    format!(
                        "{}: {} projects, {} 万元",
                        f.kind.en(),
                        f.count,
                        wan_trimmed(f.amount)
                    )
                })
                .collect();
            let mut text = format!(
                "Adjusted {} 万元 in all ({}).",
                wan_trimmed(t.adjusted_total()),
                parts.join("; ")
            );
            if m.management + m.rules > 0 {
                text += &format!(
                    " Used to improve the management of {} projects and to improve working rules in {}.",
                    m.management, m.rules
                );
            }
            text
        }
    }
}

/// A kind's count and amount as the report's Chinese says them at a stage.
fn kind_clause_zh(stage: Stage, kind: Kind, n: u64, amount: &str) -> String {
    match (stage, kind) {
        (Stage::Monitoring, Kind::Increase) => {
            format!("调增当年预算项目{n}个，增加资金{amount}万元")
        }
        (Stage::Monitoring, Kind::Decrease) => {
            format!("调减当年预算项目{n}个，调减资金{amount}万元")
        }
        (Stage::Monitoring, Kind::Cancel) => format!("取消项目{n}个，取消资金{amount}万元"),
        (Stage::Monitoring, Kind::Recall) => {
            format!("收回当年不实施项目{n}个，收回资金{amount}万元")
        }
        (Stage::Monitoring, Kind::NextYearCut) => {
            format!("调减下一年度项目{n}个，调减下年预算{amount}万元")
        }
        (Stage::PostEvaluation, Kind::Keep) => {
            format!("维持下年预算项目{n}个，维持额度{amount}万元")
        }
        (Stage::PostEvaluation, Kind::Increase) => {
            format!("增加下年预算项目{n}个，增加资金{amount}万元")
        }
        (Stage::PostEvaluation, Kind::Reduce) => {
            format!("调减下年度预算项目{n}个，调减资金{amount}万元")
        }
        (Stage::PostEvaluation, Kind::Merge) => {
            format!("合并下年度项目预算{n}个，合并资金{amount}万元")
        }
        (Stage::PostEvaluation, Kind::Cancel) => {
            format!("取消下年度预算项目{n}个，取消资金{amount}万元")
        }
        // A kind the stage's sentence does not name: its own name.
        (stage, kind) => format!("{}{n}个，{amount}万元", stage.kind_zh(kind)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    /// The 2021 report's joint review, said as the report says it.
    #[test]
    fn the_reports_figures_read_as_the_report() {
        let opening = Opening::TargetReview {
            projects: 1373,
            requested: wan("347740"),
            cancelled: 224,
            adjusted: 343,
            cut: wan("117186"),
            standing: Standing::Decided {
                remaining: 1149,
                approved: wan("230554"),
                rate: Some("33.70".parse().unwrap()),
            },
        };
        assert_eq!(
            opening.say(Lang::Zh),
            "经统计，部门申报项目1373个，涉及资金347740万元。通过绩效目标审核，取消项目立项224个，\
             进一步调整、完善、优化项目绩效目标343个，审减财政资金117186万元。\
             审核后保留项目1149个，审定安排资金230554万元，审减率33.70%。"
        );
        assert!(
            opening
                .say(Lang::En)
                .ends_with("117186 万元 of fiscal funds was cut. 1149 projects remain, with 230554 万元 approved; the cut rate is 33.70%.")
        );
    }

    #[test]
    fn pending_projects_are_said_apart_from_the_decided() {
        let standing = Standing::Pending {
            pending: 3,
            requested: wan("12.5"),
            decided: Some(DecidedPart {
                projects: 2,
                requested: wan("49"),
                approved: wan("22.1"),
                rate: Some("54.90".parse().unwrap()),
            }),
        };
        assert_eq!(
            standing.say(Lang::Zh),
            "尚有3个项目待审，涉及资金12.5万元，未计入以上审核数据。\
             已审项目2个，申报资金49万元，审定安排资金22.1万元，审减率54.90%。"
        );
        let none_decided = Standing::Pending {
            pending: 3,
            requested: wan("12.5"),
            decided: None,
        };
        assert_eq!(
            none_decided.say(Lang::En),
            " 3 projects requesting 12.5 万元 are still pending and not counted above."
        );
    }
}
