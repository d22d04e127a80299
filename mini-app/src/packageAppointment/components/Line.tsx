import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** One labelled fact of an appointment (事项, 大厅, 日期, 时段, 预约号). */
export function Line({
  label,
  testId,
  strong,
  children,
}: {
  label: string;
  testId: string;
  strong?: boolean;
  children: ReactNode;
}) {
  return (
    <View className="appt-line">
      <View className="appt-line-label">{label}</View>
      <View className={`appt-line-value${strong ? ' appt-line-strong' : ''}`} data-testid={testId}>
        {children}
      </View>
    </View>
  );
}
