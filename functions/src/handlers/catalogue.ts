import { AppError, CatalogueQuery, DEPARTMENTS, findServiceItem, searchCatalogue } from '@minsheng/shared';
import { httpApi, json, parseQuery, pathParam } from '../http/api';

/** The catalogue ships with the code (one definition in shared/), so reads need no database. */
const CACHE = { 'cache-control': 'public, max-age=300' };

export const handler = httpApi({
  'GET /catalogue': async (event) => {
    const items = searchCatalogue(parseQuery(CatalogueQuery, event));
    return json(200, { departments: DEPARTMENTS, items }, CACHE);
  },
  'GET /catalogue/{code}': async (event) => {
    const item = findServiceItem(pathParam(event, 'code'));
    if (!item) throw new AppError('SERVICE_ITEM_NOT_FOUND');
    return json(200, item, CACHE);
  },
});
