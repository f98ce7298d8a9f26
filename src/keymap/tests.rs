//! The keymap's unit tests: key names, lookups, merging and the errors
//! a bad file gets.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

use super::key::NAMED_KEYS;
use super::*;
use crate::i18n::Lang;

fn key(s: &str) -> Key {
    Key::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers: mods,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const NONE: KeyModifiers = KeyModifiers::NONE;

#[test]
fn parses_single_characters_case_sensitively() {
    assert_eq!(key("a"), Key::new(KeyCode::Char('a'), NONE));
    assert_eq!(key("G"), Key::new(KeyCode::Char('G'), NONE));
    assert_ne!(key("g"), key("G"));
    assert_eq!(key("/"), Key::new(KeyCode::Char('/'), NONE));
    assert_eq!(key("-"), Key::new(KeyCode::Char('-'), NONE));
    assert_eq!(key("审"), Key::new(KeyCode::Char('审'), NONE));
    assert_eq!(key("shift-g"), key("G"));
    assert_eq!(key("f"), Key::new(KeyCode::Char('f'), NONE));
}

#[test]
fn parses_named_keys_case_insensitively() {
    let cases = [
        ("enter", KeyCode::Enter),
        ("Esc", KeyCode::Esc),
        ("TAB", KeyCode::Tab),
        ("backtab", KeyCode::BackTab),
        ("backspace", KeyCode::Backspace),
        ("space", KeyCode::Char(' ')),
        ("delete", KeyCode::Delete),
        ("insert", KeyCode::Insert),
        ("up", KeyCode::Up),
        ("down", KeyCode::Down),
        ("left", KeyCode::Left),
        ("right", KeyCode::Right),
        ("PageUp", KeyCode::PageUp),
        ("pagedown", KeyCode::PageDown),
        ("home", KeyCode::Home),
        ("end", KeyCode::End),
        ("f1", KeyCode::F(1)),
        ("F12", KeyCode::F(12)),
    ];
    for (name, code) in cases {
        assert_eq!(key(name), Key::new(code, NONE), "{name}");
    }
    assert_eq!(key(" "), key("space"));
}

#[test]
fn parses_modifiers() {
    assert_eq!(key("ctrl-z"), Key::new(KeyCode::Char('z'), CTRL));
    assert_eq!(key("ctrl-Z"), key("ctrl-z"));
    assert_eq!(key("CTRL-z"), key("ctrl-z"));
    assert_eq!(key("ctrl-shift-z"), key("ctrl-z"));
    assert_eq!(key("alt-enter"), Key::new(KeyCode::Enter, ALT));
    assert_eq!(key("ctrl-alt-x"), Key::new(KeyCode::Char('x'), CTRL | ALT));
    assert_eq!(key("alt-ctrl-x"), key("ctrl-alt-x"));
    assert_eq!(key("alt-G"), Key::new(KeyCode::Char('G'), ALT));
    assert_ne!(key("alt-G"), key("alt-g"));
    assert_eq!(key("shift-up"), Key::new(KeyCode::Up, SHIFT));
    assert_eq!(key("shift-tab"), key("backtab"));
    assert_eq!(key("ctrl--"), Key::new(KeyCode::Char('-'), CTRL));
    assert_eq!(key("ctrl-f5"), Key::new(KeyCode::F(5), CTRL));
    assert_eq!(key("ctrl-space"), Key::new(KeyCode::Char(' '), CTRL));
}

#[test]
fn rejects_bad_names_and_says_what_is_accepted() {
    for bad in [
        "",
        "ctrll-x",
        "f13",
        "f0",
        "enterr",
        "ctrl-",
        "alt-",
        "ctrl-alt-",
        "shift-1",
        "\t",
        "xy",
        "escape",
    ] {
        let e = refused(bad, Lang::En);
        assert!(e.contains("accepted:"), "{bad:?}: {e}");
        assert!(e.contains("ctrl-") && e.contains("enter"), "{bad:?}: {e}");
        let zh = refused(bad, Lang::Zh);
        assert!(
            zh.contains("可写：") && zh.contains("ctrl-"),
            "{bad:?}: {zh}"
        );
    }
    assert!(refused("enterr", Lang::En).contains("did you mean \"enter\""));
    assert!(refused("enterr", Lang::Zh).contains("是否想写 \"enter\""));
    assert!(refused("ctrll-x", Lang::En).contains("\"ctrl-\""));
    assert!(refused("f13", Lang::En).contains("f1 to f12"));
    assert!(refused("f13", Lang::Zh).contains("f1 到 f12"));
    assert!(refused("escape", Lang::En).contains("\"esc\""));
    assert!(refused("ctrl-", Lang::En).contains("no key after"));
}

/// Why a key name is refused, in `lang`, with what is accepted.
fn refused(name: &str, lang: Lang) -> String {
    use crate::words::Say;
    Problem::BadKey(Key::parse(name).expect_err(name)).say(lang)
}

#[test]
fn display_is_canonical_and_round_trips() {
    for (input, shown) in [
        ("ctrl-Z", "ctrl-z"),
        ("G", "G"),
        ("shift-g", "G"),
        ("ENTER", "enter"),
        ("F1", "f1"),
        (" ", "space"),
        ("space", "space"),
        ("alt-ctrl-x", "ctrl-alt-x"),
        ("shift-tab", "backtab"),
        ("shift-PageUp", "shift-pageup"),
        ("ctrl--", "ctrl--"),
        ("\"", "\""),
        ("审", "审"),
        ("esc", "esc"),
    ] {
        let k = key(input);
        assert_eq!(k.to_string(), shown, "{input:?}");
        assert_eq!(key(shown), k, "{input:?}");
    }
    let mut all = Vec::new();
    for (name, _) in NAMED_KEYS {
        all.push(name.to_string());
    }
    all.extend((1..=12).map(|n| format!("f{n}")));
    all.extend(["a", "Z", "0", "?", "é", "É"].map(String::from));
    for base in all {
        for prefix in ["", "ctrl-", "alt-", "ctrl-alt-"] {
            let k = key(&format!("{prefix}{base}"));
            assert_eq!(key(&k.to_string()), k, "{prefix}{base}");
        }
    }
}

#[test]
fn events_normalize_to_parsed_keys() {
    let from = |code, mods| Key::from_event(&ev(code, mods));
    assert_eq!(from(KeyCode::Char('G'), SHIFT), key("G"));
    assert_eq!(from(KeyCode::Char('G'), NONE), key("G"));
    assert_eq!(from(KeyCode::Char('g'), SHIFT), key("G"));
    assert_eq!(from(KeyCode::Char('g'), NONE), key("g"));
    assert_eq!(from(KeyCode::BackTab, SHIFT), key("backtab"));
    assert_eq!(from(KeyCode::BackTab, NONE), key("backtab"));
    assert_eq!(from(KeyCode::Char('z'), CTRL), key("ctrl-z"));
    assert_eq!(from(KeyCode::Char('Z'), CTRL | SHIFT), key("ctrl-z"));
    assert_eq!(from(KeyCode::Char('?'), SHIFT), key("?"));
    assert_eq!(from(KeyCode::Char(' '), NONE), key("space"));
    assert_eq!(from(KeyCode::Enter, ALT), key("alt-enter"));
    assert_eq!(from(KeyCode::F(1), NONE), key("f1"));
    assert_eq!(from(KeyCode::Up, SHIFT), key("shift-up"));
    // Keys no name covers still display, for messages.
    assert_eq!(from(KeyCode::CapsLock, NONE).to_string(), "capslock");
}

#[test]
fn text_keys() {
    for k in ["a", "G", "space", "/", "审", "1"] {
        assert!(key(k).is_text(), "{k}");
    }
    for k in [
        "ctrl-a",
        "alt-a",
        "enter",
        "esc",
        "tab",
        "f1",
        "up",
        "backspace",
    ] {
        assert!(!key(k).is_text(), "{k}");
    }
    assert!(Key::from_event(&ev(KeyCode::Char('G'), SHIFT)).is_text());
}

/// Every action the meeting needs has a key in the list view.
#[test]
fn default_keymap_is_valid_and_complete() {
    let km = Keymap::default_keymap();
    let required = [
        "up",
        "down",
        "page_up",
        "page_down",
        "top",
        "bottom",
        "approve",
        "cut",
        "cancel",
        "adjust",
        "reset",
        "comment",
        "undo",
        "search",
        "filter",
        "sort",
        "next_pending",
        "toggle_detail",
        "toggle_tally",
        "help",
        "quit",
    ];
    for name in required {
        let cmd = Command::from_name(name).expect(name);
        let bound = [Mode::List, Mode::Global].iter().any(|&m| {
            km.bindings(m)
                .iter()
                .any(|(c, k)| *c == cmd && !k.is_empty())
        });
        assert!(bound, "{name} has no key in [list] or [global]");
        assert!(km.key_for(Mode::List, cmd).is_some(), "{name}");
    }
    // Forms can always be confirmed and left, and a row of choices chosen on.
    for cmd in [
        Command::Confirm,
        Command::Back,
        Command::PrevChoice,
        Command::NextChoice,
        Command::Pick,
    ] {
        assert!(km.key_for(Mode::Input, cmd).is_some(), "{cmd:?}");
    }
}

/// A family binding: the nth key of `pick` picks the nth choice.
#[test]
fn nth_key_of_a_family() {
    let km = Keymap::default_keymap();
    assert_eq!(km.nth(Mode::Input, Command::Pick, key("1")), Some(0));
    assert_eq!(km.nth(Mode::Input, Command::Pick, key("9")), Some(8));
    assert_eq!(km.nth(Mode::Input, Command::Pick, key("0")), None);
    assert_eq!(km.nth(Mode::List, Command::Pick, key("1")), None);
    let km = Keymap::with_overrides("[input]\npick = [\"a\", \"s\"]\n", "t").unwrap();
    assert_eq!(km.nth(Mode::Input, Command::Pick, key("s")), Some(1));
    assert_eq!(km.lookup(Mode::Input, key("1")), None);
}

#[test]
fn default_bindings_are_in_command_order() {
    let km = Keymap::default_keymap();
    for mode in Mode::ALL {
        let cmds: Vec<Command> = km.bindings(mode).iter().map(|(c, _)| *c).collect();
        let mut sorted = cmds.clone();
        sorted.sort();
        assert_eq!(cmds, sorted, "{mode}");
    }
    let list = km.bindings(Mode::List);
    assert_eq!(list[0], (Command::Up, vec![key("up"), key("k")]));
}

#[test]
fn lookup_tries_the_mode_then_global() {
    let km = Keymap::default_keymap();
    assert_eq!(km.lookup(Mode::List, key("a")), Some(Command::Approve));
    assert_eq!(km.lookup(Mode::List, key("?")), Some(Command::Help));
    // f1 is only in [global].
    assert_eq!(km.lookup(Mode::List, key("f1")), Some(Command::Help));
    assert_eq!(km.lookup(Mode::Detail, key("ctrl-c")), Some(Command::Quit));
    assert_eq!(km.lookup(Mode::Input, key("ctrl-c")), Some(Command::Quit));
    assert_eq!(km.lookup(Mode::Global, key("a")), None);
    assert_eq!(km.lookup(Mode::List, key("ctrl-x")), None);
    // The mode's table wins over [global].
    let km = Keymap::with_overrides(
        "[global]\nquit = [\"q\"]\n[list]\nquit = []\nundo = [\"q\"]\n",
        "t",
    )
    .unwrap();
    assert_eq!(km.lookup(Mode::List, key("q")), Some(Command::Undo));
    assert_eq!(km.lookup(Mode::Detail, key("q")), Some(Command::Quit));
    assert_eq!(km.lookup(Mode::Global, key("q")), Some(Command::Quit));
}

#[test]
fn input_mode_text_keys_skip_global() {
    let text = "[global]\nhelp = [\"?\", \"f1\"]\nquit = [\"q\", \"ctrl-c\"]\n[input]\ntoggle = [\"space\"]\n";
    let km = Keymap::with_overrides(text, "t").unwrap();
    assert_eq!(km.lookup(Mode::Input, key("q")), None);
    assert_eq!(km.lookup(Mode::Input, key("?")), None);
    assert_eq!(km.lookup(Mode::Input, key("ctrl-c")), Some(Command::Quit));
    assert_eq!(km.lookup(Mode::Input, key("f1")), Some(Command::Help));
    // A text key in [input] itself is looked up.
    assert_eq!(km.lookup(Mode::Input, key("space")), Some(Command::Toggle));
    assert_eq!(km.lookup(Mode::Input, key("enter")), Some(Command::Confirm));
    // Outside input, the global text key works.
    assert_eq!(km.lookup(Mode::Detail, key("?")), Some(Command::Help));
    assert_eq!(km.lookup(Mode::Global, key("q")), Some(Command::Quit));
    // key_for skips a global key that the mode does not pass through.
    assert_eq!(km.key_for(Mode::Input, Command::Quit), Some(key("ctrl-c")));
    assert_eq!(km.key_for(Mode::List, Command::Quit), Some(key("q")));
}

#[test]
fn lookup_normalizes_hand_made_keys() {
    let km = Keymap::default_keymap();
    let k = Key {
        code: KeyCode::Char('G'),
        mods: SHIFT,
    };
    assert_eq!(km.lookup(Mode::List, k), Some(Command::Bottom));
}

#[test]
fn overrides_replace_per_action() {
    let km = Keymap::with_overrides(
        "[list]\napprove = [\"y\", \"enter\"]\ntoggle_detail = [\"O\"]\n",
        "t",
    )
    .unwrap();
    let d = Keymap::default_keymap();
    assert_eq!(km.lookup(Mode::List, key("y")), Some(Command::Approve));
    assert_eq!(km.lookup(Mode::List, key("enter")), Some(Command::Approve));
    assert_eq!(km.lookup(Mode::List, key("a")), None);
    assert_eq!(km.lookup(Mode::List, key("O")), Some(Command::ToggleDetail));
    // Other actions and other modes keep their defaults.
    assert_eq!(km.lookup(Mode::List, key("c")), Some(Command::Cut));
    assert_eq!(km.lookup(Mode::Detail, key("a")), Some(Command::Approve));
    assert_eq!(km.bindings(Mode::Detail), d.bindings(Mode::Detail));
    assert_eq!(km.key_for(Mode::List, Command::Approve), Some(key("y")));
    // An empty file is the defaults.
    assert_eq!(Keymap::with_overrides("", "t").unwrap(), d);
    assert_eq!(Keymap::with_overrides(DEFAULT_KEYMAP, "t").unwrap(), d);
}

#[test]
fn empty_list_unbinds() {
    let km = Keymap::with_overrides("[list]\ncancel = []\n", "t").unwrap();
    assert_eq!(km.lookup(Mode::List, key("x")), None);
    assert!(
        !km.bindings(Mode::List)
            .iter()
            .any(|(c, _)| *c == Command::Cancel)
    );
    assert_eq!(km.key_for(Mode::List, Command::Cancel), None);
    assert_eq!(km.lookup(Mode::Detail, key("x")), Some(Command::Cancel));
    // The freed key can go to another action.
    let km = Keymap::with_overrides("[list]\ncancel = []\napprove = [\"x\"]\n", "t").unwrap();
    assert_eq!(km.lookup(Mode::List, key("x")), Some(Command::Approve));
}

#[test]
fn to_toml_round_trips() {
    let d = Keymap::default_keymap();
    assert_eq!(Keymap::with_overrides(&d.to_toml(), "printed").unwrap(), d);
    let custom = "[global]\nquit = []\nhelp = [\"f2\", \"ctrl-h\"]\n\
                  [list]\ncancel = []\napprove = [\"x\", \"\\\"\", \"\\\\\"]\nhistory = [\"H\", \"alt-h\"]\n\
                  [input]\ntoggle = []\n";
    let km = Keymap::with_overrides(custom, "t").unwrap();
    let printed = km.to_toml();
    assert!(printed.contains("cancel = []"), "{printed}");
    let again = Keymap::with_overrides(&printed, "printed").unwrap_or_else(|e| {
        panic!("{printed}\n{e:?}");
    });
    assert_eq!(again, km);
    assert_eq!(again.to_toml(), printed);
}

fn errors(text: &str) -> Vec<KeymapError> {
    Keymap::with_overrides(text, "my.toml").expect_err(text)
}

#[test]
fn errors_name_file_line_and_entry() {
    let e = errors("[list]\nup = [\"k\"]\naprove = [\"a\"]\n");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].file, "my.toml");
    assert_eq!(e[0].line, Some(3));
    assert_eq!(e[0].entry, "[list] aprove = [\"a\"]");
    let shown = e[0].to_string();
    assert!(
        shown.starts_with("my.toml:3: [list] aprove = [\"a\"]: unknown action \"aprove\""),
        "{shown}"
    );
    assert!(shown.contains("did you mean \"approve\"?"), "{shown}");
    assert!(shown.contains("known: up, down, page_up"), "{shown}");
}

#[test]
fn all_errors_are_collected() {
    let text = "\
title = 1
[lists]
up = [\"k\"]
[list]
up = \"k\"
down = [\"j\", \"jj\", \"enterr\"]
cancel = [1]
[detail]
fly = [\"f\"]
";
    let e = errors(text);
    let lines: Vec<Option<usize>> = e.iter().map(|e| e.line).collect();
    assert_eq!(
        lines,
        [
            Some(1),
            Some(2),
            Some(5),
            Some(6),
            Some(6),
            Some(7),
            Some(9)
        ],
        "{e:#?}"
    );
    assert!(e[0].message.contains("not a mode table"), "{}", e[0]);
    assert_eq!(e[1].entry, "[lists]");
    assert!(
        e[1].message
            .contains("known: global, list, detail, tally, board, input"),
        "{}",
        e[1]
    );
    assert!(e[2].message.contains("up = [\"k\"]"), "{}", e[2]);
    assert!(e[3].message.contains("\"jj\""), "{}", e[3]);
    assert!(e[4].message.contains("\"enterr\""), "{}", e[4]);
    assert_eq!(e[5].entry, "[list] cancel = [1]");
    assert!(e[6].message.contains("unknown action \"fly\""), "{}", e[6]);
}

#[test]
fn action_at_top_level_is_pointed_to_a_mode() {
    let e = errors("quit = [\"q\"]\n");
    assert_eq!(e[0].line, Some(1));
    assert!(e[0].message.contains("[global]"), "{}", e[0]);
}

#[test]
fn syntax_errors_have_a_line() {
    let e = errors("[list]\nup = [\"k\"\ndown = [\"j\"]\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].line.is_some(), "{}", e[0]);
    assert!(e[0].message.starts_with("not valid TOML"), "{}", e[0]);
    let e = errors("[list]\nup = [\"k\"]\nup = [\"j\"]\n");
    assert_eq!(e[0].line, Some(3), "{}", e[0]);
}

#[test]
fn duplicate_keys_after_merging_name_both_actions() {
    // Against a default binding: x is cancel's.
    let e = errors("[list]\napprove = [\"x\"]\n");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, Some(2));
    assert!(
        e[0].message.contains("approve") && e[0].message.contains("cancel"),
        "{}",
        e[0]
    );
    assert!(e[0].message.contains("cancel = []"), "{}", e[0]);
    // Both in the file: reported at the later line, naming the earlier.
    let e = errors("[detail]\nhistory = [\"z\"]\n\nback = [\"z\", \"esc\"]\n");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, Some(4));
    assert_eq!(e[0].entry, "[detail] back = [\"z\", \"esc\"]");
    assert!(
        e[0].message.contains("history") && e[0].message.contains("line 2"),
        "{}",
        e[0]
    );
    // The same key in [global] and a mode is shadowing, not a conflict.
    assert!(Keymap::with_overrides("[global]\nundo = [\"a\"]\n", "t").is_ok());
    // Written twice for one action is fine.
    assert!(Keymap::with_overrides("[list]\napprove = [\"a\", \"a\"]\n", "t").is_ok());
}

#[test]
fn explicit_missing_file_is_an_error_and_defaults_run() {
    let (km, e) = Keymap::load(Some(Path::new("/nonexistent/huishen/keymap.toml")));
    assert_eq!(km, Keymap::default_keymap());
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].file, "/nonexistent/huishen/keymap.toml");
    assert!(e[0].message.contains("cannot read"), "{}", e[0]);
}

#[test]
fn user_path_follows_xdg() {
    let p = |x: Option<&str>, h: Option<&str>| user_path_from(x.map(Into::into), h.map(Into::into));
    assert_eq!(
        p(Some("/x/cfg"), Some("/home/u")),
        Some(PathBuf::from("/x/cfg/huishen/keymap.toml"))
    );
    assert_eq!(
        p(None, Some("/home/u")),
        Some(PathBuf::from("/home/u/.config/huishen/keymap.toml"))
    );
    assert_eq!(
        p(Some("relative"), Some("/home/u")),
        Some(PathBuf::from("/home/u/.config/huishen/keymap.toml"))
    );
    assert_eq!(
        p(Some(""), Some("/home/u")),
        Some(PathBuf::from("/home/u/.config/huishen/keymap.toml"))
    );
    assert_eq!(p(None, None), None);
}

/// `[options]` holds the settings that are not keys: the ambiguous-width
/// glyphs, off by default, on in a user's file, and a wrong value or an
/// unknown option named with its line.
#[test]
fn options_set_the_ambiguous_width_glyphs() {
    assert_eq!(Keymap::default_keymap().options.ambiguous_wide, Some(false));
    let km = Keymap::with_overrides("[options]\nambiguous_wide = true\n", "k.toml").unwrap();
    assert_eq!(km.options.ambiguous_wide, Some(true));
    assert!(km.to_toml().contains("[options]\nambiguous_wide = true"));
    let again = Keymap::with_overrides(&km.to_toml(), "p.toml").unwrap();
    assert_eq!(again, km);
    let errors = Keymap::with_overrides("[options]\nambiguous_wide = 1\nwide = true\n", "k.toml")
        .unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "k.toml:2: [options] ambiguous_wide = 1: expected true or false, e.g. ambiguous_wide = true",
            "k.toml:3: [options] wide = true: unknown option \"wide\"; known: ambiguous_wide",
        ]
    );
}
