import { Button, Input, Picker, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { type ReactNode, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { PageState } from '../../components/PageState';
import { askSubscriptions, prefetchSubscriptionTemplates } from '../../platform/subscribe-message';
import { payFor } from '../../services/payments';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn, rememberVerified } from '../../services/session';
import {
  BindVehicleRequest,
  type DrivingLicenceView,
  PLATE_TYPE_LABEL,
  type PlateType,
  type VehicleView,
  VIOLATION_STATUS_LABEL,
  type ViolationView,
} from '../../shared';
import { formatDate, formatDateTime, formatYuan } from '../../utils/format';
import { goHome, goToVerifyForTraffic, TRAFFIC_PAGE } from '../../utils/navigation';
import { bindVehicle, fetchLicence, fetchVehicles, fetchViolations, unbindVehicle } from '../services/traffic';
import '../traffic.css';

type Gate =
  | { kind: 'loading' }
  | { kind: 'need-login'; message?: string }
  | { kind: 'need-verify'; message?: string }
  | { kind: 'ready' };

/** One part of the page, loaded on its own so one failing part does not hide the others. */
type Part<T> = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; data: T };

interface PartNotice {
  kind: 'error' | 'info' | 'success';
  testId: string;
  text: string;
}

type BindField = 'plate' | 'plateType' | 'engineNumberLast6';

interface BindProblem {
  /** The field it concerns, or `form` for the server's answer. */
  field: BindField | 'form';
  message: string;
}

const PLATE_TYPES = Object.entries(PLATE_TYPE_LABEL) as [PlateType, string][];

const settledValue = <T,>(result: PromiseSettledResult<T>): Part<T> =>
  result.status === 'fulfilled'
    ? { kind: 'loaded', data: result.value }
    : { kind: 'failed', message: userMessageOf(result.reason) };

/**
 * 我的车辆与违法 (交管): the driving licence on record, bound vehicles (bind / unbind), and
 * their traffic violations, of which fines without points can be paid online.
 * Needs a logged-in, real-name verified citizen (the server answers 403 IDENTITY_REQUIRED).
 */
export default function TrafficPage() {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });
  const [licence, setLicence] = useState<Part<DrivingLicenceView | null>>({ kind: 'loading' });
  const [vehicles, setVehicles] = useState<Part<VehicleView[]>>({ kind: 'loading' });
  const [violations, setViolations] = useState<Part<ViolationView[]>>({ kind: 'loading' });
  // Bind form
  const [plate, setPlate] = useState('');
  const [plateType, setPlateType] = useState<PlateType>('02');
  const [engine, setEngine] = useState('');
  const [bindProblems, setBindProblems] = useState<BindProblem[]>([]);
  const [bindNotice, setBindNotice] = useState<PartNotice | null>(null);
  const [binding, setBinding] = useState(false);
  // Unbind
  const [unbindPlate, setUnbindPlate] = useState<string | null>(null);
  const [unbinding, setUnbinding] = useState(false);
  const [vehicleNotice, setVehicleNotice] = useState<PartNotice | null>(null);
  // Pay
  const [payingId, setPayingId] = useState<string | null>(null);
  const [violationNotice, setViolationNotice] = useState<PartNotice | null>(null);
  const latestLoad = useRef(0);

  /** 401 → log in again; 403 IDENTITY_REQUIRED → verify. True when the error was one of those. */
  const gateFor = (error: unknown): boolean => {
    if (isApiError(error) && error.status === 401) {
      clearSession();
      setGate({ kind: 'need-login', message: error.message });
      return true;
    }
    if (isApiError(error) && error.code === 'IDENTITY_REQUIRED') {
      setGate({ kind: 'need-verify', message: error.message });
      return true;
    }
    return false;
  };

  const load = async () => {
    if (!isLoggedIn()) {
      setGate({ kind: 'need-login' });
      return;
    }
    const requestNumber = ++latestLoad.current;
    const [licenceResult, vehiclesResult, violationsResult] = await Promise.allSettled([
      fetchLicence(),
      fetchVehicles(),
      fetchViolations(),
    ]);
    if (requestNumber !== latestLoad.current) return;
    const results = [licenceResult, vehiclesResult, violationsResult];
    for (const result of results) {
      if (result.status === 'rejected' && gateFor(result.reason)) return;
    }
    if (results.some((result) => result.status === 'fulfilled')) rememberVerified();
    setLicence(settledValue(licenceResult));
    setVehicles(settledValue(vehiclesResult));
    setViolations(settledValue(violationsResult));
    setGate({ kind: 'ready' });
  };

  // Also when coming back from paying (the violation's status may have changed).
  useDidShow(() => {
    void load();
    prefetchSubscriptionTemplates();
  });

  const onBind = async () => {
    if (binding) return;
    setBindNotice(null);
    const parsed = BindVehicleRequest.safeParse({
      plate: plate.trim() === '' ? undefined : plate,
      plateType,
      engineNumberLast6: engine,
    });
    if (!parsed.success) {
      const problems: BindProblem[] = [];
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as BindField;
        if (!problems.some((p) => p.field === field)) problems.push({ field, message: issue.message });
      }
      setBindProblems(problems);
      return;
    }
    setBindProblems([]);
    // weapp: offer payment / expiry reminders from the tap itself; never blocks (h5: nothing).
    askSubscriptions('vehicle-bound');
    setBinding(true);
    try {
      const bound = await bindVehicle(parsed.data);
      setPlate('');
      setEngine('');
      setBindNotice({
        kind: 'success',
        testId: 'bind-success',
        text: `已绑定 ${bound.plate}（${bound.plateTypeLabel}）`,
      });
      await load();
    } catch (error) {
      if (!gateFor(error)) {
        const details = isApiError(error) ? error.details : [];
        setBindProblems(
          details.length > 0
            ? details.map((d) => ({ field: (d.path as BindField) || 'form', message: d.message }))
            : [{ field: 'form', message: userMessageOf(error) }],
        );
      }
    } finally {
      setBinding(false);
    }
  };

  const onUnbind = async (target: string) => {
    if (unbinding) return;
    setUnbinding(true);
    try {
      await unbindVehicle(target);
      setUnbindPlate(null);
      setVehicleNotice({ kind: 'success', testId: 'vehicle-unbound', text: `已解绑 ${target}` });
      await load();
    } catch (error) {
      setUnbindPlate(null);
      if (!gateFor(error)) {
        setVehicleNotice({ kind: 'error', testId: 'vehicle-unbind-error', text: userMessageOf(error) });
        if (isApiError(error) && error.status === 404) await load();
      }
    } finally {
      setUnbinding(false);
    }
  };

  const onPay = async (violation: ViolationView) => {
    if (payingId) return;
    setViolationNotice(null);
    setPayingId(violation.id);
    try {
      await payFor('violation', violation.id);
    } catch (error) {
      if (!gateFor(error)) {
        setViolationNotice({ kind: 'error', testId: 'violation-pay-error', text: userMessageOf(error) });
        // 409: already paid / no longer payable online; show the latest state.
        if (isApiError(error) && error.status === 409) await load();
      }
    } finally {
      setPayingId(null);
    }
  };

  return (
    <View className="page traffic" data-testid="traffic-page" data-state={gate.kind}>
      <View className="page-title">我的车辆与违法</View>
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="traffic-go-home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );

  function renderBody() {
    switch (gate.kind) {
      case 'loading':
      case 'need-login':
        return (
          <PageState
            state={gate}
            testIdPrefix="traffic"
            loginHint="查询驾驶证、车辆和交通违法需先登录。"
            loginReturnTo={TRAFFIC_PAGE}
            onRetry={load}
          />
        );
      case 'need-verify':
        return (
          <View data-testid="traffic-need-verify">
            <Notice kind="info" testId="traffic-verify-required">
              查询驾驶证、车辆和交通违法需先完成实名认证，以确认是您本人。
            </Notice>
            <Button className="btn btn-primary" data-testid="traffic-verify" onClick={goToVerifyForTraffic}>
              去实名认证
            </Button>
          </View>
        );
      case 'ready':
        return (
          <View>
            {renderLicence()}
            {renderViolations()}
            {renderVehicles()}
            {renderBindForm()}
          </View>
        );
    }
  }

  function renderPartState<T>(part: Part<T>, prefix: string) {
    if (part.kind === 'loading') {
      return (
        <View className="text-secondary" data-testid={`${prefix}-loading`}>
          正在加载…
        </View>
      );
    }
    if (part.kind === 'failed') {
      return (
        <View>
          <Notice kind="error" testId={`${prefix}-error`}>
            {part.message}
          </Notice>
          <Button className="btn btn-secondary" data-testid={`${prefix}-retry`} onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      );
    }
    return null;
  }

  function renderLicence() {
    return (
      <View className="card" data-testid="licence-card">
        <View className="traffic-card-title">我的驾驶证</View>
        {renderPartState(licence, 'licence')}
        {licence.kind === 'loaded' && licence.data === null && (
          <View data-testid="licence-none">
            <View className="traffic-strong">未绑定驾驶证信息</View>
            <View className="text-secondary">
              未查询到登记在您名下的机动车驾驶证。如您已取得驾驶证，请携带身份证到车管所窗口核对信息。
            </View>
          </View>
        )}
        {licence.kind === 'loaded' && licence.data !== null && (
          <View data-testid="licence-details">
            <Fact label="准驾车型" testId="licence-class">
              {licence.data.licenceClass}
            </Fact>
            <Fact label="累积记分" testId="licence-points" extra={{ 'data-points': licence.data.points }}>
              {licence.data.points} 分
            </Fact>
            <Fact label="有效期至" testId="licence-valid-until">
              {formatDate(licence.data.validUntil)}
            </Fact>
            <Fact label="证件号码" testId="licence-number">
              {licence.data.numberMasked}
            </Fact>
            <Fact label="状态" testId="licence-status">
              {licence.data.status}
            </Fact>
          </View>
        )}
      </View>
    );
  }

  function renderVehicles() {
    return (
      <View className="card" data-testid="vehicles-card">
        <View className="traffic-card-title">我的车辆</View>
        {vehicleNotice && (
          <Notice kind={vehicleNotice.kind} testId={vehicleNotice.testId}>
            {vehicleNotice.text}
          </Notice>
        )}
        {renderPartState(vehicles, 'vehicles')}
        {vehicles.kind === 'loaded' && vehicles.data.length === 0 && (
          <View className="text-secondary" data-testid="vehicles-empty">
            您还没有绑定车辆。可在下方输入号牌号码和发动机号后 6 位绑定本人名下的车辆。
          </View>
        )}
        {vehicles.kind === 'loaded' && vehicles.data.length > 0 && (
          <View data-testid="vehicles-list" data-count={vehicles.data.length}>
            {vehicles.data.map((vehicle) => (
              <View
                key={vehicle.plate}
                className="traffic-row"
                data-testid={`vehicle-row-${vehicle.plate}`}
                data-plate-type={vehicle.plateType}
              >
                <View className="traffic-plate" data-testid={`vehicle-row-${vehicle.plate}-plate`}>
                  {vehicle.plate}
                </View>
                <View>
                  {vehicle.plateTypeLabel || PLATE_TYPE_LABEL[vehicle.plateType]}
                  {vehicle.model ? ` · ${vehicle.model}` : ''}
                </View>
                <View className="text-secondary" data-testid={`vehicle-row-${vehicle.plate}-inspection`}>
                  检验有效期至 {formatDate(vehicle.inspectionDue)}
                </View>
                <Button
                  className="btn traffic-btn-danger"
                  data-testid={`vehicle-unbind-${vehicle.plate}`}
                  disabled={unbinding}
                  onClick={() => {
                    setVehicleNotice(null);
                    setUnbindPlate(vehicle.plate);
                  }}
                >
                  解除绑定
                </Button>
              </View>
            ))}
          </View>
        )}
        {unbindPlate && (
          <View className="traffic-dialog-mask">
            <View className="traffic-dialog" data-testid="unbind-dialog" role="dialog" aria-modal="true">
              <View className="traffic-dialog-title">确定解除绑定 {unbindPlate} 吗？</View>
              <View>解除后将不再显示该车辆的交通违法信息，需要时可以重新绑定。</View>
              <Button
                className="btn traffic-btn-danger"
                data-testid="unbind-confirm"
                disabled={unbinding}
                onClick={() => void onUnbind(unbindPlate)}
              >
                {unbinding ? '正在解除…' : '确定解除'}
              </Button>
              <Button
                className="btn btn-secondary"
                data-testid="unbind-cancel"
                disabled={unbinding}
                onClick={() => setUnbindPlate(null)}
              >
                暂不解除
              </Button>
            </View>
          </View>
        )}
      </View>
    );
  }

  function renderBindForm() {
    const invalid = (field: BindField) => bindProblems.some((p) => p.field === field);
    return (
      <View className="card" data-testid="bind-form">
        <View className="traffic-card-title">绑定本人车辆</View>
        <View className="field">
          <View className="field-label">号牌号码</View>
          <Input
            className={`field-input${invalid('plate') ? ' traffic-invalid' : ''}`}
            data-testid="bind-plate"
            type="text"
            placeholder="例如 粤B12345"
            maxlength={8}
            value={plate}
            onInput={(event) => setPlate(event.detail.value)}
          />
        </View>
        <View className="field">
          <View className="field-label">号牌种类</View>
          <View data-testid="bind-plate-type" data-value={plateType}>
            {renderPlateTypeSelect(invalid('plateType'))}
          </View>
        </View>
        <View className="field">
          <View className="field-label">发动机号后 6 位</View>
          <Input
            className={`field-input${invalid('engineNumberLast6') ? ' traffic-invalid' : ''}`}
            data-testid="bind-engine"
            type="text"
            placeholder="见机动车行驶证"
            maxlength={6}
            value={engine}
            onInput={(event) => setEngine(event.detail.value)}
          />
        </View>
        {bindProblems.length > 0 && (
          <View className="notice notice-error" data-testid="bind-error" role="alert">
            {bindProblems.map((problem) => (
              <View key={`${problem.field}-${problem.message}`} data-field={problem.field}>
                {problem.message}
              </View>
            ))}
          </View>
        )}
        {bindNotice && (
          <Notice kind={bindNotice.kind} testId={bindNotice.testId}>
            {bindNotice.text}
          </Notice>
        )}
        <Button className="btn btn-primary" data-testid="bind-submit" disabled={binding} onClick={() => void onBind()}>
          {binding ? '正在绑定…' : '绑定车辆'}
        </Button>
        <View className="text-secondary traffic-hint">只能绑定登记在您本人名下的车辆，最多 5 辆。</View>
      </View>
    );
  }

  function renderPlateTypeSelect(invalid: boolean) {
    if (process.env.TARO_ENV === 'h5') {
      return (
        <select
          className={`traffic-native${invalid ? ' traffic-invalid' : ''}`}
          value={plateType}
          aria-label="号牌种类"
          onChange={(event) => setPlateType(event.target.value as PlateType)}
        >
          {PLATE_TYPES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      );
    }
    const index = PLATE_TYPES.findIndex(([value]) => value === plateType);
    return (
      <Picker
        mode="selector"
        range={PLATE_TYPES.map(([, label]) => label)}
        value={Math.max(index, 0)}
        onChange={(event) => {
          const picked = PLATE_TYPES[Number(event.detail.value)];
          if (picked) setPlateType(picked[0]);
        }}
      >
        <View className={`traffic-native${invalid ? ' traffic-invalid' : ''}`}>{PLATE_TYPE_LABEL[plateType]}</View>
      </Picker>
    );
  }

  function renderViolations() {
    return (
      <View className="card" data-testid="violations-card">
        <View className="traffic-card-title">交通违法</View>
        {violationNotice && (
          <Notice kind={violationNotice.kind} testId={violationNotice.testId}>
            {violationNotice.text}
          </Notice>
        )}
        {renderPartState(violations, 'violations')}
        {violations.kind === 'loaded' && violations.data.length === 0 && (
          <View className="text-secondary" data-testid="violations-empty">
            {vehicles.kind === 'loaded' && vehicles.data.length === 0
              ? '绑定车辆后可在此查询该车的交通违法记录。'
              : '您绑定的车辆暂无交通违法记录。'}
          </View>
        )}
        {violations.kind === 'loaded' && violations.data.length > 0 && (
          <View data-testid="violations-list" data-count={violations.data.length}>
            {violations.data.map(renderViolation)}
          </View>
        )}
      </View>
    );
  }

  function renderViolation(violation: ViolationView) {
    const id = violation.id;
    const payable = violation.payableOnline && violation.status === 'unpaid';
    const paying = payingId === id;
    return (
      <View
        key={id}
        className="traffic-row"
        data-testid={`violation-row-${id}`}
        data-status={violation.status}
        data-payable={payable ? 'true' : 'false'}
      >
        <View className="traffic-strong" data-testid={`violation-row-${id}-behaviour`}>
          {violation.behaviour}
        </View>
        <View className="traffic-line">
          <View className="traffic-line-label">车辆</View>
          <View className="traffic-line-value">{violation.plate}</View>
        </View>
        <View className="traffic-line">
          <View className="traffic-line-label">时间</View>
          <View className="traffic-line-value" data-testid={`violation-row-${id}-time`}>
            {formatDateTime(violation.occurredAt)}
          </View>
        </View>
        <View className="traffic-line">
          <View className="traffic-line-label">地点</View>
          <View className="traffic-line-value" data-testid={`violation-row-${id}-place`}>
            {violation.place}
          </View>
        </View>
        <View className="traffic-line">
          <View className="traffic-line-label">罚款</View>
          <View className="traffic-line-value" data-testid={`violation-row-${id}-fine`}>
            {formatYuan(violation.fineFen)}
          </View>
        </View>
        <View className="traffic-line">
          <View className="traffic-line-label">记分</View>
          <View className="traffic-line-value" data-testid={`violation-row-${id}-points`}>
            {violation.points === 0 ? '不记分' : `${violation.points} 分`}
          </View>
        </View>
        <View className="traffic-line">
          <View className="traffic-line-label">状态</View>
          <View
            className={`traffic-line-value traffic-status traffic-status-${violation.status}`}
            data-testid={`violation-row-${id}-status`}
            data-status={violation.status}
          >
            {violation.statusLabel || VIOLATION_STATUS_LABEL[violation.status]}
          </View>
        </View>
        {payable && (
          <Button
            className="btn btn-primary"
            data-testid={`violation-pay-${id}`}
            disabled={payingId !== null}
            onClick={() => void onPay(violation)}
          >
            {paying ? '正在打开微信支付…' : `缴纳罚款 ${formatYuan(violation.fineFen)}`}
          </Button>
        )}
        {!payable && violation.status !== 'paid' && (
          <View className="notice notice-info" data-testid={`violation-window-${id}`}>
            需到窗口处理：请携带驾驶证、行驶证到交管部门窗口接受处理后缴纳罚款。
          </View>
        )}
      </View>
    );
  }
}

function Fact({
  label,
  testId,
  extra,
  children,
}: {
  label: string;
  testId: string;
  extra?: Record<string, string | number>;
  children: ReactNode;
}) {
  return (
    <View className="traffic-line">
      <View className="traffic-line-label">{label}</View>
      <View className="traffic-line-value" data-testid={testId} {...extra}>
        {children}
      </View>
    </View>
  );
}
