import { maskIdNumber, maskName, maskPhone } from '@minsheng/shared';

describe('masking personal data for screens', () => {
  it('keeps the first three and last four digits of an ID number', () => {
    expect(maskIdNumber('110105199003074210')).toBe('110***********4210');
  });
  it('keeps the family name only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks short values entirely', () => {
    expect(maskIdNumber('1234')).toBe('****');
  });
});
