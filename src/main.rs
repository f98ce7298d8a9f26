//! The `huishen` command line: parse, run the command in the library
//! ([`huishen::cli`]), and say its one error.

use std::process::ExitCode;

use clap::Parser;

use huishen::cli::{self, Cli};
use huishen::i18n::Lang;
use huishen::text::{clean, clean_lines};
use huishen::words::Say;

fn main() -> ExitCode {
    // First of all: a setgid install lowers its group at once (it is
    // raised only around opening a meeting's files).
    let lowered = huishen::privilege::init().map_err(cli::Error::Privilege);
    huishen::store::uncounted_memory();
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return refuse_flag(e),
    };
    let lang = Lang::detect(args.lang);
    match lowered.and_then(|()| cli::run(args)) {
        // A closed output (`huishen log | head`) ends the command quietly.
        Ok(()) | Err(cli::Error::StdoutClosed) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages quote file names and cells: never let them drive the terminal.
            eprintln!("huishen: {}", clean_lines(&e.say(lang)));
            ExitCode::FAILURE
        }
    }
}

/// A command line clap refused. A flag's value that huishen checks itself
/// (`--stage`, `--round`) is refused in the run's language, as every other
/// refusal; anything else (an unknown flag, `--help`) as clap says it.
fn refuse_flag(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use std::error::Error as _;
    if e.kind() == ErrorKind::ValueValidation
        && let Some(why) = e.source()
    {
        let flag = match e.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(s)) => s.split_whitespace().next().unwrap_or("").to_string(),
            _ => String::new(),
        };
        eprintln!("huishen: {flag}: {}", clean(&why.to_string()));
        return ExitCode::from(2);
    }
    e.exit()
}
