import type { PlateType } from '@minsheng/shared';

/**
 * Synthetic records of the traffic-management system for a citizen: one vehicle, its
 * violations (some payable online, one that needs a window), and a driving licence.
 * Written through the same repositories the data-sharing adapter reads.
 */
export interface DemoVehicle {
  plate: string;
  plateType: PlateType;
  model: string;
  engineNumberLast6: string;
}

export async function seedTrafficRecords(
  owner: { userId: string; idNumber: string },
  vehicle: DemoVehicle,
): Promise<void> {
  const { idNumberLookupHash } = await import('../../functions/src/crypto/personal-data');
  const { getVehicle, putVehicle, putViolation, violationId } = await import(
    '../../functions/src/repositories/traffic'
  );
  const { putLicence } = await import('../../functions/src/repositories/licences');
  // Seeded once: a restart must not reset fines already paid.
  if (await getVehicle(vehicle.plateType, vehicle.plate)) return;
  await putVehicle({ ...vehicle, ownerIdHash: idNumberLookupHash(owner.idNumber), inspectionDue: '2027-03-31' });
  const violations = [
    {
      occurredAt: '2026-10-12T08:41:00+08:00',
      place: '福州市鼓楼区五四路与东街口交叉口',
      behaviour: '机动车违反禁止标线指示',
      fineFen: 10000,
      points: 0,
      payableOnline: true,
    },
    {
      occurredAt: '2026-09-03T18:15:00+08:00',
      place: '福州市台江区江滨中大道',
      behaviour: '机动车违反规定停放，驾驶人不在现场',
      fineFen: 15000,
      points: 0,
      payableOnline: true,
    },
    {
      occurredAt: '2026-08-20T22:30:00+08:00',
      place: '沈海高速福州段 K2043',
      behaviour: '驾驶中型以上载客载货汽车、危险物品运输车辆以外的其他机动车超过规定时速 20% 以上未达到 50%',
      fineFen: 20000,
      points: 6,
      payableOnline: false,
    },
  ];
  for (const [i, v] of violations.entries()) {
    await putViolation({
      id: violationId(vehicle.plateType, vehicle.plate, i + 1),
      plate: vehicle.plate,
      plateType: vehicle.plateType,
      status: v.payableOnline ? 'unpaid' : 'needs_window',
      ...v,
    });
  }
  await putLicence({
    userId: owner.userId,
    type: 'driving-licence',
    numberMasked: `${owner.idNumber.slice(0, 3)}***********${owner.idNumber.slice(-4)}`,
    validUntil: '2031-08-08',
    fields: { 准驾车型: 'C1', 累积记分: '0' },
    flags: [],
    receivedAt: new Date().toISOString(),
  });
}
