//! Drawing a project's performance targets (绩效目标): 2–5 indicators in
//! the three levels, from its sector's and its kind of work's vocabulary.

use std::borrow::Cow;

use super::catalogue::Kind::{Build, Ecol, Equip, Info, Operate, Service, Subsidy, Train};
use super::catalogue::{Kind, Sector};
use super::departments::Dept;
use super::projects::Project;
use super::rng::Rng;

pub(super) type Ind = (&'static str, &'static str, &'static str);

pub(super) struct SectorVocab {
    pub(super) social: &'static [Ind],
    pub(super) econ: &'static [Ind],
    pub(super) eco: &'static [Ind],
    pub(super) satisfaction: &'static [&'static str],
}

pub(super) fn vocab(s: Sector) -> &'static SectorVocab {
    static EDU_V: SectorVocab = SectorVocab {
        social: &[
            ("办学条件改善程度", "明显改善", ""),
            ("义务教育巩固率", "≥98", "%"),
            ("适龄儿童入学率", "=100", "%"),
            ("学生资助政策覆盖率", "=100", "%"),
            ("受益学生人数", "≥2000", "人"),
        ],
        econ: &[("减轻家庭教育负担", "有效减轻", "")],
        eco: &[("校园绿化覆盖率", "≥35", "%")],
        satisfaction: &["学生及家长满意度", "师生满意度", "受助学生满意度"],
    };
    static HEALTH_V: SectorVocab = SectorVocab {
        social: &[
            ("居民健康素养水平", "≥25", "%"),
            ("县域内就诊率", "≥90", "%"),
            ("群众就医条件", "明显改善", ""),
            ("甲乙类传染病报告发病率", "控制在全省平均水平以下", ""),
            ("孕产妇死亡率", "≤15", "1/10万"),
        ],
        econ: &[("减轻群众就医负担", "有效减轻", "")],
        eco: &[("医疗废物规范处置率", "=100", "%")],
        satisfaction: &["患者满意度", "群众满意度", "服务对象满意度"],
    };
    static AGRI_V: SectorVocab = SectorVocab {
        social: &[
            ("带动农户就业", "≥200", "人"),
            ("农村人居环境", "明显改善", ""),
            ("粮食综合生产能力", "稳步提升", ""),
            ("脱贫人口返贫", "=0", "人"),
        ],
        econ: &[
            ("带动农户户均增收", "≥800", "元"),
            ("农业增加值增长率", "≥4", "%"),
        ],
        eco: &[
            ("化肥农药使用量", "零增长", ""),
            ("畜禽粪污综合利用率", "≥90", "%"),
        ],
        satisfaction: &["受益农户满意度", "群众满意度"],
    };
    static TRANSPORT_V: SectorVocab = SectorVocab {
        social: &[
            ("群众出行条件", "明显改善", ""),
            ("农村公路优良中等路率", "≥80", "%"),
            ("道路交通事故发生率", "同比下降", ""),
            ("具备条件的建制村通客车率", "=100", "%"),
        ],
        econ: &[
            ("降低物流运输成本", "有效降低", ""),
            ("带动沿线产业发展", "有效带动", ""),
        ],
        eco: &[("公路沿线绿化率", "≥90", "%")],
        satisfaction: &["沿线群众满意度", "乘客满意度", "群众满意度"],
    };
    static URBAN_V: SectorVocab = SectorVocab {
        social: &[
            ("城市人居环境", "明显改善", ""),
            ("受益群众", "≥5000", "人"),
            ("城市功能品质", "有效提升", ""),
        ],
        econ: &[("带动社会投资", "≥1000", "万元")],
        eco: &[
            ("城市污水集中处理率", "≥95", "%"),
            ("建成区绿化覆盖率", "≥40", "%"),
            ("生活垃圾无害化处理率", "=100", "%"),
        ],
        satisfaction: &["居民满意度", "群众满意度"],
    };
    static WATER_V: SectorVocab = SectorVocab {
        social: &[
            ("受益人口", "≥10000", "人"),
            ("防洪能力", "有效提升", ""),
            ("农村自来水普及率", "≥90", "%"),
        ],
        econ: &[("新增恢复灌溉面积", "≥2000", "亩")],
        eco: &[
            ("水土流失治理率", "≥80", "%"),
            ("河道水质达标率", "≥90", "%"),
        ],
        satisfaction: &["受益群众满意度", "群众满意度"],
    };
    static CIVIL_V: SectorVocab = SectorVocab {
        social: &[
            ("困难群众基本生活", "有效保障", ""),
            ("应保尽保率", "=100", "%"),
            ("政策知晓率", "≥90", "%"),
            ("资金发放到位率", "=100", "%"),
        ],
        econ: &[],
        eco: &[],
        satisfaction: &["救助对象满意度", "服务对象满意度", "受益群众满意度"],
    };
    static LABOR_V: SectorVocab = SectorVocab {
        social: &[
            ("城镇登记失业率", "≤4.5", "%"),
            ("参保覆盖率", "≥95", "%"),
            ("待遇按时足额发放率", "=100", "%"),
        ],
        econ: &[("带动就业增收", "有效带动", "")],
        eco: &[],
        satisfaction: &["参保群众满意度", "服务对象满意度"],
    };
    static LAND_V: SectorVocab = SectorVocab {
        social: &[
            ("耕地保有量", "不减少", ""),
            ("地质灾害造成人员伤亡", "=0", "人"),
            ("规划管控水平", "有效提升", ""),
        ],
        econ: &[("新增耕地指标收益", "≥500", "万元")],
        eco: &[("生态修复面积", "≥100", "亩")],
        satisfaction: &["群众满意度"],
    };
    static SECURITY_V: SectorVocab = SectorVocab {
        social: &[
            ("群众安全感", "≥95", "%"),
            ("刑事案件发案数", "同比下降", ""),
            ("社会治安秩序", "持续向好", ""),
            ("案件办结率", "≥90", "%"),
        ],
        econ: &[],
        eco: &[],
        satisfaction: &["群众满意度", "当事人满意度"],
    };
    static CULTURE_V: SectorVocab = SectorVocab {
        social: &[
            ("公共文化服务覆盖率", "=100", "%"),
            ("群众参与文化活动", "≥50000", "人次"),
            ("文化遗产保护传承", "有效加强", ""),
        ],
        econ: &[
            ("旅游综合收入增长率", "≥10", "%"),
            ("接待游客人次增长率", "≥8", "%"),
        ],
        eco: &[],
        satisfaction: &["群众满意度", "游客满意度"],
    };
    static ENV_V: SectorVocab = SectorVocab {
        social: &[
            ("群众生态环境获得感", "明显增强", ""),
            ("突发环境事件", "=0", "起"),
        ],
        econ: &[("林下经济产值", "≥1000", "万元")],
        eco: &[
            ("空气质量优良天数比例", "≥85", "%"),
            ("森林覆盖率", "≥55", "%"),
            ("地表水考核断面水质达标率", "=100", "%"),
            ("主要污染物减排量", "完成上级下达任务", ""),
        ],
        satisfaction: &["群众满意度", "周边群众满意度"],
    };
    static ECON_V: SectorVocab = SectorVocab {
        social: &[
            ("新增就业岗位", "≥300", "个"),
            ("营商环境", "持续优化", ""),
            ("市场主体增长率", "≥8", "%"),
        ],
        econ: &[
            ("规模以上工业增加值增速", "≥7", "%"),
            ("带动企业新增投资", "≥5000", "万元"),
            ("新增税收", "≥500", "万元"),
        ],
        eco: &[("单位工业增加值能耗下降率", "≥3", "%")],
        satisfaction: &["企业满意度", "服务对象满意度"],
    };
    static GOV_V: SectorVocab = SectorVocab {
        social: &[
            ("工作保障水平", "有效提升", ""),
            ("政务服务效能", "持续提升", ""),
            ("履职能力", "明显提升", ""),
        ],
        econ: &[],
        eco: &[("公共机构能耗", "同比下降", "")],
        satisfaction: &["服务对象满意度", "干部职工满意度"],
    };
    static TOWN_V: SectorVocab = SectorVocab {
        social: &[
            ("场镇环境面貌", "明显改善", ""),
            ("受益群众", "≥3000", "人"),
            ("基层治理水平", "有效提升", ""),
        ],
        econ: &[("村集体经济收入", "≥10", "万元")],
        eco: &[("农村生活垃圾处理率", "≥95", "%")],
        satisfaction: &["辖区群众满意度", "群众满意度"],
    };
    static FINANCE_V: SectorVocab = SectorVocab {
        social: &[
            ("预算管理水平", "有效提升", ""),
            ("财政资金使用效益", "持续提升", ""),
        ],
        econ: &[("节约财政资金", "≥500", "万元")],
        eco: &[],
        satisfaction: &["预算单位满意度", "服务对象满意度"],
    };
    match s {
        Sector::Edu => &EDU_V,
        Sector::Health => &HEALTH_V,
        Sector::Agri => &AGRI_V,
        Sector::Transport => &TRANSPORT_V,
        Sector::Urban => &URBAN_V,
        Sector::Water => &WATER_V,
        Sector::Civil => &CIVIL_V,
        Sector::Labor => &LABOR_V,
        Sector::Land => &LAND_V,
        Sector::Security => &SECURITY_V,
        Sector::Culture => &CULTURE_V,
        Sector::Env => &ENV_V,
        Sector::Econ => &ECON_V,
        Sector::Gov => &GOV_V,
        Sector::Town => &TOWN_V,
        Sector::Finance => &FINANCE_V,
    }
}

pub(super) fn quality(k: Kind) -> &'static [Ind] {
    match k {
        Build => &[
            ("工程验收合格率", "=100", "%"),
            ("工程质量达标率", "=100", "%"),
            ("安全事故发生次数", "=0", "次"),
        ],
        Equip => &[("设备验收合格率", "=100", "%"), ("设备完好率", "≥95", "%")],
        Subsidy => &[
            ("补助对象认定准确率", "=100", "%"),
            ("资金发放准确率", "=100", "%"),
        ],
        Service => &[("服务质量达标率", "≥95", "%"), ("考核合格率", "≥90", "%")],
        Operate => &[
            ("工作任务完成率", "≥95", "%"),
            ("经费使用合规率", "=100", "%"),
        ],
        Ecol => &[("治理达标率", "≥95", "%"), ("监测数据有效率", "≥95", "%")],
        Info => &[("系统正常运行率", "≥99", "%"), ("数据准确率", "≥98", "%")],
        Train => &[("培训合格率", "≥90", "%"), ("参训率", "≥95", "%")],
    }
}

pub(super) fn timeliness(k: Kind) -> &'static [Ind] {
    match k {
        Build => &[
            ("项目完工及时率", "≥95", "%"),
            ("工程按期开工率", "=100", "%"),
            ("项目完成及时率", "≥95", "%"),
        ],
        Equip => &[
            ("设备采购及时率", "=100", "%"),
            ("项目完成及时率", "≥95", "%"),
        ],
        Subsidy => &[
            ("补助资金发放及时率", "=100", "%"),
            ("资金拨付及时率", "≥95", "%"),
        ],
        Service => &[
            ("服务按期完成率", "=100", "%"),
            ("项目完成及时率", "≥95", "%"),
        ],
        Operate => &[
            ("工作按时完成率", "≥95", "%"),
            ("资金支付及时率", "≥90", "%"),
        ],
        Ecol => &[("治理任务按期完成率", "≥95", "%")],
        Info => &[
            ("项目上线及时率", "=100", "%"),
            ("故障响应时间", "≤2", "小时"),
        ],
        Train => &[("培训按计划完成率", "=100", "%")],
    }
}

pub(super) fn sustainability(k: Kind) -> &'static [Ind] {
    match k {
        Build => &[
            ("工程设计使用年限", "≥20", "年"),
            ("建成后运行管护机制", "建立健全", ""),
        ],
        Equip => &[("设备使用年限", "≥5", "年")],
        Info => &[("系统持续稳定运行", "≥3", "年")],
        Subsidy => &[("政策持续发挥作用", "长期", "")],
        Train => &[("培训成果持续运用", "长期", "")],
        Service | Operate | Ecol => &[("长效管理机制", "建立健全", "")],
    }
}

/// One row of a target table.
#[derive(Clone)]
pub(super) struct IndRow {
    pub(super) level1: &'static str,
    pub(super) level2: &'static str,
    pub(super) name: &'static str,
    pub(super) target: Cow<'static, str>,
    pub(super) unit: &'static str,
}

pub(super) fn row(level1: &'static str, level2: &'static str, ind: Ind) -> IndRow {
    IndRow {
        level1,
        level2,
        name: ind.0,
        target: Cow::Borrowed(ind.1),
        unit: ind.2,
    }
}

/// Rounds a target value to two significant digits.
pub(super) fn nice(v: u64) -> u64 {
    let mut m = 1;
    while v / m >= 100 {
        m *= 10;
    }
    (v + m / 2) / m * m
}

pub(super) fn draw_all_indicators(
    depts: &[Dept],
    projects: &[Project],
    seed: u64,
) -> Vec<Vec<IndRow>> {
    projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            draw_indicators(&mut rng, p, depts[p.dept].sector)
        })
        .collect()
}

/// A target table of 2–5 indicators that fits the project.
pub(super) fn draw_indicators(rng: &mut Rng, p: &Project, sector: Sector) -> Vec<IndRow> {
    let kind = p.tpl.kind;
    let v = vocab(sector);
    let n = match rng.below(100) {
        0..8 => 2,
        8..43 => 3,
        43..80 => 4,
        _ => 5,
    };
    let mut rows = Vec::with_capacity(n);
    let qv = u64::from(p.tpl.q.lo) + ((u64::from(p.tpl.q.hi - p.tpl.q.lo) * u64::from(p.p)) >> 16);
    rows.push(IndRow {
        level1: "产出指标",
        level2: "数量指标",
        name: p.tpl.q.name,
        target: Cow::Owned(format!("≥{}", nice(qv.max(1)))),
        unit: p.tpl.q.unit,
    });
    // More output indicators: quality, timeliness, cost (in that order).
    let extra = n.saturating_sub(3);
    let mut which = rng.sample(&[0, 1, 2], extra);
    which.sort_unstable();
    for w in which {
        rows.push(match w {
            0 => row("产出指标", "质量指标", rng.pick(quality(kind))),
            1 => row("产出指标", "时效指标", rng.pick(timeliness(kind))),
            _ => {
                if kind == Build && rng.chance(30) {
                    row("产出指标", "成本指标", ("超概算比例", "≤5", "%"))
                } else {
                    IndRow {
                        level1: "产出指标",
                        level2: "成本指标",
                        name: "项目总成本",
                        target: Cow::Owned(format!("≤{}", p.requested.wan_string())),
                        unit: "万元",
                    }
                }
            }
        });
    }
    let effect = n >= 3 || rng.chance(50);
    let satisfied = n >= 3 || !effect;
    if effect {
        rows.push(effect_row(rng, kind, v));
    }
    if satisfied {
        let target = match rng.below(3) {
            0 => "≥85",
            1 => "≥90",
            _ => "≥95",
        };
        rows.push(IndRow {
            level1: "满意度指标",
            level2: "服务对象满意度指标",
            name: rng.pick(v.satisfaction),
            target: Cow::Borrowed(target),
            unit: "%",
        });
    }
    rows
}

pub(super) fn effect_row(rng: &mut Rng, kind: Kind, v: &SectorVocab) -> IndRow {
    const L1: &str = "效益指标";
    let r = rng.below(10);
    if kind == Ecol && !v.eco.is_empty() && r < 5 {
        return row(L1, "生态效益指标", rng.pick(v.eco));
    }
    match r {
        6 | 7 if !v.econ.is_empty() => row(L1, "经济效益指标", rng.pick(v.econ)),
        8 if !v.eco.is_empty() => row(L1, "生态效益指标", rng.pick(v.eco)),
        9 => row(L1, "可持续影响指标", rng.pick(sustainability(kind))),
        _ => row(L1, "社会效益指标", rng.pick(v.social)),
    }
}
