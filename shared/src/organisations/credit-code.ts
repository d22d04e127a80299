/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set without I, O, S, V
 * and Z; the last is a check character over the first 17 (weights 3^i mod 31).
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const normaliseCreditCode = (code: string): string => code.replace(/\s+/g, '').toUpperCase();

/** The check character for the first 17 characters, or undefined if one is outside the set. */
export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (const [i, ch] of Array.from(first17).entries()) {
    const value = CHARSET.indexOf(ch);
    if (value < 0) return undefined;
    sum += value * (WEIGHTS[i] as number);
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'CREDIT_CODE_FORMAT' | 'CREDIT_CODE_CHECKSUM';

export function findCreditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'CREDIT_CODE_FORMAT';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? undefined : 'CREDIT_CODE_CHECKSUM';
}
