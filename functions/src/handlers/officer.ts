import {
  CloseFollowUpRequest,
  OfficerActionRequest,
  OfficerAppointmentQuery,
  OfficerLoginRequest,
  StatisticsQuery,
} from '@minsheng/shared';
import { z } from 'zod';
import { checkIn, officerHallDay, officerHalls } from '../domain/appointments';
import { authenticateOfficer, describeOfficer, officerLogin } from '../domain/officer-auth';
import {
  closeBadReviewFollowUp,
  decide,
  findCaseByNumberFor,
  materialDownloadUrl,
  officerFollowUps,
  officerQueue,
  openCase,
} from '../domain/officer-cases';
import { monthlyStatistics } from '../domain/statistics';
import { type HttpEvent, httpApi, json, parseBody, parseQuery, pathParam } from '../http/api';

const officer = (event: HttpEvent) => authenticateOfficer(event.headers?.authorization);
const QueueQuery = z.object({
  scope: z.enum(['department', 'all']).default('department'),
  state: z.enum(['open', 'closed']).default('open'),
  department: z.string().min(1).max(40).optional(),
  cursor: z.string().min(1).max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});

export const handler = httpApi({
  'POST /officer/login': async (event) => {
    const { username, password } = parseBody(OfficerLoginRequest, event);
    return json(200, await officerLogin(username, password));
  },
  'GET /officer/me': async (event) => json(200, await describeOfficer(officer(event).username)),
  'GET /officer/queue': async (event) => json(200, await officerQueue(officer(event), parseQuery(QueueQuery, event))),
  'GET /officer/case-numbers/{caseNumber}': async (event) =>
    json(200, await findCaseByNumberFor(officer(event), pathParam(event, 'caseNumber'))),
  'GET /officer/applications/{id}': async (event) => json(200, await openCase(officer(event), pathParam(event, 'id'))),
  'POST /officer/applications/{id}/actions': async (event) =>
    json(200, await decide(officer(event), pathParam(event, 'id'), parseBody(OfficerActionRequest, event))),
  'GET /officer/materials/{uploadId}': async (event) =>
    json(200, { url: await materialDownloadUrl(officer(event), pathParam(event, 'uploadId')) }),
  'GET /officer/follow-ups': async (event) => json(200, { items: await officerFollowUps(officer(event)) }),
  'POST /officer/follow-ups/{id}/close': async (event) =>
    json(
      200,
      await closeBadReviewFollowUp(
        officer(event),
        pathParam(event, 'id'),
        parseBody(CloseFollowUpRequest, event).resolution,
      ),
    ),
  'GET /officer/halls': async (event) => json(200, { halls: officerHalls(officer(event)) }),
  'GET /officer/appointments': async (event) => {
    const { hallId, date } = parseQuery(OfficerAppointmentQuery, event);
    return json(200, { items: await officerHallDay(officer(event), hallId, date) });
  },
  'POST /officer/appointments/{id}/check-in': async (event) =>
    json(200, await checkIn(officer(event), pathParam(event, 'id'))),
  'GET /officer/statistics': async (event) => {
    const { month, scope } = parseQuery(StatisticsQuery, event);
    return json(200, { items: await monthlyStatistics(officer(event), month, scope) });
  },
});
