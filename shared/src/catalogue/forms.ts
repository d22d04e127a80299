import { z } from 'zod';
import '../zod-chinese';
import { ErrorCatalog } from '../errors';
import { findIdNumberProblem } from '../idcard';
import { PLATE_PATTERN } from '../traffic/schemas';

/**
 * Application forms are data: each catalogue item declares its sections and fields, and
 * `formDataSchema` turns that declaration into the one validator the mini-app and the
 * server both run. Adding an item never needs code.
 */
export const FieldType = z.enum([
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radio',
  'checkbox',
  'idNumber',
  'phone',
  'plate',
  'address',
]);
export type FieldType = z.infer<typeof FieldType>;

/** Values the server fills from the verified identity; the citizen never types them. */
export const Prefill = z.enum([
  'identity.name',
  'identity.idNumber',
  /** `person` or `organisation`: fixed when the draft is started in a person's or an organisation's name. */
  'applicant.kind',
  'organisation.name',
  'organisation.creditCode',
  'organisation.legalRep',
]);
export type Prefill = z.infer<typeof Prefill>;

const FieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, '字段键名应为小驼峰英文');

export const FormField = z
  .object({
    key: FieldKey,
    label: z.string().min(1),
    type: FieldType,
    required: z.boolean(),
    options: z.array(z.object({ value: z.string().min(1), label: z.string().min(1) })).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().positive().optional(),
    prefill: Prefill.optional(),
    /** Shown (and required) only when another field of the same section has this value. */
    visibleWhen: z.object({ field: FieldKey, equals: z.union([z.string(), z.boolean(), z.number()]) }).optional(),
    help: z.string().optional(),
  })
  .refine((f) => !['select', 'radio'].includes(f.type) || (f.options?.length ?? 0) >= 2, {
    message: '选择题至少需要两个选项',
    path: ['options'],
  });
export type FormField = z.infer<typeof FormField>;

export const FormSection = z.object({
  key: FieldKey,
  title: z.string().min(1),
  /** A repeating section (e.g. family members moving together). */
  repeat: z
    .object({ min: z.number().int().nonnegative(), max: z.number().int().positive(), itemLabel: z.string() })
    .optional(),
  fields: z.array(FormField).min(1),
});
export type FormSection = z.infer<typeof FormSection>;

export const FormDefinition = z.object({ sections: z.array(FormSection).min(1) });
export type FormDefinition = z.infer<typeof FormDefinition>;

/** Form data as stored: section key → values (or a list of values for repeating sections). */
export type FieldValue = string | number | boolean;
export type SectionValues = Record<string, FieldValue>;
export type FormData = Record<string, SectionValues | SectionValues[]>;

const PHONE = /^1[3-9]\d{9}$/;

function fieldSchema(field: FormField): z.ZodTypeAny {
  const label = field.label;
  switch (field.type) {
    case 'number': {
      let s = z.coerce.number({ invalid_type_error: `${label}应为数字` });
      if (field.min !== undefined) s = s.min(field.min, `${label}不能小于 ${field.min}`);
      if (field.max !== undefined) s = s.max(field.max, `${label}不能大于 ${field.max}`);
      return s;
    }
    case 'checkbox':
      return z.boolean({ invalid_type_error: `${label}应为是或否` });
    case 'date':
      return z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为日期（年-月-日）`)
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), `${label}不是有效日期`);
    case 'select':
    case 'radio': {
      const values = (field.options ?? []).map((o) => o.value);
      return z.string().refine((v) => values.includes(v), `请从给定选项中选择${label}`);
    }
    case 'phone':
      return z.string().regex(PHONE, `${label}应为 11 位手机号码`);
    case 'plate':
      return z.string().toUpperCase().regex(PLATE_PATTERN, `${label}格式不正确，例如 粤B12345`);
    case 'idNumber':
      return z.string().superRefine((id, ctx) => {
        const problem = findIdNumberProblem(id);
        if (problem) ctx.addIssue({ code: 'custom', message: `${label}：${ErrorCatalog[problem].message}` });
      });
    default: {
      const max = field.maxLength ?? (field.type === 'textarea' ? 1000 : 100);
      return z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);
    }
  }
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

function sectionSchema(section: FormSection): z.ZodType<SectionValues> {
  return z.record(z.unknown()).superRefine((values, ctx) => {
    for (const field of section.fields) {
      if (field.prefill) continue;
      const visible = !field.visibleWhen || values[field.visibleWhen.field] === field.visibleWhen.equals;
      const value = values[field.key];
      if (!visible) continue;
      if (isEmpty(value)) {
        if (field.required) ctx.addIssue({ code: 'custom', path: [field.key], message: `请填写${field.label}` });
        continue;
      }
      const parsed = fieldSchema(field).safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          path: [field.key],
          message: parsed.error.issues[0]?.message ?? `${field.label}无效`,
        });
      }
    }
    const known = new Set(section.fields.map((f) => f.key));
    for (const key of Object.keys(values)) {
      if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: '包含表单中没有的字段' });
    }
  }) as unknown as z.ZodType<SectionValues>;
}

/** The validator of a submitted form (drafts are stored unvalidated and checked on submit). */
export function formDataSchema(form: FormDefinition): z.ZodType<FormData> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const section of form.sections) {
    const one = sectionSchema(section);
    shape[section.key] = section.repeat
      ? z
          .array(one)
          .min(section.repeat.min, `${section.title}至少填写 ${section.repeat.min} 项`)
          .max(section.repeat.max, `${section.title}最多填写 ${section.repeat.max} 项`)
      : one;
  }
  return z.object(shape).strict() as unknown as z.ZodType<FormData>;
}

/**
 * Where a draft's data does not fit its form: a section or field the form does not define, a
 * list where the section does not repeat (or more entries than it allows), or a single record
 * where it does. Drafts are otherwise unvalidated until submit, but they may only ever hold
 * what the form can show.
 */
export function draftShapeProblems(form: FormDefinition, data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const sections = new Map(form.sections.map((s) => [s.key, s]));
  for (const [key, value] of Object.entries(data)) {
    const section = sections.get(key);
    if (!section) {
      problems.push(key);
      continue;
    }
    const fields = new Set(section.fields.map((f) => f.key));
    const records = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) !== Boolean(section.repeat) || records.length > (section.repeat?.max ?? 1)) {
      problems.push(key);
      continue;
    }
    records.forEach((record, i) => {
      for (const field of Object.keys((record ?? {}) as object))
        if (!fields.has(field)) problems.push(section.repeat ? `${key}.${i}.${field}` : `${key}.${field}`);
    });
  }
  return problems;
}
