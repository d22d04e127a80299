import { act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';
import { eventually } from '../support/traffic';

/** An application fee (居民身份证换领, ¥20) paid, then refunded in full when the case is refused. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type View = {
  status: string;
  fee?: { amountFen: number; paidAt?: string };
  feePayable: boolean;
  payment?: { outTradeNo: string; status: string };
  timeline: { action: string }[];
};
const pay = (outTradeNo: string) =>
  fetch(`${stack.wechatPay.url}/__standin/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ out_trade_no: outTradeNo }),
  });

it('pays the fee, records it on the case, and refunds it after a refusal', async () => {
  const citizen = await verifiedCitizen(stack, '退款人');
  const submitted = await submittedCase(stack, citizen.token, 'HZ-014');
  // The server answers whether the fee can be paid; the mini-app shows the button from this alone.
  expect(submitted).toMatchObject({ fee: { amountFen: 2000 }, feePayable: true });

  const order = await stack.api<{ outTradeNo: string; amountFen: number }>(
    'POST',
    `/applications/${submitted.id}/payment`,
    undefined,
    citizen.token,
  );
  expect(order).toMatchObject({ status: 201, body: { amountFen: 2000 } });
  await pay(order.body.outTradeNo);
  const paid = await eventually(
    async () => (await stack.api<View>('GET', `/applications/${submitted.id}`, undefined, citizen.token)).body,
    (v) => v.payment?.status === 'paid' && Boolean(v.fee?.paidAt),
  );
  expect(paid.payment?.status).toBe('paid');
  expect(paid.feePayable).toBe(false);
  expect(
    (await stack.api('POST', `/applications/${submitted.id}/payment`, undefined, citizen.token)).body,
  ).toMatchObject({ code: 'PAYMENT_ALREADY_MADE' });

  const reception = await officerToken(stack, 'hz_reception');
  const approver = await officerToken(stack, 'hz_approver');
  await act(stack, reception, submitted.id, 'accept');
  await act(stack, approver, submitted.id, 'start_review');
  const refused = await act(stack, approver, submitted.id, 'refuse', {
    reason: '照片不符合要求且拒绝重新采集',
    legalBasis: '《中华人民共和国居民身份证法》第八条',
  });
  expect(refused.status).toBe(200);

  const refunded = await eventually(
    async () => (await stack.api<View>('GET', `/applications/${submitted.id}`, undefined, citizen.token)).body,
    (v) => v.payment?.status === 'refunded',
    10_000,
  );
  expect(refunded.payment?.status).toBe('refunded');
  const inspector = await officerToken(stack, 'inspector');
  const trail = await stack.api<{ audit: { action: string }[]; auditChainValid: boolean }>(
    'GET',
    `/officer/applications/${submitted.id}`,
    undefined,
    inspector,
  );
  expect(trail.body.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['fee_paid', 'refuse']));
  expect(trail.body.auditChainValid).toBe(true);
});

it('refuses a fee for an item that charges none', async () => {
  const citizen = await verifiedCitizen(stack, '免费人');
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  expect(submitted).toMatchObject({ feePayable: false });
  const res = await stack.api('POST', `/applications/${submitted.id}/payment`, undefined, citizen.token);
  expect(res).toMatchObject({ status: 409, body: { code: 'FEE_NOT_REQUIRED' } });
});
