import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PlateType, ViolationStatus } from '@minsheng/shared';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { chinaDate } from '../lib/clock';
import { keys as store } from '../store/keys';
import { reminderAttributes, withoutReminderAttributes } from './reminders';

/**
 * Vehicle and violation records as the traffic-management system shares them (synthetic
 * seed data locally), and citizens' bindings of vehicles. A vehicle's violations live in
 * its own partition, so listing them is one Query per bound vehicle.
 */
export interface VehicleRecord {
  plate: string;
  plateType: PlateType;
  model: string;
  /** Keyed hash of the owner's ID number (never the number itself). */
  ownerIdHash: string;
  engineNumberLast6: string;
  inspectionDue: string;
}

export interface ViolationRecord {
  id: string;
  plate: string;
  plateType: PlateType;
  occurredAt: string;
  place: string;
  behaviour: string;
  fineFen: number;
  points: number;
  status: ViolationStatus;
  /** A penalty decision exists and the fine may be paid online. */
  payableOnline: boolean;
  paidAt?: string;
  paymentOutTradeNo?: string;
}

export interface BindingRecord {
  userId: string;
  plate: string;
  plateType: PlateType;
  model: string;
  inspectionDue: string;
  boundAt: string;
}

const vehicleKey = store.vehicle;
const violationKey = (id: string) => {
  const [plateType, plate] = id.split('-');
  return store.violation(String(plateType), String(plate), id);
};
const bindingKey = store.vehicleBinding;

const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, ...rest } = item;
  return rest as T;
};

export const violationId = (plateType: string, plate: string, sequence: number) =>
  `${plateType}-${plate}-${String(sequence).padStart(4, '0')}`;

export async function getVehicle(plateType: string, plate: string): Promise<VehicleRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: vehicleKey(plateType, plate) }));
  return out.Item ? strip<VehicleRecord>(out.Item) : undefined;
}

export async function putVehicle(vehicle: VehicleRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...vehicleKey(vehicle.plateType, vehicle.plate), ...vehicle } }),
  );
}

export async function putViolation(violation: ViolationRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...violationKey(violation.id), ...violation } }),
  );
}

export async function getViolation(id: string): Promise<ViolationRecord | undefined> {
  if (id.split('-').length < 3) return undefined;
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: violationKey(id), ConsistentRead: true }),
  );
  return out.Item ? strip<ViolationRecord>(out.Item) : undefined;
}

export async function listVehicleViolations(plateType: string, plate: string): Promise<ViolationRecord[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': store.vehiclePartition(plateType, plate), ':v': store.violationPrefix },
    }),
  );
  return (out.Items ?? []).map((i) => strip<ViolationRecord>(i));
}

/** The transaction item that marks a violation paid by this order, exactly once. */
export function violationPaidUpdate(id: string, outTradeNo: string, paidAt: string) {
  return {
    Update: {
      TableName: tableName(),
      Key: violationKey(id),
      UpdateExpression: 'SET #status = :paid, paidAt = :at, paymentOutTradeNo = :no',
      ConditionExpression: '#status = :unpaid',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':paid': 'paid', ':unpaid': 'unpaid', ':at': paidAt, ':no': outTradeNo },
    },
  };
}

export async function listBindings(userId: string): Promise<BindingRecord[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': store.userPartition(userId), ':v': store.vehicleBindingPrefix },
    }),
  );
  return (out.Items ?? []).map((i) => strip<BindingRecord>(withoutReminderAttributes(i)));
}

/** False when the citizen had already bound this plate. The binding carries the pointer to its next inspection reminder. */
export async function insertBinding(binding: BindingRecord): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...bindingKey(binding.userId, binding.plate),
          ...binding,
          ...reminderAttributes(
            {
              userId: binding.userId,
              subject: `inspection:${binding.plate}`,
              label: `机动车检验（${binding.plate}）`,
              dueDate: binding.inspectionDue,
            },
            chinaDate(),
          ),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function deleteBinding(userId: string, plate: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: bindingKey(userId, plate) }));
}
