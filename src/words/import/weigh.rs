//! The words of what the weighing columns and lists refuse in a file:
//! last year's rate, new or continuing, a batch's reasons, a department's
//! ceiling.

use super::super::{Lang, Say};

impl Say for crate::domain::problem::WeighProblem {
    fn say(&self, l: Lang) -> String {
        use crate::domain::problem::WeighProblem as P;
        match (self, l) {
            (P::UnknownRateUnit { unit, column }, Lang::Zh) => format!(
                "表头中的单位 \"{unit}\" 无法识别；请写 %（85 即 85%）或 小数（0.85 即 85%），如 {column}（%）"
            ),
            (P::UnknownRateUnit { unit, column }, Lang::En) => format!(
                "unknown unit \"{unit}\" in the header; write % (85 is 85%) or 小数 (0.85 is 85%), e.g. {column}（%）"
            ),
            (P::BadRate { text, error }, Lang::Zh) => {
                format!("执行率 \"{text}\" 有误：{}", error.say(l))
            }
            (P::BadRate { text, error }, Lang::En) => {
                format!("bad rate \"{text}\": {}", error.say(l))
            }
            (P::NotNovelty { text }, Lang::Zh) => {
                format!("\"{text}\" 不是新增或延续；请填写 新增 或 延续")
            }
            (P::NotNovelty { text }, Lang::En) => format!(
                "\"{text}\" is neither new nor continuing; write 新增 or 延续 (new, continuing)"
            ),
            (P::NewWithLastYearBudget { budget_column }, Lang::Zh) => format!(
                "项目填为新增，但 {budget_column} 有上年预算；新增项目上年没有预算：请删去其中之一"
            ),
            (P::NewWithLastYearBudget { budget_column }, Lang::En) => format!(
                "the project is 新增 (new) but {budget_column} gives last year's budget; a new project had none: clear one of the two"
            ),
            (P::UnknownReason { said, list }, Lang::Zh) => format!(
                "本次会审没有序号或名称为“{said}”的审减原因；现有：{}",
                list.join("、")
            ),
            (P::UnknownReason { said, list }, Lang::En) => format!(
                "no reason numbered or named \"{said}\" in this meeting; its reasons are {}",
                list.join(", ")
            ),
            (P::ReasonsWithoutCut, Lang::Zh) => "只有审减或取消才填写审减原因".into(),
            (P::ReasonsWithoutCut, Lang::En) => {
                "reasons go with a cut or a cancellation only".into()
            }
            (
                P::DepartmentTwice {
                    department,
                    first_row,
                },
                Lang::Zh,
            ) => {
                format!("部门 {department} 重复，首次出现在第 {first_row} 行")
            }
            (
                P::DepartmentTwice {
                    department,
                    first_row,
                },
                Lang::En,
            ) => {
                format!("department {department} twice, first on row {first_row}")
            }
            (P::DepartmentNotInMeeting { department }, _) => crate::cli::Said::NotInMeeting {
                department: department.clone(),
            }
            .say(l),
        }
    }
}
