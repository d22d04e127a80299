import type { AppointmentView, HallDayView } from '@minsheng/shared';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { verifiedCitizen } from '../support/cases';
import { signInToConsole } from '../support/console-login';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * 预约到号 in the officers' console: a verified citizen books a window appointment for the
 * criminal-record certificate (无犯罪记录证明) at the citizen centre; on the day, at the slot's
 * time, the criminal-investigation reception officer finds it in the console and checks the
 * citizen in, and the citizen's own list then shows it checked in. The household reception
 * officer, at the same hall, does not see it.
 *
 * "On the day" is the server's pinned clock (the handlers run in this process) and the
 * browser's clock set to the same moment: the console offers 到号 only for today's bookings.
 */
const NAME = '钱多多';
const HALL = 'citizen-centre';

let stack: TestStack;
let browser: Browser;
let clock: jest.SpiedFunction<typeof Date.now> | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  clock?.mockRestore();
  await browser?.close();
  await stack?.stop();
});

/** The China date now (real time, before any pinning). */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A console tab whose clock stands at `at`, like the server's. */
async function consolePage(at: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.clock.setFixedTime(at);
  return page;
}

const officerLogin = (page: Page, username: string) => signInToConsole(page, stack, username);

/** Opens 预约到号 from the nav, picks the hall and the date, and waits for that day's list. */
async function openHallDay(page: Page, date: string): Promise<void> {
  const desk = (id: string) => page.locator(`[data-testid="${id}"]`);
  await desk('nav-appointments').click();
  await desk('appointments-page').waitFor();
  await desk('appointments-hall').selectOption(HALL);
  await desk('appointments-date').fill(date);
  await page.locator(`[data-testid="appointments-table"][data-hall="${HALL}"][data-date="${date}"]`).waitFor();
}

it('the reception officer checks the citizen in on the day; another department does not see the booking', async () => {
  // The citizen books the first bookable slot after today.
  const citizen = await verifiedCitizen(stack, NAME);
  const slots = await stack.api<{ days: HallDayView[] }>('GET', `/appointments/slots?hallId=${HALL}`);
  expect(slots.status).toBe(200);
  const today = chinaToday();
  const slot = slots.body.days
    .filter((d) => d.date > today)
    .flatMap((d) => d.slots.filter((s) => s.bookable).map((s) => ({ date: d.date, time: s.time })))[0];
  if (!slot) throw new Error('no bookable slot after today');
  const booked = await stack.api<AppointmentView>(
    'POST',
    '/appointments',
    { hallId: HALL, date: slot.date, time: slot.time, itemCode: 'XZ-001' },
    citizen.token,
  );
  expect(booked).toMatchObject({ status: 201, body: { status: 'booked', itemName: '无犯罪记录证明' } });
  const id = booked.body.id;

  // The day and time of the appointment, China time, for the server and the browser alike.
  const at = Date.parse(`${slot.date}T${slot.time}:00+08:00`);
  clock = jest.spyOn(Date, 'now').mockReturnValue(at);
  try {
    // Logged in after pinning, so the session is valid at the pinned time.
    const officer = await consolePage(at);
    const desk = (testId: string) => officer.locator(`[data-testid="${testId}"]`);
    await officerLogin(officer, 'xz_reception');
    await desk('nav-appointments').click();
    await desk('appointments-date').waitFor();
    // The date starts at today's China date.
    await expect(desk('appointments-date').inputValue()).resolves.toBe(slot.date);
    await openHallDay(officer, slot.date);

    const row = desk(`appointment-row-${id}`);
    await row.waitFor();
    await expect(desk(`appointment-time-${id}`).innerText()).resolves.toBe(slot.time);
    await expect(desk(`appointment-number-${id}`).innerText()).resolves.toBe(id);
    await expect(desk(`appointment-applicant-${id}`).innerText()).resolves.toBe('钱**');
    await expect(desk(`appointment-item-${id}`).innerText()).resolves.toContain('无犯罪记录证明');
    await expect(desk(`appointment-status-${id}`).innerText()).resolves.toBe('已预约');
    await expect(desk('appointments-count-booked').innerText()).resolves.toBe('1');
    await expect(desk('appointments-count-checked-in').innerText()).resolves.toBe('0');

    await desk(`appointment-check-in-${id}`).click();
    await officer.locator(`[data-testid="appointment-status-${id}"][data-status="checked-in"]`).waitFor();
    await expect(desk(`appointment-status-${id}`).innerText()).resolves.toBe('已到号');
    await expect(desk('appointments-notice').innerText()).resolves.toContain(id);
    await expect(desk(`appointment-check-in-${id}`).count()).resolves.toBe(0);
    await expect(desk('appointments-count-booked').innerText()).resolves.toBe('0');
    await expect(desk('appointments-count-checked-in').innerText()).resolves.toBe('1');
    await expect(desk('appointments-action-error').count()).resolves.toBe(0);

    // The citizen's own list (a fresh session at the pinned time) shows it checked in.
    const session = await stack.login(citizen.openid);
    const mine = await stack.api<{ items: AppointmentView[] }>('GET', '/appointments', undefined, session.accessToken);
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((a) => a.id === id)).toMatchObject({ status: 'checked-in', cancellable: false });

    // The household reception officer serves the same hall but not this department's bookings.
    const other = await consolePage(at);
    await officerLogin(other, 'hz_reception');
    await openHallDay(other, slot.date);
    await expect(other.locator(`[data-testid="appointment-row-${id}"]`).count()).resolves.toBe(0);
    await expect(other.locator('[data-testid^="appointment-row-"]').count()).resolves.toBe(0);
    await expect(other.locator('[data-testid="appointments-empty"]').isVisible()).resolves.toBe(true);
  } finally {
    clock.mockRestore();
    clock = undefined;
  }
  expect(pageErrors).toEqual([]);
});
