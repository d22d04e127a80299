import { z } from 'zod';
import '../zod-chinese';

/** Plate: province abbreviation + letter + 5 (ordinary) or 6 (new-energy) characters. */
export const PLATE_PATTERN =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/u;

export const PlateNumber = z
  .string({ required_error: '请输入号牌号码' })
  .trim()
  .toUpperCase()
  .regex(PLATE_PATTERN, '号牌号码格式不正确，应为省份简称加字母和 5 至 6 位字符，例如 粤B12345');

/** 号牌种类 (GA 24.7): the common ones citizens bind. */
export const PlateType = z.enum(['02', '52', '01', '51', '07']);
export type PlateType = z.infer<typeof PlateType>;
export const PLATE_TYPE_LABEL: Record<PlateType, string> = {
  '02': '小型汽车',
  '52': '小型新能源汽车',
  '01': '大型汽车',
  '51': '大型新能源汽车',
  '07': '普通摩托车',
};

export const BindVehicleRequest = z.object({
  plate: PlateNumber,
  plateType: PlateType,
  /** Last six characters of the engine number, as printed on the vehicle licence. */
  engineNumberLast6: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6}$/, '请输入发动机号后 6 位（字母或数字）'),
});
export type BindVehicleRequest = z.infer<typeof BindVehicleRequest>;

export const ViolationStatus = z.enum(['unpaid', 'paid', 'needs_window']);
export type ViolationStatus = z.infer<typeof ViolationStatus>;
export const VIOLATION_STATUS_LABEL: Record<ViolationStatus, string> = {
  unpaid: '未缴款',
  paid: '已缴款',
  needs_window: '需到窗口处理',
};

export interface VehicleView {
  plate: string;
  plateType: PlateType;
  plateTypeLabel: string;
  model: string;
  inspectionDue: string;
  boundAt: string;
}

export interface ViolationView {
  id: string;
  plate: string;
  occurredAt: string;
  place: string;
  behaviour: string;
  fineFen: number;
  points: number;
  status: ViolationStatus;
  statusLabel: string;
  /** Fines without points and within limits can be paid online; others need a window. */
  payableOnline: boolean;
  paymentStatus?: string;
}

export interface DrivingLicenceView {
  numberMasked: string;
  licenceClass: string;
  points: number;
  validUntil: string;
  status: string;
}
