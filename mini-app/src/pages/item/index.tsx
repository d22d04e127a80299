import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Notice } from '../../components/Notice';
import { createApplication, listApplications } from '../../services/applications';
import { fetchMe } from '../../services/auth';
import { fetchServiceItem } from '../../services/catalogue';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn, readSession, rememberVerified } from '../../services/session';
import {
  APPLICANT_TYPE_LABEL,
  DELIVERY_METHOD_LABEL,
  departmentName,
  hallsFor,
  ITEM_CATEGORY_LABEL,
  LICENCE_LABEL,
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
} from '../../utils/navigation';
import './index.css';

type GuideState =
  | { kind: 'loading' }
  | { kind: 'not-found'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; item: ServiceItem };

type ApplyState = { kind: 'idle' } | { kind: 'working' } | { kind: 'failed'; message: string };

const NOT_FOUND_FALLBACK = '没有找到该办事事项，可能已调整或下线';

export default function ServiceItemGuidePage() {
  const { params } = useRouter();
  const code = params.code ? decodeURIComponent(params.code) : '';
  const [state, setState] = useState<GuideState>({ kind: 'loading' });
  const [applyState, setApplyState] = useState<ApplyState>({ kind: 'idle' });

  /**
   * 在线申请: log in, be real-name verified, then resume this item's unsubmitted draft or start
   * one. The server has the last word (403 IDENTITY_REQUIRED).
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
      const draft = (await listApplications()).find((a) => a.itemCode === item.code && a.status === 'draft');
      const id = draft?.id ?? (await createApplication(item.code)).id;
      setApplyState({ kind: 'idle' });
      await Taro.navigateTo({ url: `/${applyPage(id)}` });
    } catch (error) {
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
    }
  };

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

      {item.applicantTypes.includes('person') ? (
        <View className="guide-apply">
          {applyState.kind === 'failed' && (
            <Notice kind="error" testId="item-apply-error">
              {applyState.message}
            </Notice>
          )}
          <Button
            className="btn btn-primary"
            data-testid="item-apply"
            disabled={applyState.kind === 'working'}
            onClick={() => void onApply(item)}
          >
            {applyState.kind === 'working' ? '正在准备申请表…' : '在线申请'}
          </Button>
          <View className="text-secondary guide-apply-hint">需登录并完成实名认证。填写中可随时保存草稿。</View>
        </View>
      ) : (
        <Notice kind="info" testId="item-apply-unavailable">
          该事项仅限单位（法人）申请，请携带材料到窗口办理。
        </Notice>
      )}

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
