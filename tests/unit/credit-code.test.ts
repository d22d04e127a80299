import { CreditCode, creditCodeCheckChar, findCreditCodeProblem } from '@minsheng/shared';

/** 统一社会信用代码 per GB 32100-2015. */
describe('unified social credit code', () => {
  it.each([['91350100M000100Y43'], ['91350102MA2XY8K3Q4']])('accepts %s', (code) => {
    expect(findCreditCodeProblem(code)).toBeUndefined();
  });

  it('computes the check character over the first 17 characters', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // A remainder of 0 gives check value 0, not 31.
    for (const base of ['00000000000000000', '11111111111111111']) {
      const check = creditCodeCheckChar(base);
      expect(check).toMatch(/^[0-9A-HJ-NPQRTUWXY]$/);
      expect(findCreditCodeProblem(`${base}${check}`)).toBeUndefined();
    }
  });

  it.each([
    ['91350100M000100Y44', 'CREDIT_CODE_CHECKSUM'],
    ['91350100M000100Y4', 'CREDIT_CODE_FORMAT'],
    ['91350100M000I00Y43', 'CREDIT_CODE_FORMAT'],
    ['91350100M000100Y43X', 'CREDIT_CODE_FORMAT'],
  ])('refuses %s with %s', (code, problem) => {
    expect(findCreditCodeProblem(code)).toBe(problem);
  });

  it('normalises case and spaces before checking, and names the problem in the schema error', () => {
    expect(CreditCode.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    const result = CreditCode.safeParse('91350100M000100Y44');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ params: { code: 'CREDIT_CODE_CHECKSUM' } });
  });
});
