import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { createApplication, fetchApplication, listApplications } from '../../services/applications';
import { fetchMe } from '../../services/auth';
import { fetchServiceItem } from '../../services/catalogue';
import { fetchOrganisations } from '../../services/organisations';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn, readSession, rememberVerified } from '../../services/session';
import {
  APPLICANT_TYPE_LABEL,
  DELIVERY_METHOD_LABEL,
  departmentName,
  hallsFor,
  ITEM_CATEGORY_LABEL,
  LICENCE_LABEL,
  ORGANISATION_ROLE_LABEL,
  type OrganisationView,
  type ServiceItem,
} from '../../shared';
import { formatFeeStandard, formatVisits, formatWorkingDays } from '../../utils/format';
import {
  applyPage,
  bookAppointmentPage,
  goHome,
  goToLogin,
  goToVerifyForApplication,
  itemPage,
  ORGANISATIONS_PAGE,
} from '../../utils/navigation';
import './index.css';

type GuideState =
  | { kind: 'loading' }
  | { kind: 'not-found'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; item: ServiceItem };

type ApplyState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'failed'; message: string }
  /** Items open to organisations: in whose name to apply (the citizen's own, or a bound organisation's). */
  | { kind: 'choosing'; organisations: OrganisationView[]; message?: string };

const NOT_FOUND_FALLBACK = '没有找到该办事事项，可能已调整或下线';

/**
 * The citizen's unsubmitted draft of this item in the same name, to resume. Summaries do not
 * say in whose name a draft is, so for items open to organisations the candidates are read.
 */
async function draftToResume(item: ServiceItem, creditCode: string | undefined): Promise<string | undefined> {
  const drafts = (await listApplications()).filter((a) => a.itemCode === item.code && a.status === 'draft');
  if (!item.applicantTypes.includes('organisation')) return drafts[0]?.id;
  for (const draft of drafts) {
    const view = await fetchApplication(draft.id);
    if (view.organisation?.creditCode === creditCode) return draft.id;
  }
  return undefined;
}

export default function ServiceItemGuidePage() {
  const { params } = useRouter();
  const code = params.code ? decodeURIComponent(params.code) : '';
  const [state, setState] = useState<GuideState>({ kind: 'loading' });
  const [applyState, setApplyState] = useState<ApplyState>({ kind: 'idle' });
  const applyRef = useRef(applyState);
  applyRef.current = applyState;

  /** Failures on the way to the form: 403 IDENTITY_REQUIRED → verify, 401 → login, else shown here. */
  const applyFailed = (item: ServiceItem, error: unknown) => {
    if (isApiError(error) && error.code === 'IDENTITY_REQUIRED') {
      setApplyState({ kind: 'idle' });
      goToVerifyForApplication(item.code);
    } else if (isApiError(error) && error.status === 401) {
      clearSession();
      setApplyState({ kind: 'idle' });
      goToLogin(itemPage(item.code));
    } else {
      setApplyState({ kind: 'failed', message: userMessageOf(error) });
    }
  };

  /**
   * 在线申请: log in, be real-name verified, then (items open to organisations) choose in whose
   * name to apply, then resume that unsubmitted draft or start one. The server has the last word
   * (403 IDENTITY_REQUIRED, ORGANISATION_NOT_AUTHORISED …).
   */
  const onApply = async (item: ServiceItem) => {
    if (!isLoggedIn()) {
      goToLogin(itemPage(item.code));
      return;
    }
    setApplyState({ kind: 'working' });
    try {
      if (!readSession()?.verified) {
        const me = await fetchMe();
        if (!me.verified) {
          setApplyState({ kind: 'idle' });
          goToVerifyForApplication(item.code);
          return;
        }
        rememberVerified();
      }
      if (item.applicantTypes.includes('organisation')) {
        setApplyState({ kind: 'choosing', organisations: await fetchOrganisations() });
        return;
      }
      await startApplying(item, undefined);
    } catch (error) {
      applyFailed(item, error);
    }
  };

  /** Resumes or starts the draft in the citizen's own name (no credit code) or the organisation's. */
  const startApplying = async (item: ServiceItem, creditCode: string | undefined) => {
    const choosing = applyRef.current.kind === 'choosing' ? applyRef.current : null;
    setApplyState({ kind: 'working' });
    try {
      const id = (await draftToResume(item, creditCode)) ?? (await createApplication(item.code, creditCode)).id;
      setApplyState({ kind: 'idle' });
      await Taro.navigateTo({ url: `/${applyPage(id)}` });
    } catch (error) {
      // A refusal for this organisation (authority lapsed, deregistered…) keeps the choice open.
      if (choosing && isApiError(error) && error.code.startsWith('ORGANISATION_')) {
        setApplyState({ ...choosing, message: error.message });
      } else {
        applyFailed(item, error);
      }
    }
  };

  // Back from 我的单位 with the choice open: its list may have changed.
  useDidShow(() => {
    if (applyRef.current.kind !== 'choosing') return;
    fetchOrganisations()
      .then((organisations) =>
        setApplyState((current) => (current.kind === 'choosing' ? { kind: 'choosing', organisations } : current)),
      )
      .catch(() => undefined);
  });

  const load = useCallback(async () => {
    if (!code) {
      setState({ kind: 'not-found', message: NOT_FOUND_FALLBACK });
      return;
    }
    setState({ kind: 'loading' });
    try {
      const item = await fetchServiceItem(code);
      setState({ kind: 'loaded', item });
      void Taro.setNavigationBarTitle({ title: item.name });
    } catch (error) {
      if (isApiError(error) && error.status === 404)
        setState({ kind: 'not-found', message: error.message || NOT_FOUND_FALLBACK });
      else setState({ kind: 'failed', message: userMessageOf(error) });
    }
  }, [code]);

  useEffect(() => {
    void load();
  }, [load]);

  if (state.kind === 'loading') {
    return (
      <View className="page">
        <View className="text-secondary" data-testid="item-loading">
          正在加载办事指南…
        </View>
      </View>
    );
  }

  if (state.kind === 'not-found' || state.kind === 'failed') {
    return (
      <View className="page">
        <Notice kind="error" testId={state.kind === 'not-found' ? 'item-not-found' : 'item-error'}>
          {state.message}
        </Notice>
        {state.kind === 'failed' && (
          <Button className="btn btn-primary" data-testid="item-retry" onClick={() => void load()}>
            重新加载
          </Button>
        )}
        <Button className="btn btn-secondary" data-testid="item-go-home" onClick={goHome}>
          返回首页
        </Button>
      </View>
    );
  }

  const { item } = state;
  return (
    <View className="page guide" data-testid="item-guide">
      <View className="page-title" data-testid="item-name">
        {item.name}
      </View>

      <View className="card">
        <Fact label="事项编码" testId="item-code">
          {item.code}
        </Fact>
        <Fact label="所属警种" testId="item-department">
          {departmentName(item.department)}
        </Fact>
        <Fact label="申请对象" testId="item-applicant-types">
          {item.applicantTypes.map((type) => APPLICANT_TYPE_LABEL[type]).join('、')}
        </Fact>
        <Fact label="事项类型" testId="item-category">
          {ITEM_CATEGORY_LABEL[item.category]}
        </Fact>
        <Fact label="收费标准" testId="item-fee">
          {formatFeeStandard(item.feeFen)}
          {item.feeNote ? `（${item.feeNote}）` : ''}
        </Fact>
        <Fact label="法定时限" testId="item-statutory-days">
          {formatWorkingDays(item.statutoryDays)}
        </Fact>
        <Fact label="承诺时限" testId="item-promised-days">
          {formatWorkingDays(item.promisedDays)}
        </Fact>
        <Fact label="到现场次数" testId="item-visits">
          {item.visits} 次（{formatVisits(item.visits)}）
        </Fact>
        <Fact label="送达方式" testId="item-delivery-methods">
          {item.deliveryMethods.map((method) => DELIVERY_METHOD_LABEL[method]).join('、')}
        </Fact>
      </View>

      <View className="guide-apply">
        {applyState.kind === 'failed' && (
          <Notice kind="error" testId="item-apply-error">
            {applyState.message}
          </Notice>
        )}
        {applyState.kind === 'choosing' ? (
          renderApplicantChoice(item, applyState)
        ) : (
          <Button
            className="btn btn-primary"
            data-testid="item-apply"
            disabled={applyState.kind === 'working'}
            onClick={() => void onApply(item)}
          >
            {applyState.kind === 'working' ? '正在准备申请表…' : '在线申请'}
          </Button>
        )}
        <View className="text-secondary guide-apply-hint">
          需登录并完成实名认证
          {item.applicantTypes.includes('organisation') ? '；以单位名义申请需先在“我的单位”中绑定单位' : ''}
          。填写中可随时保存草稿。
        </View>
      </View>

      {hallsFor(item.department).length > 0 && (
        <View className="guide-apply">
          <Button
            className="btn btn-secondary"
            data-testid="item-appointment"
            onClick={() => void Taro.navigateTo({ url: `/${bookAppointmentPage(item.code)}` })}
          >
            预约到窗口办理
          </Button>
          <View className="text-secondary guide-apply-hint">选择大厅和时段，凭预约号到窗口办理，免排队取号。</View>
        </View>
      )}

      <Section title="设定依据" testId="item-legal-basis">
        {item.legalBasis.map((basis) => (
          <View key={basis} className="guide-list-entry">
            {basis}
          </View>
        ))}
      </Section>

      <Section title="办理条件" testId="item-conditions">
        {item.conditions.map((condition, index) => (
          <View key={condition} className="guide-list-entry">
            {index + 1}. {condition}
          </View>
        ))}
      </Section>

      <Section title="申请材料" testId="item-materials">
        {item.materials.length === 0 && <View className="guide-list-entry">无需提交材料</View>}
        {item.materials.map((material, index) => (
          <View key={material.key} className="guide-material" data-testid={`item-material-${index}`}>
            <View className="guide-material-name">
              {index + 1}. {material.name}
            </View>
            <View className="guide-material-tags">
              <View className="tag">
                {material.acceptedLicences.length > 0 ? '免提交（电子证照）' : '上传照片或扫描件'}
              </View>
              <View className={`tag ${material.required ? 'tag-required' : 'tag-optional'}`}>
                {material.required ? '必需' : '非必需'}
              </View>
              {material.originalCheckedAtPickup && <View className="tag">领取时核验原件</View>}
            </View>
            {material.acceptedLicences.length > 0 && (
              <View className="text-secondary">
                公安机关已掌握，可直接调用电子证照：
                {material.acceptedLicences.map((licence) => LICENCE_LABEL[licence]).join('或')}
              </View>
            )}
            {material.note && <View className="text-secondary">{material.note}</View>}
          </View>
        ))}
      </Section>

      <Section title="办理流程" testId="item-steps">
        {item.steps.map((step, index) => (
          <View key={step} className="guide-step">
            <View className="guide-step-number">{index + 1}</View>
            <View className="guide-step-text">{step}</View>
          </View>
        ))}
      </Section>
    </View>
  );

  /**
   * In whose name to apply: organisation-only items need one of the citizen's bound organisations
   * (none → explain and offer 我的单位); mixed items also offer 以个人名义.
   */
  function renderApplicantChoice(item: ServiceItem, choice: Extract<ApplyState, { kind: 'choosing' }>) {
    const personal = item.applicantTypes.includes('person');
    const { organisations } = choice;
    return (
      <View className="card guide-choice" data-testid="item-applicant-choice" data-count={organisations.length}>
        <View className="guide-section-title">{personal ? '请选择申请人' : '请选择申请单位'}</View>
        {choice.message && (
          <Notice kind="error" testId="item-apply-choice-error">
            {choice.message}
          </Notice>
        )}
        {personal && (
          <Button
            className="btn btn-primary"
            data-testid="item-apply-as-person"
            onClick={() => void startApplying(item, undefined)}
          >
            以个人名义申请
          </Button>
        )}
        {organisations.map((organisation) => (
          <View
            key={organisation.creditCode}
            className="guide-choice-org"
            data-testid={`item-apply-as-org-${organisation.creditCode}`}
            role="button"
            onClick={() => void startApplying(item, organisation.creditCode)}
          >
            <View className="guide-choice-org-name">
              {personal ? '以单位名义：' : ''}
              {organisation.name}
            </View>
            <View className="text-secondary">
              统一社会信用代码 {organisation.creditCode} · 我是{ORGANISATION_ROLE_LABEL[organisation.role]}
            </View>
          </View>
        ))}
        {organisations.length === 0 && (
          <Notice kind="info" testId="item-apply-no-organisation">
            {personal
              ? '以单位名义申请，需先在“我的单位”中绑定单位。'
              : '该事项需以单位名义申请。您还没有绑定单位：法定代表人可在“我的单位”中直接绑定；经办人需先由法定代表人授权，再绑定单位。'}
          </Notice>
        )}
        <Button
          className="btn btn-secondary"
          data-testid="item-go-organisations"
          onClick={() => void Taro.navigateTo({ url: `/${ORGANISATIONS_PAGE}` })}
        >
          {organisations.length === 0 ? '去“我的单位”绑定单位' : '管理我的单位'}
        </Button>
        <Button
          className="btn btn-secondary"
          data-testid="item-apply-choice-cancel"
          onClick={() => setApplyState({ kind: 'idle' })}
        >
          取消
        </Button>
      </View>
    );
  }
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <View className="guide-fact">
      <View className="guide-fact-label">{label}</View>
      <View className="guide-fact-value" data-testid={testId}>
        {children}
      </View>
    </View>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <View className="card" data-testid={testId}>
      <View className="guide-section-title">{title}</View>
      {children}
    </View>
  );
}
