import { useState } from 'react';
import type { Officer } from '../api/session';
import { actionsFor, type OfficerAction } from '../app/permissions';
import {
  ACTION_LABEL,
  APPLICATION_STATUS_LABEL,
  OFFICER_ROLE_LABEL,
  type OfficerCaseView,
  type ServiceItem,
} from '../shared';
import { ActionForm } from './action-form';

/** Refusals end the case against the applicant; their buttons look different. */
const ADVERSE: readonly OfficerAction[] = ['not_accept', 'refuse'];

/**
 * The actions the case allows (`allowedActions`) that the officer's role may take. One form
 * is open at a time; it asks exactly what OfficerActionRequest needs for that action.
 */
export function ActionPanel({
  officer,
  view,
  guide,
  onDone,
  onStale,
  versionConflictMessage,
}: {
  officer: Officer;
  view: OfficerCaseView;
  guide: ServiceItem | undefined;
  onDone: (view: OfficerCaseView, message: string) => void;
  onStale: (message: string) => void;
  versionConflictMessage: string;
}) {
  const [selected, setSelected] = useState<OfficerAction>();
  const actions = actionsFor(officer.role, view.allowedActions);
  const statusLabel = view.statusLabel || APPLICATION_STATUS_LABEL[view.status];

  return (
    <section className="card action-panel" data-testid="case-actions" aria-labelledby="case-actions-title">
      <div className="card-header">
        <h2 id="case-actions-title">办理操作</h2>
      </div>
      {officer.role === 'inspector' ? (
        <p className="muted" data-testid="case-actions-readonly">
          {OFFICER_ROLE_LABEL.inspector}岗位仅可查阅案件，不能办理。
        </p>
      ) : actions.length === 0 ? (
        <p className="muted" data-testid="case-actions-none">
          当前状态（{statusLabel}）下没有您的岗位（{OFFICER_ROLE_LABEL[officer.role]}）可办理的操作。
        </p>
      ) : (
        <div className="action-buttons">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${ADVERSE.includes(action) ? 'button-danger-outline' : 'button-secondary'}`}
              data-testid={`case-action-${action}`}
              aria-pressed={selected === action}
              aria-controls={selected === action ? 'action-form' : undefined}
              onClick={() => setSelected(selected === action ? undefined : action)}
            >
              {ACTION_LABEL[action]}
            </button>
          ))}
        </div>
      )}
      {selected && (
        <ActionForm
          key={selected}
          action={selected}
          view={view}
          guide={guide}
          onCancel={() => setSelected(undefined)}
          onDone={onDone}
          onStale={onStale}
          versionConflictMessage={versionConflictMessage}
        />
      )}
    </section>
  );
}
