import type { ServiceItem } from '@minsheng/shared';
import type { ApplicationRecord } from '../repositories/applications';
import { listCitizenApplications } from '../repositories/applications';
import { validLicences } from './licences';

/**
 * Rules that may approve a submitted case without an officer (Fujian decides about 75% of
 * repeat HK/Macau endorsements this way). A rule returns its verdict and why; the decision
 * is recorded like an officer's. Items opt in by naming a rule in the catalogue.
 */
export interface AutoVerdict {
  approve: boolean;
  rule: string;
  explanation: string;
}

type Rule = (record: ApplicationRecord, item: ServiceItem) => Promise<AutoVerdict>;

const RULES: Record<string, Rule> = {
  /**
   * A repeat endorsement: a valid electronic permit with no flag from the issuing system, on
   * which an endorsement was issued before (or a completed case of this item here).
   */
  'repeat-hk-macau-endorsement': async (record, item) => {
    const rule = 'repeat-hk-macau-endorsement';
    const permit = (await validLicences(record.userId)).find((l) => l.type === 'hk-macau-permit');
    if (!permit) return { approve: false, rule, explanation: '未取得有效的电子往来港澳通行证信息，转人工审批' };
    if (permit.flags.length)
      return { approve: false, rule, explanation: `证件存在标记（${permit.flags.join('、')}），转人工审批` };
    const previous = (await listCitizenApplications(record.userId)).filter(
      (a) => a.itemCode === item.code && a.id !== record.id && a.status === 'completed',
    ).length;
    const issued = (permit.endorsementsIssued ?? 0) + previous;
    return issued > 0
      ? { approve: true, rule, explanation: `再次签注：证件有效、无异常标记，已签发过 ${issued} 次签注` }
      : { approve: false, rule, explanation: '首次签注，转人工审批' };
  },
};

export async function evaluateAutoDecision(
  record: ApplicationRecord,
  item: ServiceItem,
): Promise<AutoVerdict | undefined> {
  const rule = item.autoDecisionRule ? RULES[item.autoDecisionRule] : undefined;
  return rule ? rule(record, item) : undefined;
}

export const knownAutoDecisionRules = (): string[] => Object.keys(RULES);
