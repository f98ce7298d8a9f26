//! The tally panel's words (`b`, the ranking of the departments): its
//! title, what it ranks by and its keys, the total row, a budget's ceiling.

use super::Say;
use crate::domain::Money;
use crate::i18n::Lang;

/// What the tally panel (`b`) says around its figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PanelText {
    /// Its title: what the departments are ranked by, and the keys that
    /// rank them otherwise and show only one.
    Title {
        by: crate::app::ranking::RankBy,
        sort: String,
        only: String,
    },
    /// The total row's name.
    Total,
    /// A budget's ceiling beside its row.
    Ceiling { ceiling: Money, to_cut: Money },
}

impl Say for PanelText {
    fn say(&self, l: Lang) -> String {
        use crate::app::ranking::RankBy;
        match (self, l) {
            (PanelText::Title { by, sort, only }, Lang::Zh) => {
                let by = match by {
                    RankBy::Cut => "按审减",
                    RankBy::Rate => "按审减率",
                    RankBy::Requested => "按申报",
                    RankBy::Pending => "按待审",
                    RankBy::Submitted => "按申报顺序",
                };
                format!("分类汇总（万元）· 部门{by}排列 · {sort} 换排序 · {only} 只看该部门")
            }
            (PanelText::Title { by, sort, only }, Lang::En) => {
                let by = match by {
                    RankBy::Cut => "by cut",
                    RankBy::Rate => "by cut rate",
                    RankBy::Requested => "by request",
                    RankBy::Pending => "by pending",
                    RankBy::Submitted => "as submitted",
                };
                format!("Tally (万元) · departments {by} · {sort} ranks · {only} shows only one")
            }
            (PanelText::Total, Lang::Zh) => "合计".into(),
            (PanelText::Total, Lang::En) => "total".into(),
            (PanelText::Ceiling { ceiling, to_cut }, Lang::Zh) => format!(
                "控制数 {} 尚需审减 {}",
                ceiling.wan_display(),
                to_cut.wan_display()
            ),
            (PanelText::Ceiling { ceiling, to_cut }, Lang::En) => format!(
                "ceiling {} to cut {}",
                ceiling.wan_display(),
                to_cut.wan_display()
            ),
        }
    }
}
