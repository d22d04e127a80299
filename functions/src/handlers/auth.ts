import { LoginRequest, RefreshRequest } from '@minsheng/shared';
import { loginWithWeChatCode, logout, refreshSession } from '../domain/auth';
import { httpApi, json, parseBody, sourceIp } from '../http/api';

export const handler = httpApi({
  'POST /auth/login': async (event) =>
    json(200, await loginWithWeChatCode(parseBody(LoginRequest, event).code, sourceIp(event))),
  'POST /auth/refresh': async (event) => json(200, await refreshSession(parseBody(RefreshRequest, event).refreshToken)),
  'POST /auth/logout': async (event) => {
    await logout(parseBody(RefreshRequest, event).refreshToken);
    return { statusCode: 204 };
  },
});
