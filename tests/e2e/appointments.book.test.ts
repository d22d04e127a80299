import type { AppointmentView, HallDayView, SlotView } from '@minsheng/shared';
import type { Browser, Page } from 'playwright-core';
import { byTestId, launchChromium, visiblePage } from '../support/browser';
import { verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Window appointments in the h5 mini-program: a verified citizen opens the guide of
 * 无犯罪记录证明, taps 预约到窗口办理, picks the 市民服务中心 hall, the first working day after
 * today that has a free place and its first free slot, confirms, and gets the booking number
 * the API also reports; in 我的预约 the appointment is 已预约, is cancelled after the in-page
 * confirmation, shows 已取消, and its place is free again.
 */
const HALL_ID = 'citizen-centre';
const HALL_NAME = '市民服务中心公安综合窗口';
const ITEM_NAME = '无犯罪记录证明';
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

let stack: TestStack;
let browser: Browser;
let citizen: Page;
let token = '';
const pageErrors: string[] = [];
/** The appointment booked in the first test. */
let booked: { id: string; date: string; slot: SlotView } | null = null;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
  citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
  citizen.on('pageerror', (e) => pageErrors.push(e.message));

  const person = await verifiedCitizen(stack, '王预约');
  // A fresh session for the browser (the helper keeps only the access token).
  const session = await stack.login(person.openid);
  token = session.accessToken;
  await citizen.goto(`${stack.appUrl}/#/pages/index/index`);
  await citizen.evaluate(
    (data) => {
      localStorage.setItem('minsheng.session', JSON.stringify({ data }));
    },
    {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      accessTokenExpiresAt: Date.now() + 3_600_000,
      verified: true,
    },
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const app = (id: string) => byTestId(visiblePage(citizen), id);
/** Waits until the element shows the attribute value (React renders after the click returns). */
const showing = (id: string, attribute: string, value: string) =>
  visiblePage(citizen).locator(`[data-testid="${id}"][${attribute}="${value}"]`).waitFor();

async function schedule(): Promise<HallDayView[]> {
  const res = await stack.api<{ days: HallDayView[] }>('GET', `/appointments/slots?hallId=${HALL_ID}`);
  expect(res.status).toBe(200);
  return res.body.days;
}

async function remaining(date: string, time: string): Promise<number | undefined> {
  return (await schedule()).find((d) => d.date === date)?.slots.find((s) => s.time === time)?.remaining;
}

async function mine(): Promise<AppointmentView[]> {
  const res = await stack.api<{ items: AppointmentView[] }>('GET', '/appointments', undefined, token);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Today's date in China, the halls' calendar. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const chineseDate = (date: string) => {
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日`;
};

it('books the first free slot after today from the item guide and shows the 预约号', async () => {
  await citizen.goto(`${stack.appUrl}/#/pages/item/index?code=XZ-001`);
  await expect(app('item-name').innerText()).resolves.toBe(ITEM_NAME);
  await app('item-appointment').click();

  await expect(app('book-item-name').innerText()).resolves.toBe(ITEM_NAME);
  await expect(app('book-halls').getAttribute('data-count')).resolves.toBe('1');
  const hall = app(`book-hall-${HALL_ID}`);
  await expect(hall.innerText()).resolves.toContain(HALL_NAME);
  await hall.click();
  await showing(`book-hall-${HALL_ID}`, 'data-selected', 'true');
  await app('book-dates').waitFor();

  const today = chinaToday();
  const day = (await schedule()).find((d) => d.date > today && d.slots.some((s) => s.bookable));
  const slot = day?.slots.find((s) => s.bookable);
  if (!day || !slot) throw new Error('the hall has no free slot after today');
  expect(slot.remaining).toBe(slot.capacity);

  const dateTab = app(`book-date-${day.date}`);
  await expect(dateTab.innerText()).resolves.toContain(chineseDate(day.date));
  await dateTab.click();
  await showing(`book-date-${day.date}`, 'data-selected', 'true');
  await expect(dateTab.innerText()).resolves.toContain(WEEKDAY[new Date(`${day.date}T00:00:00Z`).getUTCDay()]);
  await showing('book-slots', 'data-date', day.date);
  const tile = app(`book-slot-${slot.time}`);
  await expect(tile.getAttribute('data-bookable')).resolves.toBe('true');
  await expect(tile.innerText()).resolves.toContain(`余 ${slot.capacity}`);
  await tile.click();

  await app('book-confirm-dialog').waitFor();
  await expect(app('book-confirm-item').innerText()).resolves.toBe(ITEM_NAME);
  await expect(app('book-confirm-hall').innerText()).resolves.toContain(HALL_NAME);
  await expect(app('book-confirm-date').innerText()).resolves.toContain(chineseDate(day.date));
  await expect(app('book-confirm-time').innerText()).resolves.toContain(slot.time);
  await app('book-confirm').click();

  const number = (await app('book-number').innerText()).trim();
  expect(number).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  await expect(app('book-bring-id').innerText()).resolves.toContain('居民身份证');
  await expect(app('book-done-hall').innerText()).resolves.toContain(HALL_NAME);
  await expect(app('book-done-when').innerText()).resolves.toContain(slot.time);

  const items = await mine();
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({
    id: number,
    hallId: HALL_ID,
    date: day.date,
    time: slot.time,
    itemCode: 'XZ-001',
    itemName: ITEM_NAME,
    status: 'booked',
    cancellable: true,
  });
  await expect(remaining(day.date, slot.time)).resolves.toBe(slot.capacity - 1);
  booked = { id: number, date: day.date, slot };
  expect(pageErrors).toEqual([]);
}, 60_000);

it('我的预约 shows it 已预约; cancelling it shows 已取消 and frees the place', async () => {
  if (!booked) throw new Error('nothing was booked');
  const { id, date, slot } = booked;
  await app('book-go-mine').click();

  const row = app(`appt-row-${id}`);
  await expect(row.getAttribute('data-status')).resolves.toBe('booked');
  await expect(app(`appt-row-${id}-status`).innerText()).resolves.toBe('已预约');
  await expect(app(`appt-row-${id}-number`).innerText()).resolves.toBe(id);
  await expect(app(`appt-row-${id}-item`).innerText()).resolves.toBe(ITEM_NAME);
  await expect(app(`appt-row-${id}-hall`).innerText()).resolves.toContain(HALL_NAME);
  await expect(app(`appt-row-${id}-date`).innerText()).resolves.toContain(chineseDate(date));
  await expect(app(`appt-row-${id}-time`).innerText()).resolves.toContain(slot.time);

  await app(`appt-cancel-${id}`).click();
  await expect(app('appt-cancel-dialog').innerText()).resolves.toContain(id);
  await app('appt-cancel-confirm').click();
  await app('appt-cancelled').waitFor();
  await showing(`appt-row-${id}`, 'data-status', 'cancelled');
  await expect(app(`appt-row-${id}-status`).innerText()).resolves.toBe('已取消');
  await expect(app(`appt-cancel-${id}`).count()).resolves.toBe(0);

  expect(await mine()).toEqual([expect.objectContaining({ id, status: 'cancelled', cancellable: false })]);
  await expect(remaining(date, slot.time)).resolves.toBe(slot.capacity);
  expect(pageErrors).toEqual([]);
}, 60_000);

it('个人中心 → 我的预约 lists the cancelled appointment', async () => {
  if (!booked) throw new Error('nothing was booked');
  await citizen.goto(`${stack.appUrl}/#/pages/me/index`);
  await citizen.reload();
  await app('me-appointments').click();
  await expect(app('appts-list').getAttribute('data-count')).resolves.toBe('1');
  await showing(`appt-row-${booked.id}`, 'data-status', 'cancelled');
  expect(pageErrors).toEqual([]);
});
