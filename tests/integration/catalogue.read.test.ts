import { CATALOGUE } from '@minsheng/shared';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('GET /catalogue', () => {
  it('lists every item with the departments, without login', async () => {
    const res = await stack.api<{ departments: { code: string }[]; items: { code: string }[] }>('GET', '/catalogue');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(CATALOGUE.length);
    expect(res.body.departments.map((d) => d.code)).toContain('exit-entry');
  });

  it('filters by department, applicant type and search words', async () => {
    const byDept = await stack.api<{ items: { department: string }[] }>('GET', '/catalogue?department=traffic');
    expect(byDept.body.items.length).toBeGreaterThan(0);
    expect(byDept.body.items.every((i) => i.department === 'traffic')).toBe(true);

    const search = await stack.api<{ items: { name: string }[] }>(
      'GET',
      `/catalogue?q=${encodeURIComponent('无犯罪')}`,
    );
    expect(search.body.items.map((i) => i.name)).toContain('无犯罪记录证明');

    const companies = await stack.api<{ items: { applicantTypes: string[] }[] }>(
      'GET',
      '/catalogue?applicantType=organisation',
    );
    expect(companies.body.items.every((i) => i.applicantTypes.includes('organisation'))).toBe(true);
  });

  it('answers 400 for an unknown department', async () => {
    const res = await stack.api('GET', '/catalogue?department=weather');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('GET /catalogue/{code}', () => {
  it('returns the full standard guide of an item', async () => {
    const item = CATALOGUE.find((i) => i.department === 'criminal') as (typeof CATALOGUE)[number];
    const res = await stack.api('GET', `/catalogue/${item.code}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(item)));
  });

  it('answers 404 SERVICE_ITEM_NOT_FOUND for an unknown code', async () => {
    const res = await stack.api('GET', '/catalogue/ZZ-999');
    expect(res).toMatchObject({ status: 404, body: { code: 'SERVICE_ITEM_NOT_FOUND' } });
  });
});
