import { randomInt } from 'node:crypto';
import type { PlateType } from '@minsheng/shared';
import { type DemoVehicle, seedTrafficRecords } from '../../dev/src/seed-traffic';
import { verifiedCitizen } from './cases';
import type { TestStack } from './test-stack';

const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** A plate no other test uses: 闽A + five random characters. */
export const uniquePlate = () =>
  `闽A${Array.from({ length: 5 }, () => PLATE_CHARS[randomInt(PLATE_CHARS.length)]).join('')}`;

/** A verified citizen with a vehicle and violations in the traffic system (not yet bound). */
export async function citizenWithVehicle(stack: TestStack, name = '林车主') {
  const citizen = await verifiedCitizen(stack, name);
  const userId = (await stack.api<{ userId: string }>('GET', '/me', undefined, citizen.token)).body.userId;
  const vehicle: DemoVehicle = {
    plate: uniquePlate(),
    plateType: '02' as PlateType,
    model: '测试车型',
    engineNumberLast6: 'E12345',
  };
  await seedTrafficRecords({ userId, idNumber: citizen.idNumber }, vehicle);
  return { ...citizen, userId, vehicle };
}

/** The same citizen with the vehicle bound, and the id of a fine payable online. */
export async function citizenWithFine(stack: TestStack, name?: string) {
  const owner = await citizenWithVehicle(stack, name);
  const bound = await stack.api(
    'POST',
    '/traffic/vehicles',
    { plate: owner.vehicle.plate, plateType: '02', engineNumberLast6: 'E12345' },
    owner.token,
  );
  if (bound.status !== 201) throw new Error(`binding failed: ${JSON.stringify(bound.body)}`);
  const violations = await stack.api<{ items: { id: string; payableOnline: boolean; fineFen: number }[] }>(
    'GET',
    '/traffic/violations',
    undefined,
    owner.token,
  );
  const fine = violations.body.items.find((v) => v.payableOnline);
  if (!fine) throw new Error('no payable fine seeded');
  return { ...owner, fine };
}

/** Polls until `check` holds (servers settle asynchronously: notifications, retries). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
