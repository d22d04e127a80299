import { type DemoOrganisation, seedOrganisation } from './seed-organisations';
import { type DemoVehicle, seedTrafficRecords } from './seed-traffic';
import type { Stack } from './stack';
import { PERSONAS } from './wechat-standin/personas';

/**
 * Demo data, created through the real HTTP API (no back door into the table): the demo
 * citizens log in, and all but 张三 complete real-name verification, so a visitor can walk
 * the verification steps as 张三 and see a verified account as 李四.
 */
export interface SeedStep {
  label: string;
  run(): Promise<void>;
}

async function post<T>(url: string, body: unknown, accessToken?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Synthetic records from the exit-entry and traffic systems, as the licence exchange would share them. */
const DEMO_LICENCES: Record<
  string,
  {
    type: 'hk-macau-permit';
    numberMasked: string;
    validUntil: string;
    fields: Record<string, string>;
    endorsementsIssued?: number;
  }[]
> = {
  o_demo_lisi: [
    {
      type: 'hk-macau-permit',
      numberMasked: 'C1******8',
      validUntil: '2034-06-30',
      fields: { 证件种类: '电子往来港澳通行证' },
      endorsementsIssued: 3,
    },
  ],
};

/** Vehicles registered to demo citizens in the traffic system (owner matched by ID number). */
export const DEMO_VEHICLES: Record<string, DemoVehicle> = {
  o_demo_wangwu: { plate: '闽A12345', plateType: '02', model: '比亚迪 秦PLUS', engineNumberLast6: 'K35102' },
};

/** Organisations in the register whose legal representative is a demo citizen (matched by ID number). */
export const DEMO_ORGANISATIONS: Record<string, Omit<DemoOrganisation, 'legalRep'>[]> = {
  o_demo_wangwu: [
    {
      creditCodeBase: '91350102MA2XY8K3Q',
      name: '福州三坊七巷悦居酒店有限公司',
      address: '福建省福州市鼓楼区南后街 88 号',
    },
  ],
};

async function userIdOf(stack: Stack, token: string): Promise<string> {
  const me = await fetch(`${stack.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
  return ((await me.json()) as { userId: string }).userId;
}

async function seedLicences(stack: Stack, openid: string, token: string): Promise<void> {
  const records = DEMO_LICENCES[openid] ?? [];
  if (!records.length) return;
  const { putLicence } = await import('../../functions/src/repositories/licences');
  const userId = await userIdOf(stack, token);
  for (const record of records)
    await putLicence({ userId, flags: [], receivedAt: new Date().toISOString(), ...record });
}

export function seedSteps(stack: Stack): SeedStep[] {
  const verifiedPersonas = PERSONAS.filter((p) => !p.risky && p.openid !== 'o_demo_zhangsan');
  return verifiedPersonas.map((persona) => ({
    label: `演示账号 ${persona.demoName} 登录并完成实名认证`,
    run: async () => {
      const { code } = (
        await post<{ code: string }>(`${stack.wechat.url}/__standin/login-code`, { openid: persona.openid })
      ).body;
      const login = await post<{ accessToken: string; verified: boolean }>(`${stack.apiUrl}/auth/login`, { code });
      if (login.status !== 200) throw new Error(`demo login failed: ${login.status}`);
      const token = login.body.accessToken;
      await seedLicences(stack, persona.openid, token);
      for (const org of DEMO_ORGANISATIONS[persona.openid] ?? []) {
        await seedOrganisation({ ...org, legalRep: { name: persona.demoName, idNumber: persona.demoIdNumber } });
      }
      const vehicle = DEMO_VEHICLES[persona.openid];
      if (vehicle)
        await seedTrafficRecords({ userId: await userIdOf(stack, token), idNumber: persona.demoIdNumber }, vehicle);
      if (login.body.verified) return;
      const start = await post(
        `${stack.apiUrl}/identity/verifications`,
        { name: persona.demoName, idNumber: persona.demoIdNumber, consent: true },
        token,
      );
      if (start.status !== 201) throw new Error(`demo verification start failed: ${JSON.stringify(start.body)}`);
      const { verifyResult } = (
        await post<{ verifyResult: string }>(`${stack.wechat.url}/__standin/face-result`, {
          openid: persona.openid,
          name: persona.demoName,
          idCardNumber: persona.demoIdNumber,
          identifyRet: 0,
        })
      ).body;
      const done = await post(`${stack.apiUrl}/identity/verifications/face`, { verifyResult }, token);
      if (done.status !== 200) throw new Error(`demo face verification failed: ${JSON.stringify(done.body)}`);
    },
  }));
}
