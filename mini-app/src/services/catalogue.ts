import type { CatalogueQuery, Department, ServiceItem, ServiceItemSummary } from '../shared';
import { request } from './request';

export interface CatalogueResponse {
  departments: Department[];
  items: ServiceItemSummary[];
}

export const fetchCatalogue = (query: CatalogueQuery = {}): Promise<CatalogueResponse> =>
  request<CatalogueResponse>('/catalogue', {
    auth: false,
    query: { department: query.department, q: query.q?.trim(), applicantType: query.applicantType },
  });

/** Throws ApiError 404 SERVICE_ITEM_NOT_FOUND for an unknown code. */
export const fetchServiceItem = (code: string): Promise<ServiceItem> =>
  request<ServiceItem>(`/catalogue/${encodeURIComponent(code)}`, { auth: false });
