import { chinaDateOf, LICENCE_LABEL, type LicenceType, VALIDITY_UNKNOWN } from '@minsheng/shared';
import { nowIso } from '../lib/clock';
import { getIdentity } from '../repositories/identities';
import { type LicenceRecord, listLicences } from '../repositories/licences';

/**
 * A citizen's electronic licences: the records received from the police systems' licence
 * exchange (stored by the repository; synthetic seed data locally) plus those that follow from
 * the verified identity. Domain code: it reads our own tables, so it is not an adapter. Where the exchange sent no resident ID card or
 * household register, they follow from the verified identity, which proves who the holder is
 * but says nothing of the document's validity: those carry no validUntil (shown as unknown).
 */
const IDENTITY_LICENCES: LicenceType[] = ['resident-id-card', 'household-register'];

/** Licences valid today (or of unknown validity), identity-derived ones included. */
export async function validLicences(userId: string): Promise<LicenceRecord[]> {
  const [identity, stored] = await Promise.all([getIdentity(userId), listLicences(userId)]);
  const today = chinaDateOf(nowIso());
  const current = stored.filter((l) => l.validUntil === undefined || l.validUntil >= today);
  const received = new Set(stored.map((l) => l.type));
  const derived: LicenceRecord[] = identity
    ? IDENTITY_LICENCES.filter((type) => !received.has(type)).map((type) => ({
        userId,
        type,
        numberMasked: identity.idNumberMasked,
        fields: {
          姓名: identity.nameMasked,
          公民身份号码: identity.idNumberMasked,
          核验方式: identity.method === 'face' ? '人脸识别实名认证' : '窗口核验',
          核验时间: identity.verifiedAt,
        },
        flags: [],
        receivedAt: identity.verifiedAt,
      }))
    : [];
  // ID card and household register first, as the wallet always listed them.
  const rank = (l: LicenceRecord) => {
    const i = IDENTITY_LICENCES.indexOf(l.type);
    return i === -1 ? IDENTITY_LICENCES.length : i;
  };
  return [...derived, ...current].sort((a, b) => rank(a) - rank(b));
}

export async function heldLicences(userId: string): Promise<LicenceType[]> {
  return (await validLicences(userId)).map((l) => l.type);
}

/** The fields of a licence an officer may see when it stands in for a material. */
export async function licenceFields(userId: string, type: LicenceType): Promise<Record<string, string> | undefined> {
  const licence = (await validLicences(userId)).find((l) => l.type === type);
  if (!licence) return undefined;
  return {
    证照名称: LICENCE_LABEL[type],
    证照号码: licence.numberMasked,
    有效期至: licence.validUntil ?? VALIDITY_UNKNOWN,
    ...licence.fields,
  };
}
