import { addMonths } from '../../functions/src/domain/certificates';

/** A certificate valid for three months ends on the same day of the month, or the month's last day. */
it.each([
  ['2026-01-15', '2026-04-15'],
  ['2025-11-30', '2026-02-28'],
  ['2027-11-30', '2028-02-29'],
  ['2026-10-31', '2027-01-31'],
])('a certificate issued on %s is valid until %s', (issued, until) => {
  expect(addMonths(issued, 3)).toBe(until);
});
