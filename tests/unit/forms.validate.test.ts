import { type FormDefinition, formDataSchema } from '@minsheng/shared';

/** One form definition validates the same way in the mini-app and on the server. */
const form: FormDefinition = {
  sections: [
    {
      key: 'applicant',
      title: '申请人',
      fields: [
        { key: 'name', label: '姓名', type: 'text', required: true, prefill: 'identity.name' },
        { key: 'phone', label: '联系电话', type: 'phone', required: true },
        {
          key: 'agent',
          label: '办理方式',
          type: 'radio',
          required: true,
          options: [
            { value: 'self', label: '本人' },
            { value: 'agent', label: '委托' },
          ],
        },
        {
          key: 'agentId',
          label: '受托人身份证号',
          type: 'idNumber',
          required: true,
          visibleWhen: { field: 'agent', equals: 'agent' },
        },
      ],
    },
    {
      key: 'members',
      title: '随迁人员',
      repeat: { min: 1, max: 3, itemLabel: '人员' },
      fields: [
        { key: 'name', label: '姓名', type: 'text', required: true },
        { key: 'plate', label: '车牌', type: 'plate', required: false },
      ],
    },
  ],
};
const schema = formDataSchema(form);
const paths = (data: unknown) =>
  (schema.safeParse(data).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('formDataSchema', () => {
  it('accepts a complete form and skips prefilled and hidden fields', () => {
    expect(paths({ applicant: { phone: '13800138000', agent: 'self' }, members: [{ name: '张小三' }] })).toEqual([]);
  });

  it('requires a conditional field only when it is shown, and checks it fully', () => {
    expect(paths({ applicant: { phone: '13800138000', agent: 'agent' }, members: [{ name: '甲' }] })).toEqual([
      'applicant.agentId: 请填写受托人身份证号',
    ]);
    const bad = paths({
      applicant: { phone: '13800138000', agent: 'agent', agentId: '110105199003074211' },
      members: [{ name: '甲' }],
    });
    expect(bad[0]).toContain('校验位');
  });

  it('names every problem by its path, in Chinese', () => {
    const problems = paths({ applicant: { phone: '123', agent: 'other' }, members: [{ name: '', plate: 'XYZ' }] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^applicant\.phone: .*手机号码/),
        expect.stringMatching(/^applicant\.agent: 请从给定选项中选择/),
        expect.stringMatching(/^members\.0\.name: 请填写姓名/),
        expect.stringMatching(/^members\.0\.plate: .*格式不正确/),
      ]),
    );
  });

  it('enforces the bounds of a repeating section and refuses unknown fields', () => {
    expect(paths({ applicant: { phone: '13800138000', agent: 'self' }, members: [] })[0]).toContain('至少填写 1 项');
    expect(
      paths({ applicant: { phone: '13800138000', agent: 'self', extra: 'x' }, members: [{ name: '甲' }] })[0],
    ).toContain('没有的字段');
  });
});
