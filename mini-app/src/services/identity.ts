import type {
  CompleteFaceVerificationRequest,
  StartVerificationRequest,
  StartVerificationResponse,
  VerifiedIdentity,
} from '../shared';
import { request } from './request';

/** Step 1: states name and ID number with consent; the server keeps them for the face check. */
export const submitVerificationStart = (body: StartVerificationRequest): Promise<StartVerificationResponse> =>
  request<StartVerificationResponse>('/identity/verifications', { method: 'POST', data: body });

/** Step 2: hands the face check's verifyResult to the server, which asks WeChat what it means. */
export const submitFaceResult = (verifyResult: string): Promise<VerifiedIdentity> => {
  const body: CompleteFaceVerificationRequest = { verifyResult };
  return request<VerifiedIdentity>('/identity/verifications/face', { method: 'POST', data: body });
};
