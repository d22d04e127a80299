/**
 * A Lambda handler for the gateway's timeout test: `/slow` outlives any test timeout (its timer
 * does not hold the process open), `/fast` answers at once.
 */
export async function handler(event: { rawPath: string }): Promise<{ statusCode: number; body: string }> {
  if (event.rawPath === '/slow') await new Promise((resolve) => setTimeout(resolve, 60_000).unref());
  return { statusCode: 200, body: JSON.stringify({ path: event.rawPath }) };
}
