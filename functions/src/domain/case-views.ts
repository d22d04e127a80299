import {
  APPLICATION_STATUS_LABEL,
  type ApplicationSummary,
  type ApplicationView,
  allowedActions,
  findServiceItem,
} from '@minsheng/shared';
import type { ApplicationRecord, ApplicationSummaryRecord } from '../repositories/applications';
import { maskFormData } from './sensitive-fields';

/** What citizens see of their cases: sensitive values masked, officers' names left out. */
export async function citizenView(record: ApplicationRecord): Promise<ApplicationView> {
  const item = findServiceItem(record.itemCode);
  return {
    id: record.id,
    itemCode: record.itemCode,
    itemName: record.itemName,
    department: record.department,
    status: record.status,
    statusLabel: APPLICATION_STATUS_LABEL[record.status],
    version: record.version,
    formData: item ? await maskFormData(item.form, record.formData) : {},
    materials: record.materials,
    deliveryMethod: record.deliveryMethod,
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
    allowedActions: allowedActions(record.status, 'citizen'),
    timeline: record.timeline.map(({ actorName: _hidden, ...entry }) => entry),
  };
}

export const summaryView = (row: ApplicationSummaryRecord): ApplicationSummary => ({
  id: row.id,
  itemCode: row.itemCode,
  itemName: row.itemName,
  department: row.department,
  status: row.status,
  statusLabel: APPLICATION_STATUS_LABEL[row.status],
  updatedAt: row.updatedAt,
  dueDate: row.dueDate,
});
