import { randomInt } from 'node:crypto';
import { seedOrganisation } from '../../dev/src/seed-organisations';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A register entry with a fresh, valid 统一社会信用代码 whose legal representative is `legalRep`. */
export function registeredOrganisation(
  legalRep: { name: string; idNumber: string },
  name = '福州测试科技有限公司',
  status: 'active' | 'cancelled' = 'active',
): Promise<string> {
  const orgCode = Array.from({ length: 9 }, () => CHARSET[randomInt(CHARSET.length)]).join('');
  return seedOrganisation({
    creditCodeBase: `91350102${orgCode}`,
    name,
    address: '福建省福州市鼓楼区五四路 1 号',
    legalRep,
    status,
  });
}
