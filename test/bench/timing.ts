// Timing helpers shared by the benches: median of several runs after one warm-up.

export function time<T>(fn: () => T, runs: number): { ms: number; out: T } {
  let out = fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { ms: t[Math.floor(t.length / 2)], out };
}

export async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

export const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
