import { dependencyTimeoutsOf, regionOf } from '../config';

/**
 * Options every AWS SDK client of ours is built with: a region, connection and request
 * timeouts, and a bounded number of attempts. Without them a hung dependency holds a request
 * until Lambda kills the function (a 500 at the gateway); with them the call fails within the
 * budget and the caller gets 503 with Retry-After.
 */
export function awsClientOptions(endpoint?: string) {
  // Not config(): the Secrets Manager client is built before the secrets config() needs.
  const dependencyTimeouts = dependencyTimeoutsOf();
  return {
    region: regionOf(),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: dependencyTimeouts.maxAttempts,
    requestHandler: {
      connectionTimeout: dependencyTimeouts.connectMs,
      requestTimeout: dependencyTimeouts.requestMs,
      // Without it the SDK only logs a warning when the timeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
}
