import { dynamoMeter } from '../../functions/src/adapters/dynamo';
import { act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Every request path reads by key or index: a whole case lifecycle runs without one Scan. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

it('runs login, verification, a case, the queues and follow-ups without a Scan, and meters capacity', async () => {
  dynamoMeter.reset();
  const citizen = await verifiedCitizen(stack);
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  await stack.api('GET', '/applications', undefined, citizen.token);
  const head = await officerToken(stack, 'xz_head');
  await stack.api('GET', '/officer/queue', undefined, head);
  await act(stack, head, submitted.id, 'accept');
  const inspector = await officerToken(stack, 'inspector');
  await stack.api('GET', '/officer/queue?scope=all', undefined, inspector);
  await stack.api('GET', '/officer/follow-ups', undefined, inspector);

  expect(Object.keys(dynamoMeter.calls).length).toBeGreaterThan(3);
  expect(Object.keys(dynamoMeter.calls).filter((name) => /Scan/.test(name))).toEqual([]);
  expect(dynamoMeter.writeUnits).toBeGreaterThan(0);
  expect(dynamoMeter.readUnits).toBeGreaterThan(0);
});
