import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { findServiceItem } from '@minsheng/shared';
import { localClient } from '../../dev/src/dynamodb-local';
import { act, type Json, officerToken, submittedCase, uploadMaterial, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** The criminal-record certificate, end to end through the API: supplement, approval, delivery, rating, follow-up. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type CaseView = Json & {
  id: string;
  status: string;
  version: number;
  dueDate?: string;
  pausedWorkingDaysLeft?: number;
  timeline: Json[];
  allowedActions: string[];
};

it('walks a case from draft to a closed bad-review follow-up, with a valid audit chain', async () => {
  const citizen = await verifiedCitizen(stack);
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  expect(submitted).toMatchObject({ status: 'submitted', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

  const reception = await officerToken(stack, 'xz_reception');
  const queue = await stack.api<{ items: Json[] }>('GET', '/officer/queue', undefined, reception);
  expect(queue.body.items.map((i) => i.id)).toContain(submitted.id);

  const opened = await stack.api<CaseView & { applicant: Json; licences: Json[] }>(
    'GET',
    `/officer/applications/${submitted.id}`,
    undefined,
    reception,
  );
  expect(opened.status).toBe(200);
  expect(opened.body.applicant).toMatchObject({ nameMasked: '刘*' });
  expect(opened.body.licences[0]).toMatchObject({ licenceType: 'resident-id-card' });
  expect(opened.body.allowedActions.sort()).toEqual(['accept', 'not_accept', 'request_supplement']);

  const supplement = await act(stack, reception, submitted.id, 'request_supplement', {
    missingMaterials: ['近期免冠照片', '用途说明'],
    reason: '请一次性补齐',
  });
  expect(supplement.body).toMatchObject({
    status: 'supplement_requested',
    supplement: { missingMaterials: ['近期免冠照片', '用途说明'] },
  });

  const paused = await stack.api<CaseView>('GET', `/applications/${submitted.id}`, undefined, citizen.token);
  expect(paused.body.dueDate).toBeUndefined();
  expect(paused.body.pausedWorkingDaysLeft).toEqual(expect.any(Number));
  expect(paused.body.allowedActions.sort()).toEqual(['supply', 'withdraw']);

  const uploadable = findServiceItem('XZ-001')?.materials.find((m) => m.uploadable);
  const ref = await uploadMaterial(stack, citizen.token, submitted.id, uploadable?.key as string, '补正材料.pdf');
  const supplied = await stack.api<CaseView>(
    'POST',
    `/applications/${submitted.id}/supplement`,
    { expectedVersion: paused.body.version, materials: [ref], note: '已补齐' },
    citizen.token,
  );
  expect(supplied.status).toBe(200);
  expect(supplied.body).toMatchObject({ status: 'submitted', dueDate: expect.any(String) });

  expect((await act(stack, reception, submitted.id, 'accept')).body).toMatchObject({ status: 'accepted' });
  const approver = await officerToken(stack, 'xz_approver');
  expect((await act(stack, approver, submitted.id, 'start_review')).body).toMatchObject({ status: 'under_review' });
  expect((await act(stack, approver, submitted.id, 'approve', { reason: '经查询未发现犯罪记录' })).body).toMatchObject({
    status: 'approved',
  });
  expect((await act(stack, reception, submitted.id, 'deliver', { deliveryMethod: 'electronic' })).body).toMatchObject({
    status: 'completed',
  });

  const done = await stack.api<CaseView>('GET', `/applications/${submitted.id}`, undefined, citizen.token);
  expect(done.body.timeline.map((t) => t.action)).toEqual([
    'create',
    'submit',
    'request_supplement',
    'supply',
    'accept',
    'start_review',
    'approve',
    'deliver',
  ]);
  expect(JSON.stringify(done.body.timeline)).not.toContain('李警官');

  const rated = await stack.api<CaseView>(
    'POST',
    `/applications/${submitted.id}/rating`,
    { score: 1, comment: '等待时间太长' },
    citizen.token,
  );
  expect(rated.body).toMatchObject({ rating: { score: 1 } });
  expect(
    (await stack.api('POST', `/applications/${submitted.id}/rating`, { score: 5 }, citizen.token)).body,
  ).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });

  const head = await officerToken(stack, 'xz_head');
  const followUps = await stack.api<{ items: Json[] }>('GET', '/officer/follow-ups', undefined, head);
  const followUp = followUps.body.items.find((f) => f.applicationId === submitted.id) as Json;
  expect(followUp).toMatchObject({ status: 'open', score: 1 });
  expect(
    (
      await stack.api(
        'POST',
        `/officer/follow-ups/${followUp.id}/close`,
        { resolution: '已回访申请人并优化查询流程' },
        reception,
      )
    ).status,
  ).toBe(403);
  const closed = await stack.api(
    'POST',
    `/officer/follow-ups/${followUp.id}/close`,
    { resolution: '已回访申请人并优化查询流程' },
    head,
  );
  expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'xz_head' });
  const again = await stack.api(
    'POST',
    `/officer/follow-ups/${followUp.id}/close`,
    { resolution: '再次回访申请人并确认查询流程已优化' },
    head,
  );
  expect(again).toMatchObject({
    status: 409,
    body: { code: 'FOLLOW_UP_CLOSED', message: expect.stringContaining('当前状态：已办结') },
  });

  const inspector = await officerToken(stack, 'inspector');
  const trail = await stack.api<CaseView & { audit: Json[]; auditChainValid: boolean }>(
    'GET',
    `/officer/applications/${submitted.id}`,
    undefined,
    inspector,
  );
  expect(trail.body.auditChainValid).toBe(true);
  const actions = trail.body.audit.map((a) => a.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'create',
      'save_draft',
      'submit',
      'view',
      'request_supplement',
      'supply',
      'accept',
      'approve',
      'deliver',
      'rate',
    ]),
  );
  expect(trail.body.audit.filter((a) => a.action === 'view').length).toBeGreaterThanOrEqual(5);
}, 60_000);

it('detects a tampered audit record', async () => {
  const citizen = await verifiedCitizen(stack, '孙丽');
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const reception = await officerToken(stack, 'xz_reception');
  await act(stack, reception, submitted.id, 'accept');
  const db = DynamoDBDocumentClient.from(localClient(process.env.TEST_DYNAMODB_ENDPOINT as string));
  await db.send(
    new UpdateCommand({
      TableName: stack.tableName,
      Key: { PK: `APP#${submitted.id}`, SK: 'AUDIT#00000001' },
      UpdateExpression: 'SET actorId = :someone',
      ExpressionAttributeValues: { ':someone': 'someone-else' },
    }),
  );
  db.destroy();
  const view = await stack.api<{ auditChainValid: boolean }>(
    'GET',
    `/officer/applications/${submitted.id}`,
    undefined,
    reception,
  );
  expect(view.body.auditChainValid).toBe(false);
});
