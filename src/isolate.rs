//! Per-object isolation. Decoders have bugs that hostile files find; a panic
//! while one object is read must fail that object, not the scan. Work done
//! for an object runs inside [`object`] (async) or [`call`] (on a CPU
//! thread): a panic there becomes the object's error, with the panic's
//! message and place, and is not printed as a crash (the panics met so far:
//! arrow-ipc on a corrupt `ARROW:schema`,
//! <https://github.com/apache/arrow-rs/issues/10437>, fixed after 59.3 by
//! <https://github.com/apache/arrow-rs/pull/10647>; page decoders on
//! corrupt pages, `docs/upstream.md`). Stack overflows cannot be caught;
//! the footer checks keep schemas shallow instead.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Once;

thread_local! {
    /// Whether this thread is running isolated work now.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
    /// What the last isolated panic on this thread said, and where.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook that keeps isolated panics quiet (once per
/// process; panics elsewhere are printed as before).
pub(crate) fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if ISOLATED.with(Cell::get) {
                let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
                LAST.with(|last| *last.borrow_mut() = Some(format!("{}{at}", payload(info.payload()))));
            } else {
                default(info);
            }
        }));
    });
}

/// Marks the current thread as running isolated work until dropped.
struct Mark(bool);

impl Mark {
    fn set() -> Self {
        Self(ISOLATED.with(|i| i.replace(true)))
    }
}

impl Drop for Mark {
    fn drop(&mut self) {
        ISOLATED.with(|i| i.set(self.0));
    }
}

/// Runs `f`, turning a panic into its message.
pub(crate) fn call<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let mark = Mark::set();
    let out = std::panic::catch_unwind(AssertUnwindSafe(f));
    drop(mark);
    out.map_err(|p| message(p.as_ref()))
}

/// Awaits `work`, turning a panic while it is polled into its message.
pub(crate) async fn object<T>(work: impl Future<Output = T>) -> Result<T, String> {
    let mut work = std::pin::pin!(work);
    let polled = std::future::poll_fn(|cx| {
        let _mark = Mark::set();
        work.as_mut().poll(cx)
    });
    futures::FutureExt::catch_unwind(AssertUnwindSafe(polled)).await.map_err(|p| message(p.as_ref()))
}

/// The message the hook recorded for a caught panic, else the payload's.
fn message(p: &(dyn std::any::Any + Send)) -> String {
    LAST.with(|last| last.borrow_mut().take()).unwrap_or_else(|| payload(p).to_owned())
}

fn payload(p: &(dyn std::any::Any + Send)) -> &str {
    p.downcast_ref::<&str>().copied().or_else(|| p.downcast_ref::<String>().map(String::as_str)).unwrap_or("a panic")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_messages() {
        install_hook();
        let e = call(|| -> u8 { panic!("Type NONE") }).unwrap_err();
        assert!(e.starts_with("Type NONE at src/isolate.rs:"), "{e}");
        assert_eq!(call(|| 7).unwrap(), 7);
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let e = rt.block_on(object(async { panic!("column start and length should not be negative") }));
        assert!(e.unwrap_err().contains("should not be negative"));
        assert!(!ISOLATED.with(Cell::get), "the mark is undone after a panic");
    }
}
