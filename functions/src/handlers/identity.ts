import { CompleteFaceVerificationRequest, StartVerificationRequest } from '@minsheng/shared';
import { authenticateCitizen } from '../domain/auth';
import { completeFaceVerification, describeMe, startVerification } from '../domain/identity';
import { httpApi, json, parseBody } from '../http/api';

const citizen = (event: { headers?: Record<string, string | undefined> }) =>
  authenticateCitizen(event.headers?.authorization);

export const handler = httpApi({
  'GET /me': async (event) => json(200, await describeMe(citizen(event).userId)),
  'POST /identity/verifications': async (event) => {
    const { userId } = citizen(event);
    return json(201, await startVerification(userId, parseBody(StartVerificationRequest, event)));
  },
  'POST /identity/verifications/face': async (event) => {
    const { userId } = citizen(event);
    return json(200, await completeFaceVerification(userId, parseBody(CompleteFaceVerificationRequest, event)));
  },
});
