import { type ApplicationSummary, type ApplicationView, maskIdNumber, type OrganisationView } from '@minsheng/shared';
import type { Browser, Page } from 'playwright-core';
import { byTestId, launchChromium, visiblePage } from '../support/browser';
import { verifiedCitizen } from '../support/cases';
import { registeredOrganisation } from '../support/organisations';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Acting for an organisation (法人办事) in the h5 mini-program: a verified citizen whom the
 * market-regulation register names as legal representative opens 个人中心 → 我的单位, types the
 * 统一社会信用代码 with a wrong check character and is told so before anything is sent, binds the
 * organisation with the right code (法定代表人), authorises a second verified citizen as 经办人
 * and sees them listed masked; then applies for 犯罪记录查询（单位申请）(organisation-only) from
 * its guide, choosing the organisation, and finds the draft in its name with the register data
 * prefilled and read-only — which the API confirms.
 */
const REP_NAME = '郑国华';
const AGENT_NAME = '黄小燕';
const ORG_NAME = '福州闽江贸易有限公司';
const ITEM_NAME = '犯罪记录查询（单位申请）';

let stack: TestStack;
let browser: Browser;
let citizen: Page;
let token = '';
let creditCode = '';
let agentIdNumber = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
  citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
  citizen.on('pageerror', (e) => pageErrors.push(e.message));

  const rep = await verifiedCitizen(stack, REP_NAME);
  creditCode = await registeredOrganisation({ name: REP_NAME, idNumber: rep.idNumber }, ORG_NAME);
  agentIdNumber = (await verifiedCitizen(stack, AGENT_NAME)).idNumber;

  // A fresh session for the browser (the helper keeps only the access token).
  const session = await stack.login(rep.openid);
  token = session.accessToken;
  await citizen.goto(`${stack.appUrl}/#/pages/index/index`);
  await citizen.evaluate(
    (data) => {
      localStorage.setItem('minsheng.session', JSON.stringify({ data }));
    },
    {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      accessTokenExpiresAt: Date.now() + 3_600_000,
      verified: session.verified,
    },
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const app = (id: string) => byTestId(visiblePage(citizen), id);
const appInput = (id: string) => visiblePage(citizen).locator(`[data-testid="${id}"] input`);

async function myOrganisations(): Promise<OrganisationView[]> {
  const res = await stack.api<{ items: OrganisationView[] }>('GET', '/organisations', undefined, token);
  expect(res.status).toBe(200);
  return res.body.items;
}

it('binds the organisation from 我的单位 after the 统一社会信用代码 check', async () => {
  await citizen.goto(`${stack.appUrl}/#/pages/me/index`);
  await citizen.reload();
  await app('me-organisations').click();
  await app('org-empty').waitFor();
  await expect(app('org-page').getAttribute('data-state')).resolves.toBe('loaded');

  // One wrong character at the end: the GB 32100 check catches it on the device.
  const wrong = `${creditCode.slice(0, 17)}${creditCode[17] === '0' ? '1' : '0'}`;
  await appInput('org-bind-code').fill(wrong);
  await app('org-bind-submit').click();
  const error = app('org-bind-error');
  await expect(error.innerText()).resolves.toContain('统一社会信用代码校验位不正确');
  await expect(error.locator('[data-code]').getAttribute('data-code')).resolves.toBe('CREDIT_CODE_CHECKSUM');
  expect(await myOrganisations()).toEqual([]);

  // Typed in lower case, as people do: normalised before it is checked and sent.
  await appInput('org-bind-code').fill(creditCode.toLowerCase());
  await app('org-bind-submit').click();
  await expect(app('org-bind-success').innerText()).resolves.toContain(ORG_NAME);
  await expect(app('org-bind-error').count()).resolves.toBe(0);

  const card = `org-card-${creditCode}`;
  await expect(app(card).getAttribute('data-role')).resolves.toBe('legal-representative');
  await expect(app(`${card}-name`).innerText()).resolves.toBe(ORG_NAME);
  await expect(app(`${card}-code`).innerText()).resolves.toBe(creditCode);
  await expect(app(`${card}-role`).innerText()).resolves.toBe('法定代表人');
  await expect(app(`${card}-legal-rep`).innerText()).resolves.toBe(REP_NAME);
  await expect(app(`${card}-valid-until`).innerText()).resolves.toBe('长期');
  await expect(app('org-list').getAttribute('data-count')).resolves.toBe('1');
  await expect(app(`org-agents-${creditCode}`).getAttribute('data-count')).resolves.toBe('0');

  expect(await myOrganisations()).toEqual([
    expect.objectContaining({ creditCode, name: ORG_NAME, role: 'legal-representative', agents: [] }),
  ]);
  expect(pageErrors).toEqual([]);
}, 60_000);

it('authorises a 经办人 and lists them masked', async () => {
  await appInput(`org-agent-name-${creditCode}`).fill(AGENT_NAME);
  // A digit off: the shared GB 11643 rules refuse it before anything is sent.
  const mistyped = `${agentIdNumber.slice(0, 16)}${agentIdNumber[16] === '1' ? '2' : '1'}${agentIdNumber[17]}`;
  await appInput(`org-agent-id-number-${creditCode}`).fill(mistyped);
  await app(`org-agent-submit-${creditCode}`).click();
  await expect(app(`org-agent-error-${creditCode}`).locator('[data-field="idNumber"]').innerText()).resolves.toContain(
    '身份证号码校验位不正确',
  );
  expect((await myOrganisations())[0]?.agents).toEqual([]);

  await appInput(`org-agent-id-number-${creditCode}`).fill(agentIdNumber);
  await app(`org-agent-submit-${creditCode}`).click();
  await app(`org-agent-authorised-${creditCode}`).waitFor();
  await visiblePage(citizen).locator(`[data-testid="org-agents-${creditCode}"][data-count="1"]`).waitFor();

  const [organisation] = await myOrganisations();
  const agent = organisation?.agents?.[0];
  if (!agent) throw new Error('the agent was not authorised');
  expect(agent).toMatchObject({ nameMasked: '黄**', idNumberMasked: maskIdNumber(agentIdNumber) });
  const row = `org-agent-${creditCode}-${agent.id}`;
  await expect(app(`${row}-name`).innerText()).resolves.toBe('黄**');
  await expect(app(`${row}-id-number`).innerText()).resolves.toContain(maskIdNumber(agentIdNumber));
  await expect(app(`org-agent-revoke-${creditCode}-${agent.id}`).innerText()).resolves.toBe('取消授权');
  // Neither the full ID number nor the full name stays on screen once sent.
  const shown = await app('org-page').innerText();
  expect(shown).not.toContain(agentIdNumber);
  expect(shown).not.toContain(AGENT_NAME);
  await expect(appInput(`org-agent-id-number-${creditCode}`).inputValue()).resolves.toBe('');
  expect(pageErrors).toEqual([]);
}, 60_000);

it('applies for an organisation-only item in the organisation’s name, prefilled and locked', async () => {
  await citizen.goto(`${stack.appUrl}/#/pages/item/index?code=XZ-002`);
  await citizen.reload();
  await expect(app('item-name').innerText()).resolves.toBe(ITEM_NAME);
  await app('item-apply').click();

  await expect(app('item-applicant-choice').getAttribute('data-count')).resolves.toBe('1');
  await expect(app('item-apply-as-person').count()).resolves.toBe(0);
  const choice = app(`item-apply-as-org-${creditCode}`);
  await expect(choice.innerText()).resolves.toContain(ORG_NAME);
  await choice.click();

  await app('apply-page').waitFor();
  await expect(app('apply-item-name').innerText()).resolves.toBe(ITEM_NAME);
  await expect(app('apply-organisation').getAttribute('data-credit-code')).resolves.toBe(creditCode);
  await expect(app('apply-organisation-name').innerText()).resolves.toBe(ORG_NAME);
  await expect(app('apply-organisation-code').innerText()).resolves.toContain(creditCode);

  const prefilled: [string, string][] = [
    ['applicant.orgName', ORG_NAME],
    ['applicant.creditCode', creditCode],
    ['applicant.legalRep', REP_NAME],
  ];
  for (const [path, value] of prefilled) {
    await expect(app(`field-${path}`).getAttribute('data-readonly')).resolves.toBe('true');
    await expect(app(`value-${path}`).innerText()).resolves.toBe(value);
    await expect(visiblePage(citizen).locator(`[data-testid="field-${path}"] input`).count()).resolves.toBe(0);
  }
  await expect(app('field-applicant.orgName').innerText()).resolves.toContain('单位名称');
  await expect(app('field-applicant.creditCode').innerText()).resolves.toContain('统一社会信用代码');
  await expect(app('field-applicant.legalRep').innerText()).resolves.toContain('法定代表人');
  // The rest is the citizen's to fill; the business licence comes from the register.
  await expect(appInput('field-applicant.contactName').count()).resolves.toBe(1);
  await expect(app('material-businessLicence').getAttribute('data-state')).resolves.toBe('licence');

  const drafts = await stack.api<{ items: ApplicationSummary[] }>('GET', '/applications', undefined, token);
  const draft = drafts.body.items.find((a) => a.itemCode === 'XZ-002' && a.status === 'draft');
  if (!draft) throw new Error('no XZ-002 draft');
  expect(new URL(citizen.url()).hash).toContain(`id=${draft.id}`);
  const view = await stack.api<ApplicationView>('GET', `/applications/${draft.id}`, undefined, token);
  expect(view.status).toBe(200);
  expect(view.body.organisation).toEqual({ creditCode, name: ORG_NAME, role: 'legal-representative' });
  expect(view.body.formData.applicant).toMatchObject({ orgName: ORG_NAME, creditCode, legalRep: REP_NAME });
  expect(pageErrors).toEqual([]);
}, 60_000);
