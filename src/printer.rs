//! The only writer to stdout and stderr: results on stdout (text or JSON),
//! warnings and progress on stderr, a progress bar only on a terminal. Going
//! through one place keeps output quiet when asked and free of raw values.

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};

/// Output format for results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum OutputFormat {
    /// Readable tables.
    Text,
    /// One JSON document.
    Json,
    /// Comma-separated values with a header (`query` only; other commands refuse it).
    Csv,
    /// A SARIF 2.1.0 log (`scan` only; other commands refuse it).
    Sarif,
}

/// Where output goes, and how much of it.
#[derive(Debug)]
pub struct Printer {
    format: OutputFormat,
    quiet: bool,
    verbose: bool,
    bar: Option<ProgressBar>,
    read: AtomicU64,
}

impl Printer {
    /// A printer; the progress bar appears only when stderr is a terminal.
    pub fn new(format: OutputFormat, quiet: bool, verbose: bool) -> Self {
        Self { format, quiet, verbose, bar: None, read: AtomicU64::new(0) }
    }

    /// The results format.
    pub fn format(&self) -> OutputFormat {
        self.format
    }

    /// Writes results to stdout.
    pub fn stdout(&self, text: &str) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        out.flush()
    }

    /// The error a command ended with, on stderr (shown even with `--quiet`).
    pub fn error(&self, text: &str) {
        self.stderr(&format!("error: {text}"));
    }

    /// A warning line on stderr (shown unless `--quiet`).
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            self.stderr(&format!("warning: {text}"));
        }
    }

    /// A detail line on stderr (shown with `--verbose`).
    pub fn detail(&self, text: &str) {
        if self.verbose {
            self.stderr(text);
        }
    }

    /// Every stderr line, with the credentials of any URL in it removed.
    fn stderr(&self, line: &str) {
        let line = crate::error::scrub(line);
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Starts a progress display of `total` `what` (objects), listed
    /// already: done of total, bytes read, time taken and an ETA.
    pub fn progress_start(&mut self, what: &'static str, total: usize) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let template = format!("{{spinner}} {{pos}}/{{len}} {what}, {{msg}} [{{elapsed_precise}}, ETA {{eta}}]");
        bar.set_style(ProgressStyle::with_template(&template).expect("valid template"));
        bar.set_message(format!("{} read", HumanBytes(0)));
        bar.tick();
        self.bar = Some(bar);
    }

    /// Counts one more item and `bytes` more read.
    pub fn progress_inc(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            let read = self.read.fetch_add(bytes, Ordering::Relaxed) + bytes;
            bar.inc(1);
            bar.set_message(format!("{} read", HumanBytes(read)));
        }
    }

    /// Removes the progress bar.
    pub fn progress_finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
