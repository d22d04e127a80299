export type { WeChatPayStandIn, WeChatPayStandInOptions } from './server';
export { DEFAULT_NOTIFY_RETRY_DELAYS_MS, startWeChatPayStandIn } from './server';
export type {
  MisbehaviourMode,
  NotificationAttempt,
  NotificationDelivery,
  PayOrder,
  PayRefund,
  PayStandInState,
  SignerName,
} from './state';
