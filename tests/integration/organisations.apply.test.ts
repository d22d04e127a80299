import type { ApplicationView, OfficerCaseView, OrganisationView } from '@minsheng/shared';
import { creditCodeOf } from '../../dev/src/seed-organisations';
import { idNumberLookupHash } from '../../functions/src/crypto/personal-data';
import { getRegisteredOrganisation, putRegisteredOrganisation } from '../../functions/src/repositories/organisations';
import { officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { registeredOrganisation } from '../support/organisations';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Acting for an organisation: the register decides who is the legal representative, the legal
 * representative decides who else may act, and cases in the organisation's name carry its
 * register data — checked again on every use.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Orgs = { items: OrganisationView[] };
const bind = (token: string, creditCode: string) =>
  stack.api<OrganisationView & { code?: string }>('POST', '/organisations', { creditCode }, token);

async function legalRepWithOrganisation() {
  const rep = await verifiedCitizen(stack, '林建国');
  const creditCode = await registeredOrganisation({ name: '林建国', idNumber: rep.idNumber });
  return { rep, creditCode };
}

describe('binding an organisation', () => {
  it('recognises the legal representative from the register', async () => {
    const { rep, creditCode } = await legalRepWithOrganisation();
    const bound = await bind(rep.token, creditCode.toLowerCase());
    expect(bound).toMatchObject({
      status: 201,
      body: { creditCode, role: 'legal-representative', legalRepresentative: '林建国', agents: [] },
    });
    const mine = await stack.api<Orgs>('GET', '/organisations', undefined, rep.token);
    expect(mine.body.items.map((o) => o.creditCode)).toEqual([creditCode]);
  });

  it.each([
    [
      'a wrong check character',
      (code: string) => `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`,
      400,
      'CREDIT_CODE_CHECKSUM',
    ],
    ['letters outside the code set', () => '91350102MA2XY8KOIS', 400, 'CREDIT_CODE_FORMAT'],
    ['a valid code nobody registered', () => creditCodeOf('91350102YYYYYYYY0'), 404, 'ORGANISATION_NOT_FOUND'],
  ])('refuses %s', async (_label, code, status, errorCode) => {
    const { rep, creditCode } = await legalRepWithOrganisation();
    expect(await bind(rep.token, code(creditCode))).toMatchObject({ status, body: { code: errorCode } });
  });

  it('answers malformed codes in the path with 400, never 500', async () => {
    const { rep } = await legalRepWithOrganisation();
    for (const path of ['/organisations/%25', '/organisations/%E4%B8', `/organisations/${'9'.repeat(300)}`]) {
      const res = await stack.api('DELETE', path, undefined, rep.token);
      expect(res).toMatchObject({ status: 400, body: { code: 'CREDIT_CODE_FORMAT' } });
    }
  });

  it('refuses strangers, unverified users and cancelled organisations', async () => {
    const { creditCode } = await legalRepWithOrganisation();
    const stranger = await verifiedCitizen(stack);
    expect(await bind(stranger.token, creditCode)).toMatchObject({
      status: 403,
      body: { code: 'ORGANISATION_NOT_AUTHORISED' },
    });
    const { accessToken } = await stack.login(`o_org_${Date.now()}`);
    expect(await bind(accessToken, creditCode)).toMatchObject({ status: 403, body: { code: 'IDENTITY_REQUIRED' } });
    const rep = await verifiedCitizen(stack, '陈立');
    const closed = await registeredOrganisation({ name: '陈立', idNumber: rep.idNumber }, '已注销公司', 'cancelled');
    expect(await bind(rep.token, closed)).toMatchObject({ status: 409, body: { code: 'ORGANISATION_INACTIVE' } });
  });
});

describe('agents', () => {
  it('lets the legal representative authorise and revoke an agent, effective at once', async () => {
    const { rep, creditCode } = await legalRepWithOrganisation();
    await bind(rep.token, creditCode);
    const agent = await verifiedCitizen(stack, '黄小燕');

    const authorised = await stack.api<OrganisationView>(
      'POST',
      `/organisations/${creditCode}/agents`,
      { name: '黄小燕', idNumber: agent.idNumber },
      rep.token,
    );
    expect(authorised.status).toBe(201);
    expect(authorised.body.agents).toEqual([
      {
        id: expect.any(String),
        nameMasked: '黄**',
        idNumberMasked: expect.stringMatching(/^\d{3}\*+\w{4}$/),
        authorisedAt: expect.any(String),
        current: true,
      },
    ]);
    expect(JSON.stringify(authorised.body)).not.toContain(agent.idNumber);

    expect(await bind(agent.token, creditCode)).toMatchObject({ status: 201, body: { role: 'agent' } });
    const agentView = await stack.api<Orgs>('GET', '/organisations', undefined, agent.token);
    expect(agentView.body.items[0]).not.toHaveProperty('agents');
    const byAgent = await stack.api(
      'POST',
      `/organisations/${creditCode}/agents`,
      { name: '刘洋', idNumber: rep.idNumber },
      agent.token,
    );
    expect(byAgent).toMatchObject({ status: 403, body: { code: 'ORGANISATION_LEGAL_REP_ONLY' } });

    const draft = await stack.api<ApplicationView>(
      'POST',
      '/applications',
      { itemCode: 'XZ-002', organisationCreditCode: creditCode },
      agent.token,
    );
    expect(draft.status).toBe(201);

    const agentId = authorised.body.agents?.[0]?.id;
    const revoked = await stack.api<OrganisationView>(
      'DELETE',
      `/organisations/${creditCode}/agents/${agentId}`,
      undefined,
      rep.token,
    );
    expect(revoked).toMatchObject({ status: 200, body: { agents: [] } });
    expect((await stack.api<Orgs>('GET', '/organisations', undefined, agent.token)).body.items).toEqual([]);
    expect(
      await stack.api('POST', '/applications', { itemCode: 'XZ-002', organisationCreditCode: creditCode }, agent.token),
    ).toMatchObject({ status: 403, body: { code: 'ORGANISATION_NOT_AUTHORISED' } });
    // A draft started while authorised cannot be submitted once the authority is gone.
    const submit = await stack.api(
      'POST',
      `/applications/${draft.body.id}/submit`,
      { expectedVersion: draft.body.version },
      agent.token,
    );
    expect(submit).toMatchObject({ status: 403, body: { code: 'ORGANISATION_NOT_AUTHORISED' } });
    expect(
      await stack.api('DELETE', `/organisations/${creditCode}/agents/${agentId}`, undefined, rep.token),
    ).toMatchObject({
      status: 404,
      body: { code: 'AGENT_NOT_FOUND' },
    });
  });
});

describe('a change of legal representative', () => {
  it('ends the former representative’s authority and the agents they authorised', async () => {
    const { rep, creditCode } = await legalRepWithOrganisation();
    await bind(rep.token, creditCode);
    expect(
      await stack.api(
        'POST',
        `/organisations/${creditCode}/agents`,
        { name: '林建国', idNumber: rep.idNumber },
        rep.token,
      ),
    ).toMatchObject({ status: 400, body: { code: 'AGENT_IS_LEGAL_REP' } });
    const agent = await verifiedCitizen(stack, '郑秀英');
    await stack.api(
      'POST',
      `/organisations/${creditCode}/agents`,
      { name: '郑秀英', idNumber: agent.idNumber },
      rep.token,
    );
    expect((await bind(agent.token, creditCode)).status).toBe(201);

    // The register now names someone else.
    const successor = await verifiedCitizen(stack, '何志强');
    const entry = await getRegisteredOrganisation(creditCode);
    if (!entry) throw new Error('register entry missing');
    await putRegisteredOrganisation({
      ...entry,
      legalRepName: '何志强',
      legalRepIdHash: idNumberLookupHash(successor.idNumber),
    });

    expect((await stack.api<Orgs>('GET', '/organisations', undefined, rep.token)).body.items).toEqual([]);
    expect((await stack.api<Orgs>('GET', '/organisations', undefined, agent.token)).body.items).toEqual([]);
    expect(
      await stack.api('POST', '/applications', { itemCode: 'XZ-002', organisationCreditCode: creditCode }, agent.token),
    ).toMatchObject({ status: 403, body: { code: 'ORGANISATION_NOT_AUTHORISED' } });
    const theirs = await bind(successor.token, creditCode);
    expect(theirs.body).toMatchObject({ role: 'legal-representative' });
    expect(theirs.body.agents).toEqual([expect.objectContaining({ nameMasked: '郑**', current: false })]);
  });
});

describe('applying in an organisation’s name', () => {
  it('prefills and locks the register data, and the officer sees the business licence instead of a copy', async () => {
    const { rep, creditCode } = await legalRepWithOrganisation();
    await bind(rep.token, creditCode);
    const draft = await stack.api<ApplicationView>(
      'POST',
      '/applications',
      { itemCode: 'XZ-002', organisationCreditCode: creditCode },
      rep.token,
    );
    expect(draft.status).toBe(201);
    expect(draft.body.organisation).toEqual({ creditCode, name: '福州测试科技有限公司', role: 'legal-representative' });
    expect(draft.body.formData.applicant).toMatchObject({
      orgName: '福州测试科技有限公司',
      creditCode,
      legalRep: '林建国',
    });
    expect(draft.body.materials).toContainEqual({
      materialKey: 'businessLicence',
      kind: 'licence',
      licenceType: 'business-licence',
    });

    // The prefilled register data cannot be edited.
    const edited = await stack.api<ApplicationView>(
      'PUT',
      `/applications/${draft.body.id}`,
      {
        expectedVersion: draft.body.version,
        formData: {
          applicant: { orgName: '别的公司', creditCode: creditCodeOf('91350102YYYYYYYY0'), legalRep: '某人' },
        },
        materials: draft.body.materials,
      },
      rep.token,
    );
    expect(edited.body.formData.applicant).toMatchObject({ orgName: '福州测试科技有限公司', creditCode });

    const submitted = await submittedCase(stack, rep.token, 'XZ-002', { organisationCreditCode: creditCode });
    const officer = await officerToken(stack, 'xz_reception');
    const queue = await stack.api<{ items: { id: string; applicantNameMasked: string }[] }>(
      'GET',
      '/officer/queue',
      undefined,
      officer,
    );
    expect(queue.body.items.find((c) => c.id === submitted.id)?.applicantNameMasked).toBe(
      '福州测试科技有限公司（经办人 林**）',
    );
    const view = await stack.api<OfficerCaseView>('GET', `/officer/applications/${submitted.id}`, undefined, officer);
    expect(view.body.organisation).toMatchObject({ creditCode, legalRepresentative: '林建国', status: 'active' });
    expect(view.body.licences.find((l) => l.licenceType === 'business-licence')?.fields).toMatchObject({
      统一社会信用代码: creditCode,
      登记状态: '存续',
    });
  });

  it('keeps organisation-only and person-only items apart', async () => {
    const { rep, creditCode } = await legalRepWithOrganisation();
    await bind(rep.token, creditCode);
    expect(await stack.api('POST', '/applications', { itemCode: 'XZ-002' }, rep.token)).toMatchObject({
      status: 400,
      body: { code: 'ORGANISATION_REQUIRED' },
    });
    expect(
      await stack.api('POST', '/applications', { itemCode: 'XZ-001', organisationCreditCode: creditCode }, rep.token),
    ).toMatchObject({ status: 400, body: { code: 'ORGANISATION_NOT_ACCEPTED' } });
    const mixed = await stack.api<ApplicationView>(
      'POST',
      '/applications',
      { itemCode: 'XZ-006', organisationCreditCode: creditCode },
      rep.token,
    );
    expect(mixed.body.formData.applicant).toMatchObject({
      applicantKind: 'organisation',
      orgName: '福州测试科技有限公司',
    });
    const personal = await stack.api<ApplicationView>('POST', '/applications', { itemCode: 'XZ-006' }, rep.token);
    expect(personal.body.formData.applicant).toMatchObject({ applicantKind: 'person' });
  });

  it('refuses a citizen who has not bound the organisation, even knowing its code', async () => {
    const { creditCode } = await legalRepWithOrganisation();
    const other = await verifiedCitizen(stack);
    expect(
      await stack.api('POST', '/applications', { itemCode: 'XZ-002', organisationCreditCode: creditCode }, other.token),
    ).toMatchObject({ status: 403, body: { code: 'ORGANISATION_NOT_AUTHORISED' } });
  });
});
