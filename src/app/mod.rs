//! The app: state loaded from the meeting database, and `update`, the one
//! place it changes. Views draw from it and never write.

pub mod action;
pub mod dialog;
mod stage;
mod view;

use ratatui::crossterm::event::KeyEvent;

pub use action::Command;
use dialog::{
    AdjustForm, CancelForm, CommentForm, CutForm, FilterForm, Overlay, SORT_COLUMNS, SortForm,
    Target, field_text, history_shown, text_box, text_field,
};

use crate::domain::decision::{CutInput, check_cut};
use crate::domain::tally::percent_half_up;
use crate::domain::{self, Adjust, BudgetType, Money, Stage, StageTally, State, Tally, Unit};
use crate::i18n::Lang;
use crate::keymap::{Key, Keymap, Mode};
use crate::store::{Actor, Denied, Meeting, ProjectDetail, ProjectRow, Store, StoreError};
pub use view::{Filter, PATCH_LIMIT, View};

/// Everything that can happen to the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    /// Another session committed: reload what is shown.
    DbChanged,
    Resize(u16, u16),
    /// Every row, read in the background after the first frame.
    Loaded(Box<Loaded>),
}

/// All rows as of event `last_event`, from the background loader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub last_event: i64,
    pub rows: Vec<ProjectRow>,
}

impl Loaded {
    /// Reads every row, cursor first (see `App::reload`).
    pub fn read(store: &Store) -> Result<Loaded, StoreError> {
        let last_event = store.last_event_id()?;
        Ok(Loaded {
            last_event,
            rows: store.project_rows()?,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Code,
    Department,
    Name,
    Budget,
    Requested,
    Approved,
    Cut,
    State,
    Section,
}

impl Column {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Column::Code => lang.t("编码", "code"),
            Column::Department => lang.t("部门", "department"),
            Column::Name => lang.t("项目名称", "project"),
            Column::Budget => lang.t("预算类型", "budget"),
            Column::Requested => lang.t("申报", "requested"),
            Column::Approved => lang.t("审定", "approved"),
            Column::Cut => lang.t("审减", "cut"),
            Column::State => lang.t("状态", "state"),
            Column::Section => lang.t("股室", "section"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

pub struct App {
    pub store: Store,
    pub lang: Lang,
    pub actor: Actor,
    pub keymap: Keymap,
    /// Why this session cannot write, if it cannot.
    pub read_only: Option<String>,
    pub meeting: Meeting,
    pub ceiling: crate::domain::Ceiling,
    pub rows: Vec<ProjectRow>,
    pub tally: Tally,
    /// A later stage's figures per kind; `None` at the first two stages.
    pub stage_tally: Option<StageTally>,
    pub detail: ProjectDetail,
    /// Indices into `rows`, filtered, searched and sorted.
    pub view: View,
    /// Index into `view`.
    pub selected: usize,
    /// First visible index into `view`.
    pub offset: usize,
    pub size: (u16, u16),
    pub search: String,
    /// The search field while it is being typed.
    pub searching: Option<ratatui_textarea::TextArea<'static>>,
    pub filter: Filter,
    pub sort: Option<(Column, bool)>,
    pub show_detail: bool,
    pub detail_focus: bool,
    pub detail_scroll: u16,
    pub show_tally: bool,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub quit: bool,
    pub theme: crate::ui::Theme,
    /// The newest event this state reflects.
    last_event: i64,
    /// Project id → index into `rows`.
    index: std::collections::HashMap<i64, usize>,
    /// The rows are still being read in the background.
    pub loading: bool,
    /// A one-key decision that would replace another decision, waiting for
    /// the same key again: (project, version, command). Any other key drops it.
    confirm: Option<(i64, i64, Command)>,
}

impl App {
    pub fn new(store: Store, actor: Actor, lang: Lang, keymap: Keymap) -> Result<App, StoreError> {
        let mut app = App::new_empty(store, actor, lang, keymap)?;
        app.read_only = app.why_read_only()?;
        app.reload()?;
        Ok(app)
    }

    fn new_empty(
        store: Store,
        actor: Actor,
        lang: Lang,
        keymap: Keymap,
    ) -> Result<App, StoreError> {
        Ok(App {
            meeting: store.meeting()?,
            store,
            lang,
            actor,
            keymap,
            read_only: None,
            rows: Vec::new(),
            ceiling: Default::default(),
            tally: Tally::default(),
            stage_tally: None,
            detail: ProjectDetail::default(),
            view: View::default(),
            selected: 0,
            offset: 0,
            size: (80, 24),
            search: String::new(),
            searching: None,
            filter: Filter::default(),
            sort: None,
            show_detail: true,
            detail_focus: false,
            detail_scroll: 0,
            show_tally: false,
            overlay: Overlay::None,
            message: None,
            quit: false,
            theme: crate::ui::Theme::from_env(),
            last_event: 0,
            index: Default::default(),
            loading: false,
            confirm: None,
        })
    }

    /// Like `new`, but reads only the first `first` rows, so the first frame
    /// comes at once on a large meeting; the rest arrives as
    /// `Action::Loaded` from a loader (see `tui::run`). The tally is whole
    /// from the start.
    pub fn new_partial(
        store: Store,
        actor: Actor,
        lang: Lang,
        keymap: Keymap,
        first: usize,
    ) -> Result<App, StoreError> {
        let mut app = App::new_empty(store, actor, lang, keymap)?;
        app.loading = true;
        app.last_event = app.store.last_event_id()?;
        app.read_only = app.why_read_only()?;
        app.rows = app.store.project_rows_first(first)?;
        app.rows_replaced();
        app.load_tally()?;
        app.rebuild_view(None);
        app.load_detail()?;
        Ok(app)
    }

    /// The tally bar needs only the overall figures; the per-department
    /// ones are read while the tally panel is open.
    fn load_tally(&mut self) -> Result<(), StoreError> {
        self.ceiling = self.store.ceiling()?;
        self.tally = if self.show_tally {
            self.store.tally()?
        } else {
            self.store.tally_overview()?
        };
        self.stage_tally = if self.stage().adjusts() {
            Some(self.store.stage_tally()?)
        } else {
            None
        };
        Ok(())
    }

    fn on_loaded(&mut self, loaded: Loaded) -> Result<(), StoreError> {
        let keep = self.selected_row().map(|r| r.id);
        self.last_event = loaded.last_event;
        self.rows = loaded.rows;
        self.rows_replaced();
        self.loading = false;
        self.rebuild_view(keep);
        // Catch up with whatever was committed while loading.
        self.refresh()
    }

    /// Reloads everything shown from the database, keeping the selection
    /// (by project), the scroll position, the filter and any open form.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let keep = self.selected_row().map(|r| r.id);
        self.meeting = self.store.meeting()?;
        self.follow_read_only()?;
        // The cursor first: a change committed while the rows are read is
        // then fetched again next time, never missed.
        self.last_event = self.store.last_event_id()?;
        self.rows = self.store.project_rows()?;
        self.rows_replaced();
        self.load_tally()?;
        self.rebuild_view(keep);
        self.load_detail()?;
        Ok(())
    }

    /// Brings the state up to the database after a commit, here or in
    /// another session: only the projects the event log says changed are
    /// read again, keeping selection, scroll, filter and open forms.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        let upto = self.store.last_event_id()?;
        self.meeting = self.store.meeting()?;
        self.follow_read_only()?;
        if upto == self.last_event {
            return Ok(());
        }
        // An open history takes in the new events at its top; scrolled down,
        // it keeps the lines in view where they are.
        if let Overlay::History {
            events,
            scroll,
            reviewer,
        } = &mut self.overlay
        {
            let newest = events.first().map_or(0, |e| e.id);
            let fresh = self.store.events_after(newest)?;
            if *scroll > 0 {
                *scroll += history_shown(&fresh, reviewer.as_deref()).count();
            }
            events.splice(0..0, fresh.into_iter().rev());
        }
        let Some(ids) = self.store.changed_projects(self.last_event, upto)? else {
            return self.reload();
        };
        let keep = self.selected_row().map(|r| r.id);
        let mut changes = Vec::with_capacity(ids.len());
        for row in self.store.project_rows_by_id(&ids)? {
            match self.index.get(&row.id) {
                Some(&i) => changes.push((i, row)),
                None => return self.reload(),
            }
        }
        // A few changed rows are patched into the view; more rebuild it.
        self.view.patch(&mut self.rows, changes);
        self.last_event = upto;
        self.load_tally()?;
        self.rebuild_view(keep);
        self.load_detail()?;
        if let Some(id) = keep
            && ids.contains(&id)
            && self.selected_row().map(|r| r.id) != Some(id)
        {
            self.say_selection_left(id)?;
        }
        Ok(())
    }

    /// The project the reviewer was on was decided elsewhere and no longer
    /// matches the filter: the selection moved to another project, which
    /// must not pass unnoticed (the next key would decide that one).
    fn say_selection_left(&mut self, id: i64) -> Result<(), StoreError> {
        let Some(&i) = self.index.get(&id) else {
            return Ok(());
        };
        let by = self
            .store
            .project_detail(id)?
            .history
            .first()
            .map(|e| e.reviewer.clone())
            .unwrap_or_default();
        let row = &self.rows[i];
        let now = self.decision_words(row);
        let code = row.code.clone();
        let next = self.selected_row().map(|r| r.code.clone());
        let text = match (self.lang, next) {
            (Lang::Zh, Some(next)) => {
                format!("{code} 已被 {by} 改为「{now}」，不再符合筛选；现选中 {next}")
            }
            (Lang::Zh, None) => format!("{code} 已被 {by} 改为「{now}」，不再符合筛选"),
            (Lang::En, Some(next)) => format!(
                "{code} was changed by {by} to {now} and left the filtered list; now on {next}"
            ),
            (Lang::En, None) => {
                format!("{code} was changed by {by} to {now} and left the filtered list")
            }
        };
        self.error(text);
        Ok(())
    }

    /// What a conflicting change left the project at, in words: from its
    /// row as just reloaded (a later stage's kind and amount), else from
    /// the conflict itself.
    fn now_words(&self, c: &crate::store::Conflict) -> String {
        match self.rows.iter().find(|r| r.code == c.code) {
            Some(r) => self.decision_words(r),
            None => self.lang.decision(c.state, c.approved, None, false),
        }
    }

    /// A project's decision in words: a later stage's kind and amount, else
    /// the state with its amounts.
    fn decision_words(&self, row: &ProjectRow) -> String {
        let d = &row.decision;
        match &d.stage {
            Some(a) => format!(
                "{} {} 万元",
                self.lang.t(self.stage().kind_zh(a.kind), a.kind.en()),
                a.amount.wan_display()
            ),
            None => {
                self.lang
                    .decision(d.state, d.approved, Some(row.requested), d.adjust.is_some())
            }
        }
    }

    /// Brings `read_only` up to the database. A change (a lock or unlock, a
    /// roster change, the file replaced) is said on the status line too, so
    /// a refusal shown before an unlock does not stay there saying 只读.
    fn follow_read_only(&mut self) -> Result<(), StoreError> {
        let now = self.why_read_only()?;
        if now != self.read_only {
            match &now {
                Some(why) => self.error(why.clone()),
                None => self.info(self.lang.t(
                    "不再只读，可以继续评审",
                    "no longer read-only; you can decide again",
                )),
            }
            self.read_only = now;
        }
        Ok(())
    }

    /// Why this session cannot write now, in the reader's language: opened
    /// read-only, the meeting locked, or the reviewer's role. Checked on
    /// every reload, so a lock or a roster change shows at once.
    fn why_read_only(&self) -> Result<Option<String>, StoreError> {
        let l = self.lang;
        if !self.store.same_file() {
            return Ok(Some(
                l.t(
                    "只读：数据库文件已被删除或替换，请重新打开",
                    "read-only: the database file was deleted or replaced; open the meeting again",
                )
                .to_string(),
            ));
        }
        if self.store.is_read_only() {
            return Ok(Some(match self.store.read_only_reason() {
                Some(r) => format!("{}（{}）", l.t("只读", "read-only"), l.reason(r)),
                None => l.t("只读打开", "opened read-only").to_string(),
            }));
        }
        Ok(match self.store.access(&self.actor)? {
            Ok(_) => None,
            Err(d) => Some(match (l, d) {
                (Lang::Zh, Denied::NotOnRoster(n)) => format!("只读：{n} 不在本次会审名单中"),
                (Lang::Zh, Denied::Observer(n)) => format!("只读：{n} 为列席人员"),
                (
                    Lang::Zh,
                    Denied::BoundTo {
                        name,
                        os_user,
                        login,
                    },
                ) => {
                    format!("只读：{name} 绑定登录账号 {os_user}，当前为 {login}")
                }
                (Lang::Zh, Denied::Locked) => "只读：会审已由主持人锁定".to_string(),
                (Lang::Zh, Denied::NotChair(n)) => format!("只读：{n} 不是主持人"),
                (Lang::Zh, d @ Denied::LastChair(_)) => l.reason(&d),
                (Lang::En, d) => l.reason(&d),
            }),
        })
    }

    fn load_detail(&mut self) -> Result<(), StoreError> {
        self.detail = match self.selected_row() {
            Some(r) => self.store.project_detail(r.id)?,
            None => ProjectDetail::default(),
        };
        Ok(())
    }

    /// Brings `view` up to the rows, search, filter and sort, keeping
    /// `keep` selected if it is still in view.
    fn rebuild_view(&mut self, keep: Option<i64>) {
        self.view
            .update(&self.rows, &self.filter, self.sort, &self.search);
        if let Some(id) = keep
            && let Some(&i) = self.index.get(&id)
            && let Some(pos) = self.view.position(&self.rows, i)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
        self.scroll_into_view();
    }

    /// Call whenever all of `rows` were read anew.
    fn rows_replaced(&mut self) {
        self.view.rows_replaced(&self.rows);
        self.index = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
    }

    pub fn selected_row(&self) -> Option<&ProjectRow> {
        self.view.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Rows the list can show at the current size.
    pub fn list_capacity(&self) -> usize {
        crate::ui::list_capacity(self) as usize
    }

    fn scroll_into_view(&mut self) {
        let cap = self.list_capacity().max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + cap {
            self.offset = self.selected + 1 - cap;
        }
        let max_offset = self.view.len().saturating_sub(cap);
        self.offset = self.offset.min(max_offset);
    }

    /// The mode that decides what keys mean now.
    pub fn mode(&self) -> Mode {
        if self.searching.is_some() || self.overlay.is_form() {
            Mode::Input
        } else if self.detail_focus || !matches!(self.overlay, Overlay::None) {
            Mode::Detail
        } else {
            Mode::List
        }
    }

    /// Shows a problem found while starting (a bad keymap file, …).
    pub fn report_startup_problem(&mut self, text: String) {
        self.error(text);
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            level: Level::Info,
            text: text.into(),
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            level: Level::Error,
            text: text.into(),
        });
    }

    /// The one entry point for change.
    pub fn update(&mut self, action: Action) {
        let result = match action {
            Action::Key(ev) => self.on_key(ev),
            Action::Paste(text) => {
                self.on_paste(&text);
                Ok(())
            }
            Action::DbChanged if self.loading => Ok(()),
            Action::DbChanged => self.refresh(),
            Action::Loaded(loaded) => self.on_loaded(*loaded),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.scroll_into_view();
                Ok(())
            }
        };
        if let Err(e) = result {
            // Whatever failed, show what the database holds now, and say why
            // in the light of it.
            let _ = self.refresh();
            let text = self.describe_error(&e);
            self.error(text);
        }
        // A message that wraps over more lines (or a tally bar that does)
        // leaves the list fewer rows: keep the selection in view.
        self.scroll_into_view();
    }

    fn describe_error(&self, e: &StoreError) -> String {
        let l = self.lang;
        match e {
            StoreError::Conflict(c) => {
                let now = self.now_words(c);
                match l {
                    Lang::Zh => format!(
                        "未保存：{} 已被 {} 于 {} 改为「{now}」，请按最新状态重新决定",
                        c.code,
                        c.by,
                        short_time(&c.at),
                    ),
                    Lang::En => format!(
                        "not saved: {} was changed by {} at {} to {now}; decide again on the fresh state",
                        c.code,
                        c.by,
                        short_time(&c.at),
                    ),
                }
            }
            StoreError::Decision(d) if l == Lang::Zh => format!("未保存：{}", l.reason(d)),
            StoreError::Busy => l
                .t(
                    "未保存：数据库被其他会话长时间锁定，请重试",
                    "not saved: the database stayed locked by another session; try again",
                )
                .to_string(),
            StoreError::NothingToUndo => l
                .t("没有可撤销的决定", "you have no decision left to undo")
                .to_string(),
            StoreError::Denied(_) => match &self.read_only {
                Some(why) => format!("{why}{}", l.t("：未写入", ": nothing was written")),
                None => l.reason(e),
            },
            StoreError::ReadOnly => l
                .t("只读：未写入任何数据", "read-only: nothing was written")
                .to_string(),
            other => format!("{}{}", l.t("错误：", "error: "), l.reason(other)),
        }
    }

    fn on_paste(&mut self, text: &str) {
        if let Some(t) = self.searching.as_mut() {
            t.insert_str(text.replace(['\n', '\r'], " "));
            self.search = field_text(t);
            self.rebuild_view(None);
            return;
        }
        let field = match &mut self.overlay {
            Overlay::Cut(f) if f.focus == 0 => Some(&mut f.amount),
            Overlay::Cut(f) => Some(&mut f.comment),
            Overlay::Stage(f) => f.field_mut(),
            Overlay::Cancel(f) => Some(&mut f.comment),
            Overlay::Adjust(f) => Some(&mut f.reason),
            Overlay::Comment(f) => Some(&mut f.body),
            _ => None,
        };
        if let Some(t) = field {
            t.insert_str(text.replace('\r', ""));
        }
    }

    fn on_key(&mut self, ev: KeyEvent) -> Result<(), StoreError> {
        let key = Key::from_event(&ev);
        let mode = self.mode();
        let cmd = self.keymap.lookup(mode, key);
        if mode == Mode::Input {
            return self.on_form_key(ev, key, cmd);
        }
        // Any key clears the last message.
        self.message = None;
        let Some(cmd) = cmd else {
            return Ok(());
        };
        if !matches!(self.overlay, Overlay::None) {
            return self.on_overlay_key(cmd);
        }
        // A confirmation waits for exactly the next key.
        let armed = self.confirm;
        let result = self.run_in_list(cmd);
        if self.confirm == armed {
            self.confirm = None;
        }
        result
    }

    fn run_in_list(&mut self, cmd: Command) -> Result<(), StoreError> {
        if self.detail_focus {
            match cmd {
                Command::Up => {
                    self.detail_scroll = self.detail_scroll.saturating_sub(1);
                    return Ok(());
                }
                Command::Down => {
                    self.detail_scroll = self.detail_scroll.saturating_add(1);
                    return Ok(());
                }
                Command::PageUp => {
                    self.detail_scroll = self.detail_scroll.saturating_sub(10);
                    return Ok(());
                }
                Command::PageDown => {
                    self.detail_scroll = self.detail_scroll.saturating_add(10);
                    return Ok(());
                }
                Command::Back | Command::ToggleDetail => {
                    self.detail_focus = false;
                    return Ok(());
                }
                _ => {}
            }
        }
        self.run(cmd)
    }

    fn move_to(&mut self, index: usize) -> Result<(), StoreError> {
        let before = self.selected_row().map(|r| r.id);
        self.selected = index.min(self.view.len().saturating_sub(1));
        self.scroll_into_view();
        if self.selected_row().map(|r| r.id) != before {
            self.detail_scroll = 0;
            self.load_detail()?;
        }
        Ok(())
    }

    fn run(&mut self, cmd: Command) -> Result<(), StoreError> {
        let page = self.list_capacity().max(1);
        match cmd {
            Command::Up => self.move_to(self.selected.saturating_sub(1))?,
            Command::Down => self.move_to(self.selected + 1)?,
            Command::PageUp => {
                self.offset = self.offset.saturating_sub(page);
                self.move_to(self.selected.saturating_sub(page))?
            }
            Command::PageDown => {
                self.offset += page;
                self.move_to(self.selected + page)?
            }
            Command::Top => self.move_to(0)?,
            Command::Bottom => self.move_to(usize::MAX)?,
            Command::NextPending => {
                let n = self.view.len();
                let found = (1..=n)
                    .map(|k| (self.selected + k) % n.max(1))
                    .find(|&i| self.rows[self.view[i]].decision.state == State::Pending);
                match found {
                    Some(i) => self.move_to(i)?,
                    None => self.info(self.lang.t("没有待审项目", "nothing pending")),
                }
            }
            Command::ToggleDetail => {
                if self.show_detail && !self.detail_focus && self.size.0 < 120 {
                    self.detail_focus = true;
                } else {
                    self.show_detail = !self.show_detail;
                    self.detail_focus = false;
                }
                self.scroll_into_view();
            }
            Command::ToggleTally => {
                self.show_tally = !self.show_tally;
                self.load_tally()?;
                self.scroll_into_view();
            }
            Command::Help => self.overlay = Overlay::Help { scroll: 0 },
            Command::History => {
                let mut events = self.store.events_after(0)?;
                events.reverse();
                self.overlay = Overlay::History {
                    scroll: 0,
                    events,
                    reviewer: None,
                };
            }
            Command::Quit => self.quit = true,
            Command::Export => {
                use crate::export::{Encoding, Format, default_path, export};
                let out = default_path(self.store.path(), Format::Xlsx);
                match export(&self.store, Format::Xlsx, &out, Encoding::Utf8, self.lang) {
                    Ok(said) => self.info(said),
                    Err(why) => self.error(why),
                }
            }
            Command::Back => {
                if !self.search.is_empty() || !self.filter.is_empty() {
                    self.search.clear();
                    self.filter = Filter::default();
                    self.rebuild_view(self.selected_row().map(|r| r.id));
                    self.load_detail()?;
                    self.info(self.lang.t("已清除搜索和筛选", "search and filter cleared"));
                }
            }
            Command::Search => {
                self.searching = Some(text_field(&self.search));
            }
            Command::Filter => {
                self.overlay = Overlay::Filter(FilterForm {
                    field: 0,
                    state: self.filter.state,
                    department: self.filter.department.clone(),
                    budget: self.filter.budget,
                    section: self.filter.section.clone(),
                })
            }
            Command::Sort => {
                let cursor = self
                    .sort
                    .and_then(|(c, _)| SORT_COLUMNS.iter().position(|&x| x == c))
                    .unwrap_or(0);
                self.overlay = Overlay::Sort(SortForm { cursor });
            }
            Command::Approve
            | Command::Cut
            | Command::Cancel
            | Command::Adjust
            | Command::Reset
            | Command::Comment
            | Command::Undo => self.decision_command(cmd)?,
            Command::Confirm
            | Command::NextField
            | Command::PrevField
            | Command::Toggle
            | Command::Newline => {}
        }
        Ok(())
    }

    fn target(&self) -> Option<Target> {
        self.selected_row().map(|r| Target {
            project_id: r.id,
            code: r.code.clone(),
            name: r.name.clone(),
            requested: r.requested,
            version: r.version,
        })
    }

    fn decision_command(&mut self, cmd: Command) -> Result<(), StoreError> {
        if let Some(why) = &self.read_only {
            let text = format!(
                "{why}{}",
                self.lang.t("，不能修改", ": cannot change anything")
            );
            self.error(text);
            return Ok(());
        }
        let Some(target) = self.target() else {
            return Ok(());
        };
        match cmd {
            // Monitoring has no plain approval and later stages adjust no
            // targets: say which key decides instead of refusing blankly.
            Command::Approve if self.stage() == Stage::Monitoring => {
                self.point_to_stage_form("没有「通过」", "has no plain approval")
            }
            Command::Adjust if self.stage().adjusts() => {
                self.point_to_stage_form("不调整绩效目标", "does not adjust targets")
            }
            Command::Approve | Command::Reset if !self.confirmed(&target, cmd) => {}
            Command::Approve => self.commit(&target, &domain::Command::Approve, None)?,
            Command::Reset => self.commit(&target, &domain::Command::Reset, None)?,
            Command::Cut if self.stage().adjusts() => self.open_stage_form(target),
            Command::Cut => {
                self.overlay = Overlay::Cut(CutForm {
                    target,
                    amount: text_field(""),
                    comment: text_box(""),
                    focus: 0,
                    error: None,
                })
            }
            Command::Cancel => {
                self.overlay = Overlay::Cancel(CancelForm {
                    target,
                    comment: text_box(""),
                    error: None,
                })
            }
            Command::Adjust => {
                let current = self.selected_row().and_then(|r| r.decision.adjust.clone());
                let ticked = |n: u32| current.as_ref().is_some_and(|a| a.indicators.contains(&n));
                let indicators = self
                    .detail
                    .indicators
                    .iter()
                    .map(|i| {
                        (
                            i.seq,
                            format!(
                                "{} / {} / {} {}{}",
                                i.level1, i.level2, i.indicator, i.target, i.unit
                            ),
                            ticked(i.seq),
                        )
                    })
                    .collect();
                self.overlay = Overlay::Adjust(AdjustForm {
                    target,
                    indicators,
                    cursor: 0,
                    reason: text_box(current.as_ref().map(|a| a.reason.as_str()).unwrap_or("")),
                    focus: 0,
                    error: None,
                })
            }
            Command::Comment => {
                self.overlay = Overlay::Comment(CommentForm {
                    target,
                    body: text_box(""),
                    error: None,
                })
            }
            Command::Undo => {
                let (code, d) = match self.store.undo_last(&self.actor) {
                    Err(StoreError::Conflict(c)) => {
                        self.refresh()?;
                        // What it is now, in the words of every other message.
                        let now = self.now_words(&c);
                        let text = match self.lang {
                            Lang::Zh => format!(
                                "不能撤销：{} 在你之后已被 {} 于 {} 改为「{now}」",
                                c.code,
                                c.by,
                                short_time(&c.at),
                            ),
                            Lang::En => format!(
                                "cannot undo: {} was changed after you by {} at {} (now {now})",
                                c.code,
                                c.by,
                                short_time(&c.at),
                            ),
                        };
                        self.error(text);
                        return Ok(());
                    }
                    other => other?,
                };
                self.refresh()?;
                let now = self
                    .lang
                    .decision(d.state, d.approved, None, d.adjust.is_some());
                self.info(format!(
                    "{}{code} → {now}",
                    self.lang.t("已撤销：", "undone: ")
                ));
            }
            _ => {}
        }
        Ok(())
    }

    /// Writes one decision made against the version the reviewer saw. A
    /// form it came from closes once the decision is written; refused, the
    /// form stays open with everything typed in it and says why, so nothing
    /// the reviewer wrote is lost: after someone else's change it now
    /// stands against that fresh state (Enter again decides on it), after
    /// a lock or a busy database Enter tries again.
    fn commit(
        &mut self,
        target: &Target,
        command: &domain::Command,
        comment: Option<&str>,
    ) -> Result<(), StoreError> {
        let saved = match self.store.decide(
            target.project_id,
            target.version,
            command,
            comment,
            &self.actor,
        ) {
            Ok(saved) => saved,
            Err(e) => {
                self.keep_form_after(&e);
                return Err(e);
            }
        };
        if self.overlay.decision_form().is_some() {
            self.overlay = Overlay::None;
        }
        self.refresh()?;
        if let Some(a) = &saved.decision.stage {
            let stage = self.stage();
            let kind = self.lang.t(stage.kind_zh(a.kind), a.kind.en());
            self.info(format!(
                "{} {} → {kind} {} 万元",
                self.lang.t("已保存", "saved"),
                target.code,
                a.amount.wan_display()
            ));
            return Ok(());
        }
        let d = &saved.decision;
        self.info(format!(
            "{} {} → {}",
            self.lang.t("已保存", "saved"),
            target.code,
            self.lang.decision(
                d.state,
                d.approved,
                Some(target.requested),
                d.adjust.is_some()
            )
        ));
        Ok(())
    }

    /// A decision form whose Enter was refused: brought up to the
    /// database, it says why on its error line.
    fn keep_form_after(&mut self, e: &StoreError) {
        let _ = self.refresh();
        let fresh = self
            .overlay
            .decision_form()
            .and_then(|(t, _)| self.index.get(&t.project_id))
            .map(|&i| (self.rows[i].version, self.decision_words(&self.rows[i])));
        let why = match e {
            StoreError::Conflict(c) => {
                let now = fresh.as_ref().map_or("", |f| f.1.as_str());
                match self.lang {
                    Lang::Zh => format!("未保存：{} 已改为「{now}」；再按 Enter 以此覆盖", c.by),
                    Lang::En => {
                        format!("not saved: {} made it {now}; Enter again replaces it", c.by)
                    }
                }
            }
            other => self.describe_error(other),
        };
        if let Some((target, error)) = self.overlay.decision_form() {
            if let (StoreError::Conflict(_), Some((version, _))) = (e, &fresh) {
                target.version = *version;
            }
            *error = Some(why);
        }
    }

    /// Whether a one-key decision may go ahead. One that would replace a
    /// different decision (a cut approved in full, a decision reset) is
    /// asked again first: a stray key on a shared screen must not silently
    /// change money. The same key again confirms.
    fn confirmed(&mut self, target: &Target, cmd: Command) -> bool {
        let Some(row) = self.selected_row() else {
            return true;
        };
        let d = &row.decision;
        let replaces = match cmd {
            Command::Approve => {
                d.state.is_decided()
                    && !(d.state == State::Approved
                        && d.stage
                            .as_ref()
                            .is_none_or(|a| a.kind == domain::Kind::Keep))
            }
            _ => d.state.is_decided(),
        };
        let armed = (target.project_id, target.version, cmd);
        if !replaces || self.confirm == Some(armed) {
            return true;
        }
        let l = self.lang;
        let now = match &d.stage {
            Some(a) => format!(
                "{} {} 万元",
                l.t(self.stage().kind_zh(a.kind), a.kind.en()),
                a.amount.wan_display()
            ),
            None => l.decision(d.state, d.approved, Some(row.requested), d.adjust.is_some()),
        };
        let key = self
            .keymap
            .key_for(Mode::List, cmd)
            .map(|k| k.to_string())
            .unwrap_or_default();
        let (zh, en) = crate::ui::describe(cmd, self.stage());
        let text = match l {
            Lang::Zh => format!(
                "{} 现为「{now}」：再按 {key} 确认{zh}，其他键放弃",
                target.code
            ),
            Lang::En => format!(
                "{} is now {now}: press {key} again to {en}, any other key to leave it",
                target.code
            ),
        };
        self.confirm = Some(armed);
        self.error(text);
        false
    }

    fn point_to_stage_form(&mut self, zh: &str, en: &str) {
        let stage = self.stage();
        let key = self
            .keymap
            .key_for(Mode::List, Command::Cut)
            .map(|k| k.to_string())
            .unwrap_or_default();
        let text = match self.lang {
            Lang::Zh => format!("{}{zh}：按 {key} 作出本阶段的决定", stage.zh()),
            Lang::En => format!("{} {en}: press {key} to decide for this stage", stage.en()),
        };
        self.error(text);
    }

    /// The cut form's preview: approved, cut, and the overall cut rate the
    /// meeting would have. `Err` says why the input is not a valid cut.
    pub fn cut_preview(&self, form: &CutForm) -> Result<CutPreview, String> {
        let text = field_text(&form.amount);
        if text.trim().is_empty() {
            return Err(String::new());
        }
        let input = CutInput::parse(&text, Unit::Wan).map_err(|e| self.lang.reason(&e))?;
        let requested = form.target.requested;
        let approved = input.approved_for(requested);
        check_cut(approved, requested).map_err(|e| self.lang.reason(&e))?;
        let cut = requested - approved;
        // The overall figures with this project's current decision replaced.
        let t = &self.tally.total;
        let current = self
            .index
            .get(&form.target.project_id)
            .map(|&i| &self.rows[i])
            .map(|r| (r.decision.state.is_decided(), r.decision.cut(r.requested)))
            .unwrap_or((false, Money::ZERO));
        let decided_requested = if current.0 {
            t.decided_requested
        } else {
            t.decided_requested + requested
        };
        let total_cut = t.cut - current.1 + cut;
        Ok(CutPreview {
            approved,
            cut,
            rate: percent_half_up(cut, requested),
            overall_rate: percent_half_up(total_cut, decided_requested),
        })
    }

    fn on_form_key(
        &mut self,
        ev: KeyEvent,
        key: Key,
        cmd: Option<Command>,
    ) -> Result<(), StoreError> {
        // Search: incremental, Enter keeps it, Esc drops it.
        let keep = self.selected_row().map(|r| r.id);
        if let Some(field) = self.searching.as_mut() {
            match cmd {
                Some(Command::Confirm) => {
                    self.searching = None;
                }
                Some(Command::Back) => {
                    self.searching = None;
                    self.search.clear();
                    self.rebuild_view(self.selected_row().map(|r| r.id));
                    self.load_detail()?;
                }
                _ => {
                    if field.input(ev) {
                        self.search = field_text(field).replace('\n', " ");
                        self.selected = 0;
                        self.rebuild_view(keep);
                        self.load_detail()?;
                    }
                }
            }
            return Ok(());
        }
        if cmd == Some(Command::Back) {
            self.overlay = Overlay::None;
            return Ok(());
        }
        if matches!(self.overlay, Overlay::Stage(_)) {
            return self.on_stage_form_key(ev, key, cmd);
        }
        let text_focus = match &self.overlay {
            Overlay::Adjust(f) => f.focus == 1,
            Overlay::Filter(_) | Overlay::Sort(_) => false,
            _ => true,
        };
        // In a text field, plain characters type; only non-text keys command.
        // On a list (indicators, filters, sort columns) the list's own keys
        // move too, so j/k work there as in the project list.
        let cmd = if text_focus && key.is_text() {
            None
        } else {
            cmd.or_else(|| {
                self.keymap
                    .lookup(Mode::List, key)
                    .filter(|c| matches!(c, Command::Up | Command::Down))
            })
        };
        match (&mut self.overlay, cmd) {
            (Overlay::Cut(f), Some(Command::NextField | Command::PrevField)) => {
                f.focus = 1 - f.focus
            }
            (Overlay::Cut(_), Some(Command::Confirm)) => self.confirm_cut()?,
            (Overlay::Cut(f), Some(Command::Newline)) if f.focus == 1 => f.comment.insert_newline(),
            (Overlay::Cut(f), _) => {
                let field = if f.focus == 0 {
                    &mut f.amount
                } else {
                    &mut f.comment
                };
                if key.code != ratatui::crossterm::event::KeyCode::Enter {
                    field.input(ev);
                }
                f.error = None;
            }
            (Overlay::Cancel(f), Some(Command::Confirm)) => {
                let comment = field_text(&f.comment);
                let target = f.target.clone();
                self.commit(&target, &domain::Command::Cancel, Some(&comment))?;
            }
            (Overlay::Cancel(f), Some(Command::Newline)) => f.comment.insert_newline(),
            (Overlay::Cancel(f), _) if key.code != ratatui::crossterm::event::KeyCode::Enter => {
                f.comment.input(ev);
                f.error = None;
            }
            (Overlay::Comment(_), Some(Command::Confirm)) => {
                let Overlay::Comment(f) = &self.overlay else {
                    unreachable!()
                };
                let body = field_text(&f.body);
                if body.trim().is_empty() {
                    if let Overlay::Comment(f) = &mut self.overlay {
                        f.error = Some(self.lang.t("意见为空", "the comment is empty").into());
                    }
                    return Ok(());
                }
                let id = f.target.project_id;
                let code = f.target.code.clone();
                // Refused (a lock, a role change, a busy database), the form
                // stays open with the text and says why.
                if let Err(e) = self.store.add_comment(id, &body, &self.actor) {
                    let _ = self.refresh();
                    let why = self.describe_error(&e);
                    if let Overlay::Comment(f) = &mut self.overlay {
                        f.error = Some(why);
                    }
                    return Err(e);
                }
                self.overlay = Overlay::None;
                self.refresh()?;
                self.info(format!(
                    "{}{code}",
                    self.lang.t("已保存意见：", "comment saved: ")
                ));
            }
            (Overlay::Comment(f), Some(Command::Newline)) => f.body.insert_newline(),
            (Overlay::Comment(f), _) => {
                if key.code != ratatui::crossterm::event::KeyCode::Enter {
                    f.body.input(ev);
                }
                f.error = None;
            }
            (Overlay::Adjust(f), Some(Command::NextField | Command::PrevField)) => {
                f.focus = 1 - f.focus
            }
            (Overlay::Adjust(f), Some(Command::Up)) if f.focus == 0 => {
                f.cursor = f.cursor.saturating_sub(1)
            }
            (Overlay::Adjust(f), Some(Command::Down)) if f.focus == 0 => {
                f.cursor = (f.cursor + 1).min(f.indicators.len().saturating_sub(1))
            }
            (Overlay::Adjust(f), Some(Command::Toggle)) if f.focus == 0 => {
                if let Some(i) = f.indicators.get_mut(f.cursor) {
                    i.2 = !i.2;
                }
            }
            (Overlay::Adjust(_), Some(Command::Confirm)) => {
                let Overlay::Adjust(f) = &self.overlay else {
                    unreachable!()
                };
                let adjust = Adjust {
                    indicators: f.indicators.iter().filter(|i| i.2).map(|i| i.0).collect(),
                    reason: field_text(&f.reason),
                };
                let target = f.target.clone();
                match domain::decide(
                    &domain::Decision::pending(),
                    target.requested,
                    &domain::Command::Adjust(adjust.clone()),
                ) {
                    Err(e) => {
                        if let Overlay::Adjust(f) = &mut self.overlay {
                            f.error = Some(e.to_string());
                        }
                    }
                    Ok(_) => self.commit(&target, &domain::Command::Adjust(adjust), None)?,
                }
            }
            (Overlay::Adjust(f), Some(Command::Newline)) if f.focus == 1 => {
                f.reason.insert_newline()
            }
            (Overlay::Adjust(f), _) if f.focus == 1 => {
                if key.code != ratatui::crossterm::event::KeyCode::Enter {
                    f.reason.input(ev);
                }
                f.error = None;
            }
            (Overlay::Filter(f), Some(Command::Up)) => f.field = f.field.saturating_sub(1),
            (Overlay::Filter(f), Some(Command::Down | Command::NextField)) => {
                f.field = (f.field + 1).min(3)
            }
            (Overlay::Filter(f), Some(Command::PrevField)) => f.field = f.field.saturating_sub(1),
            (Overlay::Filter(_), Some(Command::Confirm)) => {
                let Overlay::Filter(f) = std::mem::replace(&mut self.overlay, Overlay::None) else {
                    unreachable!()
                };
                self.filter = Filter {
                    state: f.state,
                    department: f.department,
                    budget: f.budget,
                    section: f.section,
                };
                self.selected = 0;
                self.rebuild_view(self.selected_row().map(|r| r.id));
                self.load_detail()?;
            }
            (Overlay::Filter(_), _) => {
                use ratatui::crossterm::event::KeyCode;
                let step: isize = match key.code {
                    KeyCode::Left => -1,
                    KeyCode::Right | KeyCode::Char(' ') => 1,
                    _ => 0,
                };
                if step != 0 {
                    self.cycle_filter(step);
                }
            }
            (Overlay::Sort(f), Some(Command::Up)) => f.cursor = f.cursor.saturating_sub(1),
            (Overlay::Sort(f), Some(Command::Down | Command::NextField)) => {
                f.cursor = (f.cursor + 1).min(SORT_COLUMNS.len())
            }
            (Overlay::Sort(f), Some(Command::Confirm | Command::Toggle)) => {
                let cursor = f.cursor;
                self.overlay = Overlay::None;
                self.sort = match SORT_COLUMNS.get(cursor) {
                    None => None,
                    Some(&c) => match self.sort {
                        Some((old, desc)) if old == c => Some((c, !desc)),
                        _ => Some((c, false)),
                    },
                };
                self.rebuild_view(self.selected_row().map(|r| r.id));
            }
            _ => {}
        }
        Ok(())
    }

    fn confirm_cut(&mut self) -> Result<(), StoreError> {
        let Overlay::Cut(f) = &self.overlay else {
            return Ok(());
        };
        match self.cut_preview(f) {
            Err(why) => {
                let why = if why.is_empty() {
                    self.lang
                        .t(
                            "请输入金额：80、-20 或 -15%",
                            "type an amount: 80, -20 or -15%",
                        )
                        .to_string()
                } else {
                    why
                };
                if let Overlay::Cut(f) = &mut self.overlay {
                    f.error = Some(why);
                }
                Ok(())
            }
            Ok(p) => {
                let comment = field_text(&f.comment);
                let target = f.target.clone();
                self.commit(&target, &domain::Command::Cut(p.approved), Some(&comment))
            }
        }
    }

    /// Steps the focused filter field through its values (None = all).
    fn cycle_filter(&mut self, step: isize) {
        // In submission order, as the tally lists them.
        let mut seen = std::collections::HashSet::new();
        let departments: Vec<String> = self
            .rows
            .iter()
            .filter(|r| seen.insert(r.department.as_str()))
            .map(|r| r.department.clone())
            .collect();
        let mut sections: Vec<String> =
            self.rows.iter().filter_map(|r| r.section.clone()).collect();
        sections.sort();
        sections.dedup();
        let Overlay::Filter(f) = &mut self.overlay else {
            return;
        };
        fn cycle<T: Clone + PartialEq>(all: &[T], cur: &Option<T>, step: isize) -> Option<T> {
            let n = all.len() as isize + 1;
            let pos = cur
                .as_ref()
                .and_then(|c| all.iter().position(|x| x == c))
                .map_or(0, |p| p as isize + 1);
            let next = (pos + step).rem_euclid(n);
            (next > 0).then(|| all[next as usize - 1].clone())
        }
        match f.field {
            0 => f.state = cycle(&State::ALL, &f.state, step),
            1 => f.department = cycle(&departments, &f.department, step),
            2 => f.budget = cycle(&BudgetType::ALL, &f.budget, step),
            _ => f.section = cycle(&sections, &f.section, step),
        }
    }

    /// How many lines the help overlay has: per mode with bindings, its
    /// title, a line per bound command, and a blank line.
    fn help_lines(&self) -> usize {
        Mode::ALL
            .iter()
            .map(|m| self.keymap.bindings(*m))
            .filter(|b| !b.is_empty())
            .map(|b| 2 + b.iter().filter(|(_, keys)| !keys.is_empty()).count())
            .sum()
    }

    fn on_overlay_key(&mut self, cmd: Command) -> Result<(), StoreError> {
        if let (
            Overlay::History {
                events,
                reviewer,
                scroll,
            },
            Command::Filter,
        ) = (&mut self.overlay, cmd)
        {
            // Step through the reviewers who appear in the log.
            let mut names: Vec<&str> = events.iter().map(|e| e.reviewer.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let next = match reviewer.as_deref() {
                None => names.first(),
                Some(r) => names.iter().skip_while(|n| **n != r).nth(1),
            };
            *reviewer = next.map(|n| n.to_string());
            *scroll = 0;
            return Ok(());
        }
        // The last line may scroll to the top, no further.
        let help_lines = self.help_lines();
        let (scroll, last) = match &mut self.overlay {
            Overlay::Help { scroll } => (scroll, help_lines.saturating_sub(1)),
            Overlay::History {
                scroll,
                events,
                reviewer,
            } => {
                let shown = history_shown(events, reviewer.as_deref()).count();
                (scroll, shown.saturating_sub(1))
            }
            _ => return Ok(()),
        };
        let page = usize::from(self.size.1.saturating_sub(4)).max(1);
        *scroll = match cmd {
            Command::Up => scroll.saturating_sub(1),
            Command::Down => scroll.saturating_add(1),
            Command::PageUp => scroll.saturating_sub(page),
            Command::PageDown => scroll.saturating_add(page),
            Command::Top => 0,
            Command::Bottom => last,
            Command::Quit => {
                self.quit = true;
                return Ok(());
            }
            _ => {
                self.overlay = Overlay::None;
                return Ok(());
            }
        }
        .min(last);
        Ok(())
    }
}

/// What a cut would do, shown before Enter commits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CutPreview {
    pub approved: Money,
    pub cut: Money,
    pub rate: Option<rust_decimal::Decimal>,
    pub overall_rate: Option<rust_decimal::Decimal>,
}

/// A stored time, `2026-11-28T09:15:02.123Z`, in local time to the minute:
/// `2026-11-28 17:15` (at UTC+8).
pub fn short_time(at: &str) -> String {
    let local = crate::time::local(at);
    // Cleaned: a time is the program's own, but a planted file's need not be.
    crate::text::clean(local.get(..16).unwrap_or(&local)).replace('T', " ")
}
