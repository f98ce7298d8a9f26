//! The written summary's words (会审纪要): its headings and its opening
//! paragraph, in the bureau's report's phrasing. Amounts in a sentence are
//! 万元 without separators or trailing zeros ([`wan_trimmed`]).

use super::{Lang, Say};
use crate::domain::{Kind, Stage, StageTally};
use crate::export::{DecidedPart, Heading, Opening, Standing, wan_trimmed};
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

impl Say for Opening<'_> {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Opening::TargetReview {
                    projects,
                    requested,
                    cancelled,
                    adjusted,
                    cut,
                    standing,
                },
                Lang::Zh,
            ) => format!(
                "经统计，部门申报项目{projects}个，涉及资金{}万元。通过绩效目标审核，取消项目立项{cancelled}个，进一步调整、完善、优化项目绩效目标{adjusted}个，审减财政资金{}万元。{}",
                wan_trimmed(*requested),
                wan_trimmed(*cut),
                standing.say(lang)
            ),
            (
                Opening::TargetReview {
                    projects,
                    requested,
                    cancelled,
                    adjusted,
                    cut,
                    standing,
                },
                Lang::En,
            ) => format!(
                "Departments submitted {projects} projects requesting {} 万元. In the performance target review, {cancelled} projects were cancelled, the performance targets of {adjusted} projects were sent back to be adjusted, completed and improved, and {} 万元 of fiscal funds was cut.{}",
                wan_trimmed(*requested),
                wan_trimmed(*cut),
                standing.say(lang)
            ),
            (
                Opening::ExAnte {
                    evaluated,
                    requested,
                    recommended,
                    cut,
                    rate,
                    pending,
                },
                Lang::Zh,
            ) => {
                let mut s = format!(
                    "经统计，开展评估的{evaluated}个项目单位申报总金额为{}万元，评估建议安排{}万元，审减资金{}万元，审减率达{}。",
                    wan_trimmed(*requested),
                    wan_trimmed(*recommended),
                    wan_trimmed(*cut),
                    rate_text(*rate)
                );
                if let Some(n) = pending {
                    s += &format!("尚有{n}个项目待评估。");
                }
                s
            }
            (
                Opening::ExAnte {
                    evaluated,
                    requested,
                    recommended,
                    cut,
                    rate,
                    pending,
                },
                Lang::En,
            ) => {
                let mut s = format!(
                    "The {evaluated} evaluated projects requested {} 万元 in all; the evaluation recommends {} 万元, cutting {} 万元, a cut rate of {}.",
                    wan_trimmed(*requested),
                    wan_trimmed(*recommended),
                    wan_trimmed(*cut),
                    rate_text(*rate)
                );
                if let Some(n) = pending {
                    s += &format!(" {n} projects are still to be evaluated.");
                }
                s
            }
            (Opening::Stage(t), lang) => stage_sentences(t, lang),
        }
    }
}

/// How a target review stands: said after the opening sentence, so the
/// English begins with a space.
impl Say for Standing {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Standing::Decided {
                    remaining,
                    approved,
                    rate,
                },
                Lang::Zh,
            ) => format!(
                "审核后保留项目{remaining}个，审定安排资金{}万元，审减率{}。",
                wan_trimmed(*approved),
                rate_text(*rate)
            ),
            (
                Standing::Decided {
                    remaining,
                    approved,
                    rate,
                },
                Lang::En,
            ) => format!(
                " {remaining} projects remain, with {} 万元 approved; the cut rate is {}.",
                wan_trimmed(*approved),
                rate_text(*rate)
            ),
            (
                Standing::Pending {
                    pending,
                    requested,
                    decided,
                },
                Lang::Zh,
            ) => format!(
                "尚有{pending}个项目待审，涉及资金{}万元，未计入以上审核数据。{}",
                wan_trimmed(*requested),
                decided.as_ref().map(|d| d.say(lang)).unwrap_or_default()
            ),
            (
                Standing::Pending {
                    pending,
                    requested,
                    decided,
                },
                Lang::En,
            ) => format!(
                " {pending} projects requesting {} 万元 are still pending and not counted above.{}",
                wan_trimmed(*requested),
                decided.as_ref().map(|d| d.say(lang)).unwrap_or_default()
            ),
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
    let k = |kind| t.get(kind);
    let w = |kind| wan_trimmed(t.get(kind).amount);
    match (t.stage, lang) {
        (Stage::Monitoring, Lang::Zh) => format!(
            "经统计，调整项目资金{}万元（其中调增当年预算项目{}个，增加资金{}万元；调减当年预算项目{}个，调减资金{}万元；取消项目{}个，取消资金{}万元；收回当年不实施项目{}个，收回资金{}万元；调减下一年度项目{}个，调减下年预算{}万元）。",
            wan_trimmed(t.adjusted_total()),
            k(Kind::Increase).count,
            w(Kind::Increase),
            k(Kind::Decrease).count,
            w(Kind::Decrease),
            k(Kind::Cancel).count,
            w(Kind::Cancel),
            k(Kind::Recall).count,
            w(Kind::Recall),
            k(Kind::NextYearCut).count,
            w(Kind::NextYearCut),
        ),
        (Stage::PostEvaluation, Lang::Zh) => format!(
            "经统计，评价结果用于收回结余资金{}万元；维持下年预算项目{}个，维持额度{}万元；增加下年预算项目{}个，增加资金{}万元；调减下年度预算项目{}个，调减资金{}万元；合并下年度项目预算{}个，合并资金{}万元；取消下年度预算项目{}个，取消资金{}万元。",
            w(Kind::Recover),
            k(Kind::Keep).count,
            w(Kind::Keep),
            k(Kind::Increase).count,
            w(Kind::Increase),
            k(Kind::Reduce).count,
            w(Kind::Reduce),
            k(Kind::Merge).count,
            w(Kind::Merge),
            k(Kind::Cancel).count,
            w(Kind::Cancel),
        ),
        (_, _) => {
            let parts: Vec<String> = t
                .kinds
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} projects, {} 万元",
                        f.kind.en(),
                        f.count,
                        wan_trimmed(f.amount)
                    )
                })
                .collect();
            format!(
                "Adjusted {} 万元 in all ({}).",
                wan_trimmed(t.adjusted_total()),
                parts.join("; ")
            )
        }
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
