import { AppError, type FormDefinition, maskIdNumber, maskPhone } from '@minsheng/shared';
import { personalDataEnvelope } from '../crypto/personal-data';
import type { SealedText } from '../repositories/applications';

/**
 * ID and phone numbers typed into forms are personal data: stored sealed, shown masked.
 * Outside the identity record no ID or phone number is ever kept in clear.
 */
const SENSITIVE_TYPES = new Set(['idNumber', 'phone']);

const isSealed = (value: unknown): value is SealedText =>
  typeof value === 'object' && value !== null && 'sealed' in value && 'masked' in value;

const maskFor = (type: string, value: string) => (type === 'idNumber' ? maskIdNumber(value) : maskPhone(value));

type Values = Record<string, unknown>;

async function mapSensitive(
  form: FormDefinition,
  data: Values,
  fn: (type: string, value: unknown, previous: unknown) => Promise<unknown>,
  previousData: Values = {},
): Promise<Values> {
  const out: Values = { ...data };
  for (const section of form.sections) {
    const sensitive = section.fields.filter((f) => SENSITIVE_TYPES.has(f.type));
    if (!sensitive.length || data[section.key] === undefined) continue;
    const mapOne = async (values: Values, previous: Values = {}) => {
      const copy: Values = { ...values };
      for (const field of sensitive) {
        if (copy[field.key] !== undefined) copy[field.key] = await fn(field.type, copy[field.key], previous[field.key]);
      }
      return copy;
    };
    const value = data[section.key];
    const previous = previousData[section.key];
    out[section.key] = Array.isArray(value)
      ? await Promise.all(
          value.map((v, i) => mapOne(v as Values, (Array.isArray(previous) ? previous[i] : undefined) as Values)),
        )
      : await mapOne(value as Values, previous as Values);
  }
  return out;
}

/**
 * Seals sensitive values. A value equal to the stored mask means "unchanged" (the citizen
 * only ever sees the mask), so the stored sealed value is kept. A sealed value is accepted
 * only as the very one stored for this field of this case; anything but text is refused, so
 * no number or forged envelope is ever stored where a sealed value belongs.
 * @throws AppError SENSITIVE_VALUE_INVALID
 */
export function sealFormData(
  form: FormDefinition,
  data: Values,
  context: string,
  previous: Values = {},
): Promise<Values> {
  return mapSensitive(
    form,
    data,
    async (type, value, prev) => {
      if (isSealed(value)) {
        if (isSealed(prev) && prev.sealed === value.sealed) return prev;
        throw new AppError('SENSITIVE_VALUE_INVALID');
      }
      if (isSealed(prev) && value === prev.masked) return prev;
      if (value === '' || value === null) return value;
      if (typeof value !== 'string') throw new AppError('SENSITIVE_VALUE_INVALID');
      return { masked: maskFor(type, value), sealed: await personalDataEnvelope().seal(value, context) };
    },
    previous,
  );
}

/** The masked form, for citizens' screens. */
export const maskFormData = (form: FormDefinition, data: Values): Promise<Values> =>
  mapSensitive(form, data, async (_type, value) => (isSealed(value) ? value.masked : value));

/** The clear form, for validation and for the officer handling the case (an audited view). */
export const openFormData = (form: FormDefinition, data: Values, context: string): Promise<Values> =>
  mapSensitive(form, data, async (_type, value) =>
    isSealed(value) ? personalDataEnvelope().open(value.sealed, context) : value,
  );

export async function sealText(value: string, type: 'phone' | 'idNumber', context: string): Promise<SealedText> {
  return { masked: maskFor(type, value), sealed: await personalDataEnvelope().seal(value, context) };
}
