import type { MessageListView, MessageView } from '../shared';
import { request } from './request';

/** 消息中心: messages that could not go out through WeChat land here, newest first. */
export const fetchMessages = (): Promise<MessageListView> => request<MessageListView>('/messages');

/** Idempotent. 404 MESSAGE_NOT_FOUND. */
export const markMessageRead = (id: string): Promise<MessageView> =>
  request<MessageView>(`/messages/${encodeURIComponent(id)}/read`, { method: 'POST' });
