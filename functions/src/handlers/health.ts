import { httpApi, json } from '../http/api';

/**
 * Liveness probe; also the no-op baseline the benchmarks compare every route against. It also
 * serves the catch-all route ($default), which httpApi answers ROUTE_NOT_FOUND.
 */
export const handler = httpApi({
  'GET /health': async () => json(200, { status: 'ok' }),
});
