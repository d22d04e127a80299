import { performance } from 'node:perf_hooks';

/** Closed-loop load: `concurrency` workers each send requests back to back until `total` are done. */
export interface LoadResult {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  throughput: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

export async function runLoad(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
  expectStatus = 200,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const res = await send(i);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (res.status !== expectStatus) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: total,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    throughput: total / elapsed,
  };
}
