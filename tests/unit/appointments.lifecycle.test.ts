import {
  APPOINTMENT_EVENT_LABEL,
  APPOINTMENT_STATUS_LABEL,
  APPOINTMENT_TRANSITIONS,
  AppointmentStatus,
  nextAppointmentStatus,
} from '@minsheng/shared';

describe('the appointment lifecycle table', () => {
  it('has a row and a label for every status, and every target is a status', () => {
    expect(Object.keys(APPOINTMENT_TRANSITIONS).sort()).toEqual([...AppointmentStatus.options].sort());
    for (const status of AppointmentStatus.options) {
      expect(APPOINTMENT_STATUS_LABEL[status]).toBeTruthy();
      for (const [event, to] of Object.entries(APPOINTMENT_TRANSITIONS[status])) {
        expect(AppointmentStatus.options).toContain(to);
        expect(APPOINTMENT_EVENT_LABEL[event as keyof typeof APPOINTMENT_EVENT_LABEL]).toBeTruthy();
      }
    }
  });

  it('closes a booked appointment once: every other status is terminal', () => {
    for (const status of AppointmentStatus.options) {
      expect(Object.keys(APPOINTMENT_TRANSITIONS[status]).length === 0).toBe(status !== 'booked');
    }
    expect(Object.keys(APPOINTMENT_TRANSITIONS.booked).sort()).toEqual(Object.keys(APPOINTMENT_EVENT_LABEL).sort());
  });

  it('refuses a second close', () => {
    expect(nextAppointmentStatus('booked', 'check-in')).toBe('checked-in');
    expect(nextAppointmentStatus('cancelled', 'check-in')).toBeUndefined();
    expect(nextAppointmentStatus('checked-in', 'no-show')).toBeUndefined();
  });
});
