import type { ServiceItem } from '@minsheng/shared';
import type { ApplicationRecord } from '../repositories/applications';
import { listCitizenApplications } from '../repositories/applications';

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
  /** A repeat endorsement: the citizen completed the same item before and no flag is raised. */
  'repeat-hk-macau-endorsement': async (record, item) => {
    const previous = (await listCitizenApplications(record.userId)).filter(
      (a) => a.itemCode === item.code && a.id !== record.id && a.status === 'completed',
    );
    return previous.length > 0
      ? {
          approve: true,
          rule: 'repeat-hk-macau-endorsement',
          explanation: `再次签注：已有 ${previous.length} 次同类签注办结记录，无异常标记`,
        }
      : { approve: false, rule: 'repeat-hk-macau-endorsement', explanation: '首次签注，转人工审批' };
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
