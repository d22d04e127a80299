import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { useEffect, useMemo } from 'react';

interface QrCodeProps {
  /** What the code encodes (the public verification link). */
  text: string;
  /** Exposed on h5 as `data-token` for tests. */
  token: string;
  /** Displayed size in design pixels (750 wide). */
  size?: number;
}

const CANVAS_ID = 'wallet-qr-canvas';

function encode(text: string) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr;
}

/**
 * The QR code, drawn from `text` with qrcode-generator: on h5 an <img> with a data URL; on
 * weapp the modules are painted on a 2d Canvas.
 */
export function QrCode({ text, token, size = 560 }: QrCodeProps) {
  const qr = useMemo(() => encode(text), [text]);

  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') return;
    const timer = setTimeout(() => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((result: Array<{ node?: Taro.Canvas; width: number; height: number } | null>) => {
          const found = result?.[0];
          const canvas = found?.node;
          if (!canvas) return;
          const ratio = Taro.getSystemInfoSync().pixelRatio || 2;
          canvas.width = found.width * ratio;
          canvas.height = found.height * ratio;
          const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
          const count = qr.getModuleCount();
          const margin = 2;
          const cell = canvas.width / (count + margin * 2);
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          ctx.fillStyle = '#000000';
          for (let row = 0; row < count; row++) {
            for (let col = 0; col < count; col++) {
              if (qr.isDark(row, col)) {
                ctx.fillRect(
                  Math.floor((col + margin) * cell),
                  Math.floor((row + margin) * cell),
                  Math.ceil(cell),
                  Math.ceil(cell),
                );
              }
            }
          }
        });
    }, 50);
    return () => clearTimeout(timer);
  }, [qr]);

  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className="wallet-qr" data-testid="wallet-qr" data-token={token}>
        <img
          className="wallet-qr-image"
          src={qr.createDataURL(8, 2)}
          alt="证照核验二维码"
          style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }}
        />
      </View>
    );
  }
  return (
    <View className="wallet-qr" data-testid="wallet-qr">
      <Canvas
        type="2d"
        id={CANVAS_ID}
        className="wallet-qr-canvas"
        style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }}
      />
    </View>
  );
}
