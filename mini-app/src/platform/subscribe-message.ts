import Taro from '@tarojs/taro';
import { request } from '../services/request';
import type { SubscriptionTemplateView } from '../shared';

/**
 * Asks the citizen (weapp only) to accept subscribe messages at a moment where they make sense,
 * then tells the server which templates were accepted, so it may send that many messages.
 * h5 has no such API: nothing happens there. Never throws and never blocks the caller's flow.
 */
export type SubscribeMoment = 'application-submitted' | 'vehicle-bound';

const MOMENT_KEYS: Record<SubscribeMoment, SubscriptionTemplateView['key'][]> = {
  'application-submitted': ['progress', 'payment'],
  'vehicle-bound': ['payment', 'expiry'],
};

let templates: Promise<SubscriptionTemplateView[]> | null = null;
/** The templates once fetched: asking must happen synchronously inside the tap, so it cannot wait for them. */
let loaded: SubscriptionTemplateView[] | null = null;

/** Fetches the template ids ahead of time (WeChat shows the dialog only from a tap, with no wait before it). */
export function prefetchSubscriptionTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  loadTemplates()
    .then((list) => {
      loaded = list;
    })
    .catch(() => undefined);
}

function loadTemplates(): Promise<SubscriptionTemplateView[]> {
  templates ??= request<{ templates: SubscriptionTemplateView[] }>('/subscriptions')
    .then((r) => r.templates)
    .catch((error: unknown) => {
      templates = null;
      throw error;
    });
  return templates;
}

/**
 * WeChat takes up to 3 ids per call and never one-time and long-term ids together: the one-time
 * ones (which need an accept per message) are asked for when the moment has both.
 */
function idsFor(moment: SubscribeMoment, all: SubscriptionTemplateView[]): string[] {
  const wanted = all.filter((t) => MOMENT_KEYS[moment].includes(t.key));
  const oneTime = wanted.filter((t) => !t.longTerm);
  return (oneTime.length ? oneTime : wanted).map((t) => t.templateId).slice(0, 3);
}

/**
 * Call first thing in the tap handler (before any await): `wx.requestSubscribeMessage` only
 * opens from a user's tap. Without prefetched templates it does nothing; the message centre
 * still gets every notice.
 */
export function askSubscriptions(moment: SubscribeMoment): void {
  if (process.env.TARO_ENV !== 'weapp' || !loaded) return;
  const templateIds = idsFor(moment, loaded);
  if (!templateIds.length) return;
  Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })
    .then((result) => {
      const answers = result as unknown as Record<string, unknown>;
      const accepted = templateIds.filter((id) => answers[id] === 'accept');
      return request('/subscriptions', { method: 'POST', data: { templateIds, accepted } });
    })
    .catch(() => {
      // Declined, not supported, or offline: the citizen still finds messages in 消息中心.
    });
}
