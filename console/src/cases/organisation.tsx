import { type OfficerCaseView, ORGANISATION_ROLE_LABEL } from '../shared';
import { Fact, Facts, Section } from '../ui/common';

type Organisation = NonNullable<OfficerCaseView['organisation']>;

/** The register's 登记状态, as the business licence words it. */
const REGISTER_STATUS: Record<string, { label: string; badge: string }> = {
  active: { label: '存续', badge: 'badge badge-ok' },
  cancelled: { label: '注销', badge: 'badge badge-danger' },
  revoked: { label: '吊销', badge: 'badge badge-danger' },
};

function RegisterStatus({ status }: { status: string }) {
  const known = REGISTER_STATUS[status];
  return (
    <span className={known?.badge ?? 'badge badge-warning'} data-testid="case-organisation-status" data-status={status}>
      {known?.label ?? '未查到登记信息'}
    </span>
  );
}

/** `长期` as is; a date as `至 2030-05-15`. */
const validity = (until: string): string => (!until ? '—' : /^\d{4}-\d{2}-\d{2}$/.test(until) ? `至 ${until}` : until);

/**
 * 申请单位: for a case applied for in an organisation's name, the market-regulation register's
 * entry as the server read it now, and whether the applicant acts as its legal representative
 * or as an authorised agent. The business licence itself is among the materials.
 */
export function OrganisationSection({ organisation }: { organisation: Organisation }) {
  const inactive = organisation.status !== 'active';
  return (
    <Section title="申请单位" testId="case-organisation">
      {inactive && (
        <p className="notice notice-warning" role="alert" data-testid="case-organisation-inactive">
          该单位当前登记状态不是“存续”，请核实后再办理。
        </p>
      )}
      <Facts>
        <Fact label="单位名称" testId="case-organisation-name">
          {organisation.name}
        </Fact>
        <Fact label="统一社会信用代码" testId="case-organisation-credit-code">
          {organisation.creditCode}
        </Fact>
        <Fact label="法定代表人" testId="case-organisation-legal-rep">
          {organisation.legalRepresentative || '—'}
        </Fact>
        <Fact label="登记状态">
          <RegisterStatus status={organisation.status} />
        </Fact>
        <Fact label="营业期限" testId="case-organisation-valid-until">
          {validity(organisation.licenceValidUntil)}
        </Fact>
        <Fact label="经办人身份" testId="case-organisation-role">
          <span data-role={organisation.role}>{ORGANISATION_ROLE_LABEL[organisation.role] ?? organisation.role}</span>
          {organisation.role === 'agent' && <span className="cell-sub">经法定代表人授权办理</span>}
        </Fact>
      </Facts>
      <p className="hint">营业执照以电子证照形式附在申请材料中。</p>
    </Section>
  );
}
