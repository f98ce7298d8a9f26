//! The forms' keys and hint lines go through the keymap: the defaults read
//! as before, and a user's rebinding moves both what a key does and what
//! the hint says.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::{Kind, Money, Stage};
use crate::listing::Filter;

fn target() -> Target {
    Target {
        project_id: 1,
        code: "2021-JK-001".into(),
        name: "养护".into(),
        requested: Money::ZERO,
        version: 1,
    }
}

fn ctx<'a>(keymap: &'a Keymap, total: &'a Figures) -> Ctx<'a> {
    Ctx {
        lang: Lang::Zh,
        theme: Theme::plain(),
        keymap,
        stage: Stage::Monitoring,
        size: (80, 24),
        rounding: crate::domain::Rounding::default(),
        total,
        rows: &[],
        reasons: &[],
        my_sections: &[],
        over: &[],
    }
}

fn press(code: KeyCode, keymap: &Keymap) -> Press {
    Press::new(KeyEvent::new(code, KeyModifiers::NONE), keymap)
}

#[test]
fn default_hint_lines_read_as_before() {
    let km = Keymap::default_keymap();
    let total = Figures::default();
    let ctx = ctx(&km, &total);
    let stage = [
        (Keys::Choice(5), "选择", "choose"),
        (Keys::One(Command::Confirm), "保存", "save"),
        (Keys::One(Command::NextField), "切换", "switch field"),
        (Keys::One(Command::Back), "放弃", "abandon"),
    ];
    assert_eq!(
        hint_line(&ctx, &stage),
        "←→ 或 1–5 选择 · enter 保存 · tab 切换 · esc 放弃"
    );
    assert_eq!(
        hint_line(&ctx, filter::HINTS),
        "←→ 选择 · ↑↓ 切换 · enter 应用 · esc 放弃"
    );
}

#[test]
fn a_rebinding_moves_the_keys_and_the_hint() {
    let km = Keymap::with_overrides(
        "[input]\nprev_choice = [\"p\"]\nnext_choice = [\"n\"]\npick = [\"a\", \"s\", \"d\"]\n",
        "t",
    )
    .unwrap();
    let total = Figures::default();
    let ctx = ctx(&km, &total);
    assert_eq!(
        hint_line(&ctx, &[(Keys::Choice(5), "选择", "choose")]),
        "p/n 或 a–d 选择"
    );
    let mut f = StageForm::open(target(), Stage::Monitoring, None);
    assert_eq!(f.kind(), Kind::Increase);
    f.on_key(&press(KeyCode::Char('d'), &km), &ctx);
    assert_eq!(f.kind(), Kind::Cancel);
    f.on_key(&press(KeyCode::Char('p'), &km), &ctx);
    assert_eq!(f.kind(), Kind::Decrease);
    f.on_key(&press(KeyCode::Char('n'), &km), &ctx);
    assert_eq!(f.kind(), Kind::Cancel);
    // Unbound now, the old keys do nothing on the kind row.
    for code in [KeyCode::Left, KeyCode::Char('h'), KeyCode::Char('1')] {
        f.on_key(&press(code, &km), &ctx);
        assert_eq!(f.kind(), Kind::Cancel, "{code:?}");
    }
}

#[test]
fn default_keys_choose_on_the_kind_row_and_type_in_a_field() {
    let km = Keymap::default_keymap();
    let total = Figures::default();
    let ctx = ctx(&km, &total);
    let mut f = StageForm::open(target(), Stage::Monitoring, None);
    f.on_key(&press(KeyCode::Char('4'), &km), &ctx);
    assert_eq!(f.kind(), Kind::Recall);
    f.on_key(&press(KeyCode::Char('l'), &km), &ctx);
    assert_eq!(f.kind(), Kind::NextYearCut);
    f.on_key(&press(KeyCode::Right, &km), &ctx);
    assert_eq!(f.kind(), Kind::Unchanged);
    f.on_key(&press(KeyCode::Right, &km), &ctx);
    assert_eq!(f.kind(), Kind::Increase);
    f.on_key(&press(KeyCode::Left, &km), &ctx);
    f.on_key(&press(KeyCode::Left, &km), &ctx);
    f.on_key(&press(KeyCode::Char('h'), &km), &ctx);
    assert_eq!(f.kind(), Kind::Recall);
    // A seventh pick key would choose past the row: nothing.
    f.on_key(&press(KeyCode::Char('9'), &km), &ctx);
    assert_eq!(f.kind(), Kind::Recall);
    // In the amount field the same keys type.
    f.on_key(&press(KeyCode::Tab, &km), &ctx);
    assert_eq!(f.focus, StageField::Amount);
    for c in ['1', 'h', '2'] {
        f.on_key(&press(KeyCode::Char(c), &km), &ctx);
    }
    f.on_key(&press(KeyCode::Left, &km), &ctx);
    f.on_key(&press(KeyCode::Char('l'), &km), &ctx);
    assert_eq!(field_text(&f.amount), "1hl2");
    assert_eq!(f.kind(), Kind::Recall);
}

#[test]
fn the_filter_steps_its_values_by_the_choice_keys() {
    let km = Keymap::with_overrides("[input]\nnext_choice = [\"right\", \"v\"]\n", "t").unwrap();
    let total = Figures::default();
    let ctx = ctx(&km, &total);
    let mut f = FilterForm::open(&Filter::default());
    f.on_key(&press(KeyCode::Char('v'), &km), &ctx);
    assert_eq!(f.state, Some(crate::domain::State::ALL[0]));
    f.on_key(&press(KeyCode::Left, &km), &ctx);
    assert_eq!(f.state, None);
    f.on_key(&press(KeyCode::Char(' '), &km), &ctx);
    assert_eq!(f.state, Some(crate::domain::State::ALL[0]));
    assert_eq!(
        hint_line(&ctx, filter::HINTS),
        "←→ 选择 · ↑↓ 切换 · enter 应用 · esc 放弃"
    );
}
