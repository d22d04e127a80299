import type { DepartmentCode } from '../catalogue/departments';

/**
 * Human case numbers (办件编号), e.g. `HZ20261208-0001`: the department's prefix, the China
 * date of submission and that department's sequence of the day. Issued at submission (a draft
 * has none and shows 草稿), unique by construction (see functions/src/domain/case-numbers).
 */
export const CASE_NUMBER_PREFIX = {
  household: 'HZ',
  'exit-entry': 'CR',
  traffic: 'JG',
  'public-order': 'ZA',
  narcotics: 'JD',
  fire: 'XF',
  criminal: 'XZ',
  cyber: 'WA',
  'tech-defence': 'JF',
} as const satisfies Record<DepartmentCode, string>;

/** What a draft shows where a submitted case shows its number. */
export const DRAFT_CASE_NUMBER_LABEL = '草稿';

/** Four digits at least; a department with more than 9,999 submissions a day just grows a digit. */
const SEQUENCE_DIGITS = 4;

export const CASE_NUMBER_PATTERN = /^[A-Z]{2}\d{8}-\d{4,6}$/;

/** `('household', '2026-12-08', 1)` → `HZ20261208-0001`. */
export function formatCaseNumber(department: DepartmentCode, chinaDate: string, sequence: number): string {
  return `${CASE_NUMBER_PREFIX[department]}${chinaDate.replaceAll('-', '')}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** What a screen shows as the case's number: its number, or 草稿 before submission. */
export const caseNumberLabel = (caseNumber: string | undefined): string => caseNumber ?? DRAFT_CASE_NUMBER_LABEL;
