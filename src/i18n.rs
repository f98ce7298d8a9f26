//! Chinese or English: Chinese under a zh_* locale, English otherwise,
//! `--lang` overrides.

use std::ffi::OsString;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The language of this run: `--lang` as written among its arguments,
    /// else the locale. Read before clap parses the command line, so that a
    /// flag's bad value (`--stage`, `--round`) is refused in it.
    pub fn of_run() -> Lang {
        static RUN: OnceLock<Lang> = OnceLock::new();
        *RUN.get_or_init(|| Lang::detect(Lang::from_args(std::env::args_os())))
    }

    /// `--lang zh` or `--lang=en` among `args`, if given.
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> Option<Lang> {
        let args: Vec<String> = args
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let mut found = None;
        for (i, a) in args.iter().enumerate() {
            let value = match a.strip_prefix("--lang") {
                Some("") => args.get(i + 1).map(String::as_str),
                Some(v) => v.strip_prefix('='),
                None => None,
            };
            match value {
                Some("zh") => found = Some(Lang::Zh),
                Some("en") => found = Some(Lang::En),
                _ => {}
            }
        }
        found
    }

    /// From `--lang` if given, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn detect(flag: Option<Lang>) -> Lang {
        if let Some(l) = flag {
            return l;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .unwrap_or_default();
        if locale.to_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// A refusal's reason in this language.
    pub fn reason(self, e: &(impl crate::words::Say + ?Sized)) -> String {
        e.say(self)
    }

    /// Picks the text for this language.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
