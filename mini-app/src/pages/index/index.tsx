import { Button, Input, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { TopLinks } from '../../components/TopLinks';
import { fetchMe } from '../../services/auth';
import { fetchCatalogue } from '../../services/catalogue';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn, readSession, rememberVerified } from '../../services/session';
import {
  APPLICANT_TYPE_LABEL,
  type ApplicantType,
  DEPARTMENTS,
  type DepartmentCode,
  departmentName,
  type ServiceItemSummary,
} from '../../shared';
import { formatFee, formatVisits } from '../../utils/format';
import { goToLogin, goToVerifyForTraffic, TRAFFIC_PAGE } from '../../utils/navigation';
import './index.css';

type ListState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; items: ServiceItemSummary[] };

const APPLICANT_FILTERS: { value: ApplicantType | undefined; label: string; testId: string }[] = [
  { value: undefined, label: '全部', testId: 'applicant-all' },
  { value: 'person', label: APPLICANT_TYPE_LABEL.person, testId: 'applicant-person' },
  { value: 'organisation', label: APPLICANT_TYPE_LABEL.organisation, testId: 'applicant-organisation' },
];

export default function HomePage() {
  const [searchText, setSearchText] = useState('');
  /** The query actually applied; typing alone does not refetch. */
  const [appliedQuery, setAppliedQuery] = useState('');
  const [department, setDepartment] = useState<DepartmentCode | undefined>();
  const [applicantType, setApplicantType] = useState<ApplicantType | undefined>();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [loggedIn, setLoggedIn] = useState(false);
  const latestRequest = useRef(0);

  useDidShow(() => setLoggedIn(isLoggedIn()));

  const load = useCallback(async () => {
    const requestNumber = ++latestRequest.current;
    setList({ kind: 'loading' });
    try {
      const { items } = await fetchCatalogue({ department, applicantType, q: appliedQuery || undefined });
      if (requestNumber === latestRequest.current) setList({ kind: 'loaded', items });
    } catch (error) {
      if (requestNumber === latestRequest.current) setList({ kind: 'failed', message: userMessageOf(error) });
    }
  }, [department, applicantType, appliedQuery]);

  useEffect(() => {
    void load();
  }, [load]);

  const openItem = (code: string) => Taro.navigateTo({ url: `/pages/item/index?code=${encodeURIComponent(code)}` });

  const [trafficOpening, setTrafficOpening] = useState(false);
  /** 我的车辆与违法: like 在线申请, log in and be real-name verified first. */
  const openTraffic = async () => {
    if (trafficOpening) return;
    if (!isLoggedIn()) {
      goToLogin(TRAFFIC_PAGE);
      return;
    }
    if (!readSession()?.verified) {
      setTrafficOpening(true);
      try {
        const me = await fetchMe();
        if (!me.verified) {
          goToVerifyForTraffic();
          return;
        }
        rememberVerified();
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          clearSession();
          setLoggedIn(false);
          goToLogin(TRAFFIC_PAGE);
          return;
        }
        // Otherwise the page itself says what is wrong (and asks the server again).
      } finally {
        setTrafficOpening(false);
      }
    }
    void Taro.navigateTo({ url: `/${TRAFFIC_PAGE}` });
  };

  return (
    <View className="page home">
      <TopLinks loggedIn={loggedIn} />
      <View className="page-title" data-testid="home-title">
        民生警务
      </View>

      <View className="home-search">
        <Input
          className="field-input home-search-input"
          data-testid="home-search"
          type="text"
          confirmType="search"
          placeholder="搜索办事事项，如：身份证、护照"
          maxlength={40}
          value={searchText}
          onInput={(event) => setSearchText(event.detail.value)}
          onConfirm={() => setAppliedQuery(searchText.trim())}
        />
        <Button
          className="btn btn-primary home-search-button"
          data-testid="home-search-button"
          onClick={() => setAppliedQuery(searchText.trim())}
        >
          搜索
        </Button>
      </View>

      <View className="section-title">按警种查找</View>
      <View className="department-grid">
        {DEPARTMENTS.map((dept) => {
          const selected = dept.code === department;
          return (
            <View
              key={dept.code}
              className={`department-tile${selected ? ' department-tile-selected' : ''}`}
              data-testid={`department-${dept.code}`}
              data-selected={selected ? 'true' : 'false'}
              role="button"
              aria-label={`${dept.name}：${dept.summary}`}
              onClick={() => setDepartment(selected ? undefined : dept.code)}
            >
              {dept.name}
            </View>
          );
        })}
      </View>

      <View className="applicant-filter">
        {APPLICANT_FILTERS.map((filter) => {
          const selected = filter.value === applicantType;
          return (
            <View
              key={filter.testId}
              className={`applicant-chip${selected ? ' applicant-chip-selected' : ''}`}
              data-testid={filter.testId}
              data-selected={selected ? 'true' : 'false'}
              role="button"
              onClick={() => setApplicantType(filter.value)}
            >
              {filter.label}
            </View>
          );
        })}
      </View>

      <View
        className={`card traffic-entry${department === 'traffic' ? ' traffic-entry-highlight' : ''}`}
        data-testid="traffic-entry"
        role="link"
        aria-label="我的车辆与违法：驾驶证记分、车辆绑定、交通违法查询和罚款缴纳"
        onClick={() => void openTraffic()}
      >
        <View className="traffic-entry-text">
          <View className="traffic-entry-title">我的车辆与违法</View>
          <View className="text-secondary">驾驶证记分 · 绑定车辆 · 查询违法 · 缴纳罚款</View>
        </View>
        <View className="traffic-entry-arrow">{trafficOpening ? '…' : '›'}</View>
      </View>

      <View className="section-title" data-testid="catalogue-heading">
        {department ? `${departmentName(department)}事项` : '全部事项'}
        {appliedQuery ? `（搜索“${appliedQuery}”）` : ''}
      </View>

      {list.kind === 'loading' && (
        <View className="text-secondary" data-testid="catalogue-loading">
          正在加载办事事项…
        </View>
      )}

      {list.kind === 'failed' && (
        <View data-testid="catalogue-error">
          <Notice kind="error" testId="catalogue-error-message">
            办事事项加载失败：{list.message}
          </Notice>
          <Button className="btn btn-secondary" data-testid="catalogue-retry" onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      )}

      {list.kind === 'loaded' && list.items.length === 0 && (
        <Notice kind="info" testId="catalogue-empty">
          没有找到符合条件的办事事项，请换个关键词或警种试试。
        </Notice>
      )}

      {list.kind === 'loaded' && list.items.length > 0 && (
        <View data-testid="catalogue-list">
          <View className="text-secondary" data-testid="catalogue-count">
            共 {list.items.length} 项
          </View>
          {list.items.map((item) => (
            <ItemRow key={item.code} item={item} onOpen={() => void openItem(item.code)} />
          ))}
        </View>
      )}
    </View>
  );
}

function ItemRow({ item, onOpen }: { item: ServiceItemSummary; onOpen: () => void }) {
  return (
    <View className="card item-row" data-testid={`item-row-${item.code}`} role="link" onClick={onOpen}>
      <View className="item-row-name">{item.name}</View>
      <View className="item-row-tags">
        <View className="tag tag-department">{departmentName(item.department)}</View>
        {item.applicantTypes.map((type) => (
          <View key={type} className="tag" data-testid={`item-row-${item.code}-applicant-${type}`}>
            {APPLICANT_TYPE_LABEL[type]}
          </View>
        ))}
      </View>
      <View className="item-row-facts text-secondary">
        <View className="item-row-fact" data-testid={`item-row-${item.code}-promised`}>
          {item.promisedDays === 0 ? '即时办结' : `承诺 ${item.promisedDays} 个工作日`}
        </View>
        <View className="item-row-fact" data-testid={`item-row-${item.code}-fee`}>
          {formatFee(item.feeFen)}
        </View>
        <View className="item-row-fact" data-testid={`item-row-${item.code}-visits`}>
          {formatVisits(item.visits)}
        </View>
      </View>
    </View>
  );
}
