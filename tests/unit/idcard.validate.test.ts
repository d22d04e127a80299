import {
  findIdNumberProblem,
  IdNumber,
  idNumberCheckChar,
  normaliseIdNumber,
  StartVerificationRequest,
} from '@minsheng/shared';

const TODAY = new Date('2026-11-23T00:00:00Z');
const valid = (first17: string) => first17 + idNumberCheckChar(first17);

describe('GB 11643 ID number checks', () => {
  it('accepts a valid number, including an X check character typed in lower case', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(findIdNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(findIdNumberProblem(' 11010519491231002x ', TODAY)).toBeNull();
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it.each([
    ['17 digits', '11010519900307421', 'ID_NUMBER_FORMAT'],
    ['a letter inside', '1101051990030A4210', 'ID_NUMBER_FORMAT'],
    ['province 99', valid('99010519900307421'), 'ID_NUMBER_REGION'],
    ['city 00', valid('11000019900307421'), 'ID_NUMBER_REGION'],
    ['30 February', valid('11010519900230421'), 'ID_NUMBER_BIRTH_DATE'],
    ['a future birth date', valid('11010520300101421'), 'ID_NUMBER_BIRTH_DATE'],
    ['before 1900', valid('11010518991231421'), 'ID_NUMBER_BIRTH_DATE'],
    ['a wrong check character', '110105199003074211', 'ID_NUMBER_CHECKSUM'],
  ])('rejects %s', (_label, id, problem) => {
    expect(findIdNumberProblem(id, TODAY)).toBe(problem);
  });

  it('names the failing check in the schema issue so the API can return its code', () => {
    const result = IdNumber.safeParse('110105199003074211');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      params: { code: 'ID_NUMBER_CHECKSUM' },
      message: expect.stringContaining('校验位'),
    });
  });

  it('validates the whole start request in Chinese', () => {
    const result = StartVerificationRequest.safeParse({ name: 'A', idNumber: valid('11010519900307421') });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining('姓名'), expect.stringContaining('同意')]),
    );
  });
});
