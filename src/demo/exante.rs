//! The ex-ante evaluation (事前绩效评估) of the report's 5 key projects:
//! written by hand, not drawn.

use crate::domain::budget::BudgetType;
use crate::domain::money::Money;

use super::csv_text::{csv_writer, finish};
use super::departments::{JJ, JKW, SB};
use super::lastyear::reasons_in;
use super::{
    CENT_WAN, DECISIONS_HEADER, DemoFiles, EXANTE_TITLE, INDICATORS_HEADER, PROJECTS_HEADER, YEAR,
};
use crate::domain::Novelty;

/// The ex-ante evaluation demo (事前绩效评估): 5 key new projects, 7038.70万元
/// requested, 3607.70 recommended, 3431.00 cut (48.74%).
pub fn generate_exante() -> DemoFiles {
    let mut p = csv_writer();
    p.write_record(PROJECTS_HEADER).expect("write to memory");
    let mut ind = csv_writer();
    ind.write_record(INDICATORS_HEADER)
        .expect("write to memory");
    let mut dec = csv_writer();
    dec.write_record(DECISIONS_HEADER).expect("write to memory");
    for (i, x) in EXANTE.iter().enumerate() {
        let code = format!("{YEAR}-SQ-{:03}", i + 1);
        let requested = Money::from_fen(x.requested_cents * CENT_WAN);
        let goal = super::goal::annual_goal(
            x.indicators
                .iter()
                .map(|(l1, _, name, target, unit)| (*l1, *name, *target, *unit)),
        );
        p.write_record([
            code.as_str(),
            x.department,
            x.section,
            x.name,
            BudgetType::General.zh(),
            &requested.wan_string(),
            // An ex-ante evaluation takes new projects: no last year.
            Novelty::New.zh(),
            "",
            "",
            &goal,
        ])
        .expect("write to memory");
        for (l1, l2, name, target, unit) in x.indicators {
            ind.write_record([code.as_str(), l1, l2, name, target, unit])
                .expect("write to memory");
        }
        match x.approved_cents {
            Some(a) => {
                let approved = Money::from_fen(a * CENT_WAN);
                dec.write_record([
                    code.as_str(),
                    "审减",
                    &approved.wan_string(),
                    x.comment,
                    &reasons_in(x.comment),
                ])
                .expect("write to memory");
            }
            None => {
                dec.write_record([code.as_str(), "通过", "", x.comment, ""])
                    .expect("write to memory");
            }
        }
    }
    DemoFiles {
        title: EXANTE_TITLE,
        projects_csv: finish(p),
        indicators_csv: finish(ind),
        decisions_csv: finish(dec),
    }
}

struct ExAnte {
    department: &'static str,
    section: &'static str,
    name: &'static str,
    requested_cents: i64,
    /// `None`: recommended as requested.
    approved_cents: Option<i64>,
    comment: &'static str,
    indicators: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
}

static EXANTE: [ExAnte; 5] = [
    ExAnte {
        department: "教育局",
        section: JKW,
        name: "城区义务教育学校扩容建设项目（南轩小学新建工程）",
        requested_cents: 286_000,
        approved_cents: Some(138_000),
        comment: "建设必要性较强，但建设规模按远期学位需求测算，偏大；建议按2021年学位缺口分期实施，一期压减建设内容",
        indicators: &[
            ("产出指标", "数量指标", "新建校舍面积", "≥12000", "平方米"),
            ("产出指标", "数量指标", "新增学位", "≥1350", "个"),
            ("产出指标", "时效指标", "项目完工及时率", "≥95", "%"),
            ("效益指标", "社会效益指标", "城区大班额比例", "=0", "%"),
            (
                "满意度指标",
                "服务对象满意度指标",
                "学生及家长满意度",
                "≥90",
                "%",
            ),
        ],
    },
    ExAnte {
        department: "卫生健康局",
        section: SB,
        name: "市人民医院医疗设备购置项目",
        requested_cents: 152_050,
        approved_cents: Some(76_050),
        comment: "部分设备与现有设备功能重复，使用率测算依据不充分；建议按急需程度分批购置，压减大型设备",
        indicators: &[
            ("产出指标", "数量指标", "购置医疗设备", "≥46", "台（套）"),
            ("产出指标", "质量指标", "设备验收合格率", "=100", "%"),
            ("效益指标", "社会效益指标", "县域内就诊率", "≥90", "%"),
            ("满意度指标", "服务对象满意度指标", "患者满意度", "≥90", "%"),
        ],
    },
    ExAnte {
        department: "交通运输局",
        section: JJ,
        name: "汉旺镇至清平镇旅游公路提升改造工程",
        requested_cents: 168_000,
        approved_cents: Some(82_000),
        comment: "前期设计深度不足，工程单价高于同类项目；建议按评审后工程量核定，沿线景观附属工程暂缓实施",
        indicators: &[
            ("产出指标", "数量指标", "提升改造公路里程", "≥18", "公里"),
            ("产出指标", "质量指标", "工程验收合格率", "=100", "%"),
            ("产出指标", "成本指标", "单位里程造价", "≤93", "万元/公里"),
            (
                "效益指标",
                "经济效益指标",
                "带动沿线旅游综合收入增长率",
                "≥10",
                "%",
            ),
            (
                "满意度指标",
                "服务对象满意度指标",
                "沿线群众满意度",
                "≥90",
                "%",
            ),
        ],
    },
    ExAnte {
        department: "城市管理综合执法局",
        section: JJ,
        name: "城区智慧停车系统建设项目",
        requested_cents: 62_620,
        approved_cents: Some(29_520),
        comment: "收费运营模式未明确，可引入社会资本建设运营；建议财政仅承担平台建设部分，压减泊位改造资金",
        indicators: &[
            ("产出指标", "数量指标", "建设智慧泊位", "≥2000", "个"),
            ("产出指标", "时效指标", "系统上线及时率", "=100", "%"),
            ("效益指标", "社会效益指标", "城区停车难问题", "有效缓解", ""),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥85", "%"),
        ],
    },
    ExAnte {
        department: "文化广播电视和旅游局",
        section: JKW,
        name: "年画村文化旅游设施提升项目",
        requested_cents: 35_200,
        approved_cents: None,
        comment: "项目立项依据充分，绩效目标明确，投入产出合理，建议按申报金额安排",
        indicators: &[
            ("产出指标", "数量指标", "提升旅游设施", "≥12", "处"),
            ("产出指标", "质量指标", "工程验收合格率", "=100", "%"),
            ("效益指标", "经济效益指标", "接待游客人次增长率", "≥8", "%"),
            ("满意度指标", "服务对象满意度指标", "游客满意度", "≥90", "%"),
        ],
    },
];
