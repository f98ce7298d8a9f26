//! A project's annual goal (年度目标) as departments write it, from its
//! indicators: "通过项目实施，开展专题学习不少于51场次，建立健全长效管理
//! 机制，服务对象满意度达到90%以上。"

/// The goal of a project whose indicators are (一级指标, 三级指标, 指标值,
/// 计量单位), in their order.
pub(super) fn annual_goal<'a>(
    indicators: impl IntoIterator<Item = (&'a str, &'a str, &'a str, &'a str)>,
) -> String {
    let clauses: Vec<String> = indicators
        .into_iter()
        // The cost is what the budget says; the goal says what it buys.
        .filter(|(_, name, _, _)| !name.contains("成本"))
        .map(|(_, name, target, unit)| clause(name, target.trim(), unit))
        .collect();
    if clauses.is_empty() {
        return String::new();
    }
    format!("通过项目实施，{}。", clauses.join("，"))
}

fn clause(name: &str, target: &str, unit: &str) -> String {
    let number = |t: &str| t.chars().next().is_some_and(|c| c.is_ascii_digit());
    if let Some(n) = target.strip_prefix('≥') {
        if unit == "%" {
            format!("{name}达到{n}%以上")
        } else {
            format!("{name}不少于{n}{unit}")
        }
    } else if let Some(n) = target.strip_prefix('≤') {
        format!("{name}控制在{n}{unit}以内")
    } else if let Some(n) = target.strip_prefix('=') {
        if n == "0" {
            format!("{name}降至0{unit}")
        } else {
            format!("{name}达到{n}{unit}")
        }
    } else if number(target) {
        format!("{name}达到{target}{unit}")
    } else {
        format!("{name}{target}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_reads_as_a_department_writes_it() {
        let g = annual_goal([
            ("产出指标", "开展专题学习", "≥51", "场次"),
            ("产出指标", "项目总成本", "≤23.00", "万元"),
            ("产出指标", "设备验收合格率", "=100", "%"),
            ("效益指标", "长效管理机制", "建立健全", ""),
            ("满意度指标", "服务对象满意度", "≥90", "%"),
        ]);
        assert_eq!(
            g,
            "通过项目实施，开展专题学习不少于51场次，设备验收合格率达到100%，长效管理机制建立健全，服务对象满意度达到90%以上。"
        );
        assert_eq!(annual_goal([]), "");
    }
}
