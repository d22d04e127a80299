import type { OrganisationView } from '../shared';
import { request } from './request';

/**
 * 我的单位: organisations the citizen may act for now (the legal representative's view lists the
 * agents they authorised). Empty for a citizen who is not real-name verified. Read by the guide
 * (applying in an organisation's name) and by packageOrg.
 */
export const fetchOrganisations = async (): Promise<OrganisationView[]> =>
  (await request<{ items: OrganisationView[] }>('/organisations')).items;
