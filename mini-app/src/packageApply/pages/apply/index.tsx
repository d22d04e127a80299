import { Button, Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Notice } from '../../../components/Notice';
import { askSubscriptions, prefetchSubscriptionTemplates } from '../../../platform/subscribe-message';
import { fetchApplication, saveDraft, submitApplication } from '../../../services/applications';
import { fetchServiceItem } from '../../../services/catalogue';
import { isApiError, userMessageOf } from '../../../services/request';
import { clearSession, isLoggedIn } from '../../../services/session';
import {
  type ApplicationView,
  DELIVERY_METHOD_LABEL,
  type DeliveryMethod,
  type FormData,
  LICENCE_LABEL,
  type Material,
  ORGANISATION_ROLE_LABEL,
  type SaveDraftRequest,
  type ServiceItem,
} from '../../../shared';
import { formatDateTime, formatWorkingDays } from '../../../utils/format';
import { applyPage, casePage, goToLogin, LIST_PAGE } from '../../../utils/navigation';
import { FilePicker } from '../../components/FilePicker';
import { FormSectionView } from '../../components/FormFields';
import {
  EMPTY_POSTAL,
  type ErrorMap,
  formPayload,
  heldLicences,
  holdsLicence,
  initialFormData,
  initialMaterials,
  type MaterialChoice,
  maskedValuesOf,
  materialRefs,
  type PostalDraft,
  placeServerDetails,
  preferredLicence,
  usesLicence,
  validateDelivery,
  validateForm,
  validateMaterials,
  validPostalAddress,
} from '../../form/model';
import { checkFile, type PickedFile, uploadMaterial } from '../../services/upload';
import '../../apply.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'need-login'; message?: string }
  | { kind: 'failed'; message: string; notFound: boolean }
  | { kind: 'ready'; item: ServiceItem };

interface PageNotice {
  kind: 'error' | 'info' | 'success';
  testId: string;
  text: string;
  list?: string[];
}

const DETAIL_CODES = ['FORM_INVALID', 'MATERIALS_MISSING', 'MATERIAL_INVALID', 'VALIDATION_FAILED'];

/**
 * The application form of one draft, rendered from the item's form definition: sections,
 * repeating sections, conditional fields, read-only identity prefill, materials (e-licences
 * referenced automatically, uploads for the rest), delivery method. 保存草稿 / 提交申请.
 */
export default function ApplyPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [view, setView] = useState<ApplicationView | null>(null);
  const [formData, setFormData] = useState<FormData>({});
  const [materials, setMaterials] = useState<MaterialChoice>({});
  const [delivery, setDelivery] = useState<DeliveryMethod | undefined>();
  const [postal, setPostal] = useState<PostalDraft>(EMPTY_POSTAL);
  /** Saved phone/ID numbers as the server shows them (masked); unchanged, they are kept. */
  const [masked, setMasked] = useState<Record<string, string>>({});
  /** A saved postal phone comes back masked and must be typed again to save the address. */
  const [postalPhoneMask, setPostalPhoneMask] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const [busy, setBusy] = useState<'saving' | 'submitting' | null>(null);
  const [uploading, setUploading] = useState<Record<string, boolean>>({});

  // Saves run one after another and read the latest values, whatever render started them.
  const latest = useRef({ formData, materials, delivery, postal });
  latest.current = { formData, materials, delivery, postal };
  const versionRef = useRef(0);
  const saveQueue = useRef<Promise<unknown>>(Promise.resolve());

  const load = useCallback(async (): Promise<boolean> => {
    if (!id) {
      setPhase({ kind: 'failed', message: '没有找到该办件', notFound: true });
      return false;
    }
    if (!isLoggedIn()) {
      setPhase({ kind: 'need-login' });
      return false;
    }
    try {
      const application = await fetchApplication(id);
      if (application.status !== 'draft') {
        await Taro.redirectTo({ url: `/${casePage(id)}` });
        return false;
      }
      const item = await fetchServiceItem(application.itemCode);
      versionRef.current = application.version;
      setView(application);
      const data = initialFormData(item.form, application.formData);
      setFormData(data);
      setMasked(maskedValuesOf(item.form, data));
      setMaterials(
        initialMaterials(item.materials, application.materials, heldLicences(Boolean(application.organisation))),
      );
      setDelivery(
        application.deliveryMethod ?? (item.deliveryMethods.length === 1 ? item.deliveryMethods[0] : undefined),
      );
      const savedPostal = application.postalAddress;
      const phoneMasked = Boolean(savedPostal?.phone.includes('*'));
      setPostal(savedPostal ? { ...savedPostal, phone: phoneMasked ? '' : savedPostal.phone } : EMPTY_POSTAL);
      setPostalPhoneMask(phoneMasked && savedPostal ? savedPostal.phone : '');
      setErrors({});
      setPhase({ kind: 'ready', item });
      void Taro.setNavigationBarTitle({ title: `在线申请 · ${item.name}` });
      return true;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setPhase({ kind: 'need-login', message: error.message });
      } else {
        setPhase({
          kind: 'failed',
          message: userMessageOf(error),
          notFound: isApiError(error) && error.status === 404,
        });
      }
      return false;
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  // weapp: the subscribe-message template ids, ready before 提交申请 is tapped.
  useEffect(prefetchSubscriptionTemplates, []);

  if (phase.kind !== 'ready' || !view) {
    return (
      <View className="page">
        <View className="page-title">在线申请</View>
        {phase.kind === 'loading' && (
          <View className="text-secondary" data-testid="apply-loading">
            正在加载申请表…
          </View>
        )}
        {phase.kind === 'need-login' && (
          <View data-testid="apply-need-login">
            <Notice kind="info" testId="apply-login-required">
              {phase.message ?? '请先登录。'}
            </Notice>
            <Button className="btn btn-primary" data-testid="apply-login" onClick={() => goToLogin(applyPage(id))}>
              去登录
            </Button>
          </View>
        )}
        {phase.kind === 'failed' && (
          <View>
            <Notice kind="error" testId={phase.notFound ? 'apply-not-found' : 'apply-load-error'}>
              {phase.message}
            </Notice>
            {!phase.notFound && (
              <Button className="btn btn-primary" data-testid="apply-retry" onClick={() => void load()}>
                重新加载
              </Button>
            )}
            <Button
              className="btn btn-secondary"
              data-testid="apply-go-list"
              onClick={() => void Taro.redirectTo({ url: `/${LIST_PAGE}` })}
            >
              查看我的办件
            </Button>
          </View>
        )}
      </View>
    );
  }

  const { item } = phase;
  const working = busy !== null || Object.values(uploading).some(Boolean);

  const persist = (): Promise<ApplicationView> => {
    const run = saveQueue.current
      .catch(() => undefined)
      .then(async () => {
        const current = latest.current;
        const body: SaveDraftRequest = {
          expectedVersion: versionRef.current,
          formData: formPayload(item.form, current.formData),
          materials: materialRefs(current.materials),
        };
        if (current.delivery) body.deliveryMethod = current.delivery;
        const address = current.delivery === 'post' ? validPostalAddress(current.postal) : undefined;
        if (address) body.postalAddress = address;
        const saved = await saveDraft(id, body);
        versionRef.current = saved.version;
        setView(saved);
        return saved;
      });
    saveQueue.current = run;
    return run;
  };

  const handleError = async (error: unknown) => {
    if (!isApiError(error)) {
      setNotice({ kind: 'error', testId: 'apply-error', text: userMessageOf(error) });
      return;
    }
    if (error.code === 'VERSION_CONFLICT' || error.code === 'ACTION_NOT_ALLOWED') {
      if (await load()) {
        setNotice({
          kind: 'info',
          testId: 'apply-conflict',
          text: '该办件已在其他地方更新，已为您重新加载最新内容，请核对后再保存或提交。',
        });
      }
      return;
    }
    if (error.status === 401) {
      clearSession();
      setPhase({ kind: 'need-login', message: error.message });
      return;
    }
    if (DETAIL_CODES.includes(error.code) && error.details.length > 0) {
      const placed = placeServerDetails(error.details, item.form, item.materials);
      setErrors(placed.errors);
      setNotice({ kind: 'error', testId: 'apply-error', text: error.message, list: placed.unplaced });
      scrollToFirstError();
      return;
    }
    setNotice({ kind: 'error', testId: 'apply-error', text: error.message });
  };

  const onSave = async () => {
    if (working) return;
    setBusy('saving');
    setNotice(null);
    try {
      const saved = await persist();
      setNotice({ kind: 'success', testId: 'apply-saved', text: `草稿已保存（${formatDateTime(saved.updatedAt)}）` });
    } catch (error) {
      await handleError(error);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async () => {
    if (working) return;
    setNotice(null);
    const found: ErrorMap = {
      ...validateForm(item.form, formPayload(item.form, formData), masked),
      ...validateMaterials(item.materials, materials),
      ...validateDelivery(item.deliveryMethods, delivery, postal),
    };
    setErrors(found);
    const count = Object.keys(found).length;
    if (count > 0) {
      setNotice({
        kind: 'error',
        testId: 'apply-error',
        text: `还有 ${count} 处需要填写或修改，请按红色提示处理后再提交。`,
      });
      scrollToFirstError();
      return;
    }
    // weapp: offer progress / payment reminders from the tap itself; never blocks (h5: nothing).
    askSubscriptions('application-submitted');
    setBusy('submitting');
    try {
      const saved = await persist();
      await submitApplication(id, saved.version);
      await Taro.redirectTo({ url: `/${casePage(id)}` });
    } catch (error) {
      await handleError(error);
    } finally {
      setBusy(null);
    }
  };

  const clearError = (path: string) =>
    setErrors((current) => {
      if (!(path in current)) return current;
      const { [path]: _removed, ...rest } = current;
      return rest;
    });

  const setMaterial = (key: string, ref: MaterialChoice[string]) => {
    const next = { ...latest.current.materials, [key]: ref };
    latest.current = { ...latest.current, materials: next };
    setMaterials(next);
  };

  const onPicked = async (material: Material, file: PickedFile) => {
    const path = `materials.${material.key}`;
    const problem = checkFile(file);
    if (problem) {
      setErrors((current) => ({ ...current, [path]: problem }));
      return;
    }
    clearError(path);
    setUploading((current) => ({ ...current, [material.key]: true }));
    let uploaded = false;
    try {
      setMaterial(material.key, await uploadMaterial(id, material.key, file));
      uploaded = true;
    } catch (error) {
      setErrors((current) => ({ ...current, [path]: userMessageOf(error) }));
    } finally {
      setUploading((current) => ({ ...current, [material.key]: false }));
    }
    // Keeps the reference in the draft, so reopening shows the file. Queued like every save, so a
    // 保存/提交 right after waits for it; a failure here surfaces on that 保存/提交.
    if (uploaded) void persist().catch(() => undefined);
  };

  return (
    <View className="page apply" data-testid="apply-page" data-version={view.version}>
      <View className="page-title" data-testid="apply-item-name">
        {item.name}
      </View>
      {view.organisation && (
        <View
          className="card apply-organisation"
          data-testid="apply-organisation"
          data-credit-code={view.organisation.creditCode}
        >
          <View className="apply-organisation-label">申请单位</View>
          <View className="apply-organisation-name" data-testid="apply-organisation-name">
            {view.organisation.name}
          </View>
          <View data-testid="apply-organisation-code">统一社会信用代码 {view.organisation.creditCode}</View>
          <View className="text-secondary" data-testid="apply-organisation-role">
            您以{ORGANISATION_ROLE_LABEL[view.organisation.role]}身份代表该单位申请；单位信息来自登记机关，不可修改。
          </View>
        </View>
      )}
      <View className="notice notice-info">
        请如实填写，带 * 的为必填项。可随时保存草稿，下次从“我的办件”继续填写。承诺
        {formatWorkingDays(item.promisedDays)}办结。
      </View>

      {item.form.sections.map((section) => (
        <FormSectionView
          key={section.key}
          section={section}
          value={formData[section.key]}
          masked={masked}
          errors={errors}
          disabled={working}
          onChange={(next) => setFormData((current) => ({ ...current, [section.key]: next }))}
        />
      ))}

      <View className="card" data-testid="apply-materials">
        <View className="apply-section-title">申请材料</View>
        {item.materials.length === 0 && <View className="text-secondary">本事项无需提交材料</View>}
        {item.materials.map((material) => renderMaterial(material))}
      </View>

      <View className="card" data-testid="apply-delivery">
        <View className="apply-section-title">送达方式</View>
        <View role="radiogroup">
          {item.deliveryMethods.map((method) => (
            <View
              key={method}
              className={`choice${delivery === method ? ' choice-selected' : ''}`}
              data-testid={`delivery-${method}`}
              role="radio"
              aria-checked={delivery === method}
              data-checked={delivery === method ? 'true' : 'false'}
              onClick={() => {
                if (working) return;
                setDelivery(method);
                clearError('deliveryMethod');
              }}
            >
              <View className={`choice-dot${delivery === method ? ' choice-dot-checked' : ''}`} />
              <View className="choice-text">{DELIVERY_METHOD_LABEL[method]}</View>
            </View>
          ))}
        </View>
        {renderError('deliveryMethod')}
        {delivery === 'window' && item.materials.some((m) => m.originalCheckedAtPickup) && (
          <View className="text-secondary">领取时请携带相关材料原件，窗口当场核验。</View>
        )}
        {renderError('postalAddress')}
        {delivery === 'post' && (
          <View data-testid="apply-postal">
            {renderPostalField('recipient', '收件人', 'text', 30)}
            {renderPostalField('phone', '收件人电话', 'number', 11)}
            {renderPostalField('address', '详细地址', 'text', 120)}
          </View>
        )}
      </View>

      {notice && (
        <Notice kind={notice.kind} testId={notice.testId}>
          {notice.text}
          {notice.list?.map((line) => (
            <View key={line}>· {line}</View>
          ))}
        </Notice>
      )}

      <Button className="btn btn-primary" data-testid="apply-submit" disabled={working} onClick={() => void onSubmit()}>
        {busy === 'submitting' ? '正在提交…' : '提交申请'}
      </Button>
      <Button className="btn btn-secondary" data-testid="apply-save" disabled={working} onClick={() => void onSave()}>
        {busy === 'saving' ? '正在保存…' : '保存草稿'}
      </Button>
    </View>
  );

  function renderError(path: string) {
    const message = errors[path];
    if (!message) return null;
    return (
      <View className="field-error" data-testid={`error-${path}`} role="alert">
        {message}
      </View>
    );
  }

  function renderPostalField(key: keyof PostalDraft, label: string, type: 'text' | 'number', maxlength: number) {
    const path = `postalAddress.${key}`;
    return (
      <View className="field" data-testid={`postal-${key}`}>
        <View className="field-label">{label}</View>
        <Input
          className={`field-input${errors[path] ? ' field-invalid' : ''}`}
          type={type}
          value={postal[key]}
          maxlength={maxlength}
          disabled={working}
          placeholder={key === 'address' ? '省、市、区县、街道、门牌号' : `请填写${label}`}
          onInput={(event) => setPostal((current) => ({ ...current, [key]: event.detail.value }))}
        />
        {key === 'phone' && postalPhoneMask && !postal.phone && (
          <View className="text-secondary field-help" data-testid="postal-phone-saved">
            已保存的电话 {postalPhoneMask}。为保护隐私只显示部分号码，请重新输入完整号码。
          </View>
        )}
        {renderError(path)}
      </View>
    );
  }

  function renderMaterial(material: Material) {
    const ref = materials[material.key];
    const busyUploading = uploading[material.key] === true;
    const state = usesLicence(material)
      ? ref
        ? 'licence'
        : 'not-used'
      : busyUploading
        ? 'uploading'
        : ref
          ? 'uploaded'
          : 'missing';
    return (
      <View key={material.key} className="material" data-testid={`material-${material.key}`} data-state={state}>
        <View className="material-name">
          {material.name}
          {material.required ? (
            <View className="field-required">*</View>
          ) : (
            <View className="field-optional">（选填）</View>
          )}
        </View>
        {usesLicence(material) ? renderLicence(material) : renderUpload(material, busyUploading)}
        {material.note && <View className="text-secondary">{material.note}</View>}
        {renderError(`materials.${material.key}`)}
      </View>
    );
  }

  function renderLicence(material: Material) {
    const held = heldLicences(Boolean(view?.organisation));
    const licence = preferredLicence(material, held);
    if (!licence) return null;
    const ref = materials[material.key];
    const text = `使用电子证照：${LICENCE_LABEL[ref?.kind === 'licence' ? ref.licenceType : licence]}`;
    if (!ref && !holdsLicence(licence, held)) {
      return (
        <View className="material-unavailable" data-testid={`material-licence-${material.key}`} data-available="false">
          未能调取您的{LICENCE_LABEL[licence]}电子证照。
          {material.required ? '本事项暂不能在线提交，请携带原件到窗口办理。' : '如需提供，请携带原件到窗口办理。'}
        </View>
      );
    }
    if (material.required) {
      return (
        <View>
          <View className="material-licence" data-testid={`material-licence-${material.key}`} data-available="true">
            ✓ {text}
          </View>
          <View className="text-secondary">公安机关已掌握该证照，无需上传。</View>
        </View>
      );
    }
    return (
      <View
        className="choice"
        data-testid={`material-licence-${material.key}`}
        data-available="true"
        role="checkbox"
        aria-checked={Boolean(ref)}
        data-checked={ref ? 'true' : 'false'}
        onClick={() =>
          !working &&
          setMaterial(
            material.key,
            ref ? undefined : { materialKey: material.key, kind: 'licence', licenceType: licence },
          )
        }
      >
        <View className={`choice-box${ref ? ' choice-box-checked' : ''}`}>{ref ? '✓' : ''}</View>
        <View className="choice-text">{text}</View>
      </View>
    );
  }

  function renderUpload(material: Material, busyUploading: boolean) {
    const ref = materials[material.key];
    return (
      <View>
        {ref?.kind === 'upload' && (
          <View className="material-file">
            <View className="material-file-name" data-testid={`material-file-${material.key}`}>
              已上传：{ref.fileName}
            </View>
            <Button
              className="btn-inline"
              data-testid={`material-remove-${material.key}`}
              disabled={working}
              onClick={() => setMaterial(material.key, undefined)}
            >
              删除
            </Button>
          </View>
        )}
        {busyUploading && (
          <View className="text-secondary" data-testid={`material-uploading-${material.key}`}>
            正在上传，请稍候…
          </View>
        )}
        <FilePicker
          testId={`material-upload-${material.key}`}
          label={ref ? '重新上传' : '上传'}
          disabled={working}
          onPicked={(file) => void onPicked(material, file)}
        />
        <View className="text-secondary">支持 JPG、PNG 图片或 PDF 文件，单个不超过 10 MB</View>
      </View>
    );
  }
}

/** Brings the first red message into view after a failed check. */
function scrollToFirstError() {
  setTimeout(() => {
    if (process.env.TARO_ENV === 'h5') {
      document.querySelector('.taro_page_show .field-error')?.scrollIntoView({ block: 'center' });
    } else {
      Taro.pageScrollTo({ selector: '.field-error', duration: 200 }).catch(() => undefined);
    }
  }, 50);
}
