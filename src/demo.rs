//! Demo meetings: a deterministic generator of realistic submissions and
//! decision batches, and the files it produced as shipped in `data/`.
//!
//! * [`generate_report_meeting`]: the meeting of the 2021 report — 71
//!   departments, 1373 projects, 347740.00万元 requested; the decisions cancel
//!   224 projects, adjust the targets of 343 and cut 117186.00万元 in all.
//! * [`generate_exante`]: the ex-ante evaluation (事前绩效评估) of 5 projects,
//!   7038.70万元 requested, 3607.70 recommended.
//! * [`generate_meeting`]: a synthetic meeting of any size for benchmarks.
//!
//! The files in `data/` are the generator's output, embedded with
//! `include_str!` so the binary works from any folder. A test checks that
//! they equal the generator's output byte for byte. After changing the
//! generator, regenerate them with
//!
//! ```text
//! cargo test --lib demo::tests::regenerate -- --ignored
//! ```
//!
//! All arithmetic on money is exact (fen); the only floats pick random
//! amounts and use correctly rounded operations (`*`, `/`, `sqrt`), so the
//! output is the same on every platform.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::domain::budget::BudgetType;
use crate::domain::money::Money;

/// The three files of a meeting: the submission (projects and their
/// performance indicators) and a decision batch. UTF-8 CSV with a header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoFiles {
    /// The meeting's title.
    pub title: &'static str,
    pub projects_csv: String,
    pub indicators_csv: String,
    pub decisions_csv: String,
}

/// `data/demo-projects.csv`: the projects of the 2021 report meeting.
pub const PROJECTS_CSV: &str = include_str!("../data/demo-projects.csv");
/// `data/demo-indicators.csv`: their performance indicators.
pub const INDICATORS_CSV: &str = include_str!("../data/demo-indicators.csv");
/// `data/demo-decisions.csv`: the panel's decisions.
pub const DECISIONS_CSV: &str = include_str!("../data/demo-decisions.csv");
/// `data/exante-projects.csv`: the 5 projects of the ex-ante evaluation.
pub const EXANTE_PROJECTS_CSV: &str = include_str!("../data/exante-projects.csv");
/// `data/exante-indicators.csv`: their performance indicators.
pub const EXANTE_INDICATORS_CSV: &str = include_str!("../data/exante-indicators.csv");
/// `data/exante-decisions.csv`: the evaluation's recommendations.
pub const EXANTE_DECISIONS_CSV: &str = include_str!("../data/exante-decisions.csv");

/// Header of a projects file.
pub const PROJECTS_HEADER: [&str; 6] = [
    "项目编码",
    "部门",
    "业务股室",
    "项目名称",
    "预算类型",
    "申报金额（万元）",
];
/// Header of an indicators file.
pub const INDICATORS_HEADER: [&str; 6] = [
    "项目编码",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "计量单位",
];
/// Header of a decisions file.
pub const DECISIONS_HEADER: [&str; 4] = ["项目编码", "审核结果", "金额（万元）", "审核意见"];

const YEAR: u32 = 2021;
const FEN_PER_WAN: i64 = 1_000_000;
/// The smallest step of an amount written in 万元 with two decimals.
const CENT_WAN: i64 = FEN_PER_WAN / 100;

/// The report's figures.
const REPORT_PROJECTS: usize = 1373;
const REPORT_REQUESTED_WAN: i64 = 347_740;
const REPORT_CUT_WAN: i64 = 117_186;
const REPORT_CANCELLED: usize = 224;
const REPORT_ADJUSTED: usize = 343;
const REPORT_SEED: u64 = 2021;

/// Title of the 2021 report meeting.
pub const REPORT_TITLE: &str = "2021年部门预算绩效目标会审（演示）";
/// Title of the ex-ante evaluation.
pub const EXANTE_TITLE: &str = "2021年重点项目事前绩效评估（演示）";
/// Title of a synthetic meeting.
pub const SYNTHETIC_TITLE: &str = "合成会审（性能测试）";

// ---------------------------------------------------------------------------
// Public API

/// The 2021 report meeting as shipped in `data/` (no generation).
pub fn report_files() -> DemoFiles {
    DemoFiles {
        title: REPORT_TITLE,
        projects_csv: PROJECTS_CSV.to_string(),
        indicators_csv: INDICATORS_CSV.to_string(),
        decisions_csv: DECISIONS_CSV.to_string(),
    }
}

/// `data/monitoring-*.csv`: mid-year monitoring (事中绩效监控), 11 projects.
pub const MONITORING_PROJECTS_CSV: &str = include_str!("../data/monitoring-projects.csv");
pub const MONITORING_INDICATORS_CSV: &str = include_str!("../data/monitoring-indicators.csv");
pub const MONITORING_DECISIONS_CSV: &str = include_str!("../data/monitoring-decisions.csv");
/// `data/posteval-*.csv`: post-evaluation (事后绩效评价), 38 projects.
pub const POSTEVAL_PROJECTS_CSV: &str = include_str!("../data/posteval-projects.csv");
pub const POSTEVAL_INDICATORS_CSV: &str = include_str!("../data/posteval-indicators.csv");
pub const POSTEVAL_DECISIONS_CSV: &str = include_str!("../data/posteval-decisions.csv");

/// The demo meeting of a stage, as shipped in `data/` (hand-written for the
/// later stages, reproducing the report's figures).
pub fn stage_files(stage: crate::domain::Stage) -> DemoFiles {
    use crate::domain::Stage;
    match stage {
        Stage::TargetReview => report_files(),
        Stage::ExAnte => exante_files(),
        Stage::Monitoring => DemoFiles {
            title: "2021年财政重点绩效监控（演示）",
            projects_csv: MONITORING_PROJECTS_CSV.to_string(),
            indicators_csv: MONITORING_INDICATORS_CSV.to_string(),
            decisions_csv: MONITORING_DECISIONS_CSV.to_string(),
        },
        Stage::PostEvaluation => DemoFiles {
            title: "2021年财政重点绩效评价结果应用（演示）",
            projects_csv: POSTEVAL_PROJECTS_CSV.to_string(),
            indicators_csv: POSTEVAL_INDICATORS_CSV.to_string(),
            decisions_csv: POSTEVAL_DECISIONS_CSV.to_string(),
        },
    }
}

/// The ex-ante evaluation as shipped in `data/` (no generation).
pub fn exante_files() -> DemoFiles {
    DemoFiles {
        title: EXANTE_TITLE,
        projects_csv: EXANTE_PROJECTS_CSV.to_string(),
        indicators_csv: EXANTE_INDICATORS_CSV.to_string(),
        decisions_csv: EXANTE_DECISIONS_CSV.to_string(),
    }
}

/// The demo meeting modelled on the 2021 report (1373 projects, 71
/// departments). Same output every call.
pub fn generate_report_meeting() -> DemoFiles {
    let depts = departments(1);
    let mut rng = Rng::new(REPORT_SEED);
    let mut projects = draw_projects(&depts, REPORT_PROJECTS, &mut rng);
    let target = Money::from_fen(REPORT_REQUESTED_WAN * FEN_PER_WAN);
    settle_amounts(&mut projects, target, true);
    let indicators = draw_all_indicators(&depts, &projects, REPORT_SEED);
    let decisions = report_decisions(&projects, &indicators, &mut rng);
    DemoFiles {
        title: REPORT_TITLE,
        projects_csv: projects_csv(&depts, &projects),
        indicators_csv: indicators_csv(&projects, &indicators),
        decisions_csv: decisions_csv(&projects, &decisions),
    }
}

/// A synthetic meeting of `projects` projects for benchmarks, with the same
/// vocabulary and 71 departments for every 1373 projects; deterministic per
/// (`projects`, `seed`). Every project gets a decision, in about the report's
/// proportions.
pub fn generate_meeting(projects: usize, seed: u64) -> DemoFiles {
    let replicas = projects.div_ceil(REPORT_PROJECTS).max(1);
    let depts = departments(replicas);
    let mut rng = Rng::new(seed ^ 0x6875_6973_6865_6e00);
    let mut list = draw_projects(&depts, projects, &mut rng);
    // About the report's average request, without an exact total.
    let target = Money::from_fen(
        (REPORT_REQUESTED_WAN * FEN_PER_WAN / REPORT_PROJECTS as i64) * projects as i64,
    );
    settle_amounts(&mut list, target, false);
    let indicators = draw_all_indicators(&depts, &list, seed);
    let decisions = synthetic_decisions(&list, &indicators, &mut rng);
    DemoFiles {
        title: SYNTHETIC_TITLE,
        projects_csv: projects_csv(&depts, &list),
        indicators_csv: indicators_csv(&list, &indicators),
        decisions_csv: decisions_csv(&list, &decisions),
    }
}

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
        p.write_record([
            code.as_str(),
            x.department,
            x.section,
            x.name,
            BudgetType::General.zh(),
            &requested.wan_string(),
        ])
        .expect("write to memory");
        for (l1, l2, name, target, unit) in x.indicators {
            ind.write_record([code.as_str(), l1, l2, name, target, unit])
                .expect("write to memory");
        }
        match x.approved_cents {
            Some(a) => {
                let approved = Money::from_fen(a * CENT_WAN);
                dec.write_record([code.as_str(), "审减", &approved.wan_string(), x.comment])
                    .expect("write to memory");
            }
            None => {
                dec.write_record([code.as_str(), "通过", "", x.comment])
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

// ---------------------------------------------------------------------------
// Randomness: splitmix64, so the output never depends on a crate's version.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `k` distinct elements of `items` in random order (partial Fisher–Yates).
    fn sample(&mut self, items: &[usize], k: usize) -> Vec<usize> {
        let mut v = items.to_vec();
        let k = k.min(v.len());
        for i in 0..k {
            let j = i + self.below(v.len() - i);
            v.swap(i, j);
        }
        v.truncate(k);
        v
    }
}

/// `r` raised to the fraction `p`/65536, by square roots only (exact IEEE
/// operations, unlike `powf`, so the result is the same everywhere).
fn pow_frac(r: f64, p: u16) -> f64 {
    let mut root = r;
    let mut acc = 1.0;
    for bit in (0..16).rev() {
        root = root.sqrt();
        if (p >> bit) & 1 == 1 {
            acc *= root;
        }
    }
    acc
}

// ---------------------------------------------------------------------------
// Vocabulary

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Build,
    Equip,
    Subsidy,
    Service,
    Operate,
    Ecol,
    Info,
    Train,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sector {
    Edu,
    Health,
    Agri,
    Transport,
    Urban,
    Water,
    Civil,
    Labor,
    Land,
    Security,
    Culture,
    Env,
    Econ,
    Gov,
    Town,
    Finance,
}

/// The quantity indicator (数量指标) of a template; its value grows with the
/// project's amount from `lo` to `hi`.
#[derive(Clone, Copy)]
struct Q {
    name: &'static str,
    lo: u32,
    hi: u32,
    unit: &'static str,
}

const fn q(name: &'static str, lo: u32, hi: u32, unit: &'static str) -> Q {
    Q { name, lo, hi, unit }
}

/// A project template. `name` may hold `{年}`, `{镇}`, `{镇2}`, `{村}`,
/// `{校}`, `{院}` and `{河}`; amounts are drawn log-uniform in `lo..hi` 万元.
#[derive(Clone, Copy)]
struct Tpl {
    name: &'static str,
    lo: u32,
    hi: u32,
    kind: Kind,
    budget: BudgetType,
    q: Q,
}

const fn t(name: &'static str, lo: u32, hi: u32, kind: Kind, q: Q) -> Tpl {
    Tpl {
        name,
        lo,
        hi,
        kind,
        budget: BudgetType::General,
        q,
    }
}

impl Tpl {
    /// 政府性基金预算.
    const fn fund(self) -> Tpl {
        Tpl {
            budget: BudgetType::Fund,
            ..self
        }
    }
    /// 国有资本经营预算.
    const fn capital(self) -> Tpl {
        Tpl {
            budget: BudgetType::StateCapital,
            ..self
        }
    }
    /// 社会保险基金预算.
    const fn insurance(self) -> Tpl {
        Tpl {
            budget: BudgetType::SocialInsurance,
            ..self
        }
    }
}

use Kind::{Build, Ecol, Equip, Info, Operate, Service, Subsidy, Train};

/// Towns and streets of the city, for project names: the first `TOWNS`
/// are towns (镇), the rest streets (街道).
const PLACES: [&str; 20] = [
    "汉旺镇",
    "拱星镇",
    "九龙镇",
    "遵道镇",
    "孝德镇",
    "土门镇",
    "富新镇",
    "西南镇",
    "新市镇",
    "兴隆镇",
    "齐天镇",
    "玉泉镇",
    "东北镇",
    "广济镇",
    "金花镇",
    "清平镇",
    "天池镇",
    "剑南街道",
    "南轩街道",
    "紫岩街道",
];

const TOWNS: usize = 17;

const VILLAGES: [&str; 30] = [
    "双泉", "红岩", "青龙", "石亭", "五福", "金星", "麓棠", "新龙", "玉马", "永丰", "白果", "双河",
    "回龙", "高林", "大乘", "光明", "天河", "清泉", "和平", "棚花", "三溪", "龙蟠", "八角", "柏林",
    "新华", "桂花", "松林", "联合", "团结", "马尾",
];

const RIVERS: [&str; 6] = ["绵远河", "石亭江", "射水河", "马尾河", "白鱼河", "清水河"];

const SCHOOLS: [&str; 5] = ["中心学校", "小学", "初级中学", "幼儿园", "中心幼儿园"];

/// Templates any department may use.
#[rustfmt::skip]
static GENERIC: &[Tpl] = &[
    t("{年}信息化系统运行维护", 5, 60, Info, q("运维信息系统", 1, 6, "个")),
    t("业务能力提升培训", 3, 30, Train, q("培训干部职工", 50, 500, "人次")),
    t("办公设备更新购置", 5, 40, Equip, q("更新办公设备", 10, 80, "台（套）")),
    t("档案整理及数字化加工", 5, 50, Service, q("数字化加工档案", 5000, 80000, "页")),
    t("政策宣传专项经费", 3, 30, Operate, q("开展宣传活动", 5, 40, "场次")),
    t("业务用房维修改造", 10, 120, Build, q("维修改造面积", 200, 2000, "平方米")),
    t("法律顾问及政府购买服务", 5, 40, Service, q("购买服务事项", 2, 8, "项")),
    t("安全生产及消防设施维护", 3, 30, Operate, q("开展安全检查", 12, 48, "次")),
    t("{年}专项业务工作经费", 5, 80, Operate, q("完成专项业务工作", 3, 12, "项")),
];

#[rustfmt::skip]
static EDU: &[Tpl] = &[
    t("{年}义务教育薄弱环节改善与能力提升项目", 300, 3000, Build, q("改造校舍面积", 1500, 12000, "平方米")),
    t("{校}校舍维修改造", 30, 600, Build, q("维修改造校舍面积", 300, 5000, "平方米")),
    t("{年}学前教育发展资金", 200, 1500, Subsidy, q("资助幼儿人数", 500, 6000, "人")),
    t("农村义务教育学生营养改善计划", 300, 1800, Subsidy, q("受益学生人数", 5000, 30000, "人")),
    t("{校}教学仪器设备购置", 20, 300, Equip, q("购置教学仪器设备", 50, 600, "台（套）")),
    t("{校}运动场改造工程", 50, 500, Build, q("改造运动场面积", 2000, 12000, "平方米")),
    t("义务教育家庭经济困难学生生活补助", 100, 800, Subsidy, q("补助学生人数", 1000, 8000, "人次")),
    t("普通高中国家助学金", 80, 500, Subsidy, q("资助学生人数", 800, 4000, "人次")),
    t("中等职业教育免学费补助", 100, 600, Subsidy, q("免学费学生人数", 1000, 5000, "人")),
    t("{年}中小学教师继续教育培训", 20, 200, Train, q("培训教师人数", 300, 3000, "人次")),
    t("{校}学生食堂改造及设备购置", 30, 300, Build, q("改造食堂面积", 200, 1500, "平方米")),
    t("智慧校园建设项目（{镇}片区）", 80, 800, Info, q("建设智慧教室", 10, 120, "间")),
    t("{校}学生宿舍新建工程", 300, 2500, Build, q("新建宿舍面积", 1500, 9000, "平方米")),
    t("{镇}公办幼儿园扩容建设项目", 200, 1500, Build, q("新增学位", 90, 540, "个")),
    t("{校}校园安全防范设施建设", 20, 200, Equip, q("安装视频监控点位", 50, 600, "个")),
    t("乡村教师生活补助", 100, 600, Subsidy, q("补助教师人数", 300, 2000, "人")),
    t("体育彩票公益金支持校园足球发展", 20, 120, Train, q("开展校园足球联赛", 2, 12, "场次")).fund(),
    t("城南九年一贯制学校建设项目（专项债券）", 2000, 6000, Build, q("新建校舍面积", 12000, 30000, "平方米")).fund(),
    t("教育城域网及教育信息化运维", 30, 200, Info, q("接入学校", 40, 120, "所")),
    t("{校}厕所改造及饮水设施提升", 10, 120, Build, q("改造学校厕所", 1, 6, "座")),
    t("学生资助及教育扶贫专项", 50, 400, Subsidy, q("资助建档立卡学生", 500, 3000, "人次")),
    t("{年}中考及各类教育考试组织经费", 20, 120, Operate, q("组织考试", 5, 20, "场次")),
];

#[rustfmt::skip]
static HEALTH: &[Tpl] = &[
    t("{年}基本公共卫生服务补助", 500, 2500, Subsidy, q("服务常住人口", 200000, 450000, "人")),
    t("{院}设备购置", 30, 500, Equip, q("购置医疗设备", 5, 60, "台（套）")),
    t("{院}业务用房改造工程", 80, 1200, Build, q("改造业务用房面积", 500, 5000, "平方米")),
    t("家庭医生签约服务经费", 50, 400, Service, q("重点人群签约人数", 20000, 80000, "人")),
    t("{镇}村卫生室标准化建设", 20, 200, Build, q("建成标准化村卫生室", 3, 15, "个")),
    t("计划生育家庭奖励扶助资金", 200, 1200, Subsidy, q("扶助对象", 3000, 15000, "人")),
    t("重大传染病防控经费", 50, 600, Service, q("开展监测", 5000, 50000, "人次")),
    t("新冠肺炎疫情防控物资储备", 100, 1500, Equip, q("储备防控物资", 20, 120, "万件")),
    t("市人民医院发热门诊改造项目", 300, 1800, Build, q("改造发热门诊面积", 800, 3000, "平方米")),
    t("严重精神障碍患者救治救助", 30, 200, Subsidy, q("救治救助患者", 300, 1500, "人")),
    t("基层卫生人才培养项目", 20, 150, Train, q("培训基层医务人员", 200, 1500, "人次")),
    t("妇幼健康服务项目", 30, 300, Service, q("孕产妇系统管理人数", 2000, 6000, "人")),
    t("{院}信息化建设", 20, 200, Info, q("上线信息系统模块", 3, 15, "个")),
    t("中医药传承发展项目", 20, 200, Service, q("建设中医馆", 2, 10, "个")),
    t("中医医院改扩建项目（专项债券）", 1500, 6000, Build, q("新增建筑面积", 6000, 30000, "平方米")).fund(),
    t("爱国卫生运动专项经费", 20, 150, Operate, q("开展病媒生物防制", 2, 6, "次")),
    t("{院}急救能力提升项目", 30, 300, Equip, q("配置急救设备", 5, 30, "台（套）")),
    t("老年人健康管理及医养结合服务", 30, 250, Service, q("健康管理老年人", 10000, 40000, "人")),
    t("120急救指挥调度系统升级", 50, 400, Info, q("接入急救站点", 5, 20, "个")),
];

#[rustfmt::skip]
static AGRI: &[Tpl] = &[
    t("{镇}高标准农田建设项目", 300, 2500, Build, q("建设高标准农田", 3000, 20000, "亩")),
    t("耕地地力保护补贴", 1000, 3500, Subsidy, q("补贴耕地面积", 300000, 600000, "亩")),
    t("农机购置补贴", 200, 1200, Subsidy, q("补贴农机具", 300, 2000, "台（套）")),
    t("{镇}现代农业园区基础设施建设", 200, 2000, Build, q("建设园区道路", 2, 15, "公里")),
    t("动物防疫补助经费", 50, 400, Service, q("免疫畜禽", 50, 400, "万头（只）")),
    t("农产品质量安全监测", 20, 150, Service, q("抽检农产品样品", 500, 3000, "批次")),
    t("{镇}{村}人居环境整治项目", 20, 200, Build, q("整治农户院落", 50, 400, "户")),
    t("{镇}农村户厕改造项目", 30, 300, Build, q("改造农村户厕", 100, 1200, "户")),
    t("高素质农民培育", 20, 150, Train, q("培训高素质农民", 200, 1500, "人")),
    t("生猪产能恢复补助", 50, 500, Subsidy, q("扶持规模养殖场", 10, 60, "个")),
    t("{镇}{村}集体经济发展项目", 30, 300, Subsidy, q("扶持村集体经济组织", 1, 3, "个")),
    t("农业产业化龙头企业贴息补助", 50, 400, Subsidy, q("扶持龙头企业", 5, 30, "家")),
    t("{镇}农业土地开发项目", 200, 1500, Build, q("开发整理土地", 1000, 8000, "亩")).fund(),
    t("农村承包地确权成果应用", 20, 150, Info, q("建成数据库", 1, 1, "个")),
    t("{镇}“菜篮子”保供基地建设", 50, 500, Build, q("建设保供基地", 500, 3000, "亩")),
    t("稻渔综合种养示范项目（{镇}）", 30, 300, Subsidy, q("示范面积", 300, 2000, "亩")),
    t("农业保险保费补贴", 200, 1200, Subsidy, q("参保面积", 50000, 200000, "亩")),
    t("农作物病虫害统防统治", 30, 200, Service, q("统防统治面积", 20000, 100000, "亩")),
];

#[rustfmt::skip]
static TRANSPORT: &[Tpl] = &[
    t("{年}农村公路养护", 300, 1800, Service, q("养护农村公路里程", 500, 1600, "公里")),
    t("{镇}至{镇2}县乡道改造工程", 500, 5000, Build, q("改造公路里程", 5, 40, "公里")),
    t("{镇}农村公路安全生命防护工程", 50, 500, Build, q("安装波形护栏", 5, 60, "公里")),
    t("{镇}{村}组道路硬化", 20, 300, Build, q("硬化道路", 2, 15, "公里")),
    t("城乡客运一体化补贴", 100, 800, Subsidy, q("运营城乡公交线路", 10, 40, "条")),
    t("{镇}农村客运招呼站建设", 20, 200, Build, q("新建港湾式候车亭", 5, 40, "个")),
    t("{河}大桥维修加固工程", 100, 1200, Build, q("维修加固桥梁", 1, 3, "座")),
    t("{镇}危桥改造工程", 100, 1000, Build, q("改造危桥", 1, 4, "座")),
    t("城市公交和出租车成品油价格补助", 50, 300, Subsidy, q("补助运营车辆", 200, 800, "辆")),
    t("山区旅游环线公路建设项目（专项债券）", 2000, 7000, Build, q("新建公路里程", 10, 40, "公里")).fund(),
    t("交通运输安全生产监管经费", 20, 100, Operate, q("开展安全检查", 50, 200, "次")),
    t("公路应急抢险保通经费", 50, 500, Service, q("处置公路灾毁点", 20, 120, "处")),
    t("{镇}产业路建设工程", 100, 1200, Build, q("新建产业道路", 3, 20, "公里")),
];

#[rustfmt::skip]
static URBAN: &[Tpl] = &[
    t("城市基础设施配套建设项目", 500, 5000, Build, q("改造市政道路", 2, 12, "公里")).fund(),
    t("{年}城镇老旧小区改造项目", 500, 4000, Build, q("改造老旧小区", 5, 40, "个")).fund(),
    t("城镇保障性安居工程租赁补贴", 300, 2500, Subsidy, q("发放租赁补贴", 500, 3000, "户")),
    t("农村危房改造补助", 100, 800, Subsidy, q("改造农村危房", 50, 400, "户")),
    t("城区雨污分流改造工程（{镇}片区）", 500, 4000, Build, q("新建雨污管网", 3, 25, "公里")).fund(),
    t("{镇}场镇污水处理设施运维", 50, 300, Service, q("处理污水量", 30, 200, "万吨")),
    t("城市园林绿化养护", 200, 1200, Service, q("养护绿地面积", 50, 300, "万平方米")),
    t("城市燃气管网更新改造", 300, 2500, Build, q("更新燃气管道", 5, 30, "公里")).fund(),
    t("建筑工程质量安全监管经费", 20, 150, Operate, q("监督检查在建工程", 50, 300, "项次")),
    t("{镇}场镇风貌提升工程", 100, 1500, Build, q("改造临街立面", 5000, 30000, "平方米")),
    t("城市路灯维护及电费", 150, 700, Service, q("维护路灯", 5000, 15000, "盏")),
    t("城南片区路网建设项目（专项债券）", 2000, 8000, Build, q("新建城市道路", 3, 12, "公里")).fund(),
    t("{镇}场镇供水管网改造", 100, 800, Build, q("改造供水管网", 3, 20, "公里")),
    t("城市排水防涝设施建设", 300, 2500, Build, q("新建排水管网", 2, 15, "公里")).fund(),
];

#[rustfmt::skip]
static WATER: &[Tpl] = &[
    t("{镇}农村饮水安全巩固提升工程", 100, 1200, Build, q("受益人口", 3000, 30000, "人")),
    t("{镇}农田水利建设项目", 100, 1500, Build, q("整治渠系", 3, 30, "公里")).fund(),
    t("{河}{镇}段河道综合治理工程", 300, 3000, Build, q("治理河道长度", 2, 15, "公里")),
    t("山洪灾害防治非工程措施运维", 30, 200, Service, q("维护监测站点", 20, 120, "个")),
    t("河长制工作经费", 20, 150, Operate, q("开展巡河", 500, 3000, "次")),
    t("{镇}小型水库除险加固", 100, 1000, Build, q("除险加固水库", 1, 3, "座")),
    t("{镇}水土保持综合治理项目", 100, 800, Ecol, q("治理水土流失面积", 2, 15, "平方公里")),
    t("大中型水库移民后期扶持项目", 100, 600, Subsidy, q("扶持移民", 1000, 6000, "人")).fund(),
    t("人民渠灌区续建配套与节水改造", 500, 3000, Build, q("改造干支渠", 5, 30, "公里")),
    t("防汛抗旱物资储备", 30, 200, Equip, q("储备防汛物资", 5000, 30000, "件")),
    t("{河}防洪堤建设工程", 300, 2500, Build, q("新建堤防", 1, 8, "公里")),
];

#[rustfmt::skip]
static CIVIL: &[Tpl] = &[
    t("城乡居民最低生活保障资金", 1000, 4000, Subsidy, q("保障人数", 8000, 20000, "人")),
    t("特困人员救助供养资金", 300, 1500, Subsidy, q("供养特困人员", 1500, 4000, "人")),
    t("临时救助资金", 100, 500, Subsidy, q("救助困难群众", 1000, 5000, "人次")),
    t("福利彩票公益金资助{镇}日间照料中心建设", 20, 150, Build, q("建设日间照料中心", 1, 3, "个")).fund(),
    t("困难残疾人生活补贴和重度残疾人护理补贴", 300, 1200, Subsidy, q("补贴残疾人", 5000, 15000, "人")),
    t("高龄老人生活补贴", 100, 600, Subsidy, q("补贴高龄老人", 3000, 12000, "人")),
    t("{镇}敬老院改造提升", 50, 500, Build, q("改造床位", 30, 200, "张")),
    t("孤儿及事实无人抚养儿童基本生活保障", 30, 200, Subsidy, q("保障儿童", 50, 300, "人")),
    t("惠民殡葬基本服务补助", 30, 200, Subsidy, q("补助对象", 1000, 4000, "人")),
    t("社会组织培育孵化项目", 10, 80, Service, q("孵化社会组织", 5, 30, "个")),
    t("居家和社区养老服务政府购买服务", 50, 400, Service, q("服务老年人", 1000, 6000, "人")),
    t("福利彩票公益金资助养老服务项目", 30, 200, Service, q("资助养老机构", 5, 20, "家")).fund(),
];

#[rustfmt::skip]
static LABOR: &[Tpl] = &[
    t("城乡居民基本养老保险基金补助", 1500, 5000, Subsidy, q("参保人数", 200000, 300000, "人")).insurance(),
    t("失业保险稳岗返还", 100, 800, Subsidy, q("稳岗返还企业", 200, 1200, "户")).insurance(),
    t("失业保险技能提升补贴", 30, 200, Subsidy, q("发放技能提升补贴", 500, 3000, "人次")).insurance(),
    t("就业创业补助资金", 200, 1000, Subsidy, q("城镇新增就业", 3000, 8000, "人")),
    t("职业技能提升培训", 50, 400, Train, q("开展职业技能培训", 1000, 6000, "人次")),
    t("公益性岗位补贴", 100, 700, Subsidy, q("开发公益性岗位", 200, 1000, "个")),
    t("人力资源市场信息化建设", 20, 150, Info, q("上线服务事项", 10, 60, "项")),
    t("劳动保障监察执法经费", 10, 60, Operate, q("开展专项检查", 4, 12, "次")),
    t("返乡创业园建设补助", 100, 800, Build, q("入驻创业主体", 20, 100, "户")),
    t("根治欠薪专项工作经费", 10, 80, Operate, q("办结欠薪案件", 100, 500, "件")),
    t("{镇}就业创业服务站建设", 10, 80, Build, q("建设就业服务站", 1, 1, "个")),
    t("{镇}农民工职业技能培训", 10, 100, Train, q("培训农民工", 100, 800, "人次")),
    t("{镇}零工市场建设", 20, 150, Build, q("发布零工岗位信息", 500, 3000, "条")),
];

#[rustfmt::skip]
static MEDICARE: &[Tpl] = &[
    t("城乡居民基本医疗保险基金补助", 2000, 6000, Subsidy, q("参保人数", 380000, 450000, "人")).insurance(),
    t("医疗救助资金", 200, 1000, Subsidy, q("救助困难群众", 5000, 20000, "人次")),
    t("医保基金监管专项经费", 20, 100, Operate, q("检查定点医药机构", 100, 400, "家")),
    t("生育保险待遇支付", 200, 800, Subsidy, q("享受生育待遇", 1000, 3000, "人次")).insurance(),
    t("医保信息平台运维", 20, 120, Info, q("接入定点医药机构", 200, 500, "家")),
    t("{镇}医保服务站建设", 10, 60, Build, q("建成医保服务站", 1, 3, "个")),
];

#[rustfmt::skip]
static LAND: &[Tpl] = &[
    t("{镇}土地整理项目", 200, 2000, Build, q("整理土地面积", 1000, 6000, "亩")).fund(),
    t("国土空间总体规划编制", 100, 600, Service, q("编制规划成果", 1, 1, "套")),
    t("{镇}地质灾害隐患点治理", 100, 1500, Ecol, q("治理地质灾害隐患点", 1, 6, "处")),
    t("{镇}村庄规划编制", 20, 120, Service, q("编制村庄规划", 3, 12, "个")),
    t("{镇}城乡建设用地增减挂钩项目", 300, 2500, Build, q("复垦建设用地", 100, 800, "亩")).fund(),
    t("不动产登记信息化建设", 30, 200, Info, q("数字化登记档案", 50000, 300000, "卷")),
    t("第三次全国国土调查成果应用", 30, 200, Service, q("更新调查图斑", 5000, 30000, "个")),
    t("耕地保护激励资金", 50, 400, Subsidy, q("激励保护耕地", 10000, 80000, "亩")),
    t("地质灾害群测群防经费", 20, 150, Service, q("聘用群测群防员", 100, 400, "人")),
    t("{镇}矿山生态修复项目", 200, 2000, Ecol, q("修复矿山面积", 50, 500, "亩")).fund(),
];

#[rustfmt::skip]
static POLICE: &[Tpl] = &[
    t("“天网”视频监控系统运维", 100, 800, Info, q("维护视频监控点位", 1000, 4000, "个")),
    t("警用装备购置", 50, 500, Equip, q("购置警用装备", 100, 800, "件（套）")),
    t("{镇}派出所业务用房维修改造", 30, 300, Build, q("维修改造面积", 300, 2000, "平方米")),
    t("禁毒专项经费", 20, 150, Operate, q("开展禁毒宣传", 50, 200, "场次")),
    t("{镇}道路交通安全设施建设", 50, 400, Build, q("设置交通信号灯", 5, 30, "组")),
    t("常态化扫黑除恶斗争经费", 30, 200, Operate, q("侦办涉黑涉恶案件", 5, 20, "件")),
    t("警务辅助人员经费", 500, 2000, Operate, q("保障辅警人数", 200, 500, "人")),
    t("执法办案管理中心运行经费", 50, 300, Operate, q("进入中心办理案件", 1000, 4000, "件")),
    t("看守所监管设施改造", 100, 800, Build, q("改造监室", 10, 40, "间")),
    t("反电信网络诈骗专项经费", 20, 150, Operate, q("开展反诈宣传", 100, 400, "场次")),
];

#[rustfmt::skip]
static CULTURE: &[Tpl] = &[
    t("{镇}综合文化站提升项目", 20, 200, Build, q("提升综合文化站", 1, 1, "个")),
    t("年画文化传承保护项目", 50, 400, Service, q("开展年画传承活动", 10, 50, "场次")),
    t("{年}文化惠民送戏下乡", 20, 100, Service, q("送戏下乡演出", 50, 200, "场次")),
    t("{镇}旅游厕所新建改造", 20, 200, Build, q("新建改造旅游厕所", 2, 10, "座")),
    t("全域旅游宣传推广", 50, 400, Service, q("开展旅游推介活动", 5, 20, "场次")),
    t("{镇}文物保护修缮工程", 50, 600, Build, q("修缮文物建筑", 1, 3, "处")),
    t("图书馆文化馆美术馆免费开放补助", 30, 150, Subsidy, q("免费开放场馆", 3, 3, "个")),
    t("应急广播体系建设", 100, 800, Info, q("安装应急广播终端", 500, 3000, "个")),
    t("体育彩票公益金全民健身设施建设（{镇}）", 20, 200, Build, q("安装健身器材", 20, 200, "件")).fund(),
    t("{镇}A级旅游景区创建提升", 100, 1500, Build, q("提升景区基础设施", 3, 12, "处")),
    t("农村公益电影放映", 20, 80, Service, q("放映农村公益电影", 1500, 3000, "场次")),
    t("全民健身运动会及群众体育赛事", 30, 200, Service, q("举办群众体育赛事", 10, 40, "场次")),
];

#[rustfmt::skip]
static CITY: &[Tpl] = &[
    t("城区环境卫生清扫保洁服务", 500, 2500, Service, q("清扫保洁面积", 200, 600, "万平方米")),
    t("生活垃圾收运处置", 500, 3000, Service, q("收运处置生活垃圾", 5, 15, "万吨")),
    t("生活垃圾分类设施建设", 100, 800, Build, q("设置分类投放点", 100, 600, "个")),
    t("数字化城管平台运维", 30, 200, Info, q("处置城市管理问题", 20000, 60000, "件")),
    t("城区公厕新建改造", 50, 500, Build, q("新建改造公厕", 5, 30, "座")),
    t("城管执法装备购置", 20, 150, Equip, q("购置执法装备", 50, 300, "台（套）")),
    t("{镇}垃圾中转站建设", 50, 400, Build, q("新建垃圾中转站", 1, 2, "座")),
    t("市政设施维护", 200, 1200, Service, q("维修市政道路", 1, 5, "万平方米")),
    t("餐厨垃圾收运处置", 100, 600, Service, q("收运处置餐厨垃圾", 3000, 12000, "吨")),
    t("{镇}场镇生活垃圾收运服务", 30, 300, Service, q("收运生活垃圾", 1000, 8000, "吨")),
    t("{镇}城乡结合部环境整治", 30, 300, Build, q("整治背街小巷", 3, 15, "条")),
];

#[rustfmt::skip]
static ENV: &[Tpl] = &[
    t("大气污染防治专项", 100, 1000, Ecol, q("安装扬尘在线监测设备", 10, 80, "台")),
    t("{河}水环境综合治理", 300, 2500, Ecol, q("整治入河排污口", 5, 40, "个")),
    t("{镇}农村生活污水治理", 100, 1000, Ecol, q("新建污水处理站", 1, 6, "座")),
    t("土壤污染防治项目", 100, 800, Ecol, q("完成土壤详查点位", 50, 300, "个")),
    t("生态环境监测能力建设", 50, 400, Equip, q("购置监测设备", 10, 50, "台（套）")),
    t("突发环境事件应急物资储备", 20, 100, Equip, q("储备应急物资", 500, 3000, "件")),
    t("生态环境执法专项经费", 10, 80, Operate, q("开展执法检查", 200, 800, "家次")),
    t("{镇}集中式饮用水水源地保护", 50, 500, Ecol, q("设置隔离防护设施", 2, 10, "公里")),
    t("第二次全国污染源普查成果应用", 20, 150, Service, q("更新污染源数据", 500, 2000, "个")),
];

#[rustfmt::skip]
static ECONOMY: &[Tpl] = &[
    t("工业发展专项资金", 300, 2000, Subsidy, q("扶持工业企业", 20, 100, "家")),
    t("中小企业发展专项资金", 100, 800, Subsidy, q("扶持中小企业", 30, 150, "家")),
    t("5G基站建设补助", 100, 600, Subsidy, q("新建5G基站", 50, 300, "个")),
    t("企业技术改造补助", 200, 1500, Subsidy, q("支持技改项目", 10, 40, "个")),
    t("新市工业集中发展区基础设施配套", 500, 4000, Build, q("新建园区道路", 1, 6, "公里")),
    t("国有企业退休人员社会化管理补助", 50, 300, Subsidy, q("移交退休人员", 500, 3000, "人")).capital(),
    t("磷化工产业转型升级专项", 200, 1500, Subsidy, q("支持转型升级企业", 5, 20, "家")),
    t("“专精特新”企业培育奖励", 50, 300, Subsidy, q("培育“专精特新”企业", 5, 20, "家")),
    t("{镇}农村电网改造配套", 50, 500, Build, q("改造配电线路", 5, 40, "公里")),
    t("{镇}天然气管网延伸补助", 50, 400, Subsidy, q("新增天然气用户", 300, 2000, "户")),
    t("{镇}工业集中区标准化厂房建设补助", 200, 1500, Subsidy, q("新建标准化厂房", 5000, 30000, "平方米")),
];

#[rustfmt::skip]
static DEVREF: &[Tpl] = &[
    t("重点项目前期工作经费", 200, 1500, Service, q("开展项目前期研究", 10, 60, "个")),
    t("地方储备粮轮换及保管费用补贴", 100, 600, Subsidy, q("储备地方粮食", 5000, 20000, "吨")),
    t("{镇}以工代赈项目", 100, 800, Build, q("吸纳当地群众务工", 50, 300, "人")),
    t("价格监测工作经费", 10, 50, Operate, q("采集价格数据", 2000, 8000, "条")),
    t("“十四五”规划纲要编制及宣传", 30, 150, Service, q("编制规划成果", 1, 3, "套")),
    t("重点项目服务保障经费", 30, 200, Operate, q("服务保障重点项目", 20, 80, "个")),
    t("社会信用体系建设", 20, 120, Info, q("归集信用信息", 100000, 500000, "条")),
];

#[rustfmt::skip]
static COMMERCE: &[Tpl] = &[
    t("电子商务进农村综合示范项目", 100, 800, Service, q("建设村级电商服务站点", 30, 150, "个")),
    t("外贸企业发展扶持资金", 50, 400, Subsidy, q("扶持外贸企业", 10, 50, "家")),
    t("消费促进活动经费", 30, 300, Service, q("举办促消费活动", 5, 20, "场次")),
    t("{镇}农村商贸流通体系建设", 50, 400, Build, q("改造提升商贸网点", 5, 30, "个")),
    t("成品油市场专项整治", 10, 60, Operate, q("检查加油站点", 50, 150, "个次")),
    t("商贸流通企业纾困补助", 50, 400, Subsidy, q("补助商贸企业", 20, 100, "家")),
];

#[rustfmt::skip]
static FOREST: &[Tpl] = &[
    t("{镇}森林抚育项目", 50, 500, Ecol, q("完成森林抚育", 1000, 8000, "亩")),
    t("天然林资源保护工程", 200, 1000, Ecol, q("管护天然林", 10, 50, "万亩")),
    t("森林草原防灭火专项经费", 50, 400, Operate, q("建设防火隔离带", 5, 30, "公里")),
    t("林业有害生物防治", 20, 200, Ecol, q("防治林业有害生物", 2000, 15000, "亩")),
    t("公益林生态效益补偿", 200, 1200, Subsidy, q("补偿公益林面积", 10, 60, "万亩")),
    t("{镇}国土绿化行动", 50, 600, Ecol, q("完成营造林", 500, 5000, "亩")),
    t("大熊猫国家公园保护管理", 100, 800, Ecol, q("开展巡护", 200, 800, "次")),
    t("林长制工作经费", 10, 80, Operate, q("开展林长巡林", 200, 1000, "次")),
];

#[rustfmt::skip]
static EMERGENCY: &[Tpl] = &[
    t("应急物资储备", 50, 500, Equip, q("储备应急物资", 5000, 30000, "件")),
    t("安全生产专项整治三年行动", 20, 150, Operate, q("检查生产经营单位", 300, 1500, "家次")),
    t("{镇}应急避难场所建设", 50, 400, Build, q("建设应急避难场所", 1, 2, "个")),
    t("地震监测预警系统运维", 20, 100, Info, q("维护监测站点", 10, 40, "个")),
    t("森林消防专业队伍建设", 100, 600, Operate, q("保障专业扑火队员", 30, 100, "人")),
    t("自然灾害救助资金", 100, 800, Subsidy, q("救助受灾群众", 1000, 8000, "人次")),
    t("综合应急救援装备购置", 50, 400, Equip, q("购置救援装备", 50, 300, "件（套）")),
];

#[rustfmt::skip]
static MARKET: &[Tpl] = &[
    t("食品安全抽检监测", 50, 300, Service, q("完成食品抽检", 1000, 4000, "批次")),
    t("特种设备安全监管", 20, 100, Operate, q("检查特种设备", 500, 2000, "台次")),
    t("药品医疗器械化妆品监管", 20, 120, Operate, q("检查药品经营使用单位", 200, 800, "家次")),
    t("“双随机、一公开”监管工作经费", 10, 60, Operate, q("抽查市场主体", 300, 1200, "户")),
    t("知识产权创造保护运用", 20, 150, Subsidy, q("新增发明专利", 50, 200, "件")),
    t("计量检定设备购置", 30, 200, Equip, q("购置检定设备", 10, 50, "台（套）")),
    t("{镇}农贸市场升级改造补助", 50, 400, Build, q("改造农贸市场", 1, 1, "个")),
];

#[rustfmt::skip]
static REVITAL: &[Tpl] = &[
    t("巩固拓展脱贫攻坚成果衔接资金（{镇}）", 100, 1000, Subsidy, q("扶持产业项目", 2, 10, "个")),
    t("脱贫人口小额信贷贴息", 30, 200, Subsidy, q("贴息贷款户数", 300, 1500, "户")),
    t("{镇}{村}产业发展项目", 20, 300, Subsidy, q("带动脱贫户", 20, 150, "户")),
    t("防止返贫动态监测和帮扶", 20, 150, Service, q("监测对象", 500, 2000, "户")),
    t("雨露计划职业教育补助", 20, 120, Subsidy, q("补助脱贫家庭学生", 200, 1000, "人")),
    t("东西部协作项目", 100, 800, Subsidy, q("实施协作项目", 3, 12, "个")),
];

#[rustfmt::skip]
static VETERAN: &[Tpl] = &[
    t("优抚对象抚恤补助", 300, 1500, Subsidy, q("保障优抚对象", 2000, 6000, "人")),
    t("退役士兵自主就业一次性经济补助", 100, 800, Subsidy, q("补助退役士兵", 100, 400, "人")),
    t("{镇}退役军人服务站规范化建设", 10, 60, Build, q("建设服务站", 1, 1, "个")),
    t("烈士纪念设施维护", 20, 200, Build, q("维护烈士纪念设施", 2, 10, "处")),
    t("退役军人适应性培训", 10, 80, Train, q("培训退役军人", 100, 500, "人次")),
    t("双拥共建工作经费", 10, 60, Operate, q("开展双拥活动", 5, 20, "场次")),
];

#[rustfmt::skip]
static FINANCE: &[Tpl] = &[
    t("预算管理一体化系统建设", 100, 600, Info, q("接入预算单位", 150, 400, "个")),
    t("政府采购监管平台运维", 10, 60, Info, q("网上办理采购项目", 500, 2000, "个")),
    t("全面实施预算绩效管理第三方评价", 30, 150, Service, q("开展重点绩效评价", 20, 40, "个")),
    t("财政投资评审委托服务", 50, 300, Service, q("评审投资项目", 100, 400, "个")),
    t("{镇}农村综合改革转移支付", 50, 500, Subsidy, q("实施村级公益事业项目", 5, 20, "个")),
    t("专项债券付息及发行费用", 500, 3000, Operate, q("按期付息债券", 5, 20, "只")).fund(),
    t("村级组织运转经费补助", 300, 1200, Subsidy, q("保障村（社区）", 150, 220, "个")),
    t("会计人员继续教育培训", 5, 40, Train, q("培训会计人员", 1000, 4000, "人次")),
    t("一般债券付息及发行费用", 500, 3000, Operate, q("按期付息债券", 5, 20, "只")),
    t("惠民惠农财政补贴资金“一卡通”管理", 10, 80, Info, q("发放补贴项目", 20, 60, "项")),
];

#[rustfmt::skip]
static ASSETS: &[Tpl] = &[
    t("国有企业资本金注入", 500, 3000, Subsidy, q("注资国有企业", 1, 3, "家")).capital(),
    t("国有企业改革成本支出", 100, 600, Subsidy, q("解决历史遗留问题", 2, 10, "项")).capital(),
    t("国有企业退休人员社会化管理补助", 50, 300, Subsidy, q("移交退休人员", 300, 2000, "人")).capital(),
    t("国有企业安全生产及隐患整治", 30, 200, Operate, q("整治安全隐患", 20, 100, "处")).capital(),
    t("行政事业单位国有资产清查核实", 20, 100, Service, q("清查单位", 100, 300, "个")),
    t("国有资产管理信息系统运维", 10, 50, Info, q("纳入系统管理单位", 100, 300, "个")),
    t("国有企业产业发展基金出资", 300, 2000, Subsidy, q("带动社会资本", 2000, 10000, "万元")).capital(),
];

#[rustfmt::skip]
static JUSTICE: &[Tpl] = &[
    t("公共法律服务体系建设", 30, 200, Service, q("建设公共法律服务站点", 20, 200, "个")),
    t("法律援助经费", 20, 150, Service, q("办理法律援助案件", 300, 1200, "件")),
    t("人民调解“以案定补”经费", 20, 100, Subsidy, q("调解矛盾纠纷", 2000, 6000, "件")),
    t("社区矫正工作经费", 10, 80, Operate, q("管理社区矫正对象", 100, 400, "人")),
    t("“八五”普法宣传", 10, 60, Operate, q("开展普法活动", 50, 200, "场次")),
    t("{镇}司法所业务用房改造", 20, 120, Build, q("改造业务用房面积", 100, 500, "平方米")),
];

#[rustfmt::skip]
static COURT: &[Tpl] = &[
    t("执行专项经费", 30, 200, Operate, q("执结案件", 2000, 6000, "件")),
    t("审判法庭维修改造", 50, 500, Build, q("改造审判法庭", 2, 10, "个")),
    t("智慧法院建设", 50, 400, Info, q("建设科技法庭", 2, 10, "个")),
    t("司法救助资金", 20, 100, Subsidy, q("救助当事人", 20, 100, "人")),
    t("人民陪审员经费", 10, 50, Operate, q("人民陪审员参审案件", 500, 2000, "件")),
    t("{镇}人民法庭运行保障", 10, 80, Operate, q("审结案件", 300, 1200, "件")),
    t("诉讼服务中心建设", 30, 200, Build, q("建设诉讼服务窗口", 5, 15, "个")),
];

#[rustfmt::skip]
static PROCURATORATE: &[Tpl] = &[
    t("智慧检务建设", 30, 300, Info, q("建设智慧检务应用", 3, 10, "个")),
    t("办案业务经费", 30, 200, Operate, q("办理案件", 800, 2500, "件")),
    t("国家司法救助资金", 10, 80, Subsidy, q("救助当事人", 10, 60, "人")),
    t("公益诉讼专项经费", 10, 80, Operate, q("办理公益诉讼案件", 20, 80, "件")),
    t("检察技术装备购置", 20, 200, Equip, q("购置技术装备", 20, 100, "台（套）")),
];

#[rustfmt::skip]
static SCIENCE: &[Tpl] = &[
    t("科技创新发展专项资金", 200, 1000, Subsidy, q("支持科技项目", 20, 80, "个")),
    t("高新技术企业认定奖励", 30, 200, Subsidy, q("奖励高新技术企业", 10, 40, "家")),
    t("科技特派员服务", 10, 80, Service, q("选派科技特派员", 30, 100, "人")),
    t("{镇}农业科技园区建设", 50, 400, Build, q("建设示范基地", 200, 1000, "亩")),
    t("科技成果转化奖补", 30, 200, Subsidy, q("转化科技成果", 5, 20, "项")),
];

#[rustfmt::skip]
static OFFICE: &[Tpl] = &[
    t("行政中心物业管理服务", 200, 800, Service, q("物业服务面积", 30000, 80000, "平方米")),
    t("公务用车服务平台运行维护", 30, 200, Operate, q("保障公务出行", 5000, 15000, "车次")),
    t("行政中心办公楼维修改造", 100, 800, Build, q("维修改造面积", 2000, 10000, "平方米")),
    t("公共机构节能改造", 50, 300, Build, q("改造节能灯具", 1000, 6000, "盏")),
    t("机关食堂运行保障", 50, 300, Operate, q("保障就餐", 100000, 300000, "人次")),
    t("行政中心安保服务", 50, 250, Service, q("安保服务岗位", 20, 60, "个")),
];

#[rustfmt::skip]
static MEDIA: &[Tpl] = &[
    t("融媒体中心技术平台建设", 100, 600, Info, q("建设融媒体平台", 1, 1, "个")),
    t("广播电视节目制作及播出", 50, 300, Service, q("制作播出节目", 2000, 6000, "期")),
    t("对外宣传及新闻采编", 30, 200, Operate, q("刊播新闻稿件", 3000, 10000, "篇")),
    t("广播电视发射台设备更新", 50, 400, Equip, q("更新发射设备", 5, 20, "台（套）")),
    t("{年}新媒体运营推广", 10, 80, Service, q("发布新媒体作品", 1000, 5000, "条")),
];

#[rustfmt::skip]
static AUDIT: &[Tpl] = &[
    t("政府投资项目审计委托费", 50, 400, Service, q("审计投资项目", 50, 200, "个")),
    t("审计信息化建设", 20, 150, Info, q("建设审计数据分析模型", 5, 20, "个")),
    t("经济责任审计专项经费", 10, 60, Operate, q("开展经济责任审计", 10, 30, "个")),
    t("审计业务专项经费", 10, 80, Operate, q("完成审计项目", 20, 60, "个")),
];

#[rustfmt::skip]
static STATS: &[Tpl] = &[
    t("统计调查项目经费", 20, 120, Service, q("完成统计调查", 10, 40, "项")),
    t("城乡住户调查", 10, 80, Service, q("调查住户", 300, 800, "户")),
    t("统计执法检查", 5, 40, Operate, q("检查调查对象", 50, 200, "家")),
    t("统计数据质量核查", 5, 50, Operate, q("核查企业", 100, 400, "家")),
    t("第五次全国经济普查前期准备", 20, 150, Service, q("清查单位", 3000, 10000, "个")),
];

#[rustfmt::skip]
static ARCHIVES: &[Tpl] = &[
    t("馆藏档案数字化加工", 20, 150, Service, q("数字化加工档案", 100000, 800000, "页")),
    t("档案馆库房设施维护", 10, 100, Build, q("维护库房面积", 500, 3000, "平方米")),
    t("档案征集与编研", 5, 40, Service, q("征集档案资料", 200, 1000, "件")),
    t("电子档案管理系统建设", 20, 150, Info, q("接入立档单位", 50, 150, "个")),
];

#[rustfmt::skip]
static UNION: &[Tpl] = &[
    t("困难职工帮扶资金", 30, 200, Subsidy, q("帮扶困难职工", 300, 1500, "人次")),
    t("职工职业技能大赛", 10, 60, Train, q("举办技能竞赛", 3, 10, "项")),
    t("{镇}工会服务阵地建设", 10, 80, Build, q("建设职工之家", 1, 3, "个")),
    t("“金秋助学”活动经费", 5, 50, Subsidy, q("资助困难职工子女", 50, 300, "人")),
    t("户外劳动者服务站点建设", 10, 60, Build, q("建设服务站点", 5, 20, "个")),
    t("职工疗休养经费", 10, 80, Service, q("组织职工疗休养", 200, 1000, "人次")),
];

#[rustfmt::skip]
static YOUTH: &[Tpl] = &[
    t("青少年心理健康服务", 5, 40, Service, q("开展心理健康辅导", 30, 150, "场次")),
    t("希望工程助学", 5, 50, Subsidy, q("资助困难学生", 50, 300, "人")),
    t("青年创新创业大赛", 5, 30, Service, q("参赛青年创业项目", 30, 100, "个")),
    t("青年志愿服务项目", 5, 30, Service, q("开展志愿服务", 50, 300, "场次")),
    t("少先队工作经费", 3, 20, Operate, q("开展少先队主题活动", 10, 40, "场次")),
];

#[rustfmt::skip]
static WOMEN: &[Tpl] = &[
    t("“春蕾计划”女童助学", 5, 40, Subsidy, q("资助女童", 50, 300, "人")),
    t("妇女儿童维权服务", 5, 40, Service, q("受理维权案件", 50, 200, "件")),
    t("巾帼创业就业培训", 5, 50, Train, q("培训城乡妇女", 300, 1500, "人次")),
    t("家庭教育指导服务", 5, 40, Service, q("开展家庭教育讲座", 20, 100, "场次")),
    t("“两癌”困难妇女救助", 10, 60, Subsidy, q("救助“两癌”患病妇女", 30, 150, "人")),
];

#[rustfmt::skip]
static DISABLED: &[Tpl] = &[
    t("残疾人康复救助", 50, 300, Subsidy, q("救助残疾人", 500, 2000, "人")),
    t("残疾儿童康复救助", 30, 200, Subsidy, q("救助残疾儿童", 100, 400, "人")),
    t("残疾人职业技能培训", 10, 80, Train, q("培训残疾人", 100, 500, "人次")),
    t("残疾人辅助器具适配", 20, 150, Subsidy, q("适配辅助器具", 500, 2000, "件")),
    t("困难重度残疾人家庭无障碍改造", 20, 150, Build, q("改造残疾人家庭", 50, 300, "户")),
    t("残疾人托养服务补贴", 20, 100, Subsidy, q("托养残疾人", 50, 300, "人")),
    t("残疾人就业创业扶持", 10, 80, Subsidy, q("扶持残疾人就业创业", 50, 300, "人")),
];

#[rustfmt::skip]
static SCI_ASSOC: &[Tpl] = &[
    t("科普宣传活动", 5, 40, Service, q("开展科普活动", 20, 100, "场次")),
    t("基层科普行动计划", 10, 60, Subsidy, q("奖补科普示范基地", 3, 12, "个")),
    t("青少年科技创新大赛", 5, 30, Service, q("参赛作品", 100, 500, "件")),
    t("学会服务能力提升", 3, 20, Operate, q("支持学会活动", 5, 20, "项")),
];

#[rustfmt::skip]
static RED_CROSS: &[Tpl] = &[
    t("应急救护培训", 5, 40, Train, q("培训救护员", 500, 3000, "人")),
    t("人道救助资金", 10, 60, Subsidy, q("救助困难群众", 100, 600, "人次")),
    t("{镇}红十字博爱家园建设", 10, 60, Build, q("建设博爱家园", 1, 2, "个")),
    t("造血干细胞和遗体器官捐献宣传", 3, 20, Operate, q("开展捐献宣传", 10, 40, "场次")),
];

#[rustfmt::skip]
static LITERATURE: &[Tpl] = &[
    t("文艺精品创作扶持", 10, 80, Subsidy, q("扶持文艺作品", 5, 20, "件")),
    t("群众文艺活动", 5, 40, Service, q("举办群众文艺活动", 10, 40, "场次")),
    t("文艺人才培训", 3, 20, Train, q("培训文艺骨干", 100, 400, "人次")),
];

#[rustfmt::skip]
static COMMERCE_CHAMBER: &[Tpl] = &[
    t("民营企业服务工作经费", 5, 40, Service, q("走访服务民营企业", 100, 400, "家次")),
    t("基层商会建设", 5, 30, Operate, q("规范化建设商会", 3, 10, "个")),
    t("民营经济统计调查", 3, 20, Service, q("调查民营企业", 100, 300, "家")),
];

#[rustfmt::skip]
static PARTY_OFFICE: &[Tpl] = &[
    t("机要密码设备更新", 10, 80, Equip, q("更新密码设备", 5, 30, "台（套）")),
    t("党委信息化建设", 20, 150, Info, q("建设应用系统", 2, 6, "个")),
    t("督查督办工作经费", 5, 40, Operate, q("开展专项督查", 10, 40, "次")),
    t("保密技术检查设备购置", 10, 80, Equip, q("购置检查设备", 3, 15, "台（套）")),
    t("重要会议及活动保障", 10, 100, Operate, q("保障重要会议活动", 20, 80, "场次")),
    t("党史学习教育专项经费", 10, 60, Operate, q("开展专题学习", 20, 80, "场次")),
];

#[rustfmt::skip]
static GOV_OFFICE: &[Tpl] = &[
    t("12345政务服务热线运行", 30, 200, Service, q("受理群众诉求", 50000, 150000, "件")),
    t("政府网站集约化平台运维", 10, 80, Info, q("运维政府网站", 1, 30, "个")),
    t("地方志编纂", 10, 80, Service, q("编纂年鉴", 1, 1, "部")),
    t("电子政务外网运维", 30, 200, Info, q("接入单位", 100, 250, "个")),
    t("重大活动服务保障", 20, 150, Operate, q("保障重大活动", 10, 40, "场次")),
    t("应急指挥平台运维", 20, 120, Info, q("接入视频会商点位", 20, 100, "个")),
];

#[rustfmt::skip]
static CONGRESS: &[Tpl] = &[
    t("人大代表履职服务", 10, 80, Service, q("服务人大代表", 200, 400, "人")),
    t("{镇}人大代表之家建设", 5, 40, Build, q("建设代表之家", 1, 1, "个")),
    t("基层立法联系点工作经费", 5, 30, Operate, q("征集立法意见", 50, 200, "条")),
    t("人大监督视察调研", 5, 40, Operate, q("开展视察调研", 10, 30, "次")),
];

#[rustfmt::skip]
static CPPCC: &[Tpl] = &[
    t("政协委员履职服务", 10, 80, Service, q("服务政协委员", 200, 300, "人")),
    t("文史资料编撰", 5, 40, Service, q("编撰文史资料", 1, 2, "辑")),
    t("{镇}政协委员工作室建设", 5, 30, Build, q("建设委员工作室", 1, 1, "个")),
    t("协商议政活动经费", 5, 40, Operate, q("开展协商议政", 10, 30, "次")),
];

#[rustfmt::skip]
static DISCIPLINE: &[Tpl] = &[
    t("留置场所运行保障", 50, 300, Operate, q("保障留置场所运行", 1, 1, "个")),
    t("纪检监察信息化建设", 20, 150, Info, q("建设监督信息平台", 1, 2, "个")),
    t("廉政教育基地建设", 30, 200, Build, q("建设教育展厅面积", 300, 1500, "平方米")),
    t("巡察工作经费", 10, 80, Operate, q("完成巡察单位", 20, 60, "个")),
    t("审查调查办案专项经费", 20, 150, Operate, q("办理审查调查案件", 50, 200, "件")),
];

#[rustfmt::skip]
static ORGANIZATION: &[Tpl] = &[
    t("{镇}基层党组织建设经费", 20, 150, Subsidy, q("保障基层党组织", 10, 40, "个")),
    t("人才发展专项资金", 100, 800, Subsidy, q("引进培育人才", 50, 300, "人")),
    t("干部教育培训", 20, 150, Train, q("培训干部", 1000, 5000, "人次")),
    t("党员教育电视节目制作", 5, 40, Service, q("制作党员教育节目", 20, 60, "期")),
    t("村（社区）干部基本报酬及绩效补助", 500, 1500, Subsidy, q("补助村（社区）干部", 800, 1500, "人")),
    t("党员远程教育站点维护", 10, 60, Info, q("维护站点", 150, 220, "个")),
];

#[rustfmt::skip]
static PROPAGANDA: &[Tpl] = &[
    t("{镇}新时代文明实践所建设", 10, 80, Build, q("建设文明实践站所", 1, 10, "个")),
    t("精神文明创建工作经费", 30, 200, Operate, q("开展文明创建活动", 20, 80, "场次")),
    t("网络安全和信息化工作经费", 10, 80, Info, q("开展网络安全检查", 50, 200, "家次")),
    t("理论宣讲进基层", 5, 40, Operate, q("开展理论宣讲", 100, 400, "场次")),
    t("城市形象对外宣传推介", 30, 200, Service, q("开展外宣推介", 5, 20, "场次")),
];

#[rustfmt::skip]
static UNITED_FRONT: &[Tpl] = &[
    t("民族宗教工作经费", 5, 40, Operate, q("检查宗教活动场所", 20, 60, "处次")),
    t("侨务和港澳台工作经费", 3, 30, Operate, q("联络侨胞", 50, 200, "人次")),
    t("党外知识分子联谊活动", 3, 20, Operate, q("开展联谊活动", 3, 10, "场次")),
    t("“同心”助力乡村振兴项目", 10, 80, Subsidy, q("实施同心项目", 2, 8, "个")),
];

#[rustfmt::skip]
static POLITICS_LAW: &[Tpl] = &[
    t("平安建设专项经费", 30, 200, Operate, q("开展平安创建活动", 10, 40, "场次")),
    t("{镇}综治中心规范化建设", 10, 80, Build, q("建设综治中心", 1, 1, "个")),
    t("网格化服务管理经费", 100, 600, Subsidy, q("保障专职网格员", 200, 600, "人")),
    t("见义勇为奖励和慰问", 3, 20, Subsidy, q("奖励慰问见义勇为人员", 5, 20, "人")),
    t("“雪亮工程”运维", 50, 400, Info, q("维护视频监控点位", 2000, 8000, "个")),
];

#[rustfmt::skip]
static PARTY_SCHOOL: &[Tpl] = &[
    t("主体班次培训", 20, 120, Train, q("培训学员", 1000, 3000, "人次")),
    t("党校教学设施改造", 30, 200, Build, q("改造教室", 3, 10, "间")),
    t("理论研究课题", 5, 30, Service, q("完成研究课题", 5, 20, "项")),
    t("{镇}现场教学点建设", 10, 80, Build, q("建设现场教学点", 1, 2, "个")),
];

#[rustfmt::skip]
static PETITION: &[Tpl] = &[
    t("信访积案化解专项经费", 20, 150, Operate, q("化解信访积案", 20, 80, "件")),
    t("网上信访系统运维", 5, 40, Info, q("办理网上信访件", 1000, 4000, "件")),
    t("信访救助资金", 20, 100, Subsidy, q("救助信访群众", 20, 80, "人")),
    t("人民建议征集", 3, 20, Operate, q("征集人民建议", 100, 400, "条")),
];

#[rustfmt::skip]
static INVESTMENT: &[Tpl] = &[
    t("招商引资专项工作经费", 50, 300, Operate, q("开展招商活动", 20, 60, "次")),
    t("重大项目推介活动", 30, 200, Service, q("举办项目推介会", 3, 10, "场")),
    t("招商引资项目奖励", 100, 800, Subsidy, q("奖励引进项目", 5, 20, "个")),
    t("投资环境宣传", 10, 80, Service, q("制作宣传资料", 1000, 5000, "份")),
];

#[rustfmt::skip]
static APPROVAL: &[Tpl] = &[
    t("政务服务中心运行保障", 50, 300, Operate, q("办理政务服务事项", 100000, 300000, "件")),
    t("“一网通办”平台建设", 50, 300, Info, q("网上可办事项", 500, 1200, "项")),
    t("{镇}便民服务中心标准化建设", 10, 80, Build, q("建设便民服务中心", 1, 1, "个")),
    t("政务服务“好差评”系统运维", 5, 30, Info, q("收集评价数据", 50000, 200000, "条")),
];

#[rustfmt::skip]
static WEATHER: &[Tpl] = &[
    t("人工影响天气作业", 20, 150, Service, q("开展人工增雨防雹作业", 20, 80, "次")),
    t("气象灾害监测预警", 20, 150, Info, q("发布预警信息", 100, 400, "条")),
    t("{镇}自动气象站建设", 10, 60, Equip, q("建设自动气象站", 1, 5, "个")),
    t("气象为农服务", 5, 40, Service, q("发布农业气象服务产品", 50, 200, "期")),
];

#[rustfmt::skip]
static SUPPLY: &[Tpl] = &[
    t("{镇}农村综合服务社建设", 10, 80, Build, q("建设综合服务社", 1, 5, "个")),
    t("化肥储备补贴", 20, 150, Subsidy, q("储备化肥", 2000, 10000, "吨")),
    t("供销电商服务站建设", 10, 80, Build, q("建设电商服务站", 5, 20, "个")),
    t("基层供销社改造提升", 20, 150, Build, q("改造基层社", 1, 5, "个")),
];

#[rustfmt::skip]
static FIRE: &[Tpl] = &[
    t("消防装备购置", 50, 400, Equip, q("购置消防装备", 100, 600, "件（套）")),
    t("{镇}政府专职消防队建设", 50, 300, Build, q("建设专职消防队", 1, 1, "个")),
    t("消防车辆购置", 100, 600, Equip, q("购置消防车", 1, 4, "辆")),
    t("消防站营房维修", 30, 200, Build, q("维修营房面积", 500, 3000, "平方米")),
    t("消防安全宣传", 5, 40, Operate, q("开展消防宣传", 50, 200, "场次")),
    t("政府专职消防员经费", 100, 600, Operate, q("保障专职消防员", 30, 100, "人")),
];

#[rustfmt::skip]
static TOWN: &[Tpl] = &[
    t("{镇}场镇环境综合整治", 30, 400, Build, q("整治场镇街道", 1, 6, "条")),
    t("{镇}{村}便民服务中心改造", 10, 80, Build, q("改造便民服务中心面积", 100, 600, "平方米")),
    t("{镇}{村}集体经济发展项目", 20, 200, Subsidy, q("发展集体经济产业", 1, 3, "个")),
    t("{镇}防汛减灾应急处置经费", 20, 150, Operate, q("处置灾害隐患点", 5, 30, "处")),
    t("{镇}场镇道路维修", 30, 300, Build, q("维修场镇道路", 1, 5, "公里")),
    t("{镇}农村人居环境整治", 30, 300, Build, q("整治农户院落", 100, 800, "户")),
    t("{镇}综合文化站运行", 5, 40, Operate, q("开展文体活动", 20, 80, "场次")),
    t("{镇}社会治安综合治理", 10, 80, Operate, q("开展矛盾纠纷排查", 50, 200, "次")),
    t("{镇}政府购买公共服务", 20, 150, Service, q("购买服务事项", 3, 10, "项")),
    t("{镇}{村}道路硬化", 20, 200, Build, q("硬化道路", 1, 8, "公里")),
    t("{镇}城乡环境卫生保洁", 30, 250, Service, q("保洁面积", 10, 80, "万平方米")),
    t("{镇}安全生产工作经费", 5, 40, Operate, q("开展安全检查", 50, 200, "次")),
    t("{镇}农业产业发展项目", 30, 300, Subsidy, q("发展特色产业", 200, 2000, "亩")),
    t("{镇}{村}山坪塘整治", 10, 100, Build, q("整治山坪塘", 2, 10, "口")),
    t("{镇}{村}文化院坝建设", 10, 60, Build, q("建设文化院坝面积", 300, 1500, "平方米")),
    t("{镇}地质灾害隐患点监测", 5, 40, Service, q("监测隐患点", 5, 30, "处")),
];

#[rustfmt::skip]
static STREET: &[Tpl] = &[
    t("{镇}老旧院落改造", 30, 400, Build, q("改造老旧院落", 3, 15, "个")),
    t("{镇}{村}综合服务设施改造", 10, 100, Build, q("改造服务用房面积", 100, 800, "平方米")),
    t("{镇}社区网格化治理", 10, 80, Service, q("配备网格员", 20, 80, "人")),
    t("{镇}背街小巷整治", 30, 300, Build, q("整治背街小巷", 3, 15, "条")),
    t("{镇}城市社区养老服务", 10, 80, Service, q("服务老年人", 500, 3000, "人次")),
    t("{镇}社区文化活动经费", 5, 30, Operate, q("开展社区文化活动", 20, 80, "场次")),
    t("{镇}城乡环境卫生保洁", 30, 250, Service, q("保洁面积", 10, 80, "万平方米")),
    t("{镇}防汛减灾应急处置经费", 10, 100, Operate, q("处置灾害隐患点", 3, 20, "处")),
    t("{镇}安全生产工作经费", 5, 40, Operate, q("开展安全检查", 50, 200, "次")),
];

/// A department of the city: its name, the finance bureau's section that
/// looks after it, its number of projects in the 2021 meeting and its vocabulary.
struct BaseDept {
    name: &'static str,
    section: &'static str,
    count: usize,
    sector: Sector,
    tpls: &'static [Tpl],
}

const fn d(
    name: &'static str,
    section: &'static str,
    count: usize,
    sector: Sector,
    tpls: &'static [Tpl],
) -> BaseDept {
    BaseDept {
        name,
        section,
        count,
        sector,
        tpls,
    }
}

const JKW: &str = "教科文股";
const SB: &str = "社会保障股";
const JJ: &str = "经济建设股";
const NY: &str = "农业农村股";
const XZ: &str = "行政政法股";
const ZH: &str = "综合股";
const GZ: &str = "国资股";
const YS: &str = "预算股";

static BASE_DEPTS: [BaseDept; 57] = [
    d("市委办公室", ZH, 8, Sector::Gov, PARTY_OFFICE),
    d("市人大常委会办公室", XZ, 6, Sector::Gov, CONGRESS),
    d("市政府办公室", ZH, 9, Sector::Gov, GOV_OFFICE),
    d("市政协办公室", XZ, 5, Sector::Gov, CPPCC),
    d("市纪委监委", XZ, 7, Sector::Gov, DISCIPLINE),
    d("市委组织部", XZ, 8, Sector::Gov, ORGANIZATION),
    d("市委宣传部", JKW, 8, Sector::Culture, PROPAGANDA),
    d("市委统战部", XZ, 4, Sector::Gov, UNITED_FRONT),
    d("市委政法委员会", XZ, 6, Sector::Security, POLITICS_LAW),
    d("市委党校", JKW, 5, Sector::Gov, PARTY_SCHOOL),
    d("发展和改革局", JJ, 18, Sector::Econ, DEVREF),
    d("经济和信息化局", JJ, 24, Sector::Econ, ECONOMY),
    d("教育局", JKW, 130, Sector::Edu, EDU),
    d("科学技术局", JKW, 10, Sector::Econ, SCIENCE),
    d("公安局", XZ, 38, Sector::Security, POLICE),
    d("民政局", SB, 44, Sector::Civil, CIVIL),
    d("司法局", XZ, 12, Sector::Security, JUSTICE),
    d("财政局", ZH, 16, Sector::Finance, FINANCE),
    d("人力资源和社会保障局", SB, 40, Sector::Labor, LABOR),
    d("自然资源和规划局", JJ, 38, Sector::Land, LAND),
    d("生态环境局", JJ, 24, Sector::Env, ENV),
    d("住房和城乡建设局", JJ, 70, Sector::Urban, URBAN),
    d("交通运输局", JJ, 62, Sector::Transport, TRANSPORT),
    d("水利局", NY, 54, Sector::Water, WATER),
    d("农业农村局", NY, 90, Sector::Agri, AGRI),
    d("林业局", NY, 24, Sector::Env, FOREST),
    d("商务局", JJ, 14, Sector::Econ, COMMERCE),
    d("文化广播电视和旅游局", JKW, 40, Sector::Culture, CULTURE),
    d("卫生健康局", SB, 100, Sector::Health, HEALTH),
    d("退役军人事务局", SB, 12, Sector::Civil, VETERAN),
    d("应急管理局", XZ, 18, Sector::Security, EMERGENCY),
    d("审计局", XZ, 6, Sector::Gov, AUDIT),
    d("市场监督管理局", XZ, 18, Sector::Econ, MARKET),
    d("统计局", ZH, 7, Sector::Gov, STATS),
    d("医疗保障局", SB, 12, Sector::Labor, MEDICARE),
    d("乡村振兴局", NY, 22, Sector::Agri, REVITAL),
    d("城市管理综合执法局", JJ, 34, Sector::Urban, CITY),
    d("机关事务服务中心", ZH, 12, Sector::Gov, OFFICE),
    d("档案馆", ZH, 5, Sector::Gov, ARCHIVES),
    d("融媒体中心", JKW, 10, Sector::Culture, MEDIA),
    d("总工会", XZ, 8, Sector::Labor, UNION),
    d("团市委", XZ, 5, Sector::Civil, YOUTH),
    d("妇联", XZ, 5, Sector::Civil, WOMEN),
    d("残联", SB, 9, Sector::Civil, DISABLED),
    d("科协", JKW, 4, Sector::Culture, SCI_ASSOC),
    d("红十字会", SB, 4, Sector::Civil, RED_CROSS),
    d("文联", JKW, 3, Sector::Culture, LITERATURE),
    d("工商联", XZ, 3, Sector::Econ, COMMERCE_CHAMBER),
    d("人民法院", XZ, 12, Sector::Security, COURT),
    d("人民检察院", XZ, 10, Sector::Security, PROCURATORATE),
    d("信访局", XZ, 4, Sector::Security, PETITION),
    d("国有资产服务中心", GZ, 8, Sector::Finance, ASSETS),
    d("投资促进局", JJ, 7, Sector::Econ, INVESTMENT),
    d("行政审批局", ZH, 6, Sector::Gov, APPROVAL),
    d("气象局", NY, 4, Sector::Agri, WEATHER),
    d("供销合作社", NY, 4, Sector::Agri, SUPPLY),
    d("消防救援大队", XZ, 7, Sector::Security, FIRE),
];

/// Town governments and street offices: (place, projects).
const TOWN_DEPTS: [(&str, usize); 14] = [
    ("汉旺镇", 18),
    ("拱星镇", 16),
    ("九龙镇", 15),
    ("遵道镇", 14),
    ("孝德镇", 16),
    ("土门镇", 13),
    ("富新镇", 12),
    ("西南镇", 15),
    ("新市镇", 14),
    ("兴隆镇", 13),
    ("广济镇", 12),
    ("清平镇", 14),
    ("剑南街道", 12),
    ("南轩街道", 12),
];

/// A department as the generator uses it.
struct Dept {
    name: String,
    section: &'static str,
    count: usize,
    sector: Sector,
    tpls: &'static [Tpl],
    /// The town a town government's projects are in.
    home: Option<&'static str>,
}

/// The 71 departments, `replicas` times (copies after the first are numbered).
fn departments(replicas: usize) -> Vec<Dept> {
    let mut base: Vec<Dept> = BASE_DEPTS
        .iter()
        .map(|b| Dept {
            name: b.name.to_string(),
            section: b.section,
            count: b.count,
            sector: b.sector,
            tpls: b.tpls,
            home: None,
        })
        .collect();
    for &(place, count) in &TOWN_DEPTS {
        let street = place.ends_with("街道");
        base.push(Dept {
            name: format!("{place}{}", if street { "办事处" } else { "人民政府" }),
            section: YS,
            count,
            sector: Sector::Town,
            tpls: if street { STREET } else { TOWN },
            home: Some(place),
        });
    }
    let mut all = Vec::with_capacity(base.len() * replicas);
    for r in 0..replicas {
        for b in &base {
            all.push(Dept {
                name: if r == 0 {
                    b.name.clone()
                } else {
                    format!("{}（{}）", b.name, r + 1)
                },
                section: b.section,
                count: b.count,
                sector: b.sector,
                tpls: b.tpls,
                home: b.home,
            });
        }
    }
    all
}

// ---------------------------------------------------------------------------
// Projects

struct Project {
    code: String,
    dept: usize,
    name: String,
    tpl: Tpl,
    /// Where the amount lies in the template's range, 0..65536.
    p: u16,
    /// The amount as drawn, in 万元, before scaling and rounding: a random
    /// size, not money. `settle_amounts` turns it into whole fen, and only
    /// `requested` (exact) is ever written or summed.
    raw: f64,
    /// The rounding step, in fen.
    step: i64,
    requested: Money,
}

/// Draws `total` projects spread over `depts` in proportion to their sizes.
fn draw_projects(depts: &[Dept], total: usize, rng: &mut Rng) -> Vec<Project> {
    let weight: usize = depts.iter().map(|d| d.count).sum();
    let mut projects = Vec::with_capacity(total);
    let mut cum = 0usize;
    let mut done = 0usize;
    for (di, dept) in depts.iter().enumerate() {
        cum += dept.count;
        let upto = cum * total / weight;
        let n = upto - done;
        done = upto;
        let mut used: HashSet<u64> = HashSet::with_capacity(n * 2);
        for seq in 1..=n {
            let (tpl, name) = unique_name(dept, &mut used, rng);
            let p = (rng.next_u64() >> 48) as u16;
            let raw = f64::from(tpl.lo) * pow_frac(f64::from(tpl.hi) / f64::from(tpl.lo), p);
            let step = amount_step(raw, rng);
            projects.push(Project {
                code: format!("{YEAR}-{:03}-{seq:04}", di + 1),
                dept: di,
                name,
                tpl,
                p,
                raw,
                step,
                requested: Money::ZERO,
            });
        }
    }
    projects
}

/// A project name not yet used in the department.
fn unique_name(dept: &Dept, used: &mut HashSet<u64>, rng: &mut Rng) -> (Tpl, String) {
    let mut last = None;
    for _ in 0..40 {
        let tpl = if rng.chance(12) {
            rng.pick(GENERIC)
        } else {
            rng.pick(dept.tpls)
        };
        let name = fill(tpl.name, dept.home, rng);
        if used.insert(fnv1a(&name)) {
            return (tpl, name);
        }
        last = Some((tpl, name));
    }
    let (tpl, name) = last.expect("at least one try");
    for phase in ["二期", "三期", "四期", "五期", "续建"] {
        let n = format!("{name}（{phase}）");
        if used.insert(fnv1a(&n)) {
            return (tpl, n);
        }
    }
    let mut k = 2;
    loop {
        let n = format!("{name}（{k}）");
        if used.insert(fnv1a(&n)) {
            return (tpl, n);
        }
        k += 1;
    }
}

/// FNV-1a: a fixed hash of a name, so the names used stay cheap to remember
/// and the choice of names never depends on the standard library's hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Fills a template's placeholders.
fn fill(pattern: &str, home: Option<&'static str>, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(pattern.len() + 24);
    let mut rest = pattern;
    let mut town: Option<&'static str> = home;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let j = i + rest[i..].find('}').expect("closed placeholder");
        let key = &rest[i + 1..j];
        let here = *town.get_or_insert_with(|| rng.pick(&PLACES));
        match key {
            "年" => out.push_str("2021年"),
            "镇" => out.push_str(here),
            "镇2" => loop {
                let other = rng.pick(&PLACES[..TOWNS]);
                if other != here {
                    out.push_str(other);
                    break;
                }
            },
            "村" => {
                out.push_str(rng.pick(&VILLAGES));
                out.push_str(if here.ends_with("街道") {
                    "社区"
                } else {
                    "村"
                });
            }
            "校" => {
                out.push_str(here.strip_suffix("街道").unwrap_or(here));
                out.push_str(rng.pick(&SCHOOLS));
            }
            "院" => match here.strip_suffix("街道") {
                Some(b) => {
                    out.push_str(b);
                    out.push_str("社区卫生服务中心");
                }
                None => {
                    out.push_str(here);
                    out.push_str(if rng.chance(40) {
                        "中心卫生院"
                    } else {
                        "卫生院"
                    });
                }
            },
            "河" => out.push_str(rng.pick(&RIVERS)),
            other => unreachable!("unknown placeholder {other}"),
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

/// How an amount is rounded: large ones to whole 万元, small ones to the 0.01.
fn amount_step(raw: f64, rng: &mut Rng) -> i64 {
    let r = rng.below(100);
    let wan = if raw >= 1000.0 {
        match r {
            0..30 => 1000,
            30..70 => 100,
            70..85 => 10,
            _ => 1,
        }
    } else if raw >= 10.0 {
        match r {
            0..45 => 100,
            45..75 => 10,
            _ => 1,
        }
    } else {
        match r {
            0..50 => 10,
            _ => 1,
        }
    };
    wan * CENT_WAN
}

/// Scales the drawn amounts to sum about `target`, rounds each to its step
/// and, if `exact`, gives the rounding difference to the largest projects.
fn settle_amounts(projects: &mut [Project], target: Money, exact: bool) {
    if projects.is_empty() {
        return;
    }
    let raw_sum: f64 = projects.iter().map(|p| p.raw).sum();
    let scale = target.fen() as f64 / FEN_PER_WAN as f64 / raw_sum;
    for p in projects.iter_mut() {
        let fen = p.raw * scale * FEN_PER_WAN as f64;
        let steps = (fen / p.step as f64).round() as i64;
        let fen = (steps * p.step).max(CENT_WAN);
        p.requested = Money::from_fen(fen);
    }
    if exact {
        let sum: Money = projects.iter().map(|p| p.requested).sum();
        let mut diff = target.fen() - sum.fen();
        let mut order: Vec<usize> = (0..projects.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse((projects[i].requested, i)));
        for &i in &order {
            if diff == 0 {
                break;
            }
            let cur = projects[i].requested.fen();
            // Change no project by more than a tenth.
            let change = diff.clamp(-cur / 10, cur / 10) / CENT_WAN * CENT_WAN;
            projects[i].requested = Money::from_fen(cur + change);
            diff -= change;
        }
        assert_eq!(diff, 0, "the total could not be settled");
    }
}

// ---------------------------------------------------------------------------
// Indicators

type Ind = (&'static str, &'static str, &'static str);

struct SectorVocab {
    social: &'static [Ind],
    econ: &'static [Ind],
    eco: &'static [Ind],
    satisfaction: &'static [&'static str],
}

fn vocab(s: Sector) -> &'static SectorVocab {
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

fn quality(k: Kind) -> &'static [Ind] {
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

fn timeliness(k: Kind) -> &'static [Ind] {
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

fn sustainability(k: Kind) -> &'static [Ind] {
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
struct IndRow {
    level1: &'static str,
    level2: &'static str,
    name: &'static str,
    target: Cow<'static, str>,
    unit: &'static str,
}

fn row(level1: &'static str, level2: &'static str, ind: Ind) -> IndRow {
    IndRow {
        level1,
        level2,
        name: ind.0,
        target: Cow::Borrowed(ind.1),
        unit: ind.2,
    }
}

/// Rounds a target value to two significant digits.
fn nice(v: u64) -> u64 {
    let mut m = 1;
    while v / m >= 100 {
        m *= 10;
    }
    (v + m / 2) / m * m
}

fn draw_all_indicators(depts: &[Dept], projects: &[Project], seed: u64) -> Vec<Vec<IndRow>> {
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
fn draw_indicators(rng: &mut Rng, p: &Project, sector: Sector) -> Vec<IndRow> {
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

fn effect_row(rng: &mut Rng, kind: Kind, v: &SectorVocab) -> IndRow {
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

// ---------------------------------------------------------------------------
// Decisions

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Approve,
    Cut(Money),
    Cancel,
    /// Adjusted only: approved as requested.
    None,
}

struct Verdict {
    outcome: Outcome,
    comment: Cow<'static, str>,
    /// The reason of an adjustment, written after the outcome's row.
    adjust: Option<String>,
}

const APPROVE_COMMENTS: [&str; 7] = [
    "绩效目标明确，指标设置合理，同意按申报金额安排",
    "项目实施必要，测算依据充分，同意安排",
    "绩效目标与部门职能匹配，指标细化量化，同意",
    "属于刚性支出，同意按申报金额安排",
    "资金测算符合支出标准，同意安排",
    "延续性项目，上年绩效评价结果良好，同意安排",
    "前期工作充分，具备实施条件，同意安排",
];

const CUT_REASONS: [&str; 12] = [
    "测算依据不充分",
    "成本指标偏高，高于同类项目标准",
    "部分内容已有资金渠道保障",
    "项目实施进度预计难以全年完成",
    "申报标准超出规定支出标准",
    "部分内容属于基本支出范围",
    "上年预算执行率偏低",
    "项目规模偏大，宜分期实施",
    "绩效目标与申报金额不匹配",
    "工程量清单未经评审",
    "部分支出内容与部门职能关联不紧密",
    "落实过紧日子要求，压减一般性支出",
];

const CUT_ACTIONS: [&str; 7] = [
    "建议压减",
    "按可执行额度安排",
    "按评审结果核减",
    "参照上年执行数安排",
    "按标准核定",
    "按实际需求核减",
    "建议压减，剩余部分以后年度统筹",
];

const CANCEL_COMMENTS: [&str; 10] = [
    "与部门职能关联不紧密，取消项目立项",
    "已有资金渠道保障，不再重复安排",
    "前期工作不成熟，不具备实施条件，取消立项",
    "绩效目标不明确，产出和效益无法衡量，取消立项",
    "属于部门日常运转支出，应在基本支出中列支",
    "上年资金结转结余较大，本年不再安排",
    "与其他项目内容重复，予以整合，取消立项",
    "不符合财政资金支持方向，取消立项",
    "项目必要性论证不充分，取消立项",
    "绩效目标不够细化量化，测算依据不充分，取消立项",
];

fn cut_comment(rng: &mut Rng) -> String {
    let a = rng.pick(&CUT_REASONS);
    let action = rng.pick(&CUT_ACTIONS);
    if rng.chance(35) {
        let b = rng.pick(&CUT_REASONS);
        if b != a {
            return format!("{a}；{b}，{action}");
        }
    }
    format!("{a}，{action}")
}

/// Why a project's targets go back for revision, naming its indicators.
fn adjust_comment(rng: &mut Rng, inds: &[IndRow], cut: bool) -> String {
    let has = |l2: &str| inds.iter().any(|r| r.level2 == l2);
    let satisfaction = inds.iter().any(|r| r.level1 == "满意度指标");
    let named = &inds[rng.below(inds.len())];
    let t: &str = &named.target;
    // (before the indicator's name, after it); an empty `after` names none.
    let mut options: Vec<(&str, &str)> = Vec::with_capacity(10);
    if t.starts_with('≥') {
        options.push(("三级指标“", "”目标值偏低，请参照上年实际完成情况调整"));
        options.push(("三级指标“", "”目标值测算依据不充分，请补充说明"));
    } else if t.starts_with('≤') {
        options.push(("三级指标“", "”目标值设置偏宽松，请从严设定"));
    } else if !t.starts_with('=') {
        options.push(("三级指标“", "”为定性表述，请细化量化为可衡量的指标"));
    }
    if !has("成本指标") {
        options.push(("缺少成本指标，请补充", ""));
    }
    if !has("时效指标") {
        options.push(("缺少时效指标，请补充项目完成时限", ""));
    }
    if !satisfaction {
        options.push(("缺少满意度指标，请补充服务对象满意度", ""));
    }
    if has("社会效益指标") || has("经济效益指标") {
        options.push(("效益指标与项目产出关联不紧密，请重新设置", ""));
    }
    if satisfaction {
        options.push(("满意度指标未明确调查方式和样本量，请完善", ""));
    }
    options.push(("年度目标与总体目标混淆，请分解年度指标", ""));
    options.push(("绩效目标不够细化量化，请完善产出指标", ""));
    if cut && rng.chance(60) {
        return "绩效目标与审定金额不匹配，请按审定金额同步调整产出指标".to_string();
    }
    match options[rng.below(options.len())] {
        (text, "") => text.to_string(),
        (before, after) => format!("{before}{}{after}", named.name),
    }
}

/// The decisions of the 2021 meeting: exactly 224 cancelled, 343 adjusted
/// and 117186.00万元 cut in all.
fn report_decisions(projects: &[Project], inds: &[Vec<IndRow>], rng: &mut Rng) -> Vec<Verdict> {
    let n = projects.len();
    let req = |i: usize| projects[i].requested.fen();
    // Ranked by request, smallest first.
    let mut rank: Vec<usize> = (0..n).collect();
    rank.sort_by_key(|&i| (req(i), i));
    let cancellable = |i: &usize| projects[*i].tpl.budget != BudgetType::SocialInsurance;
    // Cancelled: mostly small and medium projects, a few larger ones.
    let small: Vec<usize> = rank[..n * 85 / 100]
        .iter()
        .copied()
        .filter(cancellable)
        .collect();
    let larger: Vec<usize> = rank[n * 85 / 100..n * 98 / 100]
        .iter()
        .copied()
        .filter(cancellable)
        .collect();
    let mut cancelled = rng.sample(&small, REPORT_CANCELLED - 28);
    cancelled.extend(rng.sample(&larger, 28));
    let mut is_cancelled = vec![false; n];
    for &i in &cancelled {
        is_cancelled[i] = true;
    }
    let cancelled_sum: i64 = cancelled.iter().map(|&i| req(i)).sum();
    let to_cut = REPORT_CUT_WAN * FEN_PER_WAN - cancelled_sum;
    assert!(to_cut > 0, "cancellations alone exceed the cut");

    // Cut: large projects more often than small ones; statutory social
    // insurance subsidies and requests under 1万元 are not cut.
    let cuttable =
        |i: usize| projects[i].tpl.budget != BudgetType::SocialInsurance && req(i) >= FEN_PER_WAN;
    let remaining: Vec<usize> = rank
        .iter()
        .rev()
        .copied()
        .filter(|&i| !is_cancelled[i])
        .collect();
    let m = remaining.len();
    let mut is_cut = vec![false; n];
    let mut base = 0i64;
    for (r, &i) in remaining.iter().enumerate() {
        let percent = if r < m / 10 {
            85
        } else if r < m * 4 / 10 {
            35
        } else {
            15
        };
        if rng.chance(percent) && cuttable(i) {
            is_cut[i] = true;
            base += req(i);
        }
    }
    // Make room: the cut set must be able to give `to_cut` at about 35%.
    for &i in &remaining {
        if base * 35 / 100 >= to_cut {
            break;
        }
        if !is_cut[i] && cuttable(i) {
            is_cut[i] = true;
            base += req(i);
        }
    }
    let cut_list: Vec<usize> = (0..n).filter(|&i| is_cut[i]).collect();
    // Rates in 5%..60%, scaled to the target.
    let mut rates: Vec<f64> = cut_list.iter().map(|_| 0.08 + 0.40 * rng.unit()).collect();
    for _ in 0..100 {
        let total: f64 = cut_list
            .iter()
            .zip(&rates)
            .map(|(&i, r)| req(i) as f64 * r)
            .sum();
        let f = to_cut as f64 / total;
        if (f - 1.0).abs() < 1e-9 {
            break;
        }
        for r in &mut rates {
            *r = (*r * f).clamp(0.05, 0.60);
        }
    }
    let lo_bound = |i: usize| (req(i) * 40 + 100 * CENT_WAN - 1) / (100 * CENT_WAN) * CENT_WAN;
    let hi_bound = |i: usize| (req(i) * 95 / 100 / CENT_WAN * CENT_WAN).max(CENT_WAN);
    let mut approved: Vec<i64> = cut_list
        .iter()
        .zip(&rates)
        .map(|(&i, &r)| {
            let want = req(i) as f64 * (1.0 - r);
            let step = if req(i) >= 100 * FEN_PER_WAN {
                FEN_PER_WAN
            } else if req(i) >= 10 * FEN_PER_WAN {
                FEN_PER_WAN / 10
            } else {
                CENT_WAN
            };
            let a = (want / step as f64).round() as i64 * step;
            if a >= lo_bound(i) && a <= hi_bound(i) {
                a
            } else {
                ((want / CENT_WAN as f64).round() as i64 * CENT_WAN).clamp(lo_bound(i), hi_bound(i))
            }
        })
        .collect();
    // Settle the rounding on the largest cuts, keeping 40%..95% approved.
    let mut diff = to_cut
        - cut_list
            .iter()
            .zip(&approved)
            .map(|(&i, &a)| req(i) - a)
            .sum::<i64>();
    let mut by_size: Vec<usize> = (0..cut_list.len()).collect();
    by_size.sort_by_key(|&k| std::cmp::Reverse((req(cut_list[k]), k)));
    for k in by_size {
        if diff == 0 {
            break;
        }
        let i = cut_list[k];
        let new = (approved[k] - diff).clamp(lo_bound(i), hi_bound(i));
        diff -= approved[k] - new;
        approved[k] = new;
    }
    assert_eq!(diff, 0, "the cut could not be settled");

    let mut outcome: Vec<Outcome> = vec![Outcome::Approve; n];
    for &i in &cancelled {
        outcome[i] = Outcome::Cancel;
    }
    for (k, &i) in cut_list.iter().enumerate() {
        outcome[i] = Outcome::Cut(Money::from_fen(approved[k]));
    }
    // Adjusted: about a third of them also cut.
    let cut_adjusted = (REPORT_ADJUSTED / 3).min(cut_list.len());
    let mut adjusted = rng.sample(&cut_list, cut_adjusted);
    let approved_list: Vec<usize> = (0..n).filter(|&i| outcome[i] == Outcome::Approve).collect();
    adjusted.extend(rng.sample(&approved_list, REPORT_ADJUSTED - cut_adjusted));
    let mut is_adjusted = vec![false; n];
    for &i in &adjusted {
        is_adjusted[i] = true;
        // Some adjusted projects carry only the 调整 row.
        if outcome[i] == Outcome::Approve && rng.chance(60) {
            outcome[i] = Outcome::None;
        }
    }
    (0..n)
        .map(|i| verdict(rng, outcome[i], is_adjusted[i], &inds[i]))
        .collect()
}

fn verdict(rng: &mut Rng, outcome: Outcome, adjusted: bool, inds: &[IndRow]) -> Verdict {
    let comment = match outcome {
        Outcome::Approve => Cow::Borrowed(rng.pick(&APPROVE_COMMENTS)),
        Outcome::Cut(_) => Cow::Owned(cut_comment(rng)),
        Outcome::Cancel => Cow::Borrowed(rng.pick(&CANCEL_COMMENTS)),
        Outcome::None => Cow::Borrowed(""),
    };
    let adjust = adjusted.then(|| adjust_comment(rng, inds, matches!(outcome, Outcome::Cut(_))));
    Verdict {
        outcome,
        comment,
        adjust,
    }
}

/// Decisions for a synthetic meeting: about the report's proportions.
fn synthetic_decisions(projects: &[Project], inds: &[Vec<IndRow>], rng: &mut Rng) -> Vec<Verdict> {
    projects
        .iter()
        .zip(inds)
        .map(|(p, ind)| {
            let r = rng.below(1000);
            let req = p.requested.fen();
            let outcome = if r < 163 && p.tpl.budget != BudgetType::SocialInsurance {
                Outcome::Cancel
            } else if r < 450 && req >= 2 * CENT_WAN {
                let rate = 5 + rng.below(56) as i64;
                let a = (req * (100 - rate) / 100 / CENT_WAN * CENT_WAN)
                    .clamp(CENT_WAN, req - CENT_WAN);
                Outcome::Cut(Money::from_fen(a))
            } else {
                Outcome::Approve
            };
            let adjusted = outcome != Outcome::Cancel && rng.chance(30);
            let outcome = if adjusted && outcome == Outcome::Approve && rng.chance(60) {
                Outcome::None
            } else {
                outcome
            };
            verdict(rng, outcome, adjusted, ind)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// CSV

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv_writer_sized(0)
}

/// A writer into memory; `rows` sizes the buffer.
fn csv_writer_sized(rows: usize) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_writer(Vec::with_capacity(rows * 96))
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("flush to memory");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

fn projects_csv(depts: &[Dept], projects: &[Project]) -> String {
    let mut w = csv_writer_sized(projects.len() * 2);
    w.write_record(PROJECTS_HEADER).expect("write to memory");
    for p in projects {
        let d = &depts[p.dept];
        w.write_record([
            p.code.as_str(),
            d.name.as_str(),
            d.section,
            p.name.as_str(),
            p.tpl.budget.zh(),
            &p.requested.wan_string(),
        ])
        .expect("write to memory");
    }
    finish(w)
}

fn indicators_csv(projects: &[Project], inds: &[Vec<IndRow>]) -> String {
    let mut w = csv_writer_sized(projects.len() * 4);
    w.write_record(INDICATORS_HEADER).expect("write to memory");
    for (p, rows) in projects.iter().zip(inds) {
        for r in rows {
            w.write_record([
                p.code.as_str(),
                r.level1,
                r.level2,
                r.name,
                &r.target,
                r.unit,
            ])
            .expect("write to memory");
        }
    }
    finish(w)
}

fn decisions_csv(projects: &[Project], verdicts: &[Verdict]) -> String {
    let mut w = csv_writer_sized(projects.len() * 2);
    w.write_record(DECISIONS_HEADER).expect("write to memory");
    for (p, v) in projects.iter().zip(verdicts) {
        let code = p.code.as_str();
        match v.outcome {
            Outcome::Approve => w.write_record([code, "通过", "", &v.comment]),
            Outcome::Cut(a) => w.write_record([code, "审减", &a.wan_string(), &v.comment]),
            Outcome::Cancel => w.write_record([code, "取消", "", &v.comment]),
            Outcome::None => Ok(()),
        }
        .expect("write to memory");
        if let Some(reason) = &v.adjust {
            w.write_record([code, "调整", "", reason.as_str()])
                .expect("write to memory");
        }
    }
    finish(w)
}

// ---------------------------------------------------------------------------
// The ex-ante evaluation

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

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::domain::money::{Unit, parse_amount};

    fn wan(text: &str) -> Money {
        parse_amount(text, Unit::Wan).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn records(text: &str) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        r.records()
            .map(|rec| rec.expect("valid CSV").iter().map(str::to_string).collect())
            .collect()
    }

    fn header(text: &str) -> Vec<String> {
        let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        r.headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect()
    }

    /// What a meeting's files add up to.
    #[derive(Debug, Default)]
    struct Outcome {
        projects: usize,
        departments: usize,
        requested: Money,
        approved: Money,
        cut: Money,
        cancelled: usize,
        adjusted: usize,
        cut_rows: usize,
        budgets: HashSet<String>,
    }

    /// Parses the files and applies the decisions as the rules say:
    /// 通过 → requested; 审减 → the amount (0 < amount < requested);
    /// 取消 → 0; a lone 调整 → requested.
    fn simulate(files: &DemoFiles) -> Outcome {
        assert_eq!(header(&files.projects_csv), PROJECTS_HEADER);
        assert_eq!(header(&files.indicators_csv), INDICATORS_HEADER);
        assert_eq!(header(&files.decisions_csv), DECISIONS_HEADER);
        let mut out = Outcome::default();
        let mut requested: HashMap<String, Money> = HashMap::new();
        let mut order = Vec::new();
        let mut depts = HashSet::new();
        let mut sections: HashMap<String, String> = HashMap::new();
        let mut names = HashSet::new();
        for rec in records(&files.projects_csv) {
            assert_eq!(rec.len(), 6);
            assert!(
                !rec[3].is_empty() && rec[3].chars().count() <= 40,
                "{}",
                rec[3]
            );
            assert!(BudgetType::parse(&rec[4]).is_some(), "{}", rec[4]);
            let section = sections.entry(rec[1].clone()).or_insert(rec[2].clone());
            assert_eq!(*section, rec[2], "one section per department");
            let amount = wan(&rec[5]);
            assert!(amount > Money::ZERO);
            assert_eq!(amount.fen() % CENT_WAN, 0, "two decimals in 万元");
            assert_eq!(rec[5], amount.wan_string());
            assert!(
                requested.insert(rec[0].clone(), amount).is_none(),
                "duplicate {}",
                rec[0]
            );
            assert!(
                names.insert((rec[1].clone(), rec[3].clone())),
                "{} twice",
                rec[3]
            );
            order.push(rec[0].clone());
            depts.insert(rec[1].clone());
            out.budgets.insert(rec[4].clone());
            out.requested += amount;
        }
        out.projects = order.len();
        out.departments = depts.len();

        let mut indicators: HashMap<String, usize> = HashMap::new();
        for rec in records(&files.indicators_csv) {
            assert!(
                requested.contains_key(&rec[0]),
                "indicator of unknown {}",
                rec[0]
            );
            assert!(
                ["产出指标", "效益指标", "满意度指标"].contains(&rec[1].as_str()),
                "{}",
                rec[1]
            );
            assert!(!rec[3].is_empty() && !rec[4].is_empty());
            *indicators.entry(rec[0].clone()).or_default() += 1;
        }
        for code in &order {
            let k = indicators.get(code).copied().unwrap_or(0);
            assert!((2..=5).contains(&k), "{code} has {k} indicators");
        }

        let mut approved: HashMap<String, Money> = HashMap::new();
        let mut cancelled: HashSet<String> = HashSet::new();
        let mut adjusted: HashSet<String> = HashSet::new();
        for rec in records(&files.decisions_csv) {
            let code = &rec[0];
            let req = requested[code];
            assert!(!rec[3].is_empty(), "every decision carries a comment");
            match rec[1].as_str() {
                "通过" => {
                    assert!(approved.insert(code.clone(), req).is_none());
                }
                "审减" => {
                    let a = wan(&rec[2]);
                    assert!(a > Money::ZERO && a < req, "{code}: {a} of {req}");
                    assert!(approved.insert(code.clone(), a).is_none());
                    out.cut_rows += 1;
                }
                "取消" => {
                    assert!(approved.insert(code.clone(), Money::ZERO).is_none());
                    cancelled.insert(code.clone());
                }
                "调整" => {
                    assert!(!cancelled.contains(code), "adjusted {code} is cancelled");
                    assert!(adjusted.insert(code.clone()), "adjusted twice");
                    approved.entry(code.clone()).or_insert(req);
                }
                other => panic!("unknown decision {other}"),
            }
        }
        for code in &order {
            let a = *approved
                .get(code)
                .unwrap_or_else(|| panic!("{code} undecided"));
            out.approved += a;
            out.cut += requested[code] - a;
        }
        out.cancelled = cancelled.len();
        out.adjusted = adjusted.len();
        out
    }

    #[test]
    fn report_meeting_has_the_report_figures() {
        let o = simulate(&generate_report_meeting());
        assert_eq!(o.projects, 1373);
        assert_eq!(o.departments, 71);
        assert_eq!(o.requested, wan("347740.00"));
        assert_eq!(o.budgets.len(), 4, "{:?}", o.budgets);
        assert_eq!(o.cancelled, 224);
        assert_eq!(o.adjusted, 343);
        assert_eq!(o.cut, wan("117186.00"));
        assert_eq!(o.approved, wan("230554.00"));
        assert_eq!(o.projects - o.cancelled, 1149);
        assert!((200..=600).contains(&o.cut_rows), "{} 审减", o.cut_rows);
    }

    #[test]
    fn cancelled_projects_are_mostly_small() {
        let files = generate_report_meeting();
        let req: HashMap<String, Money> = records(&files.projects_csv)
            .into_iter()
            .map(|r| (r[0].clone(), wan(&r[5])))
            .collect();
        let cancelled: Money = records(&files.decisions_csv)
            .iter()
            .filter(|r| r[1] == "取消")
            .map(|r| req[&r[0]])
            .sum();
        assert!(cancelled < wan("58593"), "cancelled {cancelled}");
    }

    #[test]
    fn adjust_rows_follow_their_projects_decision() {
        let files = generate_report_meeting();
        let rows = records(&files.decisions_csv);
        for (k, r) in rows.iter().enumerate() {
            if r[1] == "调整" && k > 0 && rows[k - 1][0] == r[0] {
                assert!(["通过", "审减"].contains(&rows[k - 1][1].as_str()));
            }
            if r[1] != "调整" && k + 1 < rows.len() && rows[k + 1][0] == r[0] {
                assert_eq!(rows[k + 1][1], "调整");
            }
        }
    }

    #[test]
    fn exante_has_the_report_figures() {
        let o = simulate(&generate_exante());
        assert_eq!(o.projects, 5);
        assert_eq!(o.requested, wan("7038.70"));
        assert_eq!(o.approved, wan("3607.70"));
        assert_eq!(o.cut, wan("3431.00"));
        // 3431 ÷ 7038.7 = 48.74%.
        assert_eq!(o.cut.fen() * 10_000 / o.requested.fen(), 4874);
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(generate_report_meeting(), generate_report_meeting());
        assert_eq!(generate_exante(), generate_exante());
        assert_eq!(generate_meeting(3000, 7), generate_meeting(3000, 7));
        assert_ne!(generate_meeting(3000, 7), generate_meeting(3000, 8));
    }

    #[test]
    fn synthetic_meeting_has_the_asked_size() {
        let files = generate_meeting(5000, 42);
        let o = simulate(&files);
        assert_eq!(o.projects, 5000);
        assert_eq!(o.departments, 71 * 4);
        assert_eq!(o.budgets.len(), 4);
        let small = simulate(&generate_meeting(10, 1));
        assert_eq!(small.projects, 10);
        assert_eq!(simulate(&generate_meeting(0, 1)).projects, 0);
    }

    #[test]
    fn shipped_files_are_the_generator_output() {
        let report = generate_report_meeting();
        assert_eq!(report_files(), report, "data/ is stale: regenerate it");
        assert_eq!(
            exante_files(),
            generate_exante(),
            "data/ is stale: regenerate it"
        );
        assert!(
            PROJECTS_CSV == report.projects_csv,
            "data/demo-projects.csv is stale"
        );
        assert!(
            INDICATORS_CSV == report.indicators_csv,
            "data/demo-indicators.csv is stale"
        );
        assert!(
            DECISIONS_CSV == report.decisions_csv,
            "data/demo-decisions.csv is stale"
        );
        let exante = generate_exante();
        assert!(
            EXANTE_PROJECTS_CSV == exante.projects_csv,
            "data/exante-projects.csv is stale"
        );
        assert!(
            EXANTE_INDICATORS_CSV == exante.indicators_csv,
            "data/exante-indicators.csv is stale"
        );
        assert!(
            EXANTE_DECISIONS_CSV == exante.decisions_csv,
            "data/exante-decisions.csv is stale"
        );
        assert!(report_files() == report && exante_files() == exante);
    }

    /// Writes the generator's output to `data/`:
    /// `cargo test --lib demo::tests::regenerate -- --ignored`.
    #[test]
    #[ignore]
    fn regenerate() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        std::fs::create_dir_all(&dir).expect("create data/");
        let report = generate_report_meeting();
        let exante = generate_exante();
        for (name, text) in [
            ("demo-projects.csv", &report.projects_csv),
            ("demo-indicators.csv", &report.indicators_csv),
            ("demo-decisions.csv", &report.decisions_csv),
            ("exante-projects.csv", &exante.projects_csv),
            ("exante-indicators.csv", &exante.indicators_csv),
            ("exante-decisions.csv", &exante.decisions_csv),
        ] {
            std::fs::write(dir.join(name), text).expect("write data file");
        }
    }
}
