//! The words of a keymap file's problems: where (file, line, entry), what
//! is wrong, and what would be accepted — for `huishen keymap --check`
//! and the screen's first status line.

use super::{Lang, Say};
use crate::keymap::{BadKey, Command, KeymapError, Mode, Problem};

/// What a key name may be.
fn accepted(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "可写：单个字符（\"a\"、\"G\"、\"/\"），enter、esc、tab、backtab、backspace、space、delete、insert、up、down、left、right、pageup、pagedown、home、end、f1…f12，前面可加 ctrl-、alt-、shift-（如 \"ctrl-z\"、\"alt-enter\"）"
        }
        Lang::En => {
            "accepted: a single character (\"a\", \"G\", \"/\"), enter, esc, tab, backtab, backspace, space, delete, insert, up, down, left, right, pageup, pagedown, home, end, f1…f12, each optionally prefixed by ctrl-, alt-, shift- (e.g. \"ctrl-z\", \"alt-enter\")"
        }
    }
}

fn modes() -> String {
    Mode::ALL.map(Mode::name).join(", ")
}

impl Say for KeymapError {
    fn say(&self, lang: Lang) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
            s += &format!(":{line}");
        }
        s += ": ";
        if !self.entry.is_empty() {
            s += &format!("{}: ", self.entry);
        }
        s + &self.message.say(lang)
    }
}

impl Say for Problem {
    fn say(&self, lang: Lang) -> String {
        let l = lang;
        match (self, l) {
            (Problem::Unreadable(kind, text), Lang::Zh) => format!(
                "无法读取按键配置文件：{}",
                super::io_reason(&std::io::Error::new(*kind, text.as_str()), l)
            ),
            (Problem::Unreadable(_, text), Lang::En) => {
                format!("cannot read the keymap file: {text}")
            }
            (Problem::NotToml(e), Lang::Zh) => format!("不是有效的 TOML 语法，解析器说：\"{e}\""),
            (Problem::NotToml(e), Lang::En) => format!("not valid TOML: {e}"),
            (Problem::ModeNotTable(m), Lang::Zh) => {
                format!("[{m}] 须是按键表：[{m}] 之后逐行写如 quit = [\"q\"]")
            }
            (Problem::ModeNotTable(m), Lang::En) => format!(
                "[{m}] must be a table of bindings, e.g. [{m}] followed by lines like quit = [\"q\"]"
            ),
            (Problem::OutsideMode, Lang::Zh) => format!(
                "按键须写在某个模式的表内：请放到 [{}] 之一下面",
                Mode::ALL.map(Mode::name).join("]、[")
            ),
            (Problem::OutsideMode, Lang::En) => format!(
                "bindings go inside a mode table: put this line under one of [{}]",
                Mode::ALL.map(Mode::name).join("], [")
            ),
            (Problem::NotAModeTable, Lang::Zh) => {
                format!("不是模式表；文件只能有 {} 这几个表和 options", modes())
            }
            (Problem::NotAModeTable, Lang::En) => format!(
                "not a mode table; the file holds only the tables {} and options",
                modes()
            ),
            (Problem::UnknownMode { name, near }, _) => {
                let near = near.map(|m| match l {
                    Lang::Zh => format!("（是否想写 [{m}]？）"),
                    Lang::En => format!(" (did you mean [{m}]?)"),
                });
                let near = near.unwrap_or_default();
                match l {
                    Lang::Zh => format!(
                        "无法识别的模式 {name:?}{near}；可用：{}，以及 [options]",
                        modes()
                    ),
                    Lang::En => format!(
                        "unknown mode {name:?}{near}; known: {}, and [options]",
                        modes()
                    ),
                }
            }
            (Problem::UnknownAction { name, near }, _) => {
                let near = near.map(|c| match l {
                    Lang::Zh => format!("（是否想写 {c:?}？）"),
                    Lang::En => format!(" (did you mean {c:?}?)"),
                });
                let near = near.unwrap_or_default();
                let known: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
                match l {
                    Lang::Zh => {
                        format!("无法识别的动作 {name:?}{near}；可用：{}", known.join(", "))
                    }
                    Lang::En => {
                        format!("unknown action {name:?}{near}; known: {}", known.join(", "))
                    }
                }
            }
            (Problem::NotAList { action, one }, _) => {
                let example = match (one, l) {
                    (Some(k), _) => format!("{action} = [{}]", toml_quote(k)),
                    (None, Lang::Zh) => {
                        format!("{action} = [\"x\", \"ctrl-x\"]，或 {action} = [] 取消绑定")
                    }
                    (None, Lang::En) => {
                        format!("{action} = [\"x\", \"ctrl-x\"], or {action} = [] to unbind")
                    }
                };
                match l {
                    Lang::Zh => format!("应是按键名的列表，如 {example}"),
                    Lang::En => format!("expected a list of key names, e.g. {example}"),
                }
            }
            (Problem::BadKey(b), Lang::Zh) => format!("{}；{}", b.say(l), accepted(l)),
            (Problem::BadKey(b), Lang::En) => format!("{}; {}", b.say(l), accepted(l)),
            (
                Problem::Conflict {
                    key,
                    mode,
                    a,
                    b,
                    unbind,
                },
                _,
            ) => {
                let origin = |line: Option<usize>| match (line, l) {
                    (Some(n), Lang::Zh) => format!("第 {n} 行"),
                    (Some(n), Lang::En) => format!("line {n}"),
                    (None, Lang::Zh) => "默认".to_string(),
                    (None, Lang::En) => "default".to_string(),
                };
                let (an, bn, un) = (a.0.name(), b.0.name(), unbind.name());
                let (ao, bo) = (origin(a.1), origin(b.1));
                match l {
                    Lang::Zh => format!(
                        "键 \"{key}\" 在 [{mode}] 中同时绑定了 {an}（{ao}）和 {bn}（{bo}）；\
                         请给其中一个换个键，或用 {un} = [] 取消另一个"
                    ),
                    Lang::En => format!(
                        "key \"{key}\" is bound to both {an} ({ao}) and {bn} ({bo}) in [{mode}]; \
                         give one of them another key, or unbind the other with {un} = []"
                    ),
                }
            }
            (Problem::NotYesNo(name), Lang::Zh) => {
                format!("应为 true 或 false，如 {name} = true")
            }
            (Problem::NotYesNo(name), Lang::En) => {
                format!("expected true or false, e.g. {name} = true")
            }
            (Problem::UnknownOption(name), Lang::Zh) => {
                format!("无法识别的选项 {name:?}；可用：ambiguous_wide")
            }
            (Problem::UnknownOption(name), Lang::En) => {
                format!("unknown option {name:?}; known: ambiguous_wide")
            }
        }
    }
}

impl Say for BadKey {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (BadKey::Empty, Lang::Zh) => "按键名为空".into(),
            (BadKey::Empty, Lang::En) => "empty key name".into(),
            (BadKey::Control(w), Lang::Zh) => {
                format!("{w:?} 是控制字符：请写按键的名字（如 \"tab\"、\"enter\"）")
            }
            (BadKey::Control(w), Lang::En) => format!(
                "{w:?} is a control character: write the key's name (e.g. \"tab\", \"enter\")"
            ),
            (BadKey::ShiftWith { whole, shown }, Lang::Zh) => format!(
                "{whole:?}：shift- 只能用于字母和有名字的键；{shown:?} 请直接写按 shift 后得到的字符（如写 \"!\" 而不是 \"shift-1\"）"
            ),
            (BadKey::ShiftWith { whole, shown }, Lang::En) => format!(
                "{whole:?}: shift- goes with letters and named keys only; for {shown:?} write the \
                 shifted character itself (e.g. \"!\" rather than \"shift-1\")"
            ),
            (BadKey::NothingAfter { whole, rest }, Lang::Zh) => {
                format!("{whole:?} 的 {rest:?} 之后没有键（如 \"ctrl-z\"）")
            }
            (BadKey::NothingAfter { whole, rest }, Lang::En) => {
                format!("{whole:?} has no key after {rest:?} (e.g. \"ctrl-z\")")
            }
            (BadKey::FunctionKey(w), Lang::Zh) => format!("无法识别的键 {w:?}：功能键为 f1 到 f12"),
            (BadKey::FunctionKey(w), Lang::En) => {
                format!("unknown key {w:?}: function keys are f1 to f12")
            }
            (BadKey::Alias { whole, to }, Lang::Zh) => {
                format!("无法识别的键 {whole:?}（请写 {to:?}）")
            }
            (BadKey::Alias { whole, to }, Lang::En) => {
                format!("unknown key {whole:?} (write {to:?})")
            }
            (BadKey::UnknownPrefix { whole, head, near }, _) => match (near, l) {
                (Some(p), Lang::Zh) => {
                    format!("{whole:?} 中的前缀 \"{head}-\" 无法识别（是否想写 \"{p}-\"？）")
                }
                (Some(p), Lang::En) => {
                    format!("unknown prefix \"{head}-\" in {whole:?} (did you mean \"{p}-\"?)")
                }
                (None, Lang::Zh) => {
                    format!("{whole:?} 中的前缀 \"{head}-\" 无法识别；前缀只有 ctrl-、alt-、shift-")
                }
                (None, Lang::En) => format!(
                    "unknown prefix \"{head}-\" in {whole:?}; prefixes are ctrl-, alt-, shift-"
                ),
            },
            (BadKey::Unknown { whole, near }, _) => match (near, l) {
                (Some(n), Lang::Zh) => format!("无法识别的键 {whole:?}（是否想写 {n:?}？）"),
                (Some(n), Lang::En) => format!("unknown key {whole:?} (did you mean {n:?}?)"),
                (None, Lang::Zh) => format!("无法识别的键 {whole:?}"),
                (None, Lang::En) => format!("unknown key {whole:?}"),
            },
        }
    }
}

/// A TOML basic string.
fn toml_quote(s: &str) -> String {
    crate::keymap::toml_string(s)
}
