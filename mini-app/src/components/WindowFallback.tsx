import { View } from '@tarojs/components';

/** Face recognition must never be the only route to identity: the window route, always shown with it. */
export function WindowFallback() {
  return (
    <View className="notice notice-info" data-testid="face-fallback">
      无法刷脸？请携带居民身份证到任一公安户政窗口完成实名认证
    </View>
  );
}
