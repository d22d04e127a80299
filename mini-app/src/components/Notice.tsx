import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface NoticeProps {
  kind: 'error' | 'info' | 'success';
  testId: string;
  children: ReactNode;
}

/** A message box; errors are announced to screen readers. */
export function Notice({ kind, testId, children }: NoticeProps) {
  return (
    <View className={`notice notice-${kind}`} data-testid={testId} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </View>
  );
}
