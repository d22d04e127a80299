import { payApplicationFee } from '../domain/applications';
import { authenticateCitizen } from '../domain/auth';
import { getMyPayment, handleNotification, NotificationRejected } from '../domain/payments';
import { type HttpEvent, type HttpResult, httpApi, json, pathParam } from '../http/api';
import { log } from '../lib/log';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;

/** The raw body exactly as WeChat Pay signed it (the HTTP API may hand it over base64-encoded). */
const rawBody = (event: HttpEvent) =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');

const NOTIFICATION_REFUSED = { code: 'FAIL', message: '通知未被接受' } as const;

/**
 * WeChat Pay notifications: 204 once handled (or already handled); 4xx with WeChat Pay's
 * {code, message} shape when the message cannot be trusted, so WeChat Pay retries later.
 */
async function notification(event: HttpEvent): Promise<HttpResult> {
  try {
    await handleNotification(event.headers ?? {}, rawBody(event));
    return { statusCode: 204 };
  } catch (error) {
    if (error instanceof NotificationRejected || error instanceof SyntaxError) {
      // One answer whatever failed: the sender learns nothing about which check it missed.
      // The reason goes only to our log.
      log.warn('notification rejected', { problem: error instanceof SyntaxError ? 'malformed body' : error.message });
      return json(401, NOTIFICATION_REFUSED);
    }
    // Not applied (each effect is one transaction): WeChat Pay retries any non-2xx answer.
    log.error('notification handling failed', { error });
    return json(503, { code: 'FAIL', message: '处理失败，请稍后重试' }, { 'retry-after': '5' });
  }
}

export const handler = httpApi({
  'GET /payments/{outTradeNo}': async (event) =>
    json(
      200,
      await getMyPayment(citizen(event), pathParam(event, 'outTradeNo'), event.queryStringParameters?.refresh === '1'),
    ),
  'POST /applications/{id}/payment': async (event) =>
    json(201, await payApplicationFee(citizen(event), pathParam(event, 'id'))),
  'POST /payments/notify': notification,
  'POST /payments/refund-notify': notification,
});
