//! The problems found in the files, capped, and text made safe to show in
//! them.

use crate::domain::problem::{FileProblem, Problem, in_file_order};

/// Problems kept; beyond this only a count is kept, so a garbage file of
/// millions of bad cells cannot exhaust memory.
pub(crate) const MAX_PROBLEMS: usize = 1000;

/// The problems found so far.
#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    pub fn extend(&mut self, ps: Vec<Problem>) {
        for p in ps {
            self.push(p);
        }
    }

    /// Adds problems found apart, as if they had been pushed here: the
    /// first `MAX_PROBLEMS` of everything are kept and the rest counted.
    pub fn append(&mut self, other: Problems) {
        for p in other.list {
            self.push(p);
        }
        self.more += other.more;
    }

    /// In file order: what concerns the whole file first, then by row
    /// (stable: a row's problems keep their order, column by column).
    pub fn sort_by_row(&mut self) {
        in_file_order(&mut self.list);
    }

    pub fn result<T>(self, ok: T) -> Result<T, Vec<Problem>> {
        let list = self.into_list();
        if list.is_empty() { Ok(ok) } else { Err(list) }
    }

    /// The problems kept, and a last one counting those that were not.
    pub fn into_list(mut self) -> Vec<Problem> {
        if self.list.is_empty() {
            return self.list;
        }
        if self.more > 0 {
            let file = self.list.last().map(|p| p.file.clone()).unwrap_or_default();
            self.list.push(Problem::new(
                &file,
                None,
                None,
                FileProblem::More { count: self.more },
            ));
        }
        self.list
    }
}

/// Text safe for a terminal and short: control characters escaped, at most
/// `max` characters.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A cell's text quoted for a message.
pub(crate) fn quote(text: &str) -> String {
    format!("\"{}\"", clip(text, 40))
}
