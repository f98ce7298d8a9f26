//! The `huishen` command line: parse, run the command in the library
//! ([`huishen::cli`]), and say its one error.

use std::process::ExitCode;

use clap::Parser;

use huishen::cli::{self, Cli};
use huishen::i18n::Lang;
use huishen::text::clean;
use huishen::words::Say;

fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = Lang::detect(args.lang);
    match cli::run(args) {
        // A closed output (`huishen log | head`) ends the command quietly.
        Ok(()) | Err(cli::Error::StdoutClosed) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages quote file names and cells: never let them drive the terminal.
            let msg: Vec<String> = e.say(lang).lines().map(|l| clean(l).into_owned()).collect();
            eprintln!("huishen: {}", msg.join("\n"));
            ExitCode::FAILURE
        }
    }
}
