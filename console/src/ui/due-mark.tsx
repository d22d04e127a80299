import type { DueMark } from '../shared';

export const DUE_MARK_LABEL: Record<DueMark, string> = {
  normal: '正常',
  yellow: '黄灯',
  red: '红灯',
  paused: '补正中（计时暂停）',
};

export const DUE_MARK_DESCRIPTION: Record<DueMark, string> = {
  normal: '距办结期限 2 个工作日以上',
  yellow: '剩余不超过 1 个工作日，请优先办理',
  red: '已超过办结期限，电子监察已记录',
  paused: '已一次性告知补正，等待申请人补正材料，办理时限暂停计算',
};

/** Colour plus a word and a shape, so the mark reads without colour vision. */
const SYMBOL: Record<DueMark, string> = { normal: '○', yellow: '▲', red: '■', paused: '⏸' };

export function DueMarkBadge({ mark, testId }: { mark: DueMark; testId?: string }) {
  return (
    <span className={`mark mark-${mark}`} data-testid={testId} data-mark={mark} title={DUE_MARK_DESCRIPTION[mark]}>
      <span aria-hidden="true">{SYMBOL[mark]}</span> {DUE_MARK_LABEL[mark]}
    </span>
  );
}

/**
 * A due date in a year whose holiday notice is not entered yet: counted with the statutory
 * holidays only, it may move by a day or two once the year's 调休 is known.
 */
export function ProvisionalMark({ testId }: { testId?: string }) {
  return (
    <span
      className="badge badge-info"
      data-testid={testId}
      title="该年度国务院节假日安排尚未录入，期限按法定节假日暂算，录入后可能调整"
    >
      暂定
    </span>
  );
}
