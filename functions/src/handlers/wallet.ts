import { ShareLicenceRequest, VerifyTokenRequest } from '@minsheng/shared';
import { authenticateCitizen } from '../domain/auth';
import { myWallet, publishedKeys, revokeShare, shareLicence, verifyShareToken } from '../domain/wallet';
import { type HttpEvent, httpApi, json, parseBody, pathParam, sourceIp } from '../http/api';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;

export const handler = httpApi({
  'GET /wallet': async (event) => json(200, { items: await myWallet(citizen(event)) }),
  // Public: offline verifiers fetch the keys once and cache them.
  'GET /wallet/keys': async () => json(200, { keys: publishedKeys() }, { 'cache-control': 'public, max-age=300' }),
  'POST /wallet/{type}/share': async (event) =>
    json(201, await shareLicence(citizen(event), pathParam(event, 'type'), parseBody(ShareLicenceRequest, event))),
  'POST /wallet/tokens/{jti}/revoke': async (event) => {
    await revokeShare(citizen(event), pathParam(event, 'jti'));
    return { statusCode: 204 };
  },
  // Public and without login: whoever scans the code verifies it. Refusals are 200 answers.
  'POST /verify': async (event) =>
    json(200, await verifyShareToken(parseBody(VerifyTokenRequest, event).token, sourceIp(event))),
});
