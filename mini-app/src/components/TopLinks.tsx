import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** Header links to 登录 and 个人中心 shown on the home page. */
export function TopLinks({ loggedIn }: { loggedIn: boolean }) {
  return (
    <View className="top-links">
      {!loggedIn && (
        <View
          className="top-link"
          data-testid="nav-login"
          onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}
        >
          登录
        </View>
      )}
      <View className="top-link" data-testid="nav-me" onClick={() => Taro.navigateTo({ url: '/pages/me/index' })}>
        个人中心
      </View>
    </View>
  );
}
