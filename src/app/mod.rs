//! The app: state loaded from the meeting database, and `update`, the one
//! place it changes. Views draw from it and never write.

pub mod action;

use ratatui::crossterm::event::KeyEvent;

pub use action::{Action, Command, Loaded};

use crate::domain::{self, Stage, StageTally, State, Tally};
use crate::forms::{
    AdjustForm, CancelForm, CommentForm, Ctx, CutForm, FilterForm, Help, History, Outcome, Overlay,
    Press, Search, SortForm, StageForm, Submit, Target,
};
use crate::i18n::Lang;
use crate::keymap::{Key, Keymap, Mode};
use crate::layout;
pub use crate::listing::{Column, Filter, PATCH_LIMIT, View};
use crate::store::{Actor, Denied, Meeting, ProjectDetail, ProjectRow, Store, StoreError};
use crate::words::screen::short_time;

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
    pub searching: Option<Search>,
    pub filter: Filter,
    pub sort: Option<(Column, bool)>,
    pub show_detail: bool,
    pub detail_focus: bool,
    pub detail_scroll: u16,
    pub show_tally: bool,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub quit: bool,
    pub theme: crate::theme::Theme,
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
            theme: crate::theme::Theme::from_env(),
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

    /// The meeting's stage; an unknown code reads as target review.
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.meeting.stage).unwrap_or_default()
    }

    /// What a form reads from the app while it is open.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            theme: self.theme,
            keymap: &self.keymap,
            stage: self.stage(),
            size: self.size,
            total: &self.tally.total,
            rows: &self.rows,
            index: &self.index,
        }
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
        if let Overlay::History(h) = &mut self.overlay {
            let fresh = self.store.events_after(h.newest())?;
            h.take_in(fresh);
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
                (Lang::En, d) => d.to_string(),
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
        let full = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        layout::list_capacity(full, &self.shape(self.size.0)) as usize
    }

    /// What the screen's layout depends on at `width`: the lines the tally
    /// bar and the status line need there, and the panes open.
    pub fn shape(&self, width: u16) -> layout::Shape {
        layout::Shape {
            tally_lines: self.tally_bar().lines(width).len() as u16,
            status_lines: self.status_height(width),
            show_detail: self.show_detail,
            detail_focus: self.detail_focus,
            show_tally: self.show_tally,
        }
    }

    /// The tally bar's figures as they stand.
    pub fn tally_bar(&self) -> layout::bar::Bar<'_> {
        layout::bar::Bar {
            tally: &self.tally,
            stage_tally: self.stage_tally.as_ref(),
            ceiling: &self.ceiling,
            lang: self.lang,
            theme: self.theme,
        }
    }

    /// What the status line says before a message or the hints.
    pub fn status_prefix(&self) -> String {
        layout::status_prefix(
            self.lang,
            self.loading
                .then_some((self.rows.len(), self.tally.total.projects)),
            &self.search,
            !self.filter.is_empty(),
            (self.view.len(), self.rows.len()),
        )
    }

    /// How many lines the status line takes at `width`: the search field or
    /// the hints take one, a message as many as it wraps over.
    fn status_height(&self, width: u16) -> u16 {
        match &self.message {
            Some(m) if self.searching.is_none() => {
                let text = format!("{}{}", self.status_prefix(), m.text);
                layout::message_lines(&text, usize::from(width)).len() as u16
            }
            _ => 1,
        }
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
        if let Some(s) = self.searching.as_mut() {
            self.search = s.paste(text);
            self.rebuild_view(None);
            return;
        }
        self.overlay.paste(text);
    }

    fn on_key(&mut self, ev: KeyEvent) -> Result<(), StoreError> {
        let key = Key::from_event(&ev);
        let mode = self.mode();
        let cmd = self.keymap.lookup(mode, key);
        if mode == Mode::Input {
            return self.on_form_key(ev);
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
            Command::Help => self.overlay = Overlay::Help(Help::open()),
            Command::History => {
                self.overlay = Overlay::History(History::open(self.store.events_after(0)?));
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
            Command::Search => self.searching = Some(Search::open(&self.search)),
            Command::Filter => self.overlay = Overlay::Filter(FilterForm::open(&self.filter)),
            Command::Sort => self.overlay = Overlay::Sort(SortForm::open(self.sort)),
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
            | Command::Newline
            | Command::PrevChoice
            | Command::NextChoice
            | Command::Pick => {}
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
            Command::Cut if self.stage().adjusts() => {
                let current = self
                    .selected_row()
                    .filter(|r| r.id == target.project_id)
                    .and_then(|r| r.decision.stage.as_deref());
                self.overlay = Overlay::Stage(StageForm::open(target, self.stage(), current));
            }
            Command::Cut => self.overlay = Overlay::Cut(CutForm::open(target)),
            Command::Cancel => self.overlay = Overlay::Cancel(CancelForm::open(target)),
            Command::Adjust => {
                let current = self
                    .selected_row()
                    .and_then(|r| r.decision.adjust.as_deref());
                let form = AdjustForm::open(target, &self.detail.indicators, current);
                self.overlay = Overlay::Adjust(form);
            }
            Command::Comment => self.overlay = Overlay::Comment(CommentForm::open(target)),
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
        let (zh, en) = cmd.describe_at(self.stage());
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

    /// A key for the search field or an open form: the form handles it,
    /// the app commits what it submits.
    fn on_form_key(&mut self, ev: KeyEvent) -> Result<(), StoreError> {
        let press = Press::new(ev, &self.keymap);
        let keep = self.selected_row().map(|r| r.id);
        if let Some(search) = self.searching.as_mut() {
            return match search.on_key(&press) {
                Outcome::Submit(Submit::Search(text)) => {
                    self.search = text;
                    self.selected = 0;
                    self.rebuild_view(keep);
                    self.load_detail()
                }
                Outcome::Submit(Submit::ClearSearch) => {
                    self.searching = None;
                    self.search.clear();
                    self.rebuild_view(self.selected_row().map(|r| r.id));
                    self.load_detail()
                }
                Outcome::Close => {
                    self.searching = None;
                    Ok(())
                }
                _ => Ok(()),
            };
        }
        // The form is taken out while it reads the app's state, and put
        // back before anything is committed.
        let mut form = std::mem::replace(&mut self.overlay, Overlay::None);
        let outcome = form.on_key(&press, &self.ctx());
        self.overlay = form;
        self.apply(outcome)
    }

    /// A key for the help or the history.
    fn on_overlay_key(&mut self, cmd: Command) -> Result<(), StoreError> {
        let mut overlay = std::mem::replace(&mut self.overlay, Overlay::None);
        let outcome = overlay.on_command(cmd, &self.ctx());
        self.overlay = overlay;
        self.apply(outcome)
    }

    /// Does what a form asked for.
    fn apply(&mut self, outcome: Outcome) -> Result<(), StoreError> {
        match outcome {
            Outcome::Stay => {}
            Outcome::Close => self.overlay = Overlay::None,
            Outcome::Quit => self.quit = true,
            Outcome::Submit(Submit::Decide {
                target,
                command,
                comment,
            }) => self.commit(&target, &command, comment.as_deref())?,
            Outcome::Submit(Submit::Comment { target, body }) => {
                self.add_comment(&target, &body)?
            }
            Outcome::Submit(Submit::Filter(filter)) => {
                self.overlay = Overlay::None;
                self.filter = filter;
                self.selected = 0;
                self.rebuild_view(self.selected_row().map(|r| r.id));
                self.load_detail()?;
            }
            Outcome::Submit(Submit::Sort(sort)) => {
                self.overlay = Overlay::None;
                self.sort = sort;
                self.rebuild_view(self.selected_row().map(|r| r.id));
            }
            // The search field's own; no form submits them.
            Outcome::Submit(Submit::Search(_) | Submit::ClearSearch) => {}
        }
        Ok(())
    }

    /// Writes a comment from the comment form. Refused (a lock, a role
    /// change, a busy database), the form stays open with the text and says
    /// why.
    fn add_comment(&mut self, target: &Target, body: &str) -> Result<(), StoreError> {
        if let Err(e) = self.store.add_comment(target.project_id, body, &self.actor) {
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
            "{}{}",
            self.lang.t("已保存意见：", "comment saved: "),
            target.code
        ));
        Ok(())
    }
}
