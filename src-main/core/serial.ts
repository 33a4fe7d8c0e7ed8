/**
 * Runs async tasks one at a time, in the order they were queued.
 *
 * Vault and store operations interleave badly: an idle lock could close the
 * database between two awaits of a settings update, and parallel unlock
 * attempts would each be checked before the first failure set the throttle.
 * Queueing them removes both without locks scattered through the code.
 * A task must never queue another task and wait for it: that deadlocks.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T> | T): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T> | T): Promise<T> {
      const result = tail.then(task);
      // The next task waits for this one to settle, whether it succeeded or not.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
