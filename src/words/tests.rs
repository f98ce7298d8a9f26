//! Every refusal is in the reader's language: each fact a form, the screen
//! or a command refuses with, said in Chinese and in English, and checked
//! for the other language's words (issue 13, item 4).

use std::path::PathBuf;

use super::{Lang, Say};
use crate::cli::{Error, UnknownStage};
use crate::domain::decision::CutInputError;
use crate::domain::money::AmountError;
use crate::domain::{
    DecisionError, Kind, Money, Problem, Rounding, RoundingError, Stage, StageError, State, Unit,
};
use crate::keymap::{BadKey, Command, KeymapError, Mode, Problem as KeymapProblem};
use crate::store::{Denied, StoreError};
use crate::words::screen::{Changed, NotAtStage, Note, ReadOnly, Standing};
use crate::{export, tui};

/// English words no Chinese sentence has (data and flag values are in
/// quotes or are identifiers, and are left out before looking).
const ENGLISH: &[&str] = &[
    "the",
    "cannot",
    "not",
    "is",
    "are",
    "was",
    "write",
    "use",
    "unknown",
    "must",
    "with",
    "into",
    "from",
    "nothing",
    "only",
    "already",
    "expected",
    "no",
    "of",
    "an",
    "a",
    "to",
    "error",
    "such",
    "file",
    "directory",
    "denied",
    "amount",
    "decimals",
    "terminal",
    "please",
];

/// `s` without what it quotes: `"…"`, `「…」`, `` `…` ``, `“…”`.
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in s.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '"' => close = Some('"'),
                '「' => close = Some('」'),
                '`' => close = Some('`'),
                '“' => close = Some('”'),
                c => out.push(c),
            },
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// A Chinese sentence: Chinese words, and no English ones.
fn assert_zh(what: &str, s: &str) {
    assert!(s.chars().any(is_cjk), "{what}: no Chinese in {s:?}");
    let bare = unquoted(s).to_lowercase();
    for word in bare.split(|c: char| !c.is_ascii_alphabetic() && c != '.') {
        assert!(
            !ENGLISH.contains(&word),
            "{what}: English {word:?} in the Chinese {s:?}"
        );
    }
}

/// An English sentence: no Chinese words or punctuation, beyond the unit
/// 万元 and accepted Chinese spellings listed in parentheses.
fn assert_en(what: &str, s: &str) {
    let mut bare = without_glossed(&unquoted(s).replace("万元", "").replace("元", ""));
    // "(or 绩效目标会审, …)", "(合并至)": accepted spellings, a column's
    // name in the file.
    while let Some(open) = bare.find('(') {
        let close = bare[open..].find(')').map_or(bare.len(), |c| open + c + 1);
        bare.replace_range(open..close, "");
    }
    for name in [
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "社会保险基金预算",
    ] {
        bare = bare.replace(name, "");
    }
    assert!(
        !bare.chars().any(is_cjk),
        "{what}: Chinese in the English {s:?}"
    );
    assert!(
        bare.chars().any(|c| c.is_ascii_alphabetic()),
        "{what}: {s:?}"
    );
}

/// `s` without the Chinese terms glossed in English right after them:
/// "合并 (merge) is not a decision of 事中绩效监控 (monitoring)".
fn without_glossed(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if is_cjk(chars[i]) {
            let end = (i..chars.len())
                .find(|&j| !is_cjk(chars[j]))
                .unwrap_or(chars.len());
            let glossed = chars.get(end) == Some(&' ')
                && chars.get(end + 1) == Some(&'(')
                && chars.get(end + 2).is_some_and(char::is_ascii_alphabetic);
            if !glossed {
                out.extend(&chars[i..end]);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn both(what: &str, fact: &dyn Say) {
    assert_zh(what, &fact.say(Lang::Zh));
    assert_en(what, &fact.say(Lang::En));
}

fn wan(s: &str) -> Money {
    s.parse().unwrap()
}

#[test]
fn the_domains_refusals_in_both_languages() {
    let amounts = [
        AmountError::Empty,
        AmountError::Negative,
        AmountError::Exponent,
        AmountError::NotANumber,
        AmountError::Separator,
        AmountError::TooPrecise { unit: Unit::Wan },
        AmountError::TooLarge {
            most: Money::MAX_AMOUNT,
        },
        AmountError::TooLarge {
            most: Money::MAX_MEETING,
        },
    ];
    for a in &amounts {
        both(&format!("{a:?}"), a);
        both(&format!("{a:?}"), &CutInputError::Amount(a.clone()));
    }
    for c in [
        CutInputError::Percent,
        CutInputError::PercentWithoutMinus,
        CutInputError::Plus,
        CutInputError::OtherUnit {
            stated: Unit::Yuan,
            unit: Unit::Wan,
        },
    ] {
        both(&format!("{c:?}"), &c);
    }
    let stage = [
        StageError::NotThisStage {
            kind: Kind::Merge,
            stage: Stage::Monitoring,
        },
        StageError::AmountMissing(Kind::Decrease),
        StageError::AmountNotPositive,
        StageError::AmountOverRequest {
            amount: wan("200"),
            requested: wan("180"),
        },
        StageError::MergeNeedsTarget,
        StageError::MergeIntoItself,
        StageError::MergeTargetUnknown("2020-PJ-999".into()),
        StageError::MergeTargetOnlyForMerge,
    ];
    let decisions = [
        DecisionError::CutToZero,
        DecisionError::CutNotBelowRequest {
            approved: wan("30"),
            requested: wan("26"),
        },
        DecisionError::CutBelowZero,
        DecisionError::AdjustCancelled,
        DecisionError::AdjustNeedsReason,
    ];
    for e in decisions
        .into_iter()
        .chain(stage.into_iter().map(DecisionError::Stage))
    {
        both(&format!("{e:?}"), &e);
    }
}

#[test]
fn the_screens_refusals_in_both_languages() {
    let cut = Standing::Decision {
        state: State::Cut,
        approved: wan("22.1"),
        requested: Some(wan("26")),
        adjust: None,
    };
    let changed = Changed {
        code: "2021-001-0001".into(),
        by: "Li".into(),
        at: "2026-11-28 17:15:02".into(),
        now: cut.clone(),
    };
    let read_only = [
        ReadOnly::FileReplaced,
        ReadOnly::Opened(None),
        ReadOnly::Denied(Denied::NotOnRoster("Li".into())),
        ReadOnly::Denied(Denied::Observer("Li".into())),
        ReadOnly::Denied(Denied::Locked),
        ReadOnly::Denied(Denied::NotChair("Li".into())),
        ReadOnly::Denied(Denied::BoundTo {
            name: "Li".into(),
            os_user: "li".into(),
            login: "wang".into(),
        }),
    ];
    let store = [
        StoreError::Busy,
        StoreError::ReadOnly,
        StoreError::NothingToUndo,
        StoreError::Decision(DecisionError::CutToZero),
        StoreError::Denied(Denied::Locked),
        StoreError::UnknownProject("2021-001-9999".into()),
        StoreError::Missing(PathBuf::from("m.db")),
    ];
    let mut notes: Vec<Note> = vec![
        Note::NotSaved(changed.clone()),
        Note::CannotUndo(changed.clone()),
        Note::FormOutdated(Changed {
            now: cut.clone(),
            ..changed.clone()
        }),
        Note::Unchanged {
            code: "2021-001-0001".into(),
            now: cut,
            comment: true,
        },
        Note::NotAtStage {
            stage: Stage::Monitoring,
            what: NotAtStage::Approve,
            key: "c".into(),
        },
        Note::NotAtStage {
            stage: Stage::PostEvaluation,
            what: NotAtStage::Adjust,
            key: "c".into(),
        },
        Note::NothingPending,
        Note::NothingPendingShown {
            elsewhere: 1327,
            clear: "esc".into(),
        },
        Note::NothingPendingShown {
            elsewhere: 0,
            clear: "esc".into(),
        },
        Note::FormClosed { quit: "q".into() },
        Note::Replaced(changed.clone()),
        Note::CommentEmpty,
        Note::TypeCutAmount,
        Note::TypeStageAmount,
    ];
    notes.extend(read_only.iter().map(Note::CannotChange));
    notes.extend(read_only.iter().map(Note::NothingWritten));
    notes.extend(store.iter().map(Note::Failed));
    for n in &notes {
        both(&format!("{n:?}"), n);
    }
}

#[test]
fn the_commands_refusals_in_both_languages() {
    let io = |kind| std::io::Error::new(kind, "os says no");
    let problem = Problem::new(
        "p.csv",
        Some(4),
        Some("dept (B)".into()),
        crate::domain::problem::CellProblem::Required {
            zh: "部门",
            en: "department",
        },
    );
    let keymap = |message| KeymapError {
        file: "k.toml".into(),
        line: Some(3),
        entry: "[list] aprove = [\"a\"]".into(),
        message,
    };
    let keymap_problems = [
        KeymapProblem::Unreadable(std::io::ErrorKind::NotFound, "No such file".into()),
        KeymapProblem::NotToml("expected `=`".into()),
        KeymapProblem::ModeNotTable("list".into()),
        KeymapProblem::OutsideMode,
        KeymapProblem::NotAModeTable,
        KeymapProblem::UnknownMode {
            name: "lsit".into(),
            near: Some("list"),
        },
        KeymapProblem::UnknownAction {
            name: "aprove".into(),
            near: Some("approve"),
        },
        KeymapProblem::NotAList {
            action: "quit".into(),
            one: Some("q".into()),
        },
        KeymapProblem::NotAList {
            action: "quit".into(),
            one: None,
        },
        KeymapProblem::Conflict {
            key: "a".into(),
            mode: Mode::List,
            a: (Command::Approve, None),
            b: (Command::Comment, Some(4)),
            unbind: Command::Approve,
        },
        KeymapProblem::NotYesNo("ambiguous_wide"),
        KeymapProblem::UnknownOption("wide".into()),
    ];
    let bad_keys = [
        BadKey::Empty,
        BadKey::Control("\t".into()),
        BadKey::ShiftWith {
            whole: "shift-1".into(),
            shown: "1".into(),
        },
        BadKey::NothingAfter {
            whole: "ctrl-".into(),
            rest: "ctrl-".into(),
        },
        BadKey::FunctionKey("f13".into()),
        BadKey::Alias {
            whole: "escape".into(),
            to: "esc",
        },
        BadKey::UnknownPrefix {
            whole: "ctrll-x".into(),
            head: "ctrll".into(),
            near: Some("ctrl"),
        },
        BadKey::UnknownPrefix {
            whole: "hyper-x".into(),
            head: "hyper".into(),
            near: None,
        },
        BadKey::Unknown {
            whole: "enterr".into(),
            near: Some("enter"),
        },
        BadKey::Unknown {
            whole: "zz".into(),
            near: None,
        },
    ];
    let exports = [
        export::Error::GbkNotCsv,
        export::Error::NoFileName,
        export::Error::IsFolder("out".into()),
        export::Error::IsDatabase("m.db".into()),
        export::Error::NoFolder("nowhere".into()),
        export::Error::Read(StoreError::Busy),
        export::Error::NotGbk {
            code: "2021-001-0001".into(),
            column: "name",
            found: '😀',
        },
        export::Error::HeaderNotGbk,
        export::Error::Write {
            path: "out.xlsx".into(),
            error: io(std::io::ErrorKind::PermissionDenied),
        },
    ];
    let mut errors = vec![
        Error::Exists("m.db".into()),
        Error::RoundingFixed {
            db: "m.db".into(),
            unit: Rounding::CENT_WAN,
            asked: Rounding::YUAN,
        },
        Error::UnknownRole("boss".into()),
        Error::NotOnRoster("Li".into()),
        Error::CeilingAmount {
            text: "lots".into(),
            error: AmountError::NotANumber,
        },
        Error::BudgetForm("general".into()),
        Error::UnknownBudget {
            arg: "x=1".into(),
            name: "x".into(),
        },
        Error::Demo(Box::new(Error::Exists("m.db".into()))),
        Error::DemoExists("m.db".into()),
        Error::DemoFiles(vec![problem.clone()]),
        Error::Problems(vec![problem]),
        Error::KeymapDefaults,
        Error::Store(StoreError::Missing("m.db".into())),
        Error::Screen(tui::Error::NoTerminal),
        Error::Screen(tui::Error::DumbTerminal),
        Error::Screen(tui::Error::Io(io(std::io::ErrorKind::NotFound))),
    ];
    errors.extend(exports.into_iter().map(Error::Export));
    errors.push(Error::Keymap(
        keymap_problems
            .into_iter()
            .chain(bad_keys.into_iter().map(KeymapProblem::BadKey))
            .map(keymap)
            .collect(),
    ));
    for e in &errors {
        match e {
            // One problem a line: each in its language.
            Error::Keymap(list) => {
                for k in list {
                    both(&format!("{k:?}"), k);
                }
            }
            e => both(&format!("{e:?}"), e),
        }
    }
    both("--stage", &UnknownStage("foo".into()));
    both("--round 1", &RoundingError::Ambiguous("1".into()));
    both("--round 5元", &RoundingError::Unknown("5元".into()));
}
