import { z } from 'zod';
import '../zod-chinese';

/**
 * Notifications: subscribe-message quota (what wx.requestSubscribeMessage returned) and the
 * in-app message centre (消息中心), where messages land when they cannot go out through WeChat.
 */
const TemplateId = z.string().trim().min(1).max(64);

/** wx.requestSubscribeMessage asks for at most 3 templates at once; `accepted` are those answered 'accept'. */
export const SubscribeRequest = z
  .object({
    templateIds: z.array(TemplateId).min(1).max(3),
    accepted: z.array(TemplateId).max(3),
  })
  .refine((r) => r.accepted.every((id) => r.templateIds.includes(id)), {
    message: '同意订阅的模板必须在请求的模板之中',
    path: ['accepted'],
  });
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export interface SubscriptionTemplateView {
  /** What the template is for: progress (办件进度), payment (缴费结果), expiry (证照到期). */
  key: 'progress' | 'payment' | 'expiry';
  templateId: string;
  title: string;
  /** Long-term subscription (government mini-programs): no per-message accept needed. */
  longTerm: boolean;
  /** One-time templates: sends left from the citizen's accepts. */
  acceptsLeft?: number;
}

export interface MessageView {
  id: string;
  kind: 'application' | 'payment' | 'reminder' | 'appointment';
  title: string;
  body: string;
  /** Mini-program page to open. */
  page: string;
  createdAt: string;
  read: boolean;
  readAt?: string;
}

export interface MessageListView {
  items: MessageView[];
  unread: number;
}
