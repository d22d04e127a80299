import { httpApi, json } from '../http/api';

/** Liveness probe; also the no-op baseline the benchmarks compare every route against. */
export const handler = httpApi({
  'GET /health': async () => json(200, { status: 'ok' }),
});
