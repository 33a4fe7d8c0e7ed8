/**
 * The figures every benchmark prints are medians: the machines are shared
 * and noisy, and a median of repeated runs shrugs off the runs a neighbour
 * happened to slow down.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one synchronous run, in ms. */
export function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Wall time of one run that may return a promise, in ms. */
export async function timeAsync(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
