import { useCallback, useEffect, useState } from 'react';
import { userMessageOf } from '../api/client';
import { fetchCase, fetchServiceItem } from '../api/officer';
import type { Officer } from '../api/session';
import { hrefOf } from '../app/routes';
import { APPLICATION_STATUS_LABEL, type OfficerCaseView, type ServiceItem } from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { ActionPanel } from './action-panel';
import { CaseSummary } from './case-summary';
import { FormDataSection } from './form-data';
import { AuditTrail, Timeline } from './history';
import { MaterialsSection } from './materials';
import { OrganisationSection } from './organisation';
import { OutcomeSections } from './outcome';

export const VERSION_CONFLICT_MESSAGE = '该案件已被其他民警处理，已为您刷新';

type Notice = { kind: 'success' | 'warning'; text: string };

/**
 * 案件详情: everything an officer needs to decide, and the actions the case's status and the
 * officer's role allow. Opening the case is audited by the server.
 */
export function CasePage({ officer, applicationId }: { officer: Officer; applicationId: string }) {
  const [view, setView] = useState<OfficerCaseView>();
  const [loadError, setLoadError] = useState<string>();
  const [guide, setGuide] = useState<ServiceItem>();
  const [guideError, setGuideError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      setView(await fetchCase(applicationId));
    } catch (e) {
      setLoadError(userMessageOf(e));
    }
  }, [applicationId]);

  useEffect(() => {
    void load();
  }, [load]);

  const itemCode = view?.itemCode;
  useEffect(() => {
    if (!itemCode) return;
    let current = true;
    fetchServiceItem(itemCode).then(
      (item) => current && setGuide(item),
      (e: unknown) => current && setGuideError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [itemCode]);

  const backLink = (
    <a
      href={hrefOf({ page: 'queue', scope: officer.role === 'inspector' ? 'all' : 'department', state: 'open' })}
      data-testid="case-back"
      className="back-link"
    >
      ← 返回{officer.role === 'inspector' ? '全局督察' : '待办队列'}
    </a>
  );

  if (!view) {
    return (
      <div data-testid="case-page">
        {backLink}
        <PageHeading testId="page-title">案件详情</PageHeading>
        {loadError ? (
          <ErrorNotice testId="case-error" message={loadError} onRetry={load} />
        ) : (
          <Loading testId="case-loading" />
        )}
      </div>
    );
  }

  const onActionDone = (updated: OfficerCaseView, message: string) => {
    setView(updated);
    setNotice({ kind: 'success', text: message });
  };
  const onStale = async (message: string) => {
    setNotice({ kind: 'warning', text: message });
    await load();
  };

  return (
    <div data-testid="case-page" data-version={view.version}>
      {backLink}
      <div className="page-header case-header">
        <div>
          <PageHeading testId="case-title">{view.itemName}</PageHeading>
          <p className="page-subtitle">
            办件编号 <span data-testid="case-number">{view.caseNumber}</span>
            <span className="cell-sub">
              （系统编号 <span data-testid="case-id">{view.id}</span>）
            </span>
          </p>
        </div>
        <span className={`status status-${view.status}`} data-testid="case-status" data-status={view.status}>
          {view.statusLabel || APPLICATION_STATUS_LABEL[view.status]}
        </span>
      </div>

      {notice && (
        <div
          className={`notice ${notice.kind === 'success' ? 'notice-success' : 'notice-warning'}`}
          role={notice.kind === 'success' ? 'status' : 'alert'}
          data-testid={notice.text === VERSION_CONFLICT_MESSAGE ? 'case-conflict' : 'case-notice'}
        >
          {notice.text}
        </div>
      )}
      {loadError && <ErrorNotice testId="case-error" message={loadError} onRetry={load} />}

      <div className="case-layout">
        <div className="case-main">
          <CaseSummary view={view} guide={guide} />
          {view.organisation && <OrganisationSection organisation={view.organisation} />}
          <OutcomeSections view={view} />
          <FormDataSection view={view} guide={guide} guideError={guideError} />
          <MaterialsSection view={view} guide={guide} />
          <Timeline entries={view.timeline} />
          <AuditTrail audit={view.audit} valid={view.auditChainValid} />
        </div>
        <aside className="case-side" aria-label="办理操作">
          <ActionPanel
            key={view.version}
            officer={officer}
            view={view}
            guide={guide}
            onDone={onActionDone}
            onStale={onStale}
            versionConflictMessage={VERSION_CONFLICT_MESSAGE}
          />
        </aside>
      </div>
    </div>
  );
}
