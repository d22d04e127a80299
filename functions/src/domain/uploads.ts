import { randomUUID } from 'node:crypto';
import { AppError, findServiceItem, type UploadRequest, type UploadTicket } from '@minsheng/shared';
import { presignUpload } from '../adapters/storage';
import { config } from '../config';
import { nowIso, nowMs } from '../lib/clock';
import { getApplication } from '../repositories/applications';
import { insertUpload } from '../repositories/uploads';

/** Upload is open while the citizen is preparing the case or answering a supplement request. */
const UPLOADABLE_STATUSES = new Set(['draft', 'supplement_requested']);

/**
 * Issues a presigned PUT for one material file of the citizen's own case. The signature
 * binds the content type and exact size, so the store refuses anything else.
 * @throws AppError APPLICATION_NOT_FOUND | ACTION_NOT_ALLOWED | MATERIAL_INVALID
 */
export async function createUploadTicket(userId: string, request: UploadRequest): Promise<UploadTicket> {
  const record = await getApplication(request.applicationId);
  if (!record || record.userId !== userId) throw new AppError('APPLICATION_NOT_FOUND');
  if (!UPLOADABLE_STATUSES.has(record.status))
    throw new AppError('ACTION_NOT_ALLOWED', undefined, '当前状态下不能上传材料');
  const material = findServiceItem(record.itemCode)?.materials.find((m) => m.key === request.materialKey);
  if (!material) throw new AppError('MATERIAL_INVALID', [{ path: 'materialKey', message: '该事项没有这项材料' }]);
  if (!material.uploadable) {
    throw new AppError(
      'MATERIAL_INVALID',
      [{ path: 'materialKey', message: `${material.name}由电子证照提供，无需上传` }],
      `${material.name}由电子证照提供，无需上传`,
    );
  }
  const uploadId = randomUUID();
  const objectKey = `materials/${record.id}/${uploadId}`;
  await insertUpload({
    uploadId,
    userId,
    applicationId: record.id,
    materialKey: material.key,
    objectKey,
    fileName: request.fileName,
    contentType: request.contentType,
    size: request.size,
    createdAt: nowIso(),
  });
  const { url, headers } = await presignUpload(objectKey, request.contentType, request.size);
  return {
    uploadId,
    url,
    method: 'PUT',
    headers,
    expiresAt: nowIso(nowMs() + config().storage.uploadUrlTtlSeconds * 1000),
  };
}
