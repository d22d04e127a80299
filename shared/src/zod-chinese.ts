import { z } from 'zod';

/**
 * Chinese messages for zod's built-in checks, so every validation error a citizen or an
 * officer sees is in Chinese, whether the server or the mini-app ran the schema.
 */
const chineseErrorMap: z.ZodErrorMap = (issue) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? '此项为必填项' : '格式不正确' };
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_enum_value:
      return { message: '取值不在允许的范围内' };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: '包含无法识别的字段' };
    case z.ZodIssueCode.too_small:
      return { message: issue.type === 'string' ? `至少需要 ${issue.minimum} 个字符` : `不能小于 ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      return { message: issue.type === 'string' ? `不能超过 ${issue.maximum} 个字符` : `不能大于 ${issue.maximum}` };
    case z.ZodIssueCode.invalid_string:
      return { message: '格式不正确' };
    case z.ZodIssueCode.invalid_date:
      return { message: '日期无效' };
    default:
      return { message: '输入内容无效' };
  }
};

z.setErrorMap(chineseErrorMap);
