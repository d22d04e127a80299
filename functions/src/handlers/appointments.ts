import { BookAppointmentRequest, HallsQuery, SlotQuery } from '@minsheng/shared';
import { bookAppointment, cancelAppointment, hallSchedule, listHalls, myAppointments } from '../domain/appointments';
import { authenticateCitizen } from '../domain/auth';
import { type HttpEvent, httpApi, json, parseBody, parseQuery, pathParam } from '../http/api';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;

export const handler = httpApi({
  // Public, like the catalogue: halls and free places carry no personal data.
  'GET /appointments/halls': async (event) => json(200, { halls: listHalls(parseQuery(HallsQuery, event).itemCode) }),
  'GET /appointments/slots': async (event) => {
    const { hallId, date } = parseQuery(SlotQuery, event);
    return json(200, { days: await hallSchedule(hallId, date) });
  },
  'GET /appointments': async (event) => json(200, { items: await myAppointments(citizen(event)) }),
  'POST /appointments': async (event) =>
    json(201, await bookAppointment(citizen(event), parseBody(BookAppointmentRequest, event))),
  'POST /appointments/{id}/cancel': async (event) =>
    json(200, await cancelAppointment(citizen(event), pathParam(event, 'id'))),
});
