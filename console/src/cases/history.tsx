import { ACTION_LABEL, type ApplicationAction, type OfficerCaseView, type TimelineEntry } from '../shared';
import { Section } from '../ui/common';
import { formatDateTime } from '../ui/format';

const OTHER_ACTION_LABEL: Record<string, string> = {
  create: '创建申请',
  save_draft: '保存草稿',
  view: '查阅案件',
  download_material: '下载材料',
  rate: '评价',
  login: '登录',
};

export const actionLabel = (action: string): string =>
  ACTION_LABEL[action as ApplicationAction] ?? OTHER_ACTION_LABEL[action] ?? action;

/** Audit actors arrive as `officer:xz_reception`, `citizen:<id>` or `system:<name>`. */
function auditActorText(actor: string): string {
  const [type, ...rest] = actor.split(':');
  const id = rest.join(':');
  if (type === 'officer') return `民警 ${id}`;
  if (type === 'citizen') return '申请人';
  if (type === 'system') return '系统';
  return actor;
}

function actorText(entry: TimelineEntry): string {
  if (entry.actor === 'citizen') return '申请人';
  if (entry.actor === 'system') return '系统';
  return entry.actorName ? `民警 ${entry.actorName}` : '民警';
}

/** 办理过程, oldest first, as the server recorded it. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <Section title="办理过程" testId="case-timeline">
      {entries.length === 0 ? (
        <p className="muted">暂无记录</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry, index) => (
            <li
              // The timeline is append-only, so a position identifies an entry.
              key={index}
              data-testid="case-timeline-entry"
              data-action={entry.action}
              className={`timeline-${entry.actor}`}
            >
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              <div>
                <strong>{entry.label || actionLabel(entry.action)}</strong>
                <span className="muted"> · {actorText(entry)}</span>
                {entry.note && <p className="timeline-note">{entry.note}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/**
 * 审计记录: every action (the case chain) and every view or download (the access chain, 阅n),
 * each hash-chained by the server. The badge states whether the
 * server found the chain intact; the console does not recompute hashes.
 */
export function AuditTrail({ audit, valid }: { audit: OfficerCaseView['audit']; valid: boolean }) {
  const badge = (
    <span
      className={`badge ${valid ? 'badge-ok' : 'badge-danger'}`}
      data-testid="case-audit-valid"
      data-valid={String(valid)}
    >
      <span aria-hidden="true">{valid ? '✔' : '✖'}</span> {valid ? '审计链完整' : '审计链异常'}
    </span>
  );
  return (
    <Section title="审计记录" testId="case-audit" actions={badge}>
      {!valid && (
        <p className="notice notice-error" role="alert" data-testid="case-audit-warning">
          审计记录的哈希链校验未通过，记录可能被改动。请勿据此办理，并立即报告督察部门。
        </p>
      )}
      <div className="table-wrap">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">时间</th>
              <th scope="col">操作</th>
              <th scope="col">操作人</th>
              <th scope="col">哈希</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((entry) => (
              <tr key={`${entry.chain}-${entry.seq}`} data-testid={`case-${entry.chain}-entry-${entry.seq}`}>
                <td title={entry.chain === 'access' ? '查阅链' : '办理链'}>
                  {entry.chain === 'access' ? `阅${entry.seq}` : entry.seq}
                </td>
                <td>{formatDateTime(entry.at)}</td>
                <td>{actionLabel(entry.action)}</td>
                <td title={entry.actor}>{auditActorText(entry.actor)}</td>
                <td>
                  <code title={entry.hash}>{entry.hash.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
