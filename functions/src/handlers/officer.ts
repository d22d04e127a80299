import {
  AdministerOfficerRequest,
  CalendarYear,
  CloseFollowUpRequest,
  FinanceResolveRequest,
  OfficerActionRequest,
  OfficerAppointmentQuery,
  OfficerEnrolmentRequest,
  OfficerLoginRequest,
  OfficerQueueQuery,
  SaveArrangementRequest,
  StatisticsQuery,
} from '@minsheng/shared';
import { checkIn, officerHallDay, officerHalls } from '../domain/appointments';
import { calendarOverview, saveArrangement } from '../domain/calendar-admin';
import { financeQueue, resolveFinanceItem } from '../domain/finance';
import { administerOfficer } from '../domain/officer-admin';
import { confirmEnrolment, describeOfficer, officerLogin } from '../domain/officer-auth';
import { authenticateAdministrator, authenticateOfficer } from '../domain/officer-authority';
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
import { type HttpEvent, httpApi, json, parseBody, parseQuery, pathParam, sourceIp } from '../http/api';

const officer = (event: HttpEvent) => authenticateOfficer(event.headers?.authorization);

export const handler = httpApi({
  'POST /officer/login': async (event) =>
    json(200, await officerLogin(parseBody(OfficerLoginRequest, event), sourceIp(event))),
  'POST /officer/login/enrolment': async (event) =>
    json(200, await confirmEnrolment(parseBody(OfficerEnrolmentRequest, event), sourceIp(event))),
  'GET /officer/me': async (event) => json(200, await describeOfficer((await officer(event)).username)),
  'GET /officer/queue': async (event) =>
    json(200, await officerQueue(await officer(event), parseQuery(OfficerQueueQuery, event))),
  'GET /officer/applications/{id}': async (event) =>
    json(200, await openCase(await officer(event), pathParam(event, 'id'))),
  'GET /officer/case-numbers/{caseNumber}': async (event) =>
    json(200, await findCaseByNumberFor(await officer(event), pathParam(event, 'caseNumber'))),
  'POST /officer/applications/{id}/actions': async (event) =>
    json(200, await decide(await officer(event), pathParam(event, 'id'), parseBody(OfficerActionRequest, event))),
  'GET /officer/materials/{uploadId}': async (event) =>
    json(200, { url: await materialDownloadUrl(await officer(event), pathParam(event, 'uploadId')) }),
  'GET /officer/follow-ups': async (event) => json(200, { items: await officerFollowUps(await officer(event)) }),
  'POST /officer/follow-ups/{id}/close': async (event) =>
    json(
      200,
      await closeBadReviewFollowUp(
        await officer(event),
        pathParam(event, 'id'),
        parseBody(CloseFollowUpRequest, event).resolution,
      ),
    ),
  'GET /officer/halls': async (event) => json(200, { halls: officerHalls(await officer(event)) }),
  'GET /officer/appointments': async (event) => {
    const { hallId, date } = parseQuery(OfficerAppointmentQuery, event);
    return json(200, { items: await officerHallDay(await officer(event), hallId, date) });
  },
  'POST /officer/appointments/{id}/check-in': async (event) =>
    json(200, await checkIn(await officer(event), pathParam(event, 'id'))),
  'GET /officer/finance/payments': async (event) => json(200, { items: await financeQueue(await officer(event)) }),
  'POST /officer/finance/payments/{outTradeNo}/resolve': async (event) =>
    json(
      200,
      await resolveFinanceItem(
        await officer(event),
        pathParam(event, 'outTradeNo'),
        parseBody(FinanceResolveRequest, event),
      ),
    ),
  'GET /officer/statistics': async (event) => {
    const { month, scope } = parseQuery(StatisticsQuery, event);
    return json(200, { items: await monthlyStatistics(await officer(event), month, scope) });
  },
  'POST /officer/admin/officers/{username}': async (event) => {
    const administrator = await authenticateAdministrator(event.headers?.authorization);
    const change = parseBody(AdministerOfficerRequest, event);
    return json(200, await administerOfficer(administrator, pathParam(event, 'username'), change));
  },
  // 节假日安排 (administrators): the years and their sources; enter a year's announced 调休.
  'GET /officer/calendar': async (event) => json(200, await calendarOverview(await officer(event))),
  'PUT /officer/calendar/{year}': async (event) => {
    const who = await officer(event);
    const year = CalendarYear.parse(pathParam(event, 'year'));
    return json(200, await saveArrangement(who, year, parseBody(SaveArrangementRequest, event)));
  },
});
