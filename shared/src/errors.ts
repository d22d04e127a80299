/**
 * Every error a caller can see: one stable code, one HTTP status, one Chinese message.
 * Handlers never invent codes; they throw AppError with one of these.
 */
export const ErrorCatalog = {
  MALFORMED_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  VALIDATION_FAILED: { status: 400, message: '提交的信息不完整或格式不正确' },
  ID_NUMBER_FORMAT: { status: 400, message: '身份证号码应为 18 位，最后一位可以是数字或 X' },
  ID_NUMBER_REGION: { status: 400, message: '身份证号码前 6 位的地区代码不存在，请核对' },
  ID_NUMBER_BIRTH_DATE: { status: 400, message: '身份证号码中的出生日期无效，请核对第 7 至 14 位' },
  ID_NUMBER_CHECKSUM: { status: 400, message: '身份证号码校验位不正确，请逐位核对后重新输入' },
  NAME_INVALID: { status: 400, message: '请输入与身份证一致的姓名（2 至 30 个字）' },
  CONSENT_REQUIRED: { status: 400, message: '请阅读并同意个人信息处理规则后再继续' },
  UNAUTHENTICATED: { status: 401, message: '登录已失效，请重新登录' },
  REFRESH_TOKEN_INVALID: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '无权访问该内容' },
  NOT_FOUND: { status: 404, message: '没有找到对应的内容' },
  ROUTE_NOT_FOUND: { status: 404, message: '请求的接口不存在' },
  SERVICE_ITEM_NOT_FOUND: { status: 404, message: '没有找到该办事事项，可能已调整或下线' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信登录凭证无效或已使用，请重新登录' },
  WECHAT_RISKY_USER: { status: 403, message: '微信判定当前账号存在风险，暂不能登录，请到窗口办理' },
  WECHAT_RATE_LIMITED: { status: 429, message: '登录过于频繁，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  IDENTITY_ALREADY_VERIFIED: { status: 409, message: '您已完成实名认证，无需重复认证' },
  IDENTITY_BOUND_ELSEWHERE: {
    status: 409,
    message: '该身份证号已与其他微信账号绑定。如需更换，请携带身份证到公安窗口办理',
  },
  VERIFICATION_RATE_LIMITED: {
    status: 429,
    message: '今日实名认证尝试次数已达上限，请明天再试，或携带身份证到公安窗口核验',
  },
  VERIFICATION_NOT_STARTED: { status: 409, message: '请先填写姓名和身份证号，再进行人脸核验' },
  VERIFICATION_EXPIRED: { status: 409, message: '本次认证已超时，请重新填写并核验' },
  FACE_NOT_PASSED: {
    status: 422,
    message: '人脸核验未通过。您可以重新核验，或携带身份证到公安窗口完成实名认证',
  },
  FACE_MISMATCH: { status: 422, message: '人脸核验结果与填写的身份信息不一致，请重新核验' },
  FACE_RESULT_STALE: { status: 422, message: '人脸核验结果已过期，请重新核验' },
  IDENTITY_REQUIRED: { status: 403, message: '办理该事项需先完成实名认证' },
  APPLICANT_TYPE_NOT_ALLOWED: { status: 400, message: '该事项仅限单位（法人）申请' },
  APPLICATION_NOT_FOUND: { status: 404, message: '没有找到该办件' },
  VERSION_CONFLICT: { status: 409, message: '该办件已被更新，请刷新后重试' },
  ACTION_NOT_ALLOWED: { status: 409, message: '当前状态下不能进行该操作' },
  ROLE_NOT_ALLOWED: { status: 403, message: '您的岗位无权进行该操作' },
  FORM_INVALID: { status: 400, message: '申请表填写有误，请按提示修改' },
  MATERIALS_MISSING: { status: 400, message: '申请材料不齐全，请补充后再提交' },
  MATERIAL_INVALID: { status: 400, message: '申请材料无效，请重新上传' },
  UPLOAD_NOT_FOUND: { status: 400, message: '文件尚未上传完成，请重新上传' },
  RATING_ALREADY_GIVEN: { status: 409, message: '您已评价过该办件' },
  OFFICER_LOGIN_FAILED: { status: 401, message: '用户名、密码或动态验证码错误' },
  OFFICER_LOGIN_LOCKED: { status: 429, message: '登录失败次数过多，请稍后再试（等待时间见提示）' },
  FOLLOW_UP_NOT_FOUND: { status: 404, message: '没有找到该整改任务' },
  FOLLOW_UP_CLOSED: { status: 409, message: '该整改任务已办结' },
  VEHICLE_NOT_FOUND: { status: 404, message: '没有找到该机动车登记信息，请核对号牌号码和号牌种类' },
  VEHICLE_NOT_OWNED: { status: 403, message: '该车辆不登记在您的名下，或发动机号后 6 位不符' },
  VEHICLE_ALREADY_BOUND: { status: 409, message: '您已绑定该车辆' },
  VEHICLE_LIMIT_REACHED: { status: 409, message: '最多可绑定 5 辆车，请先解绑不再使用的车辆' },
  VIOLATION_NOT_FOUND: { status: 404, message: '没有找到该交通违法记录' },
  VIOLATION_NOT_PAYABLE_ONLINE: { status: 409, message: '该违法记录尚未处理或不支持网上缴款，请到交管窗口处理' },
  PAYMENT_ALREADY_MADE: { status: 409, message: '该笔款项已缴纳，无需重复支付' },
  FEE_NOT_REQUIRED: { status: 409, message: '该事项不收费，或当前状态无需缴费' },
  PAYMENT_NOT_FOUND: { status: 404, message: '没有找到该支付订单' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 503, message: '微信支付暂时不可用，请稍后再试；已下单的款项不会重复扣款' },
  PAYMENT_PROVIDER_REJECTED: { status: 502, message: '微信支付下单失败，请稍后再试' },
  NOTIFICATION_REJECTED: { status: 401, message: '通知验签失败' },
  LICENCE_NOT_HELD: { status: 404, message: '您的证照夹中没有该证照，或证照已过有效期' },
  SHARE_PURPOSE_NOT_ALLOWED: { status: 400, message: '该证照不能用于所选用途，请选择其他证照或用途' },
  SHARE_TOKEN_NOT_FOUND: { status: 404, message: '没有找到该二维码，或它已过期' },
  MESSAGE_NOT_FOUND: { status: 404, message: '没有找到该消息' },
  CREDIT_CODE_FORMAT: { status: 400, message: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）' },
  CREDIT_CODE_CHECKSUM: { status: 400, message: '统一社会信用代码校验位不正确，请对照营业执照逐位核对' },
  ORGANISATION_NOT_FOUND: { status: 404, message: '登记机关没有该统一社会信用代码的单位，请核对' },
  ORGANISATION_INACTIVE: { status: 409, message: '该单位已注销或被吊销营业执照，不能以其名义办理' },
  ORGANISATION_NOT_AUTHORISED: {
    status: 403,
    message: '您不是该单位的法定代表人，也未获授权为经办人；请法定代表人在“我的单位”中为您授权',
  },
  ORGANISATION_LEGAL_REP_ONLY: { status: 403, message: '只有单位的法定代表人可以授权或取消经办人' },
  ORGANISATION_REQUIRED: { status: 400, message: '该事项需以单位名义申请，请先在“我的单位”中绑定单位' },
  ORGANISATION_NOT_ACCEPTED: { status: 400, message: '该事项仅限个人申请，不能以单位名义办理' },
  AGENT_IS_LEGAL_REP: { status: 400, message: '法定代表人本人无需授权为经办人' },
  AGENT_NOT_FOUND: { status: 404, message: '没有找到该经办人授权' },
  BUSY: { status: 409, message: '当前办理的人较多，请稍后再试；您的操作没有生效' },
  QUEUE_CURSOR_INVALID: { status: 400, message: '分页参数无效，请从第一页重新加载' },
  APPOINTMENT_HALL_NOT_FOUND: { status: 404, message: '没有找到该办事大厅' },
  APPOINTMENT_HALL_NOT_FOR_ITEM: { status: 422, message: '该大厅不办理此事项，请选择其他大厅' },
  APPOINTMENT_SLOT_UNAVAILABLE: {
    status: 422,
    message: '该时段不可预约（非工作时间、已开始或超出可预约范围），请另选时段',
  },
  APPOINTMENT_SLOT_FULL: { status: 409, message: '该时段已约满，请另选时段' },
  APPOINTMENT_TIME_TAKEN: { status: 409, message: '您在该时段已有预约，同一时段只能预约一次' },
  APPOINTMENT_LIMIT_REACHED: { status: 409, message: '您已有 3 个待办理的预约，请办理或取消后再预约' },
  APPOINTMENT_SUSPENDED: { status: 403, message: '近 90 天内爽约已达 3 次，暂停网上预约，可到大厅现场取号办理' },
  APPOINTMENT_NOT_FOUND: { status: 404, message: '没有找到该预约' },
  APPOINTMENT_NOT_CANCELLABLE: { status: 409, message: '该预约已开始、已办理或已取消，不能再取消' },
  APPOINTMENT_ALREADY_CLOSED: { status: 409, message: '该预约已到号、已取消或已爽约' },
  APPOINTMENT_NOT_TODAY: { status: 409, message: '只能为当天的预约办理到号' },
  // Input hardening and dependency faults (issue 8)
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大，请精简后重试' },
  REQUEST_TOO_COMPLEX: { status: 400, message: '提交的内容层级过深或项目过多' },
  UNSAFE_FIELD_NAME: { status: 400, message: '提交的内容包含不允许的字段名' },
  FORM_FIELD_UNKNOWN: { status: 400, message: '申请表中没有该项，请刷新页面后重新填写' },
  SENSITIVE_VALUE_INVALID: { status: 400, message: '证件号码或电话号码无效，请重新填写' },
  SERVICE_UNAVAILABLE: { status: 503, message: '系统暂时无法处理，请稍后刷新查看结果后再试' },
  // Holiday calendar (节假日安排, issue 8)
  CALENDAR_ARRANGEMENT_INVALID: { status: 400, message: '节假日安排有误，请按提示修改后再保存' },
  CALENDAR_ARRANGEMENT_CONFLICT: { status: 409, message: '该年度节假日安排已被他人修改，请刷新后重试' },
  // Accounts and sessions (officer login throttling, second factor, administration; citizen rate limits).
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  OFFICER_TOTP_INVALID: { status: 400, message: '动态验证码不正确，请核对验证器上当前显示的 6 位数字' },
  OFFICER_NOT_FOUND: { status: 404, message: '没有找到该民警账号' },
  OFFICER_ADMIN_ONLY: { status: 403, message: '只有系统管理员可以管理民警账号' },
  // Materials (upload tickets, content checks)
  UPLOAD_LIMIT_REACHED: {
    status: 429,
    message: '该办件申请上传的次数已达上限，请使用已上传的文件，或联系窗口工作人员',
  },
  // Payments: the finance queue (flagged orders, abnormal refunds)
  PAYMENT_CHANGED: { status: 409, message: '该订单已被处理或更新，请刷新后重试' },
  PAYMENT_NOT_CONFIRMED: {
    status: 409,
    message: '微信支付查询未显示该订单已支付成功，不能确认收款；请核实后退款或稍后再试',
  },
  // What new users hit: case numbers (办件编号).
  CASE_NUMBER_INVALID: { status: 400, message: '办件编号格式不正确，应如 HZ20261208-0001' },
  MONTHLY_LIMIT_REACHED: { status: 409, message: '本事项本月的申请次数已用完，请下月再申请' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
  // --- Local stack and gateway hardening (issue 8: what API Gateway itself answers) ---
  REQUEST_MALFORMED: { status: 400, message: '请求地址格式不正确' },
  FUNCTION_TIMEOUT: { status: 503, message: '服务处理超时，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ErrorCatalog;

/** The JSON body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: { path: string; message: string }[];
  correlationId?: string;
}

/** The only error type whose code and message reach the caller. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: { path: string; message: string }[],
    message: string = ErrorCatalog[code].message,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ErrorCatalog[code].status;
  }

  toBody(correlationId?: string): ErrorBody {
    return { code: this.code, message: this.message, details: this.details, correlationId };
  }
}

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ErrorCatalog, value);
