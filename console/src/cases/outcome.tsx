import { DELIVERY_METHOD_LABEL, type OfficerCaseView } from '../shared';
import { Fact, Facts, Section } from '../ui/common';
import { formatDateTime } from '../ui/format';

const OUTCOME_LABEL = { approved: '准予许可', refused: '不予许可', not_accepted: '不予受理' } as const;

/** 补正告知, 办理结果, 送达 and 评价, each shown once it exists. */
export function OutcomeSections({ view }: { view: OfficerCaseView }) {
  const { supplement, decision, delivery, rating } = view;
  return (
    <>
      {supplement && (
        <Section title="补正告知（一次性告知）" testId="case-supplement">
          <Facts>
            <Fact label="告知时间">{formatDateTime(supplement.requestedAt)}</Fact>
            <Fact label="需补正的材料" testId="case-supplement-materials">
              <ul className="plain-list">
                {supplement.missingMaterials.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </Fact>
            {supplement.note && <Fact label="补正说明">{supplement.note}</Fact>}
          </Facts>
        </Section>
      )}
      {decision && (
        <Section title="办理结果" testId="case-decision">
          <Facts>
            <Fact label="结果" testId="case-decision-outcome">
              <span data-outcome={decision.outcome}>{OUTCOME_LABEL[decision.outcome]}</span>
              {decision.automatic && <span className="tag">系统自动审批</span>}
            </Fact>
            <Fact label="决定时间">{formatDateTime(decision.decidedAt)}</Fact>
            {decision.reason && (
              <Fact label="理由" testId="case-decision-reason">
                {decision.reason}
              </Fact>
            )}
            {decision.legalBasis && (
              <Fact label="法律依据" testId="case-decision-legal-basis">
                {decision.legalBasis}
              </Fact>
            )}
          </Facts>
        </Section>
      )}
      {delivery && (
        <Section title="送达" testId="case-delivery">
          <Facts>
            <Fact label="送达方式">{DELIVERY_METHOD_LABEL[delivery.method]}</Fact>
            {delivery.trackingNumber && (
              <Fact label="快递单号" testId="case-tracking-number">
                {delivery.trackingNumber}
              </Fact>
            )}
            <Fact label="送达时间">{formatDateTime(delivery.deliveredAt)}</Fact>
          </Facts>
        </Section>
      )}
      {rating && (
        <Section title="申请人评价（好差评）" testId="case-rating">
          <Facts>
            <Fact label="评分">
              <span aria-hidden="true">
                {'★'.repeat(rating.score)}
                {'☆'.repeat(Math.max(0, 5 - rating.score))}
              </span>{' '}
              {rating.score} 分
            </Fact>
            {rating.comment && <Fact label="评价内容">{rating.comment}</Fact>}
            <Fact label="评价时间">{formatDateTime(rating.ratedAt)}</Fact>
          </Facts>
        </Section>
      )}
    </>
  );
}
