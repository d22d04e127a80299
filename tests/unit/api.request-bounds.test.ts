import { httpRoutes } from '../../dev/src/serverless-manifest';
import { API_ROUTES } from '../../shared/src/api/routes';
import { unboundedPaths } from '../support/schema-walk';

describe('request contracts', () => {
  it('name exactly the routes serverless.yml declares', () => {
    const declared = httpRoutes()
      .map((r) => r.routeKey)
      .sort();
    expect(Object.keys(API_ROUTES).sort()).toEqual(declared);
  });

  it.each(Object.entries(API_ROUTES))('%s bounds every string, number and list it reads', (_route, contract) => {
    const schemas = [...('body' in contract ? [contract.body] : []), ...('query' in contract ? [contract.query] : [])];
    expect(schemas.flatMap((schema) => unboundedPaths(schema))).toEqual([]);
  });
});
