import { chinaDateOf, findServiceItem, type LicenceType } from '@minsheng/shared';
import type { ApplicationRecord } from '../repositories/applications';
import { getIdentity } from '../repositories/identities';
import type { LicenceRecord } from '../repositories/licences';

/**
 * Certificates this platform issues itself: when a case of such an item completes, the
 * certificate becomes an electronic licence in the citizen's wallet. The table lives beside
 * the decision code rather than in the shared catalogue because what a certificate says
 * (its number, its wording) is the issuing back end's business, not the mini-program's.
 */
interface CertificateDefinition {
  licenceType: LicenceType;
  validityMonths: number;
  /** The certificate's own fields; personal ones are stored masked, like every licence record. */
  fields(record: ApplicationRecord, issuedOn: string): Record<string, string>;
}

/** The label the citizen chose for a select field of the item's form, e.g. 查询用途 → 就业. */
function chosenLabel(record: ApplicationRecord, section: string, field: string): string | undefined {
  const value = (record.formData[section] as Record<string, unknown> | undefined)?.[field];
  const definition = findServiceItem(record.itemCode)
    ?.form.sections.find((s) => s.key === section)
    ?.fields.find((f) => f.key === field);
  return definition?.options?.find((o) => o.value === value)?.label ?? (typeof value === 'string' ? value : undefined);
}

const CERTIFICATES: Record<string, CertificateDefinition> = {
  'XZ-001': {
    licenceType: 'criminal-record-certificate',
    // Receiving bodies commonly accept a certificate issued within the last three months.
    validityMonths: 3,
    fields: (record, issuedOn) => ({
      证明编号: `XZ${issuedOn.replaceAll('-', '')}${record.id.replaceAll('-', '').slice(0, 8).toUpperCase()}`,
      查询结果: '未发现犯罪记录',
      用途: chosenLabel(record, 'query', 'purpose') ?? '未注明',
      出具日期: issuedOn,
    }),
  },
};

/** `2026-01-31` + 1 month → `2026-02-28`: the same day of the month, or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** The licence record a completing case issues, or undefined when its item issues none. */
export async function certificateFor(record: ApplicationRecord, at: string): Promise<LicenceRecord | undefined> {
  const definition = CERTIFICATES[record.itemCode];
  if (!definition) return undefined;
  const identity = await getIdentity(record.userId);
  const issuedOn = chinaDateOf(at);
  const fields = definition.fields(record, issuedOn);
  return {
    userId: record.userId,
    type: definition.licenceType,
    numberMasked: fields.证明编号 ?? record.id,
    validUntil: addMonths(issuedOn, definition.validityMonths),
    fields: {
      姓名: identity?.nameMasked ?? record.applicantNameMasked,
      ...(identity ? { 公民身份号码: identity.idNumberMasked } : {}),
      ...fields,
    },
    flags: [],
    issuedByApplicationId: record.id,
    receivedAt: at,
  };
}
