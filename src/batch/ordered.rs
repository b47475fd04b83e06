//! Work in parallel, results in order: a bounded reorder buffer between rayon's workers and one
//! consumer, so that memory stays flat however long the input is.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::mpsc;

/// Items per task: enough that handing tasks to the pool and waking the consumer costs little
/// beside the work, few enough that the cores stay evenly busy.
const CHUNK: usize = 32;

/// Runs `work` on every item on rayon's thread pool and hands the results to `sink` in the order
/// of the items. The items are drawn lazily on the calling thread, which also runs `sink`; at most
/// about `window` items are in flight or waiting for an earlier one, so memory is bounded by
/// `window`.
pub fn for_each_ordered<T, R, W, S>(
    items: impl IntoIterator<Item = T>,
    window: usize,
    work: W,
    mut sink: S,
) where
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    S: FnMut(R),
{
    let chunks_in_flight = (window / CHUNK).max(2);
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<Vec<R>>)>();
    let work = &work;
    // Chunks waiting for an earlier one: slot k holds chunk `next + k`.
    let mut waiting: VecDeque<Option<Vec<R>>> = VecDeque::with_capacity(chunks_in_flight);
    let mut next = 0usize;
    let mut sent = 0usize;
    let mut accept = |waiting: &mut VecDeque<Option<Vec<R>>>,
                      next: &mut usize,
                      (i, r): (usize, std::thread::Result<Vec<R>>)| {
        let r = match r {
            Ok(r) => r,
            Err(panic) => resume_unwind(panic),
        };
        let k = i - *next;
        if waiting.len() <= k {
            waiting.resize_with(k + 1, || None);
        }
        waiting[k] = Some(r);
        while let Some(Some(_)) = waiting.front() {
            if let Some(Some(rs)) = waiting.pop_front() {
                rs.into_iter().for_each(&mut sink);
            }
            *next += 1;
        }
    };
    let mut items = items.into_iter();
    rayon::in_place_scope(|scope| {
        loop {
            let chunk: Vec<T> = items.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            while sent - next >= chunks_in_flight {
                let got = rx.recv().expect("a sender is held here");
                accept(&mut waiting, &mut next, got);
            }
            let tx = tx.clone();
            let i = sent;
            scope.spawn(move |_| {
                let r = catch_unwind(AssertUnwindSafe(|| chunk.into_iter().map(work).collect()));
                let _ = tx.send((i, r));
            });
            sent += 1;
            while let Ok(got) = rx.try_recv() {
                accept(&mut waiting, &mut next, got);
            }
        }
        while next < sent {
            let got = rx.recv().expect("a sender is held here");
            accept(&mut waiting, &mut next, got);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        let mut out = Vec::new();
        for_each_ordered(
            0..2000u64,
            16,
            |i| {
                // Uneven work so that later items often finish first.
                let spin = (i * 7919) % 97;
                (0..spin * 100).fold(i, |a, b| a.wrapping_add(b)) - (0..spin * 100).sum::<u64>()
            },
            |r| out.push(r),
        );
        assert_eq!(out, (0..2000).collect::<Vec<_>>());
    }

    #[test]
    fn empty_input_is_fine() {
        let mut n = 0;
        for_each_ordered(std::iter::empty::<u8>(), 4, |x| x, |_| n += 1);
        assert_eq!(n, 0);
    }
}
