import { createServer } from 'node:net';
import { startDynamoDbLocal } from '../../dev/src/dynamodb-local';

/** One DynamoDB Local (in memory) for the whole run; each test file uses its own tables. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export default async function globalSetup(): Promise<void> {
  const db = await startDynamoDbLocal({ port: await freePort() });
  process.env.TEST_DYNAMODB_ENDPOINT = db.endpoint;
  (globalThis as { __dynamoDbLocal?: typeof db }).__dynamoDbLocal = db;
}
