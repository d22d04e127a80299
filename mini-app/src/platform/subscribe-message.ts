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

/** Fetches the template ids ahead of time (so the dialog can follow the tap quickly). */
export function prefetchSubscriptionTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  loadTemplates().catch(() => undefined);
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

export async function askSubscriptions(moment: SubscribeMoment): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  try {
    const templateIds = idsFor(moment, await loadTemplates());
    if (!templateIds.length) return;
    const result = (await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })) as unknown as Record<
      string,
      unknown
    >;
    const accepted = templateIds.filter((id) => result[id] === 'accept');
    await request('/subscriptions', { method: 'POST', data: { templateIds, accepted } });
  } catch {
    // Declined, not supported, or offline: the citizen still finds messages in 消息中心.
  }
}
