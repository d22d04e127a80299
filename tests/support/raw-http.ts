import { connect } from 'node:net';

/**
 * Sends one request exactly as written (fetch and http.request normalise or refuse targets
 * such as `/%` or `//[`) and resolves with the status code and body of the answer.
 */
export function rawRequest(baseUrl: string, head: string, body = ''): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${head}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n${body}`);
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(received.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
      const headEnd = received.indexOf('\r\n\r\n');
      const payload = received.slice(headEnd + 4);
      const chunked = /^transfer-encoding: *chunked/im.test(received.slice(0, headEnd));
      resolve({ status, body: chunked ? unchunk(payload) : payload });
    });
  });
}

/** The body of a chunked answer (sizes are in bytes; the answers read here are ASCII or short). */
function unchunk(payload: string): string {
  const bytes = Buffer.from(payload, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    const size = Number.parseInt(bytes.subarray(at, lineEnd).toString('ascii'), 16);
    if (!size) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts).toString('utf8');
}
