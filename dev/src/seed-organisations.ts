import { creditCodeCheckChar } from '@minsheng/shared';

/**
 * Synthetic entries of the market-regulation register (企业登记信息), as the data exchange
 * shares them: written through the same repository the organisations domain reads.
 */
export interface DemoOrganisation {
  /** The first 17 characters of the 统一社会信用代码; the check character is computed. */
  creditCodeBase: string;
  name: string;
  address: string;
  legalRep: { name: string; idNumber: string };
  status?: 'active' | 'cancelled' | 'revoked';
}

export const creditCodeOf = (base: string): string => `${base}${creditCodeCheckChar(base) ?? ''}`;

export async function seedOrganisation(org: DemoOrganisation): Promise<string> {
  const { idNumberLookupHash } = await import('../../functions/src/crypto/personal-data');
  const { putRegisteredOrganisation } = await import('../../functions/src/repositories/organisations');
  const creditCode = creditCodeOf(org.creditCodeBase);
  await putRegisteredOrganisation({
    creditCode,
    name: org.name,
    address: org.address,
    legalRepName: org.legalRep.name,
    legalRepIdHash: idNumberLookupHash(org.legalRep.idNumber),
    status: org.status ?? 'active',
    licenceValidUntil: '长期',
    registeredAt: '2019-05-16',
  });
  return creditCode;
}
