import { BindVehicleRequest } from '@minsheng/shared';
import { authenticateCitizen } from '../domain/auth';
import { bindVehicle, myDrivingLicence, myVehicles, myViolations, payFine, unbindVehicle } from '../domain/traffic';
import { type HttpEvent, httpApi, json, parseBody } from '../http/api';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;
const param = (event: HttpEvent, name: string) => decodeURIComponent(event.pathParameters?.[name] ?? '');

export const handler = httpApi({
  'GET /traffic/vehicles': async (event) => json(200, { items: await myVehicles(citizen(event)) }),
  'POST /traffic/vehicles': async (event) =>
    json(201, await bindVehicle(citizen(event), parseBody(BindVehicleRequest, event))),
  'DELETE /traffic/vehicles/{plate}': async (event) => {
    await unbindVehicle(citizen(event), param(event, 'plate'));
    return { statusCode: 204 };
  },
  'GET /traffic/licence': async (event) => json(200, await myDrivingLicence(citizen(event))),
  'GET /traffic/violations': async (event) => json(200, { items: await myViolations(citizen(event)) }),
  'POST /traffic/violations/{id}/payment': async (event) =>
    json(201, await payFine(citizen(event), param(event, 'id'))),
});
