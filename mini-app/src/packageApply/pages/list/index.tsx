import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { type NotLoaded, PageState } from '../../../components/PageState';
import { listApplications } from '../../../services/applications';
import { isApiError, userMessageOf } from '../../../services/request';
import { clearSession, isLoggedIn } from '../../../services/session';
import { APPLICATION_STATUS_LABEL, type ApplicationSummary, caseNumberLabel } from '../../../shared';
import { formatDate, formatDateTime } from '../../../utils/format';
import { applyPage, casePage, goHome, LIST_PAGE } from '../../../utils/navigation';
import '../../apply.css';

type ListState = NotLoaded | { kind: 'loaded'; items: ApplicationSummary[] };

/** 我的办件: every application of the citizen, newest first; drafts open the form, the rest the case. */
export default function MyApplicationsPage() {
  const [state, setState] = useState<ListState>({ kind: 'loading' });

  const load = async () => {
    if (!isLoggedIn()) {
      setState({ kind: 'need-login' });
      return;
    }
    try {
      setState({ kind: 'loaded', items: await listApplications() });
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setState({ kind: 'need-login', message: error.message });
      } else {
        setState({ kind: 'failed', message: userMessageOf(error) });
      }
    }
  };

  // Also after coming back from a case (its status may have changed).
  useDidShow(() => {
    void load();
  });

  const open = (summary: ApplicationSummary) => {
    const url = summary.status === 'draft' ? applyPage(summary.id) : casePage(summary.id);
    void Taro.navigateTo({ url: `/${url}` });
  };

  return (
    <View className="page">
      <View className="page-title">我的办件</View>
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="apps-go-home" onClick={goHome}>
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
            testIdPrefix="apps"
            loginHint="登录后可查看您的办件。"
            loginReturnTo={LIST_PAGE}
            onRetry={load}
          />
        );
      case 'loaded':
        if (state.items.length === 0) {
          return (
            <View className="card" data-testid="apps-empty">
              您还没有办件。可在首页选择事项，进入办事指南后点击“在线申请”。
            </View>
          );
        }
        return (
          <View data-testid="apps-list" data-count={state.items.length}>
            {state.items.map((summary) => (
              <View
                key={summary.id}
                className="card app-row"
                data-testid={`app-row-${summary.id}`}
                data-status={summary.status}
                role="link"
                onClick={() => open(summary)}
              >
                <View className="app-row-name" data-testid={`app-row-${summary.id}-name`}>
                  {summary.itemName}
                </View>
                <View className="app-row-line text-secondary" data-testid={`app-row-${summary.id}-number`}>
                  办件编号 {caseNumberLabel(summary.caseNumber)}
                </View>
                <View className="app-row-line">
                  <View className={`status status-${summary.status}`} data-testid={`app-row-${summary.id}-status`}>
                    {summary.statusLabel || APPLICATION_STATUS_LABEL[summary.status]}
                  </View>
                </View>
                <View className="app-row-line text-secondary" data-testid={`app-row-${summary.id}-due`}>
                  {dueText(summary)}
                </View>
                <View className="app-row-open">{summary.status === 'draft' ? '继续填写 ›' : '查看详情 ›'}</View>
              </View>
            ))}
          </View>
        );
    }
  }
}

function dueText(summary: ApplicationSummary): string {
  if (summary.dueDate) return `办结期限：${formatDate(summary.dueDate)}`;
  if (summary.status === 'supplement_requested') return '补正中，计时暂停';
  if (summary.status === 'draft') return `最近保存：${formatDateTime(summary.updatedAt)}`;
  return `更新时间：${formatDateTime(summary.updatedAt)}`;
}
