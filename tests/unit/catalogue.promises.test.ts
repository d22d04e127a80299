import { CATALOGUE, type ServiceItem } from '@minsheng/shared';

/**
 * Guides must not promise what the system does not do. Each claim a guide can make is matched
 * in its text and must be backed by data the code acts on; claims no code can keep yet (telling
 * a car owner, sending texts, automatic filing, reminders, sharing with relatives) are refused
 * until the service exists — then give it data here, not an exception.
 */
type Claim = {
  what: string;
  pattern: RegExp;
  /** Why the item may say it; a string explains what is missing. */
  kept: (item: ServiceItem, text: string) => true | string;
};

/** Every text of a guide a citizen reads: name, conditions, steps, fee note, materials, form. */
function guideText(item: ServiceItem): string {
  const texts: string[] = [item.name, ...item.conditions, ...item.steps, item.feeNote ?? ''];
  for (const m of item.materials) texts.push(m.name, m.note ?? '');
  for (const section of item.form.sections) {
    texts.push(section.title);
    for (const field of section.fields) {
      texts.push(field.label, field.help ?? '', ...(field.options ?? []).map((o) => o.label));
    }
  }
  return texts.join('\n');
}

const CLAIMS: Claim[] = [
  {
    what: 'a monthly cap (每月最多 N 次)',
    pattern: /每月最多|每月\s*\d+\s*次|次\s*\/\s*月/,
    kept: (item, text) => {
      if (!item.monthlyLimit) return 'declare monthlyLimit (enforced at submission) or drop the claim';
      const stated = /每月最多(?:申请)?\s*(\d+)\s*次/.exec(text)?.[1];
      return stated === undefined || Number(stated) === item.monthlyLimit
        ? true
        : `the text says ${stated} a month, monthlyLimit is ${item.monthlyLimit}`;
    },
  },
  {
    what: 'anonymity (匿名)',
    pattern: /匿名/,
    kept: (item) => {
      const a = item.anonymity;
      if (!a) return 'declare anonymity (honoured by the officer view) or drop the offer';
      const field = item.form.sections.find((s) => s.key === a.section)?.fields.find((f) => f.key === a.field);
      if (!field?.options?.some((o) => o.value === a.value))
        return `anonymity names no option ${a.section}.${a.field}=${a.value}`;
      return true;
    },
  },
  {
    what: 'telling the car owner or texting anyone',
    pattern: /通知车主|短信|隐私号码/,
    kept: () => 'no adapter sends texts or calls owners; say that an officer handles it',
  },
  {
    what: 'automatic processing',
    pattern: /系统自动|自动(?:备案|通知|审核|审批|办结|通过)|秒批|秒办/,
    kept: (item, text) =>
      /自动(?:审核|审批|通过)|秒批|秒办/.test(text) &&
      item.autoDecisionRule &&
      !/系统自动|自动(?:备案|通知|办结)/.test(text)
        ? true
        : 'only an item with an autoDecisionRule may promise automatic approval; nothing files or notifies by itself',
  },
  {
    what: 'barring users (限制使用)',
    pattern: /限制使用|封禁|拉黑/,
    kept: () => 'nothing bars a citizen from an item; the monthly cap (monthlyLimit) is what exists',
  },
  {
    what: 'reminders or sharing done by the system',
    pattern: /系统(?:提前)?提醒|分享给亲友|推送给亲友/,
    kept: () => 'no job reminds of this and nothing shares with relatives; reminders exist only for wallet licences',
  },
];

describe('what guides promise', () => {
  const broken = CATALOGUE.flatMap((item) => {
    const text = guideText(item);
    return CLAIMS.filter((c) => c.pattern.test(text)).flatMap((claim) => {
      const verdict = claim.kept(item, text);
      return verdict === true ? [] : [`${item.code} ${item.name} claims ${claim.what}: ${verdict}`];
    });
  });

  it('claims nothing the code does not keep', () => {
    expect(broken).toEqual([]);
  });

  it('declares its data where the guides make such claims (so the checks above ran on something)', () => {
    expect(CATALOGUE.find((i) => i.code === 'JG-031')?.monthlyLimit).toBe(5);
    expect(
      CATALOGUE.filter((i) => i.anonymity)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['JD-009', 'ZA-056']);
  });

  it('hides, for every item offering anonymity, the sections holding the reporter’s name, ID number and phone', () => {
    for (const item of CATALOGUE.filter((i) => i.anonymity)) {
      const hidden = new Set(item.anonymity?.identifyingSections);
      const identifying = item.form.sections.filter((s) =>
        s.fields.some((f) => f.type === 'idNumber' || f.type === 'phone' || f.prefill === 'identity.name'),
      );
      expect(identifying.length).toBeGreaterThan(0);
      for (const section of identifying) expect(hidden.has(section.key)).toBe(true);
    }
  });

  it('recognises each kind of broken promise (the patterns are not dead)', () => {
    const samples: [string, number][] = [
      ['每个实名用户每月最多申请5次', 0],
      ['可选择匿名举报', 1],
      ['系统以短信通知车主', 2],
      ['系统自动备案', 3],
      ['恶意申请的将限制使用', 4],
      ['临近到期的系统提前提醒，并可分享给亲友', 5],
    ];
    for (const [text, index] of samples) expect(CLAIMS[index]?.pattern.test(text)).toBe(true);
  });
});
