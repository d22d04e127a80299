import { LICENCE_LABEL, type LicenceType } from '@minsheng/shared';
import { getIdentity } from '../repositories/identities';

/**
 * The data-sharing adapter to the police systems that hold electronic licences. Here it
 * answers from what this platform itself verified (the real-name identity); a deployment
 * plugs the provincial licence exchange in behind the same two functions.
 */
export async function heldLicences(userId: string): Promise<LicenceType[]> {
  return (await getIdentity(userId)) ? ['resident-id-card', 'household-register'] : [];
}

/** The fields of a licence an officer may see when it stands in for a material. */
export async function licenceFields(userId: string, type: LicenceType): Promise<Record<string, string> | undefined> {
  const identity = await getIdentity(userId);
  if (!identity || !(await heldLicences(userId)).includes(type)) return undefined;
  return {
    证照名称: LICENCE_LABEL[type],
    姓名: identity.nameMasked,
    公民身份号码: identity.idNumberMasked,
    核验方式: identity.method === 'face' ? '人脸识别实名认证' : '窗口核验',
    核验时间: identity.verifiedAt,
  };
}
