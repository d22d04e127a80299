import {
  CreateApplicationRequest,
  RatingRequest,
  SaveDraftRequest,
  SupplyRequest,
  UploadRequest,
  VersionedRequest,
  WithdrawRequest,
} from '@minsheng/shared';
import {
  createDraft,
  getMyApplication,
  listMyApplications,
  rateApplication,
  saveDraft,
  submitApplication,
  supplyMaterials,
  withdrawApplication,
} from '../domain/applications';
import { authenticateCitizen } from '../domain/auth';
import { createUploadTicket } from '../domain/uploads';
import { type HttpEvent, httpApi, json, parseBody, pathParam } from '../http/api';

const citizen = (event: HttpEvent) => authenticateCitizen(event.headers?.authorization).userId;
const caseId = (event: HttpEvent) => pathParam(event, 'id');

export const handler = httpApi({
  'POST /applications': async (event) =>
    json(201, await createDraft(citizen(event), parseBody(CreateApplicationRequest, event))),
  'GET /applications': async (event) => json(200, { items: await listMyApplications(citizen(event)) }),
  'GET /applications/{id}': async (event) => json(200, await getMyApplication(citizen(event), caseId(event))),
  'PUT /applications/{id}': async (event) =>
    json(200, await saveDraft(citizen(event), caseId(event), parseBody(SaveDraftRequest, event))),
  'POST /applications/{id}/submit': async (event) =>
    json(
      200,
      await submitApplication(citizen(event), caseId(event), parseBody(VersionedRequest, event).expectedVersion),
    ),
  'POST /applications/{id}/withdraw': async (event) => {
    const body = parseBody(WithdrawRequest, event);
    return json(200, await withdrawApplication(citizen(event), caseId(event), body.expectedVersion, body.reason));
  },
  'POST /applications/{id}/supplement': async (event) =>
    json(200, await supplyMaterials(citizen(event), caseId(event), parseBody(SupplyRequest, event))),
  'POST /applications/{id}/rating': async (event) =>
    json(200, await rateApplication(citizen(event), caseId(event), parseBody(RatingRequest, event))),
  'POST /uploads': async (event) =>
    json(201, await createUploadTicket(citizen(event), parseBody(UploadRequest, event))),
});
