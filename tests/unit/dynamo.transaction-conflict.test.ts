import { isTransactionConflict, retryOnTransactionConflict } from '../../functions/src/adapters/dynamo-errors';
import { errorResponse } from '../../functions/src/http/api';

/**
 * DynamoDB cancels a transaction that collides with a concurrent one (TransactionConflict) —
 * DynamoDB Local serialises transactions, so this is checked here with the service's error shape.
 */
const cancelled = (...codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const noSleep = async () => undefined;

describe('transaction conflicts', () => {
  it('tells a conflict from a failed condition', () => {
    expect(isTransactionConflict(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isTransactionConflict(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isTransactionConflict(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(isTransactionConflict(new Error('network'))).toBe(false);
  });

  it('retries a conflicting transaction until it goes through', async () => {
    let calls = 0;
    const result = await retryOnTransactionConflict(
      async () => {
        calls++;
        if (calls < 3) throw cancelled('TransactionConflict', 'None');
        return 'written';
      },
      4,
      noSleep,
    );
    expect([result, calls]).toEqual(['written', 3]);
  });

  it('does not retry failed conditions, and gives up on endless conflicts', async () => {
    let calls = 0;
    const condition = cancelled('ConditionalCheckFailed');
    await expect(
      retryOnTransactionConflict(
        async () => {
          calls++;
          throw condition;
        },
        4,
        noSleep,
      ),
    ).rejects.toBe(condition);
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryOnTransactionConflict(
        async () => {
          calls++;
          throw cancelled('TransactionConflict');
        },
        4,
        noSleep,
      ),
    ).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(calls).toBe(4);
  });

  it('answers a conflict that outlasted the retries with 409 BUSY, not 500', () => {
    const res = errorResponse(cancelled('TransactionConflict'), 'c-1');
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(String(res.body))).toMatchObject({ code: 'BUSY', message: expect.stringContaining('稍后') });
  });
});
