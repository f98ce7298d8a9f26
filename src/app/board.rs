//! The board over the review screen (`B`): the same view `huishen board`
//! shows, read from this session's store, refreshed with the screen when
//! another session commits; `B` again (or Esc) goes back.

use super::{App, Command};
use crate::board::{Board, BoardView};
use crate::store::StoreError;

impl App {
    /// Shows the board over the screen, or goes back to the screen.
    pub(super) fn toggle_board(&mut self) -> Result<(), StoreError> {
        self.board = match self.board.take() {
            Some(_) => None,
            None => {
                let b = Board::read(&self.store, crate::board::run::now())?;
                Some(Box::new((b, BoardView::default())))
            }
        };
        Ok(())
    }

    /// A key while the board shows: its panels turn, its key or Esc goes
    /// back, quit quits.
    pub(super) fn on_board_key(&mut self, cmd: Command) -> Result<(), StoreError> {
        let Some(board) = self.board.as_mut() else {
            return Ok(());
        };
        let (b, view) = &mut **board;
        let n = b.panels().len();
        match cmd {
            Command::NextPanel => view.turn(1, n),
            Command::PrevPanel => view.turn(-1, n),
            Command::Board | Command::Back => self.board = None,
            Command::Quit => self.quit = true,
            Command::Help => {
                self.board = None;
                self.run(cmd)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Brings an open board up to the meeting, after a commit here or in
    /// another session.
    pub(super) fn refresh_board(&mut self) -> Result<(), StoreError> {
        if let Some(board) = self.board.as_mut() {
            board.0.refresh(&self.store, crate::board::run::now())?;
        }
        Ok(())
    }
}
