import '../zod-chinese';
import { z } from 'zod';

/** The code from `wx.login`, valid five minutes and once. */
export const LoginRequest = z.object({
  code: z.string().min(1, { message: '缺少微信登录凭证' }).max(128),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.object({
  refreshToken: z.string().min(16, { message: '缺少刷新凭证' }).max(256),
});
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const SessionResponse = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
  verified: z.boolean(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
