import { CATALOGUE, DEPARTMENTS, formDataSchema, ServiceItem, searchCatalogue } from '@minsheng/shared';
import { knownAutoDecisionRules } from '../../functions/src/domain/auto-decision';

describe('the service-item catalogue', () => {
  it('has at least 300 items (Fujian publishes 308) covering every department', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(300);
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

  it.each(CATALOGUE.map((i) => [i.code, i] as const))('%s has a consistent form and materials', (_code, item) => {
    const sectionKeys = item.form.sections.map((s) => s.key);
    expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
    for (const section of item.form.sections) {
      const keys = section.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const field of section.fields.filter((f) => f.visibleWhen)) {
        const target = section.fields.find((f) => f.key === field.visibleWhen?.field);
        expect(target).toBeDefined();
        if (target?.options) expect(target.options.map((o) => o.value)).toContain(field.visibleWhen?.equals);
      }
    }
    const materialKeys = item.materials.map((m) => m.key);
    expect(new Set(materialKeys).size).toBe(materialKeys.length);
    for (const material of item.materials) {
      // Uploadable or satisfiable by an e-licence, never both: what the police hold is not asked for.
      expect(material.uploadable !== material.acceptedLicences.length > 0).toBe(true);
    }
    expect(item.deliveryMethods.length).toBeGreaterThan(0);
    expect(() => formDataSchema(item.form)).not.toThrow();
  });

  it('names only auto-decision rules that exist', () => {
    const rules = knownAutoDecisionRules();
    for (const item of CATALOGUE.filter((i) => i.autoDecisionRule)) expect(rules).toContain(item.autoDecisionRule);
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
