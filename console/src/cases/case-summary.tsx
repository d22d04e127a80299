import { DELIVERY_METHOD_LABEL, type OfficerCaseView, type ServiceItem } from '../shared';
import { Fact, Facts, Section } from '../ui/common';
import { ProvisionalMark } from '../ui/due-mark';
import { departmentLabel, formatDate, formatDateTime } from '../ui/format';

/** Who applied, for what, and by when it must be done. */
export function CaseSummary({ view, guide }: { view: OfficerCaseView; guide: ServiceItem | undefined }) {
  const paused = view.status === 'supplement_requested';
  return (
    <Section title="基本信息" testId="case-summary">
      <Facts>
        <Fact label="事项" testId="case-item">
          {view.itemName}（{view.itemCode}）
        </Fact>
        <Fact label="警种" testId="case-department">
          {departmentLabel(view.department)}
        </Fact>
        <Fact label="申请人" testId="case-applicant-name">
          {view.applicant.nameMasked}
        </Fact>
        <Fact label="身份证号" testId="case-applicant-id">
          {view.applicant.idNumberMasked}
        </Fact>
        <Fact label="提交时间" testId="case-submitted-at">
          {formatDateTime(view.submittedAt)}
        </Fact>
        <Fact label="承诺办结期限" testId="case-due-date">
          {paused ? '补正中（计时暂停）' : formatDate(view.dueDate)}
          {!paused && view.dueDateProvisional && <ProvisionalMark testId="case-due-provisional" />}
          {guide && <span className="cell-sub">（承诺 {guide.promisedDays} 个工作日）</span>}
        </Fact>
        <Fact label="法定办结期限" testId="case-statutory-due-date">
          {formatDate(view.statutoryDueDate)}
          {view.statutoryDueDateProvisional && <ProvisionalMark testId="case-statutory-due-provisional" />}
          {guide && <span className="cell-sub">（法定 {guide.statutoryDays} 个工作日）</span>}
        </Fact>
        {paused && (
          <Fact label="办理时限" testId="case-clock">
            补正中（计时暂停）
            {view.pausedWorkingDaysLeft !== undefined && `，暂停时剩余 ${view.pausedWorkingDaysLeft} 个工作日`}
          </Fact>
        )}
        <Fact label="申请人选择的送达方式" testId="case-delivery-method">
          {view.deliveryMethod ? DELIVERY_METHOD_LABEL[view.deliveryMethod] : '未选择'}
        </Fact>
        {view.postalAddress && (
          <Fact label="邮寄地址" testId="case-postal-address">
            {view.postalAddress.recipient}，{view.postalAddress.phone}，{view.postalAddress.address}
          </Fact>
        )}
      </Facts>
    </Section>
  );
}
