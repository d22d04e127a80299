import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ChangeEvent, useRef } from 'react';
import { ACCEPT, contentTypeOf, type PickedFile } from '../services/upload';

interface FilePickerProps {
  /** On the wrapper; on h5 it contains the `<input type="file">` (tests: `[data-testid=…] input[type=file]`). */
  testId: string;
  label: string;
  disabled?: boolean;
  onPicked: (file: PickedFile) => void;
}

/**
 * Picks one JPG/PNG/PDF. h5: a visually hidden file input the button opens. weapp: camera or
 * album (chooseMedia), or a PDF/image from a WeChat chat (chooseMessageFile), as the citizen chooses.
 */
export function FilePicker({ testId, label, disabled, onPicked }: FilePickerProps) {
  const inputRef = useRef<HTMLInputElement>(null);

  if (process.env.TARO_ENV === 'h5') {
    const onChange = (event: ChangeEvent<HTMLInputElement>) => {
      const file = event.target.files?.[0];
      // Cleared so choosing the same file again still fires a change.
      event.target.value = '';
      if (file)
        onPicked({
          name: file.name,
          size: file.size,
          contentType: contentTypeOf(file.name, file.type),
          source: { kind: 'h5', file },
        });
    };
    return (
      <View className="file-picker" data-testid={testId}>
        <Button className="btn btn-secondary" disabled={disabled} onClick={() => inputRef.current?.click()}>
          {label}
        </Button>
        <input
          ref={inputRef}
          className="file-picker-input"
          type="file"
          accept={ACCEPT}
          aria-label={label}
          disabled={disabled}
          onChange={onChange}
        />
      </View>
    );
  }

  const pick = async () => {
    const file = await pickOnWeapp();
    if (file) onPicked(file);
  };
  return (
    <View className="file-picker" data-testid={testId}>
      <Button className="btn btn-secondary" disabled={disabled} onClick={() => void pick()}>
        {label}
      </Button>
    </View>
  );
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

async function pickOnWeapp(): Promise<PickedFile | null> {
  let tapIndex: number;
  try {
    ({ tapIndex } = await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从微信聊天中选择文件（可选 PDF）'] }));
  } catch {
    return null; // cancelled
  }
  try {
    if (tapIndex === 0) {
      const { tempFiles } = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'] });
      const chosen = tempFiles[0];
      if (!chosen) return null;
      const name = baseName(chosen.tempFilePath);
      return {
        name,
        size: chosen.size,
        contentType: contentTypeOf(name),
        source: { kind: 'weapp', path: chosen.tempFilePath },
      };
    }
    const { tempFiles } = await Taro.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['pdf', 'jpg', 'jpeg', 'png'],
    });
    const chosen = tempFiles[0];
    if (!chosen) return null;
    return {
      name: chosen.name,
      size: chosen.size,
      contentType: contentTypeOf(chosen.name),
      source: { kind: 'weapp', path: chosen.path },
    };
  } catch {
    return null; // cancelled or permission denied
  }
}
