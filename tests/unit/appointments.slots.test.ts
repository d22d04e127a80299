import { bookableDates, findHall, hallSlotTimes, minutesUntil, seededChinaCalendar } from '@minsheng/shared';

const calendar = seededChinaCalendar();

const gulou = findHall('gulou-station');
if (!gulou) throw new Error('gulou-station hall missing');

describe('appointment slots', () => {
  it('cuts each session into slots that end by closing time', () => {
    expect(hallSlotTimes(gulou, '2026-12-01', calendar)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
      '17:00',
    ]);
  });

  it('has no slots on weekends and public holidays, but has them on make-up working days', () => {
    expect(hallSlotTimes(gulou, '2026-12-05', calendar)).toEqual([]); // Saturday
    expect(hallSlotTimes(gulou, '2026-10-02', calendar)).toEqual([]); // National Day
    expect(hallSlotTimes(gulou, '2026-10-10', calendar)).toHaveLength(12); // Saturday, worked in lieu
  });

  it('offers today and the next seven working days, skipping the holiday week', () => {
    expect(bookableDates('2026-09-30', calendar)).toEqual([
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
      '2026-10-13',
      '2026-10-14',
      '2026-10-15',
    ]);
  });

  it('counts minutes to a slot across days in China time', () => {
    expect(minutesUntil('2026-12-01', '09:00', { date: '2026-12-01', time: '08:30' })).toBe(30);
    expect(minutesUntil('2026-12-01', '09:00', { date: '2026-11-30', time: '17:00' })).toBe(16 * 60);
    expect(minutesUntil('2026-12-01', '09:00', { date: '2026-12-01', time: '09:10' })).toBe(-10);
  });
});
