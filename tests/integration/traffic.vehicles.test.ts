import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithFine, citizenWithVehicle } from '../support/traffic';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('binding a vehicle', () => {
  it('binds a vehicle registered to the citizen and lists its violations and the licence', async () => {
    const owner = await citizenWithVehicle(stack);
    const bound = await stack.api(
      'POST',
      '/traffic/vehicles',
      { plate: owner.vehicle.plate.toLowerCase(), plateType: '02', engineNumberLast6: 'e12345' },
      owner.token,
    );
    expect(bound).toMatchObject({ status: 201, body: { plate: owner.vehicle.plate, plateTypeLabel: '小型汽车' } });
    const violations = await stack.api<{ items: { payableOnline: boolean; status: string; points: number }[] }>(
      'GET',
      '/traffic/violations',
      undefined,
      owner.token,
    );
    expect(violations.body.items).toHaveLength(3);
    expect(violations.body.items.filter((v) => v.payableOnline)).toHaveLength(2);
    expect(violations.body.items.find((v) => !v.payableOnline)).toMatchObject({ status: 'needs_window', points: 6 });
    const licence = await stack.api('GET', '/traffic/licence', undefined, owner.token);
    expect(licence.body).toMatchObject({ licenceClass: 'C1', points: 0 });
    const again = await stack.api(
      'POST',
      '/traffic/vehicles',
      { plate: owner.vehicle.plate, plateType: '02', engineNumberLast6: 'E12345' },
      owner.token,
    );
    expect(again).toMatchObject({ status: 409, body: { code: 'VEHICLE_ALREADY_BOUND' } });
  });

  it.each([
    [
      'a plate without a province',
      { plate: 'AB12345', plateType: '02', engineNumberLast6: 'E12345' },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an unknown plate type',
      { plate: '粤B12345', plateType: '99', engineNumberLast6: 'E12345' },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a vehicle the system does not know',
      { plate: '粤Z00000', plateType: '02', engineNumberLast6: 'E12345' },
      404,
      'VEHICLE_NOT_FOUND',
    ],
  ])('refuses %s', async (_label, body, status, code) => {
    const owner = await citizenWithVehicle(stack, '王二');
    const res = await stack.api('POST', '/traffic/vehicles', body, owner.token);
    expect(res).toMatchObject({ status, body: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
  });

  it("refuses someone else's vehicle, and a wrong engine number", async () => {
    const owner = await citizenWithVehicle(stack, '甲车主');
    const stranger = await citizenWithVehicle(stack, '乙路人');
    const res = await stack.api(
      'POST',
      '/traffic/vehicles',
      { plate: owner.vehicle.plate, plateType: '02', engineNumberLast6: 'E12345' },
      stranger.token,
    );
    expect(res).toMatchObject({ status: 403, body: { code: 'VEHICLE_NOT_OWNED' } });
    const wrongEngine = await stack.api(
      'POST',
      '/traffic/vehicles',
      { plate: owner.vehicle.plate, plateType: '02', engineNumberLast6: 'X99999' },
      owner.token,
    );
    expect(wrongEngine.status).toBe(403);
  });

  it("does not let a citizen pay, or see, another citizen's fine", async () => {
    const owner = await citizenWithFine(stack, '丙车主');
    const stranger = await citizenWithVehicle(stack, '丁路人');
    const res = await stack.api(
      'POST',
      `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`,
      undefined,
      stranger.token,
    );
    expect(res).toMatchObject({ status: 404, body: { code: 'VIOLATION_NOT_FOUND' } });
    const list = await stack.api<{ items: unknown[] }>('GET', '/traffic/violations', undefined, stranger.token);
    expect(list.body.items).toEqual([]);
  });
});
