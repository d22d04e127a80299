import { LoginRequest, RefreshRequest } from '@minsheng/shared';
import { loginWithWeChatCode, refreshSession } from '../domain/auth';
import { httpApi, json, parseBody } from '../http/api';

export const handler = httpApi({
  'POST /auth/login': async (event) => json(200, await loginWithWeChatCode(parseBody(LoginRequest, event).code)),
  'POST /auth/refresh': async (event) => json(200, await refreshSession(parseBody(RefreshRequest, event).refreshToken)),
});
