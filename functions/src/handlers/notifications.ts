import { SubscribeRequest } from '@minsheng/shared';
import { authenticateCitizen } from '../domain/auth';
import { myMessages, mySubscriptions, readMyMessage, recordSubscriptions } from '../domain/notifications';
import { type HttpEvent, httpApi, json, parseBody, pathParam } from '../http/api';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;

export const handler = httpApi({
  'GET /messages': async (event) => json(200, await myMessages(citizen(event))),
  'POST /messages/{id}/read': async (event) => json(200, await readMyMessage(citizen(event), pathParam(event, 'id'))),
  'GET /subscriptions': async (event) => json(200, { templates: await mySubscriptions(citizen(event)) }),
  'POST /subscriptions': async (event) =>
    json(200, { templates: await recordSubscriptions(citizen(event), parseBody(SubscribeRequest, event)) }),
});
