import { z } from 'zod';

/**
 * Electronic licences (电子证照) the police systems hold or our decisions issue. Where a
 * material can be satisfied by one of these, the citizen is never asked for a copy.
 */
export const LicenceType = z.enum([
  'resident-id-card',
  'household-register',
  'driving-licence',
  'vehicle-licence',
  'residence-permit',
  'hk-macau-permit',
  'taiwan-permit',
  'passport',
  'criminal-record-certificate',
  'business-licence',
]);
export type LicenceType = z.infer<typeof LicenceType>;

export const LICENCE_LABEL: Record<LicenceType, string> = {
  'resident-id-card': '居民身份证',
  'household-register': '居民户口簿',
  'driving-licence': '机动车驾驶证',
  'vehicle-licence': '机动车行驶证',
  'residence-permit': '居住证',
  'hk-macau-permit': '往来港澳通行证',
  'taiwan-permit': '往来台湾通行证',
  passport: '普通护照',
  'criminal-record-certificate': '无犯罪记录证明',
  'business-licence': '营业执照',
};
