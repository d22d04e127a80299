import { useState } from 'react';
import { userMessageOf } from '../api/client';
import { fetchMaterialLink } from '../api/officer';
import { LICENCE_LABEL, type LicenceType, type MaterialRef, type OfficerCaseView, type ServiceItem } from '../shared';
import { ErrorNotice, Section } from '../ui/common';
import { formatDateTime } from '../ui/format';

type Licence = OfficerCaseView['licences'][number];

interface MaterialRow {
  key: string;
  name: string;
  required: boolean;
  refs: MaterialRef[];
}

/** The item's materials in the guide's order, then anything referenced that the guide does not list. */
function materialRows(view: OfficerCaseView, guide: ServiceItem | undefined): MaterialRow[] {
  const refsOf = (key: string) => view.materials.filter((m) => m.materialKey === key);
  const rows: MaterialRow[] = (guide?.materials ?? []).map((m) => ({
    key: m.key,
    name: m.name,
    required: m.required,
    refs: refsOf(m.key),
  }));
  const listed = new Set(rows.map((r) => r.key));
  for (const ref of view.materials) {
    if (listed.has(ref.materialKey)) continue;
    listed.add(ref.materialKey);
    rows.push({ key: ref.materialKey, name: ref.materialKey, required: false, refs: refsOf(ref.materialKey) });
  }
  return rows;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Hex, as `sha256sum` prints it, so an officer can compare a downloaded file by hand. */
function checksumHex(base64: string): string {
  return Array.from(atob(base64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

function Checksum({ view, uploadId }: { view: OfficerCaseView; uploadId: string }) {
  const sha256 = view.uploads.find((u) => u.uploadId === uploadId)?.sha256;
  if (!sha256) return null;
  const hex = checksumHex(sha256);
  return (
    <code className="muted" title={`SHA-256 ${hex}`} data-testid={`case-material-sha256-${uploadId}`}>
      SHA-256 {hex}
    </code>
  );
}

const licenceLabel = (type: string): string => LICENCE_LABEL[type as LicenceType] ?? type;

function LicenceData({ licence, materialKey }: { licence: Licence | undefined; materialKey: string }) {
  if (!licence) {
    return (
      <p className="muted" data-testid={`case-licence-${materialKey}`}>
        未取得证照数据
      </p>
    );
  }
  return (
    <dl className="licence" data-testid={`case-licence-${materialKey}`}>
      {Object.entries(licence.fields).map(([name, value]) => (
        <div key={name} className="licence-field">
          <dt>{name}</dt>
          <dd>{ISO_TIMESTAMP.test(value) ? formatDateTime(value) : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * 申请材料: uploaded files open through a short-lived link fetched on click (each download is
 * audited by the server) and show the SHA-256 the upload was signed with; e-licences show
 * the data the data-sharing adapter returned.
 */
export function MaterialsSection({ view, guide }: { view: OfficerCaseView; guide: ServiceItem | undefined }) {
  const [error, setError] = useState<string>();
  const [opening, setOpening] = useState<string>();
  /** When the browser blocked the new tab, the link is offered for the officer to click. */
  const [blockedLink, setBlockedLink] = useState<{ uploadId: string; url: string }>();
  const rows = materialRows(view, guide);

  async function openUpload(uploadId: string) {
    setError(undefined);
    setBlockedLink(undefined);
    setOpening(uploadId);
    // Opened now, while the click still counts as a user gesture, so popup blockers allow it;
    // pointed at the file once the link arrives.
    const tab = window.open('about:blank', '_blank');
    try {
      const url = await fetchMaterialLink(uploadId);
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else {
        setBlockedLink({ uploadId, url });
      }
    } catch (e) {
      tab?.close();
      setError(userMessageOf(e));
    } finally {
      setOpening(undefined);
    }
  }

  return (
    <Section title="申请材料" testId="case-materials">
      {error && <ErrorNotice testId="case-material-error" message={error} />}
      {rows.length === 0 && <p className="muted">本事项无需提交材料。</p>}
      <ul className="material-list">
        {rows.map((row) => (
          <li key={row.key} data-testid={`case-material-${row.key}`} data-provided={row.refs.length > 0}>
            <div className="material-head">
              <strong>{row.name}</strong>
              {row.required ? <span className="tag">必需</span> : <span className="tag tag-muted">视情况提供</span>}
              {row.refs.length === 0 && (
                <span className={row.required ? 'tag tag-warning' : 'tag tag-muted'}>未提供</span>
              )}
            </div>
            {row.refs.map((ref) =>
              ref.kind === 'upload' ? (
                <div className="material-ref" key={ref.uploadId}>
                  <span>上传文件：{ref.fileName}</span>
                  <Checksum view={view} uploadId={ref.uploadId} />
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    data-testid={`case-material-view-${ref.uploadId}`}
                    disabled={opening === ref.uploadId}
                    aria-label={`查看 ${row.name}：${ref.fileName}`}
                    onClick={() => openUpload(ref.uploadId)}
                  >
                    {opening === ref.uploadId ? '正在打开…' : '查看'}
                  </button>
                  {blockedLink?.uploadId === ref.uploadId && (
                    <a
                      href={blockedLink.url}
                      target="_blank"
                      rel="noopener noreferrer"
                      data-testid={`case-material-link-${ref.uploadId}`}
                    >
                      浏览器拦截了新窗口，请点此打开
                    </a>
                  )}
                </div>
              ) : (
                <div className="material-ref" key={`${ref.materialKey}-${ref.licenceType}`}>
                  <span>
                    电子证照：{licenceLabel(ref.licenceType)}
                    <span className="tag">数据共享</span>
                  </span>
                  <LicenceData
                    materialKey={row.key}
                    licence={view.licences.find(
                      (l) => l.materialKey === ref.materialKey && l.licenceType === ref.licenceType,
                    )}
                  />
                </div>
              ),
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
