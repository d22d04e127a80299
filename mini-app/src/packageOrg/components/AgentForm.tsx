import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { isApiError, userMessageOf } from '../../services/request';
import { AuthoriseAgentRequest, maskName, type OrganisationView } from '../../shared';
import { authoriseAgent } from '../services/organisations';

type AgentField = 'name' | 'idNumber';

interface Problem {
  field: AgentField | 'form';
  message: string;
}

interface AgentFormProps {
  organisation: OrganisationView;
  /** The server's updated view of the organisation (its agents list now includes the new one). */
  onAuthorised: (updated: OrganisationView) => void;
  /** 401 / IDENTITY_REQUIRED are the page's to handle; true when it did. */
  onGateError: (error: unknown) => boolean;
}

/**
 * The legal representative authorises a 经办人 by name and ID number, checked first with the same
 * shared rules as real-name verification (GB 11643 number, name characters). The number is sent
 * once and cleared; the server keeps only a keyed hash and the masked forms.
 */
export function AgentForm({ organisation, onAuthorised, onGateError }: AgentFormProps) {
  const code = organisation.creditCode;
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async () => {
    if (busy) return;
    setDone(null);
    const parsed = AuthoriseAgentRequest.safeParse({ name, idNumber });
    if (!parsed.success) {
      const found: Problem[] = [];
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as AgentField;
        if (!found.some((p) => p.field === field)) found.push({ field, message: issue.message });
      }
      setProblems(found);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const updated = await authoriseAgent(code, parsed.data);
      setName('');
      setIdNumber('');
      setDone(
        `已授权 ${maskName(parsed.data.name)} 为经办人。请对方用本人微信完成实名认证后，在“我的单位”中绑定本单位。`,
      );
      onAuthorised(updated);
    } catch (error) {
      if (onGateError(error)) return;
      const details = isApiError(error) ? error.details : [];
      setProblems(
        details.length > 0
          ? details.map((d) => ({
              field: d.path === 'name' || d.path === 'idNumber' ? d.path : 'form',
              message: d.message,
            }))
          : [{ field: 'form', message: userMessageOf(error) }],
      );
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: AgentField) => (problems.some((p) => p.field === field) ? ' org-invalid' : '');
  return (
    <View className="org-section" data-testid={`org-agent-form-${code}`}>
      <View className="org-subtitle">授权经办人</View>
      <View className="field">
        <View className="field-label">经办人姓名</View>
        <Input
          className={`field-input${invalid('name')}`}
          data-testid={`org-agent-name-${code}`}
          type="text"
          placeholder="与身份证一致"
          maxlength={30}
          value={name}
          onInput={(event) => setName(event.detail.value)}
        />
      </View>
      <View className="field">
        <View className="field-label">经办人身份证号</View>
        <Input
          className={`field-input${invalid('idNumber')}`}
          data-testid={`org-agent-id-number-${code}`}
          type="idcard"
          placeholder="请输入 18 位身份证号码"
          maxlength={18}
          value={idNumber}
          onInput={(event) => setIdNumber(event.detail.value)}
        />
      </View>
      {problems.length > 0 && (
        <View className="notice notice-error" data-testid={`org-agent-error-${code}`} role="alert">
          {problems.map((problem) => (
            <View key={`${problem.field}-${problem.message}`} data-field={problem.field}>
              {problem.message}
            </View>
          ))}
        </View>
      )}
      {done && (
        <Notice kind="success" testId={`org-agent-authorised-${code}`}>
          {done}
        </Notice>
      )}
      <Button
        className="btn btn-primary"
        data-testid={`org-agent-submit-${code}`}
        disabled={busy}
        onClick={() => void onSubmit()}
      >
        {busy ? '正在授权…' : '授权为经办人'}
      </Button>
      <View className="text-secondary org-hint">
        经办人可以以本单位名义在线办理事项。授权后随时可以取消，取消后立即生效。
      </View>
    </View>
  );
}
