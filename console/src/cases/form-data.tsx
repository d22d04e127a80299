import type { FormField, FormSection, OfficerCaseView, ServiceItem } from '../shared';
import { Loading, Section } from '../ui/common';

type Values = Record<string, unknown>;

const isRecord = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** A stored value as the citizen chose it: option labels, 是/否, masked identity as sent. */
function displayValue(field: FormField | undefined, value: unknown): string {
  if (isEmpty(value)) return '未填写';
  if (typeof value === 'boolean') return value ? '是' : '否';
  const option = field?.options?.find((o) => o.value === String(value));
  if (option) return option.label;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Fields hidden by `visibleWhen` are left out unless a value was stored anyway. */
function shownFields(section: FormSection, values: Values): FormField[] {
  return section.fields.filter((field) => {
    const visible = !field.visibleWhen || values[field.visibleWhen.field] === field.visibleWhen.equals;
    return visible || !isEmpty(values[field.key]);
  });
}

function FieldList({ section, values, pathPrefix }: { section: FormSection; values: Values; pathPrefix: string }) {
  const known = new Set(section.fields.map((f) => f.key));
  const extra = Object.keys(values).filter((key) => !known.has(key));
  return (
    <dl className="facts">
      {shownFields(section, values).map((field) => (
        <div className="fact" key={field.key}>
          <dt>{field.label}</dt>
          <dd data-testid={`case-field-${pathPrefix}.${field.key}`}>
            {displayValue(field, values[field.key])}
            {field.prefill && <span className="tag">实名信息</span>}
          </dd>
        </div>
      ))}
      {extra.map((key) => (
        <div className="fact" key={key}>
          <dt>{key}</dt>
          <dd data-testid={`case-field-${pathPrefix}.${key}`}>{displayValue(undefined, values[key])}</dd>
        </div>
      ))}
    </dl>
  );
}

function SectionValues({ section, value }: { section: FormSection; value: unknown }) {
  if (section.repeat) {
    const entries = Array.isArray(value) ? value.filter(isRecord) : [];
    if (entries.length === 0) return <p className="muted">（未填写）</p>;
    return (
      <>
        {entries.map((entry, index) => (
          // Entries have no identity of their own; their position is what the citizen submitted.
          <div className="repeat-entry" key={index}>
            <h4>
              {section.repeat?.itemLabel} {index + 1}
            </h4>
            <FieldList section={section} values={entry} pathPrefix={`${section.key}.${index}`} />
          </div>
        ))}
      </>
    );
  }
  return <FieldList section={section} values={isRecord(value) ? value : {}} pathPrefix={section.key} />;
}

/** Raw key/value display when the item's guide could not be loaded. */
function RawFormData({ formData }: { formData: Values }) {
  return (
    <dl className="facts">
      {Object.entries(formData).map(([key, value]) => (
        <div className="fact" key={key}>
          <dt>{key}</dt>
          <dd data-testid={`case-field-${key}`}>
            <pre className="raw">{JSON.stringify(value, null, 2)}</pre>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The application form, labelled by the item's own form definition (the one the citizen filled in). */
export function FormDataSection({
  view,
  guide,
  guideError,
}: {
  view: OfficerCaseView;
  guide: ServiceItem | undefined;
  guideError: string | undefined;
}) {
  const formData = view.formData ?? {};
  if (!guide) {
    return (
      <Section title="申请表" testId="case-form">
        {guideError ? (
          <>
            <output className="notice notice-warning">办事指南加载失败（{guideError}），以下按字段名显示。</output>
            <RawFormData formData={formData} />
          </>
        ) : (
          <Loading text="正在加载表单定义…" />
        )}
      </Section>
    );
  }
  const known = new Set(guide.form.sections.map((s) => s.key));
  const extra = Object.keys(formData).filter((key) => !known.has(key));
  return (
    <Section title="申请表" testId="case-form">
      {guide.form.sections.map((section) => (
        <div className="form-section" key={section.key} data-testid={`case-form-section-${section.key}`}>
          <h3>{section.title}</h3>
          {guide.anonymity?.identifyingSections.includes(section.key) && !(section.key in formData) ? (
            // The server leaves the reporter out of an anonymous report (ServiceItem.anonymity).
            <p className="muted" data-testid={`case-form-anonymous-${section.key}`}>
              匿名举报：举报人信息不向办案民警显示
            </p>
          ) : (
            <SectionValues section={section} value={formData[section.key]} />
          )}
        </div>
      ))}
      {extra.length > 0 && (
        <div className="form-section">
          <h3>表单定义之外的内容</h3>
          <RawFormData formData={Object.fromEntries(extra.map((key) => [key, formData[key]]))} />
        </div>
      )}
    </Section>
  );
}
