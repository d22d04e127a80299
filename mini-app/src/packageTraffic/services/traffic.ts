import { request } from '../../services/request';
import type { BindVehicleRequest, DrivingLicenceView, VehicleView, ViolationView } from '../../shared';

/** 交管: the citizen's driving licence, bound vehicles and their violations (see the API contract). */

/** The driving licence on record for the verified citizen, or null when there is none. */
export const fetchLicence = async (): Promise<DrivingLicenceView | null> =>
  (await request<DrivingLicenceView | null | undefined>('/traffic/licence')) ?? null;

export const fetchVehicles = async (): Promise<VehicleView[]> =>
  (await request<{ items: VehicleView[] }>('/traffic/vehicles')).items;

/** 404 VEHICLE_NOT_FOUND, 403 VEHICLE_NOT_OWNED, 409 VEHICLE_ALREADY_BOUND / VEHICLE_LIMIT_REACHED. */
export const bindVehicle = (body: BindVehicleRequest): Promise<VehicleView> =>
  request<VehicleView>('/traffic/vehicles', { method: 'POST', data: body });

export const unbindVehicle = (plate: string): Promise<void> =>
  request<void>(`/traffic/vehicles/${encodeURIComponent(plate)}`, { method: 'DELETE' });

/** Violations of every bound vehicle, newest first. */
export const fetchViolations = async (): Promise<ViolationView[]> =>
  (await request<{ items: ViolationView[] }>('/traffic/violations')).items;
