import type { z } from 'zod';
import type { FormDefinition, FormField, FormSection } from '../forms';
import type { LicenceType } from '../licences';
import type { Material } from '../service-item';

/**
 * Building blocks shared by the item files: materials the police hold as electronic
 * licences, the usual uploads, and the standard applicant sections of the forms.
 * Helpers only; this file contributes no items to the catalogue.
 */

export type MaterialInput = z.input<typeof Material>;
export type FieldInput = z.input<typeof FormField>;
export type SectionInput = z.input<typeof FormSection>;
export type FormInput = z.input<typeof FormDefinition>;

type MaterialExtra = Partial<Omit<MaterialInput, 'uploadable' | 'acceptedLicences'>>;

// ---------------------------------------------------------------------------------------------
// Materials
// ---------------------------------------------------------------------------------------------

/** A material the police hold as an electronic licence: checked online, never uploaded. */
export const held = (key: string, name: string, licence: LicenceType, extra: MaterialExtra = {}): MaterialInput => ({
  key,
  name,
  required: true,
  uploadable: false,
  acceptedLicences: [licence],
  ...extra,
});

/** A material the applicant uploads (photo or PDF). */
export const upload = (key: string, name: string, extra: MaterialExtra = {}): MaterialInput => ({
  key,
  name,
  required: true,
  uploadable: true,
  acceptedLicences: [],
  ...extra,
});

/** An optional upload, usually needed only in one of the situations the note names. */
export const uploadIf = (key: string, name: string, note: string, extra: MaterialExtra = {}): MaterialInput =>
  upload(key, name, { required: false, note, ...extra });

export const idCard = (extra: MaterialExtra = {}) => held('idCard', '居民身份证', 'resident-id-card', extra);
export const householdRegister = (extra: MaterialExtra = {}) =>
  held('householdRegister', '居民户口簿', 'household-register', extra);
export const drivingLicence = (extra: MaterialExtra = {}) =>
  held('drivingLicence', '机动车驾驶证', 'driving-licence', extra);
export const vehicleLicence = (extra: MaterialExtra = {}) =>
  held('vehicleLicence', '机动车行驶证', 'vehicle-licence', extra);
export const residencePermit = (extra: MaterialExtra = {}) =>
  held('residencePermit', '居住证', 'residence-permit', extra);
export const hkMacauPermit = (extra: MaterialExtra = {}) =>
  held('hkMacauPermit', '往来港澳通行证', 'hk-macau-permit', extra);
export const taiwanPermit = (extra: MaterialExtra = {}) =>
  held('taiwanPermit', '大陆居民往来台湾通行证', 'taiwan-permit', extra);
export const passport = (extra: MaterialExtra = {}) => held('passport', '普通护照', 'passport', extra);
export const criminalRecordCertificate = (extra: MaterialExtra = {}) =>
  held('criminalRecordCertificate', '无犯罪记录证明', 'criminal-record-certificate', extra);
export const businessLicence = (extra: MaterialExtra = {}) =>
  held('businessLicence', '营业执照', 'business-licence', {
    note: '机关、事业单位、社会组织以统一社会信用代码核验法人登记信息',
    ...extra,
  });
export const legalRepIdCard = (extra: MaterialExtra = {}) =>
  held('legalRepIdCard', '法定代表人居民身份证', 'resident-id-card', extra);
export const agentIdCard = (extra: MaterialExtra = {}) =>
  held('agentIdCard', '经办人居民身份证', 'resident-id-card', extra);

export const photo = (extra: MaterialExtra = {}) =>
  upload('photo', '近期免冠彩色证件照片', {
    note: '白色背景、符合证件照标准的数码照片；也可在受理点免费现场采集',
    ...extra,
  });

/** 授权委托书: only when someone else applies on the applicant's behalf. */
export const authorisation = (extra: MaterialExtra = {}) =>
  uploadIf('authorisation', '授权委托书', '委托他人代为办理时提供，需委托人签名', extra);

/** 单位介绍信 / 授权书 naming the person who handles the application for an organisation. */
export const orgMandate = (extra: MaterialExtra = {}) =>
  upload('orgMandate', '单位授权委托书', { note: '加盖单位公章，写明经办人及委托事项', ...extra });

export const premisesProof = (extra: MaterialExtra = {}) =>
  upload('premisesProof', '经营场所产权证明或租赁合同', extra);

// ---------------------------------------------------------------------------------------------
// Form fields
// ---------------------------------------------------------------------------------------------

type FieldExtra = Partial<Omit<FieldInput, 'key' | 'label' | 'type' | 'options'>>;

/** Options from a value → label map (values are the stable codes stored with the application). */
export const opts = (map: Record<string, string>) => Object.entries(map).map(([value, label]) => ({ value, label }));

const field =
  (type: FieldInput['type']) =>
  (key: string, label: string, extra: FieldExtra = {}): FieldInput => ({ key, label, type, required: true, ...extra });

export const text = field('text');
export const textarea = field('textarea');
export const date = field('date');
export const phone = field('phone');
export const plate = field('plate');
export const address = field('address');
export const idNumber = field('idNumber');
export const checkbox = (key: string, label: string, extra: FieldExtra = {}): FieldInput => ({
  key,
  label,
  type: 'checkbox',
  required: false,
  ...extra,
});
export const number = (key: string, label: string, min: number, max: number, extra: FieldExtra = {}): FieldInput => ({
  key,
  label,
  type: 'number',
  required: true,
  min,
  max,
  ...extra,
});
export const select = (
  key: string,
  label: string,
  options: Record<string, string>,
  extra: FieldExtra = {},
): FieldInput => ({
  key,
  label,
  type: 'select',
  required: true,
  options: opts(options),
  ...extra,
});
export const radio = (
  key: string,
  label: string,
  options: Record<string, string>,
  extra: FieldExtra = {},
): FieldInput => ({
  key,
  label,
  type: 'radio',
  required: true,
  options: opts(options),
  ...extra,
});

/** Makes a field optional. */
export const optional = (f: FieldInput): FieldInput => ({ ...f, required: false });
/** Shows a field only when another field of the same section has the given value. */
export const when = (fieldKey: string, equals: string | boolean, f: FieldInput): FieldInput => ({
  ...f,
  visibleWhen: { field: fieldKey, equals },
});

export const YES_NO = { yes: '是', no: '否' };

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

export const section = (key: string, title: string, fields: FieldInput[]): SectionInput => ({ key, title, fields });

export const repeating = (
  key: string,
  title: string,
  repeat: { min: number; max: number; itemLabel: string },
  fields: FieldInput[],
): SectionInput => ({ key, title, repeat, fields });

export const form = (...sections: SectionInput[]): FormInput => ({ sections });

/** The citizen's own name and ID number come from the verified identity; the rest is typed. */
export const personApplicant = (...extra: FieldInput[]): SectionInput =>
  section('applicant', '申请人信息', [
    text('name', '姓名', { prefill: 'identity.name' }),
    idNumber('idNumber', '公民身份号码', { prefill: 'identity.idNumber' }),
    phone('phone', '联系电话'),
    ...extra,
  ]);

/** 本人办理 or 委托代办: the agent's details appear only for the latter. */
export const agentFields = (): FieldInput[] => [
  radio('applyMode', '办理方式', { self: '本人办理', agent: '委托他人代办' }),
  when('applyMode', 'agent', text('agentName', '代办人姓名', { maxLength: 30 })),
  when('applyMode', 'agent', idNumber('agentIdNumber', '代办人公民身份号码')),
  when('applyMode', 'agent', phone('agentPhone', '代办人联系电话')),
];

/** 单位名称, 统一社会信用代码, 法定代表人, 联系人, 联系电话; the 经办人 is the verified user. */
export const orgApplicant = (...extra: FieldInput[]): SectionInput =>
  section('applicant', '申请单位信息', [
    text('orgName', '单位名称', { maxLength: 100, prefill: 'organisation.name' }),
    text('creditCode', '统一社会信用代码', {
      maxLength: 18,
      help: '18 位，见营业执照或法人登记证书',
      prefill: 'organisation.creditCode',
    }),
    text('legalRep', '法定代表人（负责人）', { maxLength: 30, prefill: 'organisation.legalRep' }),
    text('contactName', '联系人', { maxLength: 30 }),
    phone('contactPhone', '联系电话'),
    ...extra,
  ]);

/** Items open to both citizens and organisations: the organisation fields show for 单位 only. */
export const mixedApplicant = (...extra: FieldInput[]): SectionInput =>
  section('applicant', '申请人信息', [
    radio('applicantKind', '申请人类型', { person: '个人', organisation: '单位' }, { prefill: 'applicant.kind' }),
    text('name', '姓名（单位申请的为经办人）', { prefill: 'identity.name' }),
    idNumber('idNumber', '公民身份号码', { prefill: 'identity.idNumber' }),
    phone('phone', '联系电话'),
    when(
      'applicantKind',
      'organisation',
      text('orgName', '单位名称', { maxLength: 100, prefill: 'organisation.name' }),
    ),
    when(
      'applicantKind',
      'organisation',
      text('creditCode', '统一社会信用代码', { maxLength: 18, prefill: 'organisation.creditCode' }),
    ),
    ...extra,
  ]);
