import {
  AppError,
  type BindVehicleRequest,
  type DrivingLicenceView,
  type PaymentView,
  PLATE_TYPE_LABEL,
  VALIDITY_UNKNOWN,
  type VehicleView,
  VIOLATION_STATUS_LABEL,
  type ViolationView,
} from '@minsheng/shared';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import { getIdentity } from '../repositories/identities';
import { currentOrderOf, getPayment } from '../repositories/payments';
import {
  type BindingRecord,
  deleteBinding,
  getVehicle,
  getViolation,
  insertBinding,
  listBindings,
  listVehicleViolations,
  type ViolationRecord,
} from '../repositories/traffic';
import { validLicences } from './licences';
import { openOrder } from './payments';

/** Traffic services (交管): vehicle binding with an ownership check, violations, fines. */
const MAX_BINDINGS = 5;

async function requireIdentity(userId: string) {
  const identity = await getIdentity(userId);
  if (!identity) throw new AppError('IDENTITY_REQUIRED');
  return identity;
}

const vehicleView = (b: BindingRecord): VehicleView => ({
  plate: b.plate,
  plateType: b.plateType,
  plateTypeLabel: PLATE_TYPE_LABEL[b.plateType],
  model: b.model,
  inspectionDue: b.inspectionDue,
  boundAt: b.boundAt,
});

export async function myVehicles(userId: string): Promise<VehicleView[]> {
  await requireIdentity(userId);
  return (await listBindings(userId)).map(vehicleView);
}

/**
 * Binds a vehicle registered to the citizen: the vehicle record's owner must be the verified
 * person (compared by keyed hash) and the engine number's last six characters must match.
 * @throws AppError VEHICLE_NOT_FOUND | VEHICLE_NOT_OWNED | VEHICLE_ALREADY_BOUND | VEHICLE_LIMIT_REACHED
 */
export async function bindVehicle(userId: string, request: BindVehicleRequest): Promise<VehicleView> {
  const identity = await requireIdentity(userId);
  const vehicle = await getVehicle(request.plateType, request.plate);
  if (!vehicle) throw new AppError('VEHICLE_NOT_FOUND');
  if (vehicle.ownerIdHash !== identity.idNumberHash || vehicle.engineNumberLast6 !== request.engineNumberLast6) {
    log.info('vehicle binding refused', { userId });
    throw new AppError('VEHICLE_NOT_OWNED');
  }
  const existing = await listBindings(userId);
  if (existing.some((b) => b.plate === vehicle.plate)) throw new AppError('VEHICLE_ALREADY_BOUND');
  if (existing.length >= MAX_BINDINGS) throw new AppError('VEHICLE_LIMIT_REACHED');
  const binding: BindingRecord = {
    userId,
    plate: vehicle.plate,
    plateType: vehicle.plateType,
    model: vehicle.model,
    inspectionDue: vehicle.inspectionDue,
    boundAt: nowIso(),
  };
  if (!(await insertBinding(binding))) throw new AppError('VEHICLE_ALREADY_BOUND');
  return vehicleView(binding);
}

export async function unbindVehicle(userId: string, plate: string): Promise<void> {
  await deleteBinding(userId, plate);
}

export async function myDrivingLicence(userId: string): Promise<DrivingLicenceView | null> {
  await requireIdentity(userId);
  const licence = (await validLicences(userId)).find((l) => l.type === 'driving-licence');
  if (!licence) return null;
  return {
    numberMasked: licence.numberMasked,
    licenceClass: licence.fields.准驾车型 ?? '',
    points: Number(licence.fields.累积记分 ?? 0),
    // The view is text for the screen: an unknown validity is said, not guessed.
    validUntil: licence.validUntil ?? VALIDITY_UNKNOWN,
    status: licence.flags.length ? licence.flags.join('、') : '正常',
  };
}

async function violationView(v: ViolationRecord): Promise<ViolationView> {
  const orderNo = v.status === 'unpaid' ? await currentOrderOf('violation', v.id) : undefined;
  const order = orderNo ? await getPayment(orderNo) : undefined;
  return {
    id: v.id,
    plate: v.plate,
    occurredAt: v.occurredAt,
    place: v.place,
    behaviour: v.behaviour,
    fineFen: v.fineFen,
    points: v.points,
    status: v.status,
    statusLabel: VIOLATION_STATUS_LABEL[v.status],
    payableOnline: v.payableOnline && v.status === 'unpaid',
    paymentStatus: order?.status,
  };
}

export async function myViolations(userId: string): Promise<ViolationView[]> {
  await requireIdentity(userId);
  const bindings = await listBindings(userId);
  const all = (await Promise.all(bindings.map((b) => listVehicleViolations(b.plateType, b.plate)))).flat();
  all.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return Promise.all(all.map(violationView));
}

/**
 * Opens (or returns) the payment of a fine on one of the citizen's bound vehicles.
 * @throws AppError VIOLATION_NOT_FOUND | VIOLATION_NOT_PAYABLE_ONLINE | PAYMENT_ALREADY_MADE
 */
export async function payFine(userId: string, violationId: string): Promise<PaymentView> {
  await requireIdentity(userId);
  const violation = await getViolation(violationId);
  const bound =
    violation &&
    (await listBindings(userId)).some((b) => b.plate === violation.plate && b.plateType === violation.plateType);
  if (!violation || !bound) throw new AppError('VIOLATION_NOT_FOUND');
  if (violation.status === 'paid') throw new AppError('PAYMENT_ALREADY_MADE');
  if (!violation.payableOnline) throw new AppError('VIOLATION_NOT_PAYABLE_ONLINE');
  return openOrder({
    userId,
    purpose: 'violation',
    subjectId: violation.id,
    description: `交通违法罚款 ${violation.plate}`,
    amountFen: violation.fineFen,
  });
}
