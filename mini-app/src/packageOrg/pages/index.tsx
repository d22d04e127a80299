import { Button, Input, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { type ReactNode, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { type NotLoaded, PageState } from '../../components/PageState';
import { fetchMe } from '../../services/auth';
import { fetchOrganisations } from '../../services/organisations';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn, readSession, rememberVerified } from '../../services/session';
import {
  type AgentView,
  ErrorCatalog,
  findCreditCodeProblem,
  normaliseCreditCode,
  ORGANISATION_ROLE_LABEL,
  type OrganisationView,
} from '../../shared';
import { formatDate, formatDateTime } from '../../utils/format';
import { goHome, ORGANISATIONS_PAGE } from '../../utils/navigation';
import { AgentForm } from '../components/AgentForm';
import { bindOrganisation, revokeAgent, unbindOrganisation } from '../services/organisations';
import '../org.css';

type State = NotLoaded | { kind: 'need-verify'; message?: string } | { kind: 'loaded'; items: OrganisationView[] };

type Confirming =
  | { kind: 'unbind'; organisation: OrganisationView }
  | { kind: 'revoke'; organisation: OrganisationView; agent: AgentView };

interface PageNotice {
  kind: 'error' | 'info' | 'success';
  testId: string;
  text: string;
}

/** A client-side or server refusal of the 统一社会信用代码 typed in the bind form. */
interface BindProblem {
  code: string;
  message: string;
}

const REQUIRED_MESSAGE = '请填写统一社会信用代码';

/** The register's 营业期限: `长期`, or the last day. */
const validUntilText = (value: string): string => (/^\d{4}-\d{2}-\d{2}/.test(value) ? `至${formatDate(value)}` : value);

/** Replaces the organisation with the server's newer view of it, or adds it. */
const upsert = (items: OrganisationView[], next: OrganisationView): OrganisationView[] =>
  items.some((o) => o.creditCode === next.creditCode)
    ? items.map((o) => (o.creditCode === next.creditCode ? next : o))
    : [...items, next];

/**
 * 我的单位 (法人办事): organisations the verified citizen acts for, as 法定代表人 (recognised from
 * the register) or 经办人 (authorised by the legal representative). Binding checks the
 * 统一社会信用代码 here first (GB 32100 check character), then the server checks the citizen's
 * authority. The legal representative authorises and revokes 经办人 on the organisation's card.
 */
export default function OrganisationsPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [code, setCode] = useState('');
  const [bindProblem, setBindProblem] = useState<BindProblem | null>(null);
  const [binding, setBinding] = useState(false);
  const [bound, setBound] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const latestLoad = useRef(0);

  /** 401 → log in again; 403 IDENTITY_REQUIRED → verify. True when the error was one of those. */
  const gateFor = (error: unknown): boolean => {
    if (isApiError(error) && error.status === 401) {
      clearSession();
      setState({ kind: 'need-login', message: error.message });
      return true;
    }
    if (isApiError(error) && error.code === 'IDENTITY_REQUIRED') {
      setState({ kind: 'need-verify', message: error.message });
      return true;
    }
    return false;
  };

  const load = async () => {
    if (!isLoggedIn()) {
      setState({ kind: 'need-login' });
      return;
    }
    const requestNumber = ++latestLoad.current;
    setState((s) => (s.kind === 'loaded' ? s : { kind: 'loading' }));
    try {
      // GET /organisations answers an empty list to an unverified citizen: ask first.
      if (!readSession()?.verified) {
        const me = await fetchMe();
        if (requestNumber !== latestLoad.current) return;
        if (!me.verified) {
          setState({ kind: 'need-verify' });
          return;
        }
        rememberVerified();
      }
      const items = await fetchOrganisations();
      if (requestNumber === latestLoad.current) setState({ kind: 'loaded', items });
    } catch (error) {
      if (requestNumber !== latestLoad.current || gateFor(error)) return;
      setState({ kind: 'failed', message: userMessageOf(error) });
    }
  };

  // Also when coming back from logging in or verifying.
  useDidShow(() => {
    void load();
  });

  const replace = (next: OrganisationView) =>
    setState((s) => (s.kind === 'loaded' ? { ...s, items: upsert(s.items, next) } : s));

  const onBind = async () => {
    if (binding) return;
    setBound(null);
    const creditCode = normaliseCreditCode(code);
    const problem = creditCode ? findCreditCodeProblem(creditCode) : undefined;
    if (!creditCode || problem) {
      setBindProblem(
        problem
          ? { code: problem, message: ErrorCatalog[problem].message }
          : { code: 'REQUIRED', message: REQUIRED_MESSAGE },
      );
      return;
    }
    setBindProblem(null);
    setBinding(true);
    try {
      const organisation = await bindOrganisation(creditCode);
      setCode('');
      setBound(`已绑定 ${organisation.name}，您的身份：${ORGANISATION_ROLE_LABEL[organisation.role]}`);
      replace(organisation);
    } catch (error) {
      if (!gateFor(error)) {
        setBindProblem({ code: isApiError(error) ? error.code : 'INTERNAL', message: userMessageOf(error) });
      }
    } finally {
      setBinding(false);
    }
  };

  const onConfirm = async () => {
    if (busy || !confirming) return;
    const { organisation } = confirming;
    setBusy(true);
    try {
      if (confirming.kind === 'unbind') {
        await unbindOrganisation(organisation.creditCode);
        setState((s) =>
          s.kind === 'loaded' ? { ...s, items: s.items.filter((o) => o.creditCode !== organisation.creditCode) } : s,
        );
        setNotice({ kind: 'success', testId: 'org-unbound', text: `已解除绑定 ${organisation.name}` });
      } else {
        replace(await revokeAgent(organisation.creditCode, confirming.agent.id));
        setNotice({
          kind: 'success',
          testId: 'org-agent-revoked',
          text: `已取消 ${confirming.agent.nameMasked} 的经办人授权`,
        });
      }
      setConfirming(null);
    } catch (error) {
      setConfirming(null);
      if (gateFor(error)) return;
      setNotice({
        kind: 'error',
        testId: confirming.kind === 'unbind' ? 'org-unbind-error' : 'org-revoke-error',
        text: userMessageOf(error),
      });
      // Already revoked, or the citizen's authority changed meanwhile: show the latest.
      if (isApiError(error) && (error.status === 404 || error.status === 403)) await load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page org" data-testid="org-page" data-state={state.kind}>
      <View className="page-title">我的单位</View>
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="org-go-home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );

  function renderBody() {
    switch (state.kind) {
      case 'loading':
      case 'need-login':
      case 'failed':
        return (
          <PageState
            state={state}
            testIdPrefix="org"
            loginHint="以单位名义办事需先登录。"
            loginReturnTo={ORGANISATIONS_PAGE}
            onRetry={load}
          />
        );
      case 'need-verify':
        return (
          <View data-testid="org-need-verify">
            <Notice kind="info" testId="org-verify-required">
              {state.message ?? '以单位名义办事需先完成实名认证，以便核对您是否为单位的法定代表人或经办人。'}
            </Notice>
            <Button
              className="btn btn-primary"
              data-testid="org-verify"
              onClick={() => void Taro.navigateTo({ url: '/pages/verify/index' })}
            >
              去实名认证
            </Button>
          </View>
        );
      case 'loaded':
        return (
          <View>
            {notice && (
              <Notice kind={notice.kind} testId={notice.testId}>
                {notice.text}
              </Notice>
            )}
            {state.items.length === 0 ? (
              <View className="card" data-testid="org-empty">
                还没有绑定单位。绑定后可以以单位名义在线办理事项。
              </View>
            ) : (
              <View data-testid="org-list" data-count={state.items.length}>
                {state.items.map(renderCard)}
              </View>
            )}
            {renderBindForm()}
            {confirming && renderDialog(confirming)}
          </View>
        );
    }
  }

  function renderCard(organisation: OrganisationView) {
    const id = organisation.creditCode;
    const legalRep = organisation.role === 'legal-representative';
    return (
      <View className="card" key={id} data-testid={`org-card-${id}`} data-role={organisation.role}>
        <View className="org-card-name" data-testid={`org-card-${id}-name`}>
          {organisation.name}
        </View>
        <Line label="统一社会信用代码" testId={`org-card-${id}-code`}>
          {id}
        </Line>
        <Line label="我的身份" testId={`org-card-${id}-role`}>
          <View className="org-role">{ORGANISATION_ROLE_LABEL[organisation.role]}</View>
        </Line>
        <Line label="法定代表人" testId={`org-card-${id}-legal-rep`}>
          {organisation.legalRepresentative}
        </Line>
        <Line label="营业期限" testId={`org-card-${id}-valid-until`}>
          {validUntilText(organisation.licenceValidUntil)}
        </Line>
        <Line label="住所" testId={`org-card-${id}-address`}>
          {organisation.address}
        </Line>
        {legalRep ? (
          renderAgents(organisation)
        ) : (
          <View className="text-secondary org-hint">
            您是该单位法定代表人授权的经办人。法定代表人取消授权后，将不能再以该单位名义办理。
          </View>
        )}
        <Button
          className="btn org-btn-danger"
          data-testid={`org-unbind-${id}`}
          disabled={busy}
          onClick={() => {
            setNotice(null);
            setConfirming({ kind: 'unbind', organisation });
          }}
        >
          解除绑定
        </Button>
      </View>
    );
  }

  function renderAgents(organisation: OrganisationView) {
    const id = organisation.creditCode;
    const agents = organisation.agents ?? [];
    return (
      <View>
        <View className="org-section" data-testid={`org-agents-${id}`} data-count={agents.length}>
          <View className="org-subtitle">经办人</View>
          {agents.length === 0 && (
            <View className="text-secondary" data-testid={`org-agents-empty-${id}`}>
              暂未授权经办人。
            </View>
          )}
          {agents.map((agent) => (
            <View key={agent.id} className="org-agent" data-testid={`org-agent-${id}-${agent.id}`}>
              <View className="org-agent-name" data-testid={`org-agent-${id}-${agent.id}-name`}>
                {agent.nameMasked}
              </View>
              <View data-testid={`org-agent-${id}-${agent.id}-id-number`}>身份证号 {agent.idNumberMasked}</View>
              <View className="text-secondary">授权时间 {formatDateTime(agent.authorisedAt)}</View>
              {!agent.current && (
                <View className="text-secondary" data-testid={`org-agent-${id}-${agent.id}-lapsed`}>
                  已失效：由原法定代表人授权，请重新授权或取消
                </View>
              )}
              <Button
                className="btn org-btn-danger"
                data-testid={`org-agent-revoke-${id}-${agent.id}`}
                disabled={busy}
                onClick={() => {
                  setNotice(null);
                  setConfirming({ kind: 'revoke', organisation, agent });
                }}
              >
                取消授权
              </Button>
            </View>
          ))}
        </View>
        <AgentForm organisation={organisation} onAuthorised={replace} onGateError={gateFor} />
      </View>
    );
  }

  function renderBindForm() {
    return (
      <View className="card" data-testid="org-bind-form">
        <View className="org-card-name">绑定单位</View>
        <View className="field">
          <View className="field-label">统一社会信用代码</View>
          <Input
            className={`field-input${bindProblem ? ' org-invalid' : ''}`}
            data-testid="org-bind-code"
            type="text"
            placeholder="18 位，见营业执照"
            maxlength={18}
            value={code}
            onInput={(event) => setCode(event.detail.value)}
          />
        </View>
        {bindProblem && (
          <Notice kind="error" testId="org-bind-error">
            <View data-code={bindProblem.code}>{bindProblem.message}</View>
          </Notice>
        )}
        {bound && (
          <Notice kind="success" testId="org-bind-success">
            {bound}
          </Notice>
        )}
        <Button
          className="btn btn-primary"
          data-testid="org-bind-submit"
          disabled={binding}
          onClick={() => void onBind()}
        >
          {binding ? '正在核验…' : '绑定单位'}
        </Button>
        <View className="text-secondary org-hint">
          法定代表人可直接绑定，系统按登记信息核对身份；经办人需先由法定代表人在其“我的单位”中为您授权。
        </View>
      </View>
    );
  }

  function renderDialog(target: Confirming) {
    const unbind = target.kind === 'unbind';
    return (
      <View className="org-dialog-mask">
        <View
          className="org-dialog"
          data-testid={unbind ? 'org-unbind-dialog' : 'org-revoke-dialog'}
          role="dialog"
          aria-modal="true"
        >
          <View className="org-dialog-title">
            {unbind
              ? `确定解除绑定 ${target.organisation.name} 吗？`
              : `确定取消 ${target.agent.nameMasked} 的经办人授权吗？`}
          </View>
          <View>
            {unbind
              ? '解除后将不能再以该单位名义发起申请；需要时可以重新绑定。'
              : `取消后，对方立即不能再以${target.organisation.name}的名义办理事项。`}
          </View>
          <Button
            className="btn org-btn-danger"
            data-testid={unbind ? 'org-unbind-confirm' : 'org-revoke-confirm'}
            disabled={busy}
            onClick={() => void onConfirm()}
          >
            {busy ? '正在处理…' : unbind ? '确定解除' : '确定取消授权'}
          </Button>
          <Button
            className="btn btn-secondary"
            data-testid={unbind ? 'org-unbind-cancel' : 'org-revoke-cancel'}
            disabled={busy}
            onClick={() => setConfirming(null)}
          >
            {unbind ? '暂不解除' : '暂不取消'}
          </Button>
        </View>
      </View>
    );
  }
}

function Line({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <View className="org-line">
      <View className="org-line-label">{label}</View>
      <View className="org-line-value" data-testid={testId}>
        {children}
      </View>
    </View>
  );
}
