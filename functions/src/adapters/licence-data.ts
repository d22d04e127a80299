import { chinaDateOf, LICENCE_LABEL, type LicenceType } from '@minsheng/shared';
import { nowIso } from '../lib/clock';
import { getIdentity } from '../repositories/identities';
import { type LicenceRecord, listLicences } from '../repositories/licences';

/**
 * The data-sharing adapter to the police systems that hold electronic licences. The resident
 * ID card and household register follow from the verified identity; other licences are the
 * records received from the exchange (synthetic seed data locally). A deployment plugs the
 * provincial licence exchange in behind these functions.
 */
const IDENTITY_LICENCES: LicenceType[] = ['resident-id-card', 'household-register'];

/** Licences valid today, identity-derived ones included. */
export async function validLicences(userId: string): Promise<LicenceRecord[]> {
  const [identity, stored] = await Promise.all([getIdentity(userId), listLicences(userId)]);
  const today = chinaDateOf(nowIso());
  const derived: LicenceRecord[] = identity
    ? IDENTITY_LICENCES.map((type) => ({
        userId,
        type,
        numberMasked: identity.idNumberMasked,
        validUntil: '9999-12-31',
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
  return [...derived, ...stored.filter((l) => l.validUntil >= today && !IDENTITY_LICENCES.includes(l.type))];
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
    有效期至: licence.validUntil,
    ...licence.fields,
  };
}
