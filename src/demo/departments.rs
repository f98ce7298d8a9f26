//! The city's 71 departments: 57 bureaus and 14 town governments and
//! street offices, each with its section, its number of projects in the
//! 2021 meeting and its templates.

use super::catalogue::*;

/// A department of the city: its name, the finance bureau's section that
/// looks after it, its number of projects in the 2021 meeting and its vocabulary.
pub(super) struct BaseDept {
    pub(super) name: &'static str,
    pub(super) section: &'static str,
    pub(super) count: usize,
    pub(super) sector: Sector,
    pub(super) tpls: &'static [Tpl],
}

pub(super) const fn d(
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

pub(super) const JKW: &str = "教科文股";
pub(super) const SB: &str = "社会保障股";
pub(super) const JJ: &str = "经济建设股";
pub(super) const NY: &str = "农业农村股";
pub(super) const XZ: &str = "行政政法股";
pub(super) const ZH: &str = "综合股";
pub(super) const GZ: &str = "国资股";
pub(super) const YS: &str = "预算股";

pub(super) static BASE_DEPTS: [BaseDept; 57] = [
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
pub(super) const TOWN_DEPTS: [(&str, usize); 14] = [
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
pub(super) struct Dept {
    pub(super) name: String,
    pub(super) section: &'static str,
    pub(super) count: usize,
    pub(super) sector: Sector,
    pub(super) tpls: &'static [Tpl],
    /// The town a town government's projects are in.
    pub(super) home: Option<&'static str>,
}

/// The 71 departments, `replicas` times (copies after the first are numbered).
pub(super) fn departments(replicas: usize) -> Vec<Dept> {
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
