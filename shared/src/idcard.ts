import type { ErrorCode } from './errors';

/**
 * Resident ID number checks per GB 11643-1999: 17 digits + ISO 7064 MOD 11-2 check
 * character, a real province-level region code and a real, past birth date.
 */

/** Province-level administrative division codes (GB/T 2260), first two digits. */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

export type IdNumberProblem = Extract<
  ErrorCode,
  'ID_NUMBER_FORMAT' | 'ID_NUMBER_REGION' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_CHECKSUM'
>;

/** Upper-cases a trailing x and strips spaces, the way people type it. */
export const normaliseIdNumber = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/**
 * Returns the first problem with an ID number, or null when it is valid.
 * `today` is injectable so tests are not date-dependent.
 */
export function findIdNumberProblem(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'ID_NUMBER_FORMAT';
  if (!PROVINCE_CODES[id.slice(0, 2)] || id.slice(2, 4) === '00') return 'ID_NUMBER_REGION';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const isRealDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!isRealDate || year < 1900 || birth.getTime() > today.getTime()) return 'ID_NUMBER_BIRTH_DATE';
  if (idNumberCheckChar(id) !== id[17]) return 'ID_NUMBER_CHECKSUM';
  return null;
}

/** Birth date (YYYY-MM-DD) of a valid ID number. */
export const birthDateOf = (id: string): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
