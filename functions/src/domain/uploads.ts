import { randomUUID } from 'node:crypto';
import { AppError, findServiceItem, type UploadRequest, type UploadTicket } from '@minsheng/shared';
import { presignUpload } from '../adapters/storage';
import { config } from '../config';
import { nowIso, nowMs } from '../lib/clock';
import { getApplication } from '../repositories/applications';
import { insertUploadWithinLimit } from '../repositories/uploads';

/** Upload is open while the citizen is preparing the case or answering a supplement request. */
const UPLOADABLE_STATUSES = new Set(['draft', 'supplement_requested']);

/**
 * Tickets per uploadable material slot of the item: room for re-picking a file and for a
 * supplement round, but a bounded number of objects per case whatever a client does.
 */
export const TICKETS_PER_MATERIAL_SLOT = 5;

/**
 * Issues a presigned PUT for one material file of the citizen's own case. The signature
 * binds the content type, exact size and SHA-256, so the store refuses any other bytes.
 * A case gets at most TICKETS_PER_MATERIAL_SLOT tickets per uploadable material.
 * @throws AppError APPLICATION_NOT_FOUND | ACTION_NOT_ALLOWED | MATERIAL_INVALID | UPLOAD_LIMIT_REACHED
 */
export async function createUploadTicket(userId: string, request: UploadRequest): Promise<UploadTicket> {
  const record = await getApplication(request.applicationId);
  if (!record || record.userId !== userId) throw new AppError('APPLICATION_NOT_FOUND');
  if (!UPLOADABLE_STATUSES.has(record.status))
    throw new AppError('ACTION_NOT_ALLOWED', undefined, '当前状态下不能上传材料');
  const materials = findServiceItem(record.itemCode)?.materials ?? [];
  const material = materials.find((m) => m.key === request.materialKey);
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
  const limit = materials.filter((m) => m.uploadable).length * TICKETS_PER_MATERIAL_SLOT;
  const recorded = await insertUploadWithinLimit(
    {
      uploadId,
      userId,
      applicationId: record.id,
      materialKey: material.key,
      objectKey,
      fileName: request.fileName,
      contentType: request.contentType,
      size: request.size,
      sha256: request.sha256,
      createdAt: nowIso(),
    },
    limit,
  );
  if (!recorded) throw new AppError('UPLOAD_LIMIT_REACHED');
  const { url, headers } = await presignUpload(objectKey, request.contentType, request.size, request.sha256);
  return {
    uploadId,
    url,
    method: 'PUT',
    headers,
    expiresAt: nowIso(nowMs() + config().storage.uploadUrlTtlSeconds * 1000),
  };
}
