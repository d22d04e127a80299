import { act, officerToken, submittedCase, uploadMaterial, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** IDOR attempts: citizens across citizens, officers across departments and posts. */
let stack: TestStack;
let owner: { token: string };
let other: { token: string };
let caseId: string;
beforeAll(async () => {
  stack = await startTestStack();
  owner = await verifiedCitizen(stack, '马力');
  other = await verifiedCitizen(stack, '牛犇');
  caseId = (await submittedCase(stack, owner.token, 'XZ-001')).id;
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe("another citizen's case does not exist for a citizen", () => {
  it.each([
    ['GET', ''],
    ['PUT', ''],
    ['POST', '/submit'],
    ['POST', '/withdraw'],
    ['POST', '/supplement'],
    ['POST', '/rating'],
  ])('%s /applications/{id}%s → 404', async (method, suffix) => {
    const body =
      method === 'GET'
        ? undefined
        : {
            expectedVersion: 1,
            formData: {},
            materials: [{ materialKey: 'idCard', kind: 'licence', licenceType: 'resident-id-card' }],
            score: 5,
          };
    const res = await stack.api(method, `/applications/${caseId}${suffix}`, body, other.token);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
  });

  it('cannot upload into it', async () => {
    await expect(uploadMaterial(stack, other.token, caseId, 'authorisation')).rejects.toThrow(/APPLICATION_NOT_FOUND/);
  });

  it("does not list it among the other citizen's cases", async () => {
    const list = await stack.api<{ items: { id: string }[] }>('GET', '/applications', undefined, other.token);
    expect(list.body.items.map((i) => i.id)).not.toContain(caseId);
  });
});

describe('officers', () => {
  it("cannot open another department's case (404) or see it in their queue", async () => {
    const household = await officerToken(stack, 'hz_reception');
    expect((await stack.api('GET', `/officer/applications/${caseId}`, undefined, household)).status).toBe(404);
    const decide = await stack.api(
      'POST',
      `/officer/applications/${caseId}/actions`,
      { action: 'accept', expectedVersion: 2 },
      household,
    );
    expect(decide.status).toBe(404);
    const queue = await stack.api<{ items: { id: string }[] }>('GET', '/officer/queue', undefined, household);
    expect(queue.body.items.map((i) => i.id)).not.toContain(caseId);
    expect((await stack.api('GET', '/officer/queue?scope=all', undefined, household)).status).toBe(403);
  });

  it('may take only the actions of their post', async () => {
    const approver = await officerToken(stack, 'xz_approver');
    const res = await act(stack, approver, caseId, 'accept');
    expect(res).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
  });

  it('inspectors read every department but decide nothing', async () => {
    const inspector = await officerToken(stack, 'inspector');
    const queue = await stack.api<{ items: { id: string; department: string }[] }>(
      'GET',
      '/officer/queue?scope=all',
      undefined,
      inspector,
    );
    expect(queue.body.items.map((i) => i.id)).toContain(caseId);
    const view = await stack.api<{ allowedActions: string[] }>(
      'GET',
      `/officer/applications/${caseId}`,
      undefined,
      inspector,
    );
    expect(view.body.allowedActions).toEqual([]);
    expect((await act(stack, inspector, caseId, 'accept')).status).toBe(403);
  });

  it('never see drafts', async () => {
    const draft = await stack.api<{ id: string }>('POST', '/applications', { itemCode: 'XZ-001' }, owner.token);
    const reception = await officerToken(stack, 'xz_reception');
    expect((await stack.api('GET', `/officer/applications/${draft.body.id}`, undefined, reception)).status).toBe(404);
  });
});

describe('tokens are not interchangeable', () => {
  it('a citizen token cannot call officer routes, nor an officer token citizen routes', async () => {
    expect((await stack.api('GET', '/officer/queue', undefined, owner.token)).status).toBe(401);
    const reception = await officerToken(stack, 'xz_reception');
    expect((await stack.api('GET', '/applications', undefined, reception)).status).toBe(401);
  });
});
