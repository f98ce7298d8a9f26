//! Words: every sentence the program says, in each language, built from a
//! fact. The code that finds out *what* happened (a refused amount, a
//! conflict, a missing column) builds a typed fact — a kind with its values —
//! and never a sentence; the files here turn facts into words, one area a
//! file, each language an arm of the same `match`. A wording change touches
//! one file; a new language extends the matches here, and the compiler lists
//! every one left to do.
//!
//! Nothing below the edges (domain, store, import) depends on this module:
//! facts point down, words point at facts.

pub mod board;
pub mod panel;
pub mod screen;

pub use crate::i18n::Lang;

mod cli;
mod decision;
mod doctor;
mod export;
mod import;
mod keymap;
mod summary;
#[cfg(test)]
mod tests;
pub mod weigh;

/// A system's reason for a failed read or write, in the reader's
/// language: the common kinds worded, else the system's own text.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let zh = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "文件已存在",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::IsADirectory => "这是一个文件夹",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::InvalidData => "内容无效（不是 UTF-8 文本）",
        K::Interrupted | K::WouldBlock | K::TimedOut => "操作中断，请重试",
        _ => "",
    };
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh if zh.is_empty() => format!("系统错误（{e}）"),
        Lang::Zh => zh.to_string(),
    }
}

/// A fact that can be said to a reader in their language.
pub trait Say {
    fn say(&self, lang: Lang) -> String;
}

mod store;
