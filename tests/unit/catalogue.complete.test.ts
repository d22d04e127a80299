import { CATALOGUE, DEPARTMENTS, ServiceItem, searchCatalogue } from '@minsheng/shared';

describe('the service-item catalogue', () => {
  it('has at least 40 items covering every department', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(40);
    for (const department of DEPARTMENTS) {
      expect(CATALOGUE.filter((i) => i.department === department.code).length).toBeGreaterThan(0);
    }
  });

  it('has unique codes and unique names', () => {
    expect(new Set(CATALOGUE.map((i) => i.code)).size).toBe(CATALOGUE.length);
    expect(new Set(CATALOGUE.map((i) => i.name)).size).toBe(CATALOGUE.length);
  });

  it.each(CATALOGUE.map((i) => [i.code, i] as const))('%s is a complete standard guide', (_code, item) => {
    expect(ServiceItem.safeParse(item).success).toBe(true);
    expect(Number.isInteger(item.feeFen)).toBe(true);
    expect(item.promisedDays).toBeLessThanOrEqual(item.statutoryDays);
    expect(item.code.slice(0, 2)).toBe(
      {
        household: 'HZ',
        'exit-entry': 'CR',
        traffic: 'JG',
        'public-order': 'ZA',
        narcotics: 'JD',
        fire: 'XF',
        criminal: 'XZ',
        cyber: 'WA',
        'tech-defence': 'JF',
      }[item.department],
    );
  });

  it('offers both personal and company items', () => {
    expect(CATALOGUE.some((i) => i.applicantTypes.includes('person'))).toBe(true);
    expect(CATALOGUE.some((i) => i.applicantTypes.includes('organisation'))).toBe(true);
  });

  it('never offers class 1 or 2 precursor-chemical purchases to individuals', () => {
    const purchases = CATALOGUE.filter((i) => i.department === 'narcotics' && i.name.includes('购买'));
    expect(purchases.length).toBeGreaterThan(0);
    for (const item of purchases) expect(item.applicantTypes).toEqual(['organisation']);
  });

  it('searches names and keywords', () => {
    expect(searchCatalogue({ q: '护照' }).length).toBeGreaterThan(0);
    expect(searchCatalogue({ q: '不存在的事项' })).toEqual([]);
    expect(searchCatalogue({ department: 'criminal' }).every((i) => i.department === 'criminal')).toBe(true);
  });
});
