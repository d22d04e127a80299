import { BindVehicleRequest } from '@minsheng/shared';
import { authenticateCitizen } from '../domain/auth';
import { bindVehicle, myDrivingLicence, myVehicles, myViolations, payFine, unbindVehicle } from '../domain/traffic';
import { type HttpEvent, httpApi, json, parseBody, pathParam } from '../http/api';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;

export const handler = httpApi({
  'GET /traffic/vehicles': async (event) => json(200, { items: await myVehicles(citizen(event)) }),
  'POST /traffic/vehicles': async (event) =>
    json(201, await bindVehicle(citizen(event), parseBody(BindVehicleRequest, event))),
  'DELETE /traffic/vehicles/{plate}': async (event) => {
    await unbindVehicle(citizen(event), pathParam(event, 'plate'));
    return { statusCode: 204 };
  },
  'GET /traffic/licence': async (event) => json(200, await myDrivingLicence(citizen(event))),
  'GET /traffic/violations': async (event) => json(200, { items: await myViolations(citizen(event)) }),
  'POST /traffic/violations/{id}/payment': async (event) =>
    json(201, await payFine(citizen(event), pathParam(event, 'id'))),
});
