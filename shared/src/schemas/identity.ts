import '../zod-chinese';
import { z } from 'zod';
import { ErrorCatalog } from '../errors';
import { findIdNumberProblem, normaliseIdNumber } from '../idcard';

/** An ID number as typed: normalised, then checked per GB 11643 with one message per failure. */
export const IdNumber = z
  .string({ required_error: ErrorCatalog.ID_NUMBER_FORMAT.message })
  .max(40, ErrorCatalog.ID_NUMBER_FORMAT.message)
  .transform(normaliseIdNumber)
  .superRefine((id, ctx) => {
    const problem = findIdNumberProblem(id);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: ErrorCatalog[problem].message, params: { code: problem } });
    }
  });

export const PersonName = z
  .string({ required_error: ErrorCatalog.NAME_INVALID.message })
  .max(90, ErrorCatalog.NAME_INVALID.message)
  .trim()
  .superRefine((name, ctx) => {
    if (!/^[\u4e00-\u9fa5·•A-Za-z]{2,30}$/u.test(name)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: ErrorCatalog.NAME_INVALID.message,
        params: { code: 'NAME_INVALID' },
      });
    }
  });

/** Step 1 of real-name verification: the citizen states who they are and consents. */
export const StartVerificationRequest = z.object({
  name: PersonName,
  idNumber: IdNumber,
  /** Separate consent to processing face and ID data (PIPL sensitive personal information). */
  consent: z.literal(true, {
    errorMap: () => ({ message: ErrorCatalog.CONSENT_REQUIRED.message }),
  }),
});
export type StartVerificationRequest = z.infer<typeof StartVerificationRequest>;

export const StartVerificationResponse = z.object({
  expiresAt: z.string(),
  attemptsLeft: z.number().int().nonnegative(),
});
export type StartVerificationResponse = z.infer<typeof StartVerificationResponse>;

/** Step 2: the `verifyResult` returned by wx.startFacialRecognitionVerify. */
export const CompleteFaceVerificationRequest = z.object({
  verifyResult: z.string().min(8, { message: '缺少人脸核验结果，请重新核验' }).max(512),
});
export type CompleteFaceVerificationRequest = z.infer<typeof CompleteFaceVerificationRequest>;

export const VerifiedIdentity = z.object({
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  method: z.enum(['face', 'window']),
  verifiedAt: z.string(),
});
export type VerifiedIdentity = z.infer<typeof VerifiedIdentity>;

export const Me = z.object({
  userId: z.string(),
  verified: z.boolean(),
  identity: VerifiedIdentity.nullable(),
});
export type Me = z.infer<typeof Me>;
