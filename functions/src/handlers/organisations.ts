import { AuthoriseAgentRequest, BindOrganisationRequest, CreditCode } from '@minsheng/shared';
import { authenticateCitizen } from '../domain/auth';
import {
  authoriseAgent,
  bindOrganisation,
  myOrganisations,
  revokeAgent,
  unbindOrganisation,
} from '../domain/organisations';
import { type HttpEvent, httpApi, json, parseBody, pathParam } from '../http/api';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;
const creditCode = (event: HttpEvent) => CreditCode.parse(pathParam(event, 'creditCode'));

export const handler = httpApi({
  'GET /organisations': async (event) => json(200, { items: await myOrganisations(citizen(event)) }),
  'POST /organisations': async (event) =>
    json(201, await bindOrganisation(citizen(event), parseBody(BindOrganisationRequest, event))),
  'DELETE /organisations/{creditCode}': async (event) => {
    await unbindOrganisation(citizen(event), creditCode(event));
    return { statusCode: 204 };
  },
  'POST /organisations/{creditCode}/agents': async (event) =>
    json(201, await authoriseAgent(citizen(event), creditCode(event), parseBody(AuthoriseAgentRequest, event))),
  'DELETE /organisations/{creditCode}/agents/{agentId}': async (event) =>
    json(200, await revokeAgent(citizen(event), creditCode(event), pathParam(event, 'agentId'))),
});
