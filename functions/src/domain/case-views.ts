import {
  APPLICATION_STATUS_LABEL,
  type ApplicationSummary,
  type ApplicationView,
  allowedActions,
  findServiceItem,
  isFeePayable,
  PAYMENT_STATUS_LABEL,
} from '@minsheng/shared';
import type { ApplicationRecord, ApplicationSummaryRecord } from '../repositories/applications';
import { currentOrderOf, getPayment } from '../repositories/payments';
import { maskFormData } from './sensitive-fields';

async function paymentSummary(applicationId: string): Promise<ApplicationView['payment']> {
  const outTradeNo = await currentOrderOf('application', applicationId);
  const order = outTradeNo ? await getPayment(outTradeNo) : undefined;
  return order
    ? {
        outTradeNo: order.outTradeNo,
        status: order.status,
        statusLabel: PAYMENT_STATUS_LABEL[order.status],
        amountFen: order.amountFen,
      }
    : undefined;
}

/** What citizens see of their cases: sensitive values masked, officers' names left out. */
export async function citizenView(record: ApplicationRecord): Promise<ApplicationView> {
  const item = findServiceItem(record.itemCode);
  return {
    id: record.id,
    caseNumber: record.caseNumber,
    itemCode: record.itemCode,
    itemName: record.itemName,
    department: record.department,
    status: record.status,
    statusLabel: APPLICATION_STATUS_LABEL[record.status],
    version: record.version,
    formData: item ? await maskFormData(item.form, record.formData) : {},
    materials: record.materials,
    deliveryMethod: record.deliveryMethod,
    ...(record.organisation ? { organisation: record.organisation } : {}),
    postalAddress: record.postalAddress
      ? {
          recipient: record.postalAddress.recipient,
          phone: record.postalAddress.phone.masked,
          address: record.postalAddress.address,
        }
      : undefined,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    submittedAt: record.submittedAt,
    dueDate: record.dueDate,
    statutoryDueDate: record.statutoryDueDate,
    pausedWorkingDaysLeft: record.pausedWorkingDaysLeft,
    supplement: record.supplement,
    decision: record.decision,
    delivery: record.delivery,
    rating: record.rating,
    fee: item && item.feeFen > 0 ? { amountFen: item.feeFen, paidAt: record.feePaidAt } : undefined,
    feePayable: isFeePayable(record.status, item?.feeFen ?? 0, record.feePaidAt),
    payment: item && item.feeFen > 0 ? await paymentSummary(record.id) : undefined,
    allowedActions: allowedActions(record.status, 'citizen'),
    timeline: record.timeline.map(({ actorName: _hidden, ...entry }) => entry),
  };
}

export const summaryView = (row: ApplicationSummaryRecord): ApplicationSummary => ({
  id: row.id,
  caseNumber: row.caseNumber,
  itemCode: row.itemCode,
  itemName: row.itemName,
  department: row.department,
  status: row.status,
  statusLabel: APPLICATION_STATUS_LABEL[row.status],
  updatedAt: row.updatedAt,
  dueDate: row.dueDate,
});
