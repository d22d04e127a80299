import { Button, Input, Picker, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { FieldValue, FormField, FormSection, Prefill, SectionValues } from '../../shared';
import { type ErrorMap, isVisible, rowLabel } from '../form/model';

/**
 * Renders a catalogue item's form definition. Test hooks (h5) per field path
 * (`section.field` / `section.0.field`, the paths the validator reports):
 * `field-<path>` wraps the control (`input`, `textarea`, `select`), `option-<path>-<value>` for
 * radio choices, `checkbox-<path>`, `value-<path>` for prefilled read-only values, `error-<path>`.
 */

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Where a prefilled value comes from (the server fills it when the draft starts; the citizen never
 * types it and cannot change it): the wording before it is there, and the note under it.
 */
const PREFILL_SOURCE: Record<Prefill, { pending: string; note: string }> = {
  'identity.name': { pending: '根据实名认证信息自动填写', note: '来自您的实名认证信息，不可修改' },
  'identity.idNumber': { pending: '根据实名认证信息自动填写', note: '来自您的实名认证信息，不可修改' },
  'applicant.kind': {
    pending: '开始申请时确定',
    note: '在办事指南中选择以个人或以单位名义申请时确定；如需更改，请回到办事指南重新申请',
  },
  'organisation.name': { pending: '根据单位登记信息自动填写', note: '来自登记机关的单位登记信息，不可修改' },
  'organisation.creditCode': { pending: '根据单位登记信息自动填写', note: '来自登记机关的单位登记信息，不可修改' },
  'organisation.legalRep': { pending: '根据单位登记信息自动填写', note: '来自登记机关的单位登记信息，不可修改' },
};

/** A prefilled value as shown: a choice by its label (个人 / 单位), anything else as it came. */
const prefilledText = (field: FormField, value: FieldValue): string =>
  field.options?.find((option) => option.value === value)?.label ?? String(value);

function FieldError({ path, errors }: { path: string; errors: ErrorMap }) {
  const message = errors[path];
  if (!message) return null;
  return (
    <View className="field-error" data-testid={`error-${path}`} role="alert">
      {message}
    </View>
  );
}

interface FieldProps {
  field: FormField;
  path: string;
  value: FieldValue | undefined;
  /** The value is a saved phone/ID number shown masked; it can only be replaced, not edited. */
  masked?: boolean;
  errors: ErrorMap;
  disabled?: boolean;
  onChange: (value: FieldValue | undefined) => void;
}

export function FormFieldView({ field, path, value, masked, errors, disabled, onChange }: FieldProps) {
  const label = (
    <View className="field-label">
      {field.label}
      {field.required ? <View className="field-required">*</View> : <View className="field-optional">（选填）</View>}
    </View>
  );

  if (field.prefill) {
    const source = PREFILL_SOURCE[field.prefill];
    const filled = value !== undefined && value !== '';
    return (
      <View
        className="field"
        data-testid={`field-${path}`}
        data-type={field.type}
        data-readonly="true"
        data-prefill={field.prefill}
      >
        <View className="field-label">{field.label}</View>
        <View className="field-readonly" data-testid={`value-${path}`} data-value={filled ? String(value) : ''}>
          {filled ? prefilledText(field, value) : source.pending}
        </View>
        <View className="text-secondary field-help">{source.note}</View>
      </View>
    );
  }

  if (masked) {
    return (
      <View className="field" data-testid={`field-${path}`} data-type={field.type} data-masked="true">
        {label}
        <View className="field-masked">
          <View className="field-readonly field-masked-value" data-testid={`value-${path}`}>
            {String(value)}
          </View>
          <Button
            className="btn-inline btn-inline-plain"
            data-testid={`change-${path}`}
            disabled={disabled}
            onClick={() => onChange(undefined)}
          >
            重新填写
          </Button>
        </View>
        <View className="text-secondary field-help">已保存。为保护隐私只显示部分号码，如需修改请点“重新填写”。</View>
        <FieldError path={path} errors={errors} />
      </View>
    );
  }

  return (
    <View className="field" data-testid={`field-${path}`} data-type={field.type}>
      {label}
      {renderControl()}
      {field.help && <View className="text-secondary field-help">{field.help}</View>}
      <FieldError path={path} errors={errors} />
    </View>
  );

  function renderControl(): ReactNode {
    const text = value === undefined ? '' : String(value);
    const invalid = Boolean(errors[path]);
    switch (field.type) {
      case 'textarea':
      case 'address':
        return (
          <Textarea
            className={`field-textarea${invalid ? ' field-invalid' : ''}`}
            value={text}
            disabled={disabled}
            maxlength={field.maxLength ?? (field.type === 'textarea' ? 1000 : 100)}
            autoHeight
            placeholder={field.type === 'address' ? '省、市、区县、街道、门牌号' : `请填写${field.label}`}
            onInput={(event) => onChange(event.detail.value)}
          />
        );
      case 'checkbox':
        return (
          <View
            className="choice"
            data-testid={`checkbox-${path}`}
            role="checkbox"
            aria-checked={value === true}
            data-checked={value === true ? 'true' : 'false'}
            onClick={() => !disabled && onChange(value !== true)}
          >
            <View className={`choice-box${value === true ? ' choice-box-checked' : ''}`}>
              {value === true ? '✓' : ''}
            </View>
            <View className="choice-text">是</View>
          </View>
        );
      case 'radio':
        return (
          <View role="radiogroup">
            {(field.options ?? []).map((option) => (
              <View
                key={option.value}
                className={`choice${value === option.value ? ' choice-selected' : ''}`}
                data-testid={`option-${path}-${option.value}`}
                role="radio"
                aria-checked={value === option.value}
                data-checked={value === option.value ? 'true' : 'false'}
                onClick={() => !disabled && onChange(option.value)}
              >
                <View className={`choice-dot${value === option.value ? ' choice-dot-checked' : ''}`} />
                <View className="choice-text">{option.label}</View>
              </View>
            ))}
          </View>
        );
      case 'select': {
        const options = field.options ?? [];
        if (process.env.TARO_ENV === 'h5') {
          return (
            <select
              className={`field-native${invalid ? ' field-invalid' : ''}`}
              value={text}
              disabled={disabled}
              aria-label={field.label}
              onChange={(event) => onChange(event.target.value || undefined)}
            >
              <option value="">请选择</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          );
        }
        const index = options.findIndex((o) => o.value === value);
        return (
          <Picker
            mode="selector"
            range={options.map((o) => o.label)}
            value={Math.max(index, 0)}
            disabled={disabled}
            onChange={(event) => onChange(options[Number(event.detail.value)]?.value)}
          >
            <View className={`field-picker${invalid ? ' field-invalid' : ''}`}>
              {index >= 0 ? options[index]?.label : '请选择'}
            </View>
          </Picker>
        );
      }
      case 'date':
        if (process.env.TARO_ENV === 'h5') {
          return (
            <input
              className={`field-native${invalid ? ' field-invalid' : ''}`}
              type="date"
              value={text}
              min="1900-01-01"
              max="2100-12-31"
              disabled={disabled}
              aria-label={field.label}
              onChange={(event) => onChange(event.target.value || undefined)}
            />
          );
        }
        return (
          <Picker
            mode="date"
            value={text}
            start="1900-01-01"
            end="2100-12-31"
            disabled={disabled}
            onChange={(event) => onChange(String(event.detail.value))}
          >
            <View className={`field-picker${invalid ? ' field-invalid' : ''}`}>{text || '请选择日期'}</View>
          </Picker>
        );
      default:
        return (
          <Input
            className={`field-input${invalid ? ' field-invalid' : ''}`}
            type={inputType(field)}
            value={text}
            disabled={disabled}
            maxlength={maxLengthOf(field)}
            placeholder={placeholderOf(field)}
            onInput={(event) => {
              const raw = event.detail.value;
              onChange(field.type === 'number' && NUMBER.test(raw) ? Number(raw) : raw);
            }}
          />
        );
    }
  }
}

function inputType(field: FormField): 'text' | 'number' | 'idcard' | 'digit' {
  if (field.type === 'idNumber') return 'idcard';
  if (field.type === 'phone') return 'number';
  if (field.type === 'number') return 'digit';
  return 'text';
}

function maxLengthOf(field: FormField): number {
  if (field.type === 'idNumber') return 18;
  if (field.type === 'phone') return 11;
  if (field.type === 'plate') return 8;
  return field.maxLength ?? 100;
}

function placeholderOf(field: FormField): string {
  if (field.type === 'idNumber') return '请输入 18 位身份证号码';
  if (field.type === 'phone') return '请输入 11 位手机号码';
  if (field.type === 'plate') return '例如 粤B12345';
  return `请填写${field.label}`;
}

interface SectionProps {
  section: FormSection;
  value: SectionValues | SectionValues[] | undefined;
  /** Path → mask of saved sensitive values (see maskedValuesOf). */
  masked: Record<string, string>;
  errors: ErrorMap;
  disabled?: boolean;
  onChange: (value: SectionValues | SectionValues[]) => void;
}

/** One section; a repeating one lists 第N项 rows with add and remove within min/max. */
export function FormSectionView({ section, value, masked, errors, disabled, onChange }: SectionProps) {
  const renderFields = (values: SectionValues, pathPrefix: string, update: (next: SectionValues) => void) =>
    section.fields
      .filter((field) => isVisible(field, values))
      .map((field) => (
        <FormFieldView
          key={field.key}
          field={field}
          path={`${pathPrefix}.${field.key}`}
          value={values[field.key]}
          masked={values[field.key] !== undefined && masked[`${pathPrefix}.${field.key}`] === values[field.key]}
          errors={errors}
          disabled={disabled}
          onChange={(next) => {
            const copy = { ...values };
            if (next === undefined) delete copy[field.key];
            else copy[field.key] = next;
            update(copy);
          }}
        />
      ));

  if (!section.repeat) {
    const values = Array.isArray(value) || !value ? {} : value;
    return (
      <View className="card" data-testid={`section-${section.key}`}>
        <View className="apply-section-title">{section.title}</View>
        {renderFields(values, section.key, onChange)}
      </View>
    );
  }

  const { min, max, itemLabel } = section.repeat;
  const rows = Array.isArray(value) ? value : [];
  return (
    <View className="card" data-testid={`section-${section.key}`} data-count={rows.length}>
      <View className="apply-section-title">{section.title}</View>
      <View className="text-secondary">
        {min > 0 ? `至少填写 ${min} 项，` : ''}最多 {max} 项
      </View>
      <FieldError path={section.key} errors={errors} />
      {rows.map((row, index) => (
        // Rows have no identity of their own; the index is their path in the form data.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <View key={index} className="repeat-row" data-testid={`section-${section.key}-${index}`}>
          <View className="repeat-row-head">
            <View className="repeat-row-title">{rowLabel(section, index)}</View>
            {rows.length > min && (
              <Button
                className="btn-inline"
                data-testid={`section-remove-${section.key}-${index}`}
                disabled={disabled}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                删除此项
              </Button>
            )}
          </View>
          {renderFields(row, `${section.key}.${index}`, (next) =>
            onChange(rows.map((r, i) => (i === index ? next : r))),
          )}
        </View>
      ))}
      {rows.length < max && (
        <Button
          className="btn btn-secondary"
          data-testid={`section-add-${section.key}`}
          disabled={disabled}
          onClick={() => onChange([...rows, {}])}
        >
          添加第{rows.length + 1}项{itemLabel ? ` ${itemLabel}` : ''}
        </Button>
      )}
    </View>
  );
}
