//! Chinese or English: Chinese under a zh_* locale, English otherwise,
//! `--lang` overrides.

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
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
