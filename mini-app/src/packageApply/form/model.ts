import {
  type DeliveryMethod,
  ErrorCatalog,
  type FieldValue,
  type FormData,
  type FormDefinition,
  type FormField,
  type FormSection,
  findIdNumberProblem,
  formDataSchema,
  type LicenceType,
  type Material,
  type MaterialRef,
  normaliseIdNumber,
  PostalAddress,
  type SectionValues,
} from '../../shared';

/**
 * The application form as data: everything the apply page needs besides rendering. Paths are
 * the ones the shared validator and the server report: `section.field` or `section.0.field`
 * (a repeating section's own count problems are reported at `section`).
 */

export type ErrorMap = Record<string, string>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFieldValue = (value: unknown): value is FieldValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function sectionValuesOf(raw: unknown): SectionValues {
  const values: SectionValues = {};
  if (!isRecord(raw)) return values;
  for (const [key, value] of Object.entries(raw)) if (isFieldValue(value)) values[key] = value;
  return values;
}

/** The draft's saved values, shaped by the form (repeating sections get their minimum rows). */
export function initialFormData(form: FormDefinition, stored: Record<string, unknown>): FormData {
  const data: FormData = {};
  for (const section of form.sections) {
    const raw = stored[section.key];
    if (section.repeat) {
      const rows = Array.isArray(raw) ? raw.map(sectionValuesOf) : [];
      while (rows.length < section.repeat.min) rows.push({});
      data[section.key] = rows;
    } else {
      data[section.key] = sectionValuesOf(raw);
    }
  }
  return data;
}

export const isVisible = (field: FormField, values: SectionValues): boolean =>
  !field.visibleWhen || values[field.visibleWhen.field] === field.visibleWhen.equals;

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function cleanSection(section: FormSection, values: SectionValues): SectionValues {
  const out: SectionValues = {};
  for (const field of section.fields) {
    const value = values[field.key];
    if (isEmpty(value) || value === undefined) continue;
    // Prefilled values (masked) go back as they came; the server owns them.
    if (!field.prefill && !isVisible(field, values)) continue;
    if (typeof value === 'string' && (field.type === 'plate' || field.type === 'idNumber')) {
      out[field.key] = field.type === 'idNumber' ? normaliseIdNumber(value) : value.trim().toUpperCase();
    } else {
      out[field.key] = value;
    }
  }
  return out;
}

/**
 * What is saved and submitted: only the form's own fields, hidden (visibleWhen) and empty ones
 * left out, plates and ID numbers normalised.
 */
export function formPayload(form: FormDefinition, data: FormData): FormData {
  const out: FormData = {};
  for (const section of form.sections) {
    const raw = data[section.key];
    if (section.repeat) {
      out[section.key] = (Array.isArray(raw) ? raw : []).map((row) => cleanSection(section, row));
    } else {
      out[section.key] = cleanSection(section, Array.isArray(raw) || !raw ? {} : raw);
    }
  }
  return out;
}

const pathOf = (path: (string | number)[]): string => path.join('.');

/** Field types the server stores sealed and shows only masked (e.g. `138****0000`). */
const SENSITIVE_TYPES: readonly FormField['type'][] = ['phone', 'idNumber'];

/**
 * Saved phone and ID numbers come back masked; sent back unchanged they mean "keep the stored
 * value" (the server checks the real one on submit). Path → the mask, for such values.
 */
export function maskedValuesOf(form: FormDefinition, data: FormData): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const section of form.sections) {
    const fields = section.fields.filter((f) => !f.prefill && SENSITIVE_TYPES.includes(f.type));
    const raw = data[section.key];
    const rows = Array.isArray(raw) ? raw : raw ? [raw] : [];
    rows.forEach((row, index) => {
      for (const field of fields) {
        const value = row[field.key];
        if (typeof value === 'string' && value.includes('*')) {
          masked[section.repeat ? `${section.key}.${index}.${field.key}` : `${section.key}.${field.key}`] = value;
        }
      }
    });
  }
  return masked;
}

const valueAt = (data: FormData, path: string): unknown => {
  const [section, second, third] = path.split('.');
  const raw = data[section ?? ''];
  if (Array.isArray(raw)) return third === undefined ? undefined : raw[Number(second)]?.[third];
  return second === undefined ? undefined : raw?.[second];
};

/**
 * Runs the shared validator (the server runs the same) plus the full ID-number check; a
 * masked value still as loaded is the server's to check.
 */
export function validateForm(form: FormDefinition, payload: FormData, masked: Record<string, string> = {}): ErrorMap {
  const errors: ErrorMap = {};
  const result = formDataSchema(form).safeParse(payload);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = pathOf(issue.path);
      if (masked[path] !== undefined && valueAt(payload, path) === masked[path]) continue;
      errors[path] ??= issue.message;
    }
  }
  for (const section of form.sections) {
    const idFields = section.fields.filter((f) => f.type === 'idNumber' && !f.prefill);
    if (idFields.length === 0) continue;
    const raw = payload[section.key];
    const rows = Array.isArray(raw) ? raw : raw ? [raw] : [];
    rows.forEach((row, index) => {
      for (const field of idFields) {
        const value = row[field.key];
        const path = section.repeat ? `${section.key}.${index}.${field.key}` : `${section.key}.${field.key}`;
        if (typeof value !== 'string' || errors[path] || value === masked[path]) continue;
        const problem = findIdNumberProblem(value);
        if (problem) errors[path] = `${field.label}：${ErrorCatalog[problem].message}`;
      }
    });
  }
  return errors;
}

/** Licences a real-name verified citizen holds (the contract: identity card and household register). */
const HELD_LICENCES: readonly LicenceType[] = ['resident-id-card', 'household-register'];
/** A case in an organisation's name also holds its business licence (from the register), as on the server. */
const HELD_FOR_ORGANISATION: readonly LicenceType[] = [...HELD_LICENCES, 'business-licence'];

/** The licences that can stand in for materials of a case, by whether it is in an organisation's name. */
export const heldLicences = (forOrganisation: boolean): readonly LicenceType[] =>
  forOrganisation ? HELD_FOR_ORGANISATION : HELD_LICENCES;

export const usesLicence = (material: Material): boolean => material.acceptedLicences.length > 0;

/** The licence to reference for a material: one the applicant holds, else the first accepted. */
export const preferredLicence = (
  material: Material,
  held: readonly LicenceType[] = HELD_LICENCES,
): LicenceType | undefined => material.acceptedLicences.find((l) => held.includes(l)) ?? material.acceptedLicences[0];

export type MaterialChoice = Record<string, MaterialRef | undefined>;

export const holdsLicence = (licence: LicenceType | undefined, held: readonly LicenceType[] = HELD_LICENCES): boolean =>
  licence !== undefined && held.includes(licence);

/**
 * One reference per item material, from the draft. The server puts in an e-licence reference
 * for every material the applicant's held licences satisfy (never asked for as an upload); a
 * required one missing from an old draft is added back if held. Uploaded files are kept.
 */
export function initialMaterials(
  materials: readonly Material[],
  stored: readonly MaterialRef[],
  held: readonly LicenceType[] = HELD_LICENCES,
): MaterialChoice {
  const choice: MaterialChoice = {};
  for (const material of materials) {
    const existing = stored.find((ref) => ref.materialKey === material.key);
    if (usesLicence(material)) {
      const licenceType = preferredLicence(material, held);
      if (existing?.kind === 'licence') choice[material.key] = existing;
      else if (material.required && licenceType && holdsLicence(licenceType, held))
        choice[material.key] = { materialKey: material.key, kind: 'licence', licenceType };
    } else if (existing?.kind === 'upload') {
      choice[material.key] = existing;
    }
  }
  return choice;
}

export const materialRefs = (choice: MaterialChoice): MaterialRef[] =>
  Object.values(choice).filter((ref): ref is MaterialRef => ref !== undefined);

export function validateMaterials(materials: readonly Material[], choice: MaterialChoice): ErrorMap {
  const errors: ErrorMap = {};
  for (const material of materials) {
    if (material.required && !choice[material.key]) {
      errors[`materials.${material.key}`] = usesLicence(material)
        ? `未能调取您的${material.name}电子证照，请携带原件到窗口办理`
        : `请上传${material.name}`;
    }
  }
  return errors;
}

export interface PostalDraft {
  recipient: string;
  phone: string;
  address: string;
}

export const EMPTY_POSTAL: PostalDraft = { recipient: '', phone: '', address: '' };

/** The postal address if it is complete and valid (drafts are saved without a half-typed one). */
export function validPostalAddress(postal: PostalDraft): PostalAddress | undefined {
  const parsed = PostalAddress.safeParse(postal);
  return parsed.success ? parsed.data : undefined;
}

export function validateDelivery(
  methods: readonly DeliveryMethod[],
  method: DeliveryMethod | undefined,
  postal: PostalDraft,
): ErrorMap {
  const errors: ErrorMap = {};
  if (!method || !methods.includes(method)) {
    errors.deliveryMethod = '请选择送达方式';
    return errors;
  }
  if (method === 'post') {
    const parsed = PostalAddress.safeParse(postal);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors[`postalAddress.${pathOf(issue.path)}`] ??= issue.message;
    }
  }
  return errors;
}

/**
 * Where a server-reported problem goes on screen. MATERIALS_MISSING may name the material by
 * key, by `materials.key` or by name; anything not placed is listed in the page's notice.
 */
export function placeServerDetails(
  details: readonly { path: string; message: string }[],
  form: FormDefinition,
  materials: readonly Material[],
): { errors: ErrorMap; unplaced: string[] } {
  const errors: ErrorMap = {};
  const unplaced: string[] = [];
  const sectionKeys = new Set(form.sections.map((s) => s.key));
  for (const { path, message } of details) {
    const head = path.split('.')[0] ?? '';
    const material = materials.find(
      (m) =>
        path === m.key || path === `materials.${m.key}` || path.startsWith(`materials.${m.key}.`) || path === m.name,
    );
    if (material) errors[`materials.${material.key}`] ??= message;
    else if (sectionKeys.has(head) || head === 'deliveryMethod' || head === 'postalAddress') errors[path] ??= message;
    else unplaced.push(message);
  }
  return { errors, unplaced };
}

/** A repeating section's label for row `index`: 第1项 家庭成员. */
export const rowLabel = (section: FormSection, index: number): string =>
  `第${index + 1}项${section.repeat?.itemLabel ? ` ${section.repeat.itemLabel}` : ''}`;
