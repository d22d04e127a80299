import { scrub } from '../../functions/src/lib/log';

describe('log scrubbing', () => {
  it('masks anything shaped like an ID number or a mobile number', () => {
    expect(scrub('id 11010519491231002X here')).toBe('id 110***********002X here');
    expect(scrub('call 13812345678')).toBe('call 138****5678');
  });
  it('leaves ordinary numbers alone', () => {
    expect(scrub('order 20261123 took 1234 ms')).toBe('order 20261123 took 1234 ms');
  });
});
