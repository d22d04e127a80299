import type { CatalogueQuery } from '../schemas/catalogue';
import { criminalItems } from './items/criminal';
import { cyberItems } from './items/cyber';
import { exitEntryItems } from './items/exit-entry';
import { exitEntryItems2 } from './items/exit-entry-2';
import { fireItems } from './items/fire';
import { householdItems } from './items/household';
import { householdItems2 } from './items/household-2';
import { narcoticsItems } from './items/narcotics';
import { publicOrderItems } from './items/public-order';
import { publicOrderItems2 } from './items/public-order-2';
import { techDefenceItems } from './items/tech-defence';
import { trafficItems } from './items/traffic';
import { trafficItems2 } from './items/traffic-2';
import { ServiceItem, type ServiceItemSummary, summarise } from './service-item';

export * from './departments';
export * from './forms';
export * from './licences';
export * from './service-item';

/**
 * The service-item catalogue, parsed once so a malformed entry fails at start-up
 * (and in the catalogue test), never in front of a citizen.
 */
export const CATALOGUE: readonly ServiceItem[] = [
  ...householdItems,
  ...householdItems2,
  ...exitEntryItems,
  ...exitEntryItems2,
  ...trafficItems,
  ...trafficItems2,
  ...publicOrderItems,
  ...publicOrderItems2,
  ...narcoticsItems,
  ...fireItems,
  ...criminalItems,
  ...cyberItems,
  ...techDefenceItems,
].map((item) => ServiceItem.parse(item));

const byCode = new Map(CATALOGUE.map((item) => [item.code, item]));

export const findServiceItem = (code: string): ServiceItem | undefined => byCode.get(code);

/** Filters by department, applicant type and a free-text query over name and keywords. */
export function searchCatalogue(
  query: CatalogueQuery,
  items: readonly ServiceItem[] = CATALOGUE,
): ServiceItemSummary[] {
  const needle = query.q?.toLowerCase();
  return items
    .filter((item) => !query.department || item.department === query.department)
    .filter((item) => !query.applicantType || item.applicantTypes.includes(query.applicantType))
    .filter(
      (item) =>
        !needle ||
        item.name.toLowerCase().includes(needle) ||
        item.keywords.some((k) => k.toLowerCase().includes(needle)),
    )
    .map(summarise);
}
