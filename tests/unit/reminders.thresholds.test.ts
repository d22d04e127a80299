import { fitKeyword } from '../../functions/src/domain/notifications';
import { addDays, nextReminder, reminderAttributes } from '../../functions/src/repositories/reminders';

describe('expiry reminder thresholds', () => {
  it('points at the first of 90, 30 and 7 days before the due date that has not passed', () => {
    expect(nextReminder('2027-03-31', '2026-12-01')).toEqual({ threshold: 90, date: '2026-12-31' });
    expect(nextReminder('2027-03-31', '2026-12-31')).toEqual({ threshold: 90, date: '2026-12-31' });
    expect(nextReminder('2027-03-31', '2027-01-01')).toEqual({ threshold: 30, date: '2027-03-01' });
    expect(nextReminder('2027-03-31', '2027-03-24')).toEqual({ threshold: 7, date: '2027-03-24' });
    expect(nextReminder('2027-03-31', '2027-03-25')).toBeUndefined();
  });

  it('moves strictly past the reminder just sent', () => {
    expect(nextReminder('2027-03-31', '2026-12-31', true)).toEqual({ threshold: 30, date: '2027-03-01' });
    expect(nextReminder('2027-03-31', '2027-03-24', true)).toBeUndefined();
  });

  it('never reminds of long-term validity or dates it cannot read', () => {
    expect(nextReminder('9999-12-31', '2026-01-01')).toBeUndefined();
    expect(nextReminder('长期', '2026-01-01')).toBeUndefined();
    expect(
      reminderAttributes(
        { userId: 'u1', subject: 'licence:passport', label: '普通护照', dueDate: '9999-12-31' },
        '2026-01-01',
      ),
    ).toEqual({});
  });

  it('keeps one user in one shard of the day, and counts days across month and year ends', () => {
    const a = reminderAttributes(
      { userId: 'u1', subject: 'licence:passport', label: '普通护照', dueDate: '2027-03-31' },
      '2026-12-01',
    );
    const b = reminderAttributes(
      { userId: 'u1', subject: 'inspection:闽A12345', label: '机动车检验', dueDate: '2027-03-31' },
      '2026-12-01',
    );
    expect(a.GSI3PK).toMatch(/^REMIND#2026-12-31#[0-3]$/);
    expect(b.GSI3PK).toBe(a.GSI3PK);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2027-01-05', -7)).toBe('2026-12-29');
  });
});

describe('subscribe-message keyword values', () => {
  it('cuts values to the keyword type limit (thing 20, phrase 5) and leaves other types alone', () => {
    const long = '居民身份证换领（有效期满换证）及相关申请事项';
    expect(Array.from(fitKeyword('thing1', long))).toHaveLength(20);
    expect(fitKeyword('thing1', long).endsWith('…')).toBe(true);
    expect(fitKeyword('thing2', '已受理')).toBe('已受理');
    expect(fitKeyword('phrase3', '已批准待送达')).toBe('已批准待…');
    expect(fitKeyword('time4', '2026-11-23 18:05')).toBe('2026-11-23 18:05');
  });
});
